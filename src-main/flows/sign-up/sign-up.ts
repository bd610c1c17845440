/**
 * The sign-up flow as a door runs it, in one call each:
 *  - `register` (SignUp): checks the new user against the pool and client, then starts the flow;
 *  - `resend` (ResendConfirmationCode): a new code in the user's flow;
 *  - `confirm` (ConfirmSignUp): the code confirms the user.
 * The user's flow is the live one whose id the user keeps, or one opened for the code they hold
 * (a code sent before any flow, or after the last one ended). What an unknown or disabled user
 * is told depends on the client's PreventUserExistenceErrors; Cognito's hourly limits per user
 * are counted before the flow runs.
 */
import type { AttributeType } from '@aws-sdk/client-cognito-identity-provider';
import type { AppClient } from '../../cognito/app-clients.js';
import { checkNewUserAttributes } from '../../cognito/attributes.js';
import { disabledUser, hidesUserExistence, unknownUser } from '../../cognito/client-request.js';
import { checkClientMayWrite } from '../../cognito/client-writes.js';
import type { CodeDelivery } from '../../cognito/code-delivery.js';
import { confirmationDestination } from '../../cognito/confirmation.js';
import { CodeMismatchException, ExpiredCodeException, InvalidParameterException, NotAuthorizedException } from '../../cognito/errors.js';
import { checkPasswordPolicy } from '../../cognito/password-policy.js';
import { CONFIRMATION_CODE_VALIDITY_MS, selfServiceState, withAttempt } from '../../cognito/pending-codes.js';
import { passwordPolicyOf } from '../../cognito/pool-config.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { simulatedDelivery } from '../../cognito/simulated-delivery.js';
import { newUsername, usernameKeyOf } from '../../cognito/usernames.js';
import type { StoredFlow } from '../../store/repositories/flows.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import type { FlowCall } from '../call.js';
import { answerFrom, callDataOf, withNamedUser, type FlowAnswer, type SelfServiceServices, type UserCall } from '../self-service.js';
import { noCodeToSend, signUpActors } from './actors.js';
import { signUpMachine, type SignUpFlowEvent, type SignUpFlowInput } from './machine.js';

/** How long the flow's (unused) session is kept: as long as a confirmation code lives. */
const FLOW_MINUTES = CONFIRMATION_CODE_VALIDITY_MS / 60_000;
const TRIGGERS = ['PreSignUp', 'PostConfirmation'] as const;

export interface SignUpRequest extends UserCall {
  password: string | undefined;
  attributes: AttributeType[] | undefined;
  validationData?: AttributeType[];
}

export interface ConfirmRequest extends UserCall {
  code: string;
  forceAliasCreation: boolean;
}

export interface SignUpFlow {
  /** The new user's sub, whether it is confirmed already, and where its code went (absent when none was sent). */
  register(request: SignUpRequest, call: FlowCall): Promise<{ userSub: string; userConfirmed: boolean; delivery?: CodeDelivery }>;
  resend(request: UserCall, call: FlowCall): Promise<CodeDelivery>;
  confirm(request: ConfirmRequest, call: FlowCall): Promise<void>;
}

function checkSelfSignUpAllowed(pool: UserPool): void {
  if (pool.config.AdminCreateUserConfig?.AllowAdminCreateUserOnly) throw new NotAuthorizedException('SignUp is not permitted for this user pool');
}

/** The new user, as SignUp describes it (checked against the pool and client). */
function newUser({ pool, client, username: requested, attributes: given = [] }: SignUpRequest, sub: string, now: number): StoredUser {
  const { username, attribute } = newUsername(pool, requested, sub);
  const attributes = checkNewUserAttributes(pool, [...given, ...(attribute ? [attribute] : [])], { writer: 'client', requireRequired: true });
  checkClientMayWrite(pool, client, given.map((a) => a.Name!));
  return {
    poolId: pool.id,
    username,
    usernameKey: usernameKeyOf(pool, username),
    sub,
    status: 'UNCONFIRMED',
    enabled: true,
    created: now,
    modified: now,
    attributes: [{ Name: 'sub', Value: sub }, ...attributes],
    extra: {},
  };
}

