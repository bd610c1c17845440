/**
 * Pre sign-up as Cognito runs it before SignUp (PreSignUp_SignUp) and AdminCreateUser
 * (PreSignUp_AdminCreateUser) create a user: the function sees the attributes being signed up
 * with, the call's ValidationData and ClientMetadata, and may refuse by throwing. Run it before
 * anything is written, so that a refusal leaves no user behind.
 *
 * Its answer applies to SignUp only (events/preSignUp.ts reads the AdminCreateUser answer as no
 * decision, as the guide says): autoConfirmUser confirms the user (no code is sent), and
 * autoVerifyEmail / autoVerifyPhone mark the email / phone number verified, which needs the
 * attribute to have a value and the user to be auto-confirmed too. A verified email or phone
 * number that is an alias moves to the new user from whoever held it (sign-up-flow.ts claims it
 * with force).
 *
 * Assumption: Cognito's exception for an auto-verified attribute without a value is not in the
 * reference; InvalidParameterException is used, as for the documented "Phone or email cannot be
 * auto verified, when user is not being auto confirmed." refusal.
 */
import { InvalidParameterException } from '../../cognito/errors.js';
import { applyAttributeChanges, attributeMap, type AttributeChange } from '../../cognito/attributes.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { preSignUpEvent, readPreSignUpResponse, type PreSignUpResponse } from '../events/preSignUp.js';
import type { StringMap } from '../types.js';
import type { TriggerCaller } from './caller.js';
import type { Triggers } from '../runtime.js';

export type PreSignUpDecision = PreSignUpResponse;

/** ValidationData as the API takes it. */
type NameAndValue = { Name?: string; Value?: string };

/** What a pool without the trigger decides. */
export const NO_DECISION: PreSignUpDecision = Object.freeze({ autoConfirmUser: false, autoVerifyPhone: false, autoVerifyEmail: false });

export interface PreSignUpCall {
  pool: UserPool;
  /** The user about to be created, its attributes as given (and checked). */
  user: StoredUser;
  /** PreSignUp_ExternalProvider: a federated user's first sign-in (cognito/federation/federated-users.ts applies its answer). */
  triggerSource: 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser' | 'PreSignUp_ExternalProvider';
  caller: TriggerCaller;
  validationData?: readonly NameAndValue[];
  clientMetadata?: StringMap;
  flowId?: string | null;
}

/** The call's ValidationData as the event carries it: a name-to-value map. */
export function validationDataMap(list: readonly NameAndValue[] | undefined): StringMap | undefined {
  return list && Object.fromEntries(list.map((attribute) => [attribute.Name!, attribute.Value ?? '']));
}

/** The attributes the user signs up with (Cognito assigns `sub` later). */
function signUpAttributes(user: StoredUser): StringMap {
  return Object.fromEntries(user.attributes.filter((attribute) => attribute.Name !== 'sub').map((attribute) => [attribute.Name, attribute.Value]));
}

/** Runs the pool's pre sign-up function (a refusal is thrown); NO_DECISION when it has none. */
export async function runPreSignUp(services: { triggers: Triggers }, call: PreSignUpCall): Promise<PreSignUpDecision> {
  if (!services.triggers.isConfigured(call.pool, 'PreSignUp')) return NO_DECISION;
  const event = preSignUpEvent({
    ...call.caller,
    userPoolId: call.pool.id,
    triggerSource: call.triggerSource,
    userName: call.user.username,
    userAttributes: signUpAttributes(call.user),
    validationData: validationDataMap(call.validationData),
    clientMetadata: call.clientMetadata,
  });
  return services.triggers.invoke({ pool: call.pool, trigger: 'PreSignUp', event, flowId: call.flowId, read: (output) => readPreSignUpResponse(output, event) });
}

function verification(attributes: Map<string, string>, attribute: 'email' | 'phone_number', label: string): AttributeChange {
  if (!attributes.get(attribute)) throw new InvalidParameterException(`${label} cannot be auto verified, as the user has no ${attribute}.`);
  return { name: `${attribute}_verified`, value: 'true' };
}

/** The new user as the decision leaves it: confirmed, and its email / phone number verified, when the function said so. */
export function applyPreSignUpDecision(user: StoredUser, decision: PreSignUpDecision): StoredUser {
  const verifies = decision.autoVerifyEmail || decision.autoVerifyPhone;
  if (verifies && !decision.autoConfirmUser) throw new InvalidParameterException('Phone or email cannot be auto verified, when user is not being auto confirmed.');
  if (!decision.autoConfirmUser) return user;
  const attributes = attributeMap(user.attributes);
  const changes = [
    ...(decision.autoVerifyEmail ? [verification(attributes, 'email', 'Email')] : []),
    ...(decision.autoVerifyPhone ? [verification(attributes, 'phone_number', 'Phone number')] : []),
  ];
  return { ...user, status: 'CONFIRMED', attributes: applyAttributeChanges(user.attributes, changes) };
}
