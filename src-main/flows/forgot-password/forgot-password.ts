/**
 * The forgot-password flow as a door runs it, in one call each:
 *  - `request` (ForgotPassword): a code to the user's recovery destination, in their live
 *    recovery flow or a new one; for a name no user answers to, in pools that migrate users, the
 *    migrate user function first;
 *  - `confirm` (ConfirmForgotPassword): the code sets the new password, in the user's flow (or
 *    one opened for a code an administrator sent).
 * A client that hides which users exist gets a plausible delivery (or a code mismatch) for a user
 * who is unknown, disabled or without a verified contact. Requesting and entering reset codes
 * share Cognito's hourly allowance per user.
 */
import type { AppClient } from '../../cognito/app-clients.js';
import { disabledUser, hidesUserExistence, unknownUser } from '../../cognito/client-request.js';
import type { CodeDelivery } from '../../cognito/code-delivery.js';
import { CodeMismatchException, CognitoError, ExpiredCodeException, InvalidParameterException, NotAuthorizedException } from '../../cognito/errors.js';
import { checkPasswordPolicy } from '../../cognito/password-policy.js';
import { RESET_CODE_VALIDITY_MS, selfServiceState, withAttempt } from '../../cognito/pending-codes.js';
import { passwordPolicyOf } from '../../cognito/pool-config.js';
import { recoveryDestination } from '../../cognito/recovery.js';
import { simulatedDelivery } from '../../cognito/simulated-delivery.js';
import type { StoredFlow } from '../../store/repositories/flows.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import type { FlowCall } from '../call.js';
import { answerFrom, callDataOf, withNamedUser, type SelfServiceServices, type UserCall } from '../self-service.js';
import { NOT_RESETTABLE, NO_VERIFIED_CONTACT, forgotPasswordActors } from './actors.js';
import { forgotPasswordMachine, type ForgotPasswordFlowEvent, type ForgotPasswordFlowInput } from './machine.js';

const FLOW_MINUTES = RESET_CODE_VALIDITY_MS / 60_000;
const TRIGGERS = ['UserMigration', 'PostConfirmation'] as const;

export interface ResetRequest extends UserCall {
  code: string;
  password: string;
}

export interface ForgotPasswordFlow {
  /** Where the code went (or, to a client hiding which users exist, where it plausibly would have). */
  request(request: UserCall, call: FlowCall): Promise<CodeDelivery>;
  confirm(request: ResetRequest, call: FlowCall): Promise<void>;
}

/** Whether the user may have a code: the refusal otherwise, and whether a hiding client conceals it. */
type Recovery = { ok: true } | { concealable: Error } | { refusal: Error };

function recoveryFor(pool: UserPool, user: StoredUser | undefined): Recovery {
  if (!user) return { concealable: unknownUser() };
  if (!user.enabled) return { concealable: disabledUser() };
  if (user.status === 'FORCE_CHANGE_PASSWORD') return { refusal: new NotAuthorizedException(NOT_RESETTABLE) };
  const destination = recoveryDestination(pool, user);
  if (destination === 'admin_only') return { refusal: new NotAuthorizedException(NOT_RESETTABLE) };
  if (!destination) return { concealable: new InvalidParameterException(NO_VERIFIED_CONTACT) };
  return { ok: true };
}

/** The medium a made-up delivery pretends to use: the pool's first recovery mechanism. */
function preferredMedium(pool: UserPool): 'email' | 'phone_number' {
  const mechanisms = [...(pool.config.AccountRecoverySetting?.RecoveryMechanisms ?? [{ Name: 'verified_phone_number', Priority: 1 }])];
  const first = mechanisms.sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0))[0];
  return first?.Name === 'verified_phone_number' ? 'phone_number' : 'email';
}

/** An unknown or disabled user: a code mismatch to clients that hide which users exist. */
function checkRecoverable(client: AppClient, user: StoredUser | undefined): StoredUser {
  if (user && user.enabled) return user;
  if (hidesUserExistence(client)) throw new CodeMismatchException();
  throw user ? disabledUser() : unknownUser();
}

export function createForgotPassword(services: SelfServiceServices): ForgotPasswordFlow {
  const machine = forgotPasswordMachine.provide({ actors: forgotPasswordActors(services) });
  const { store, clock, runner } = services;

  const callData = (request: UserCall, call: FlowCall) => callDataOf(services, TRIGGERS, request, call);

  function start(request: UserCall, username: string, call: FlowCall, how: Pick<ForgotPasswordFlowInput, 'codeSent' | 'migrating'>) {
    const meta = { kind: 'forgot-password', poolId: request.pool.id, clientId: request.client.clientId, username, sessionMinutes: FLOW_MINUTES, ...(call.parentFlowId && { parentFlowId: call.parentFlowId }) };
    const input: ForgotPasswordFlowInput = { poolId: request.pool.id, clientId: request.client.clientId, username, ...callData(request, call), ...how };
    return runner.start(machine, meta, input);
  }

  /** The user's recovery flow awaiting a code: the live one, or one opened for a code an administrator sent. */
  async function openFlow(request: UserCall, user: StoredUser, call: FlowCall): Promise<StoredFlow> {
    const live = runner.findLive(selfServiceState(user).passwordResetFlowId);
    if (live) return live;
    const step = await start(request, user.username, call, { codeSent: true });
    return store.flows.findById(step.flowId)!;
  }

  /** UserMigration_ForgotPassword, then the code; a hiding client conceals a name the function did not know too. */
  async function migrateAndSend(request: UserCall, call: FlowCall, simulated: () => CodeDelivery): Promise<CodeDelivery> {
    try {
      return answerFrom(await start(request, request.username, call, { codeSent: false, migrating: true }), call).delivery!;
    } catch (error) {
      if (hidesUserExistence(request.client) && error instanceof CognitoError && error.type === 'UserNotFoundException') return simulated();
      throw error;
    }
  }

  return {
    request: (request, call) => withNamedUser(services, request, async (user) => {
      const { pool, client } = request;
      const simulated = () => simulatedDelivery(pool, request.username, preferredMedium(pool));
      if (!user && services.triggers.isConfigured(pool, 'UserMigration')) return migrateAndSend(request, call, simulated);
      const recovery = recoveryFor(pool, user);
      if ('refusal' in recovery) throw recovery.refusal;
      if ('concealable' in recovery) {
        if (hidesUserExistence(client)) return simulated();
        throw recovery.concealable;
      }
      const counted = withAttempt(user!, 'PasswordRecovery', clock.now());
      store.users.save(counted);
      const live = runner.findLive(selfServiceState(counted).passwordResetFlowId);
      const step = live
        ? await runner.resume(machine, live, FLOW_MINUTES, { type: 'REQUEST_CODE', ...callData(request, call) })
        : await start(request, counted.username, call, { codeSent: false });
      return answerFrom(step, call).delivery!;
    }),

    confirm: (request, call) => withNamedUser(services, request, async (named) => {
      const user = checkRecoverable(request.client, named);
      const counted = withAttempt(user, 'PasswordRecovery', clock.now());
      store.users.save(counted);
      checkPasswordPolicy(request.password, passwordPolicyOf(request.pool));
      if (!selfServiceState(counted).passwordResetCode) throw new ExpiredCodeException();
      const flow = await openFlow(request, counted, call);
      const event: ForgotPasswordFlowEvent = { type: 'RESET_PASSWORD', code: request.code, password: request.password, ...callData(request, call) };
      answerFrom(await runner.resume(machine, flow, FLOW_MINUTES, event), call);
    }),
  };
}