/** The user to confirm: one who exists, is enabled and awaits confirmation. */
function checkConfirmable(client: AppClient, user: StoredUser | undefined): StoredUser {
  if (!user) throw hidesUserExistence(client) ? new CodeMismatchException() : unknownUser();
  if (!user.enabled) throw disabledUser();
  if (user.status !== 'UNCONFIRMED') throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
  return user;
}

export function createSignUp(services: SelfServiceServices): SignUpFlow {
  const machine = signUpMachine.provide({ actors: signUpActors(services) });
  const { store, clock, runner } = services;

  const callData = (request: UserCall, call: FlowCall) => callDataOf(services, TRIGGERS, request, call);

  function flowInput(request: UserCall, user: StoredUser, call: FlowCall, rest: Pick<SignUpFlowInput, 'registered' | 'registration' | 'validationData'>): SignUpFlowInput {
    return {
      poolId: request.pool.id,
      clientId: request.client.clientId,
      username: user.username,
      userSub: user.sub,
      ...callData(request, call),
      ...rest,
    };
  }

  const meta = (request: UserCall, user: StoredUser, call: FlowCall) => ({
    kind: 'sign-up',
    poolId: request.pool.id,
    clientId: request.client.clientId,
    username: user.username,
    sessionMinutes: FLOW_MINUTES,
    ...(call.parentFlowId && { parentFlowId: call.parentFlowId }),
  });

  /** The user's sign-up flow awaiting a code: the live one, or one opened for the code they hold. */
  async function openFlow(request: UserCall, user: StoredUser, call: FlowCall): Promise<StoredFlow> {
    const live = runner.findLive(selfServiceState(user).signUpFlowId);
    if (live) return live;
    const step = await runner.start(machine, meta(request, user, call), flowInput(request, user, call, { registered: true }));
    return store.flows.findById(step.flowId)!;
  }

  async function resumeWith(request: UserCall, user: StoredUser, event: SignUpFlowEvent, call: FlowCall): Promise<FlowAnswer> {
    const flow = await openFlow(request, user, call);
    return answerFrom(await runner.resume(machine, flow, FLOW_MINUTES, event), call);
  }

  return {
    async register(request, call) {
      const { pool, client } = request;
      checkSecretHash(client, request.username, request.secretHash, 'SecretHash');
      checkSelfSignUpAllowed(pool);
      const user = newUser(request, services.ids.uuid(), clock.now());
      checkPasswordPolicy(request.password ?? '', passwordPolicyOf(pool));
      const input = flowInput(request, user, call, {
        registered: false,
        registration: { user, password: request.password! },
        ...(request.validationData && { validationData: request.validationData }),
      });
      const answer = answerFrom(await runner.start(machine, meta(request, user, call), input), call);
      return { userSub: user.sub, userConfirmed: answer.userConfirmed === true, ...(answer.delivery && { delivery: answer.delivery }) };
    },

    resend: (request, call) => withNamedUser(services, request, async (user) => {
      const { pool, client } = request;
      if (!user || !user.enabled) {
        if (hidesUserExistence(client)) {
          const verifiesPhone = (pool.config.AutoVerifiedAttributes ?? []).includes('phone_number');
          return simulatedDelivery(pool, request.username, verifiesPhone ? 'phone_number' : 'email');
        }
        throw user ? disabledUser() : unknownUser();
      }
      if (user.status !== 'UNCONFIRMED') throw new InvalidParameterException('User is already confirmed.');
      if (!confirmationDestination(pool, user)) throw noCodeToSend();
      const counted = withAttempt(user, 'ResendConfirmationCode', clock.now());
      store.users.save(counted);
      const answer = await resumeWith(request, counted, { type: 'RESEND', ...callData(request, call) }, call);
      return answer.delivery!;
    }),

    confirm: (request, call) => withNamedUser(services, request, async (named) => {
      const user = checkConfirmable(request.client, named);
      const counted = withAttempt(user, 'ConfirmSignUp', clock.now());
      store.users.save(counted);
      if (!selfServiceState(counted).confirmationCode) throw new ExpiredCodeException();
      const event: SignUpFlowEvent = { type: 'CONFIRM', code: request.code, forceAliasCreation: request.forceAliasCreation, ...callData(request, call) };
      await resumeWith(request, counted, event, call);
    }),
  };
}
