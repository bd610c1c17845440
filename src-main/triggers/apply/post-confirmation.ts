/**
 * Post confirmation as Cognito runs it: after ConfirmSignUp, AdminConfirmSignUp or an
 * auto-confirmed SignUp (PostConfirmation_ConfirmSignUp) and after ConfirmForgotPassword
 * (PostConfirmation_ConfirmForgotPassword), once the user is confirmed and saved. The function
 * sees the confirmed user's attributes; its failure is the call's error (UserLambdaValidationException
 * "PostConfirmation failed with error ..."), while the confirmation stands, as in Cognito.
 */
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { userAttributesOf } from '../events/common.js';
import { postConfirmationEvent, readPostConfirmationResponse, type PostConfirmationSource } from '../events/postConfirmation.js';
import type { StringMap } from '../types.js';
import type { TriggerCaller } from './caller.js';
import type { Triggers } from '../runtime.js';

export interface PostConfirmationCall {
  pool: UserPool;
  /** The user as confirmed. */
  user: StoredUser;
  triggerSource: Exclude<PostConfirmationSource, 'PostConfirmation_ConfirmSignIn'>;
  caller: TriggerCaller;
  clientMetadata?: StringMap;
  flowId?: string | null;
}

export function hasPostConfirmation(services: { triggers: Triggers }, pool: UserPool): boolean {
  return services.triggers.isConfigured(pool, 'PostConfirmation');
}

/** Runs the pool's post confirmation function, when it has one. */
export async function runPostConfirmation(services: { triggers: Triggers }, call: PostConfirmationCall): Promise<void> {
  if (!hasPostConfirmation(services, call.pool)) return;
  const event = postConfirmationEvent({
    ...call.caller,
    userPoolId: call.pool.id,
    triggerSource: call.triggerSource,
    userName: call.user.username,
    userAttributes: userAttributesOf(call.user, call.pool),
    clientMetadata: call.clientMetadata,
  });
  await services.triggers.invoke({ pool: call.pool, trigger: 'PostConfirmation', event, flowId: call.flowId, read: readPostConfirmationResponse });
}
