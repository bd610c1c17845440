/**
 * The forgot-password flow's effects (migrateUser, sendCode, resetPassword, postConfirmation) and
 * how operations drive it: ForgotPassword starts it (migrating the user first when no user
 * answers to the name and the pool has a migrate user function) or asks the live one for a new
 * code; ConfirmForgotPassword resumes it (or opens one awaiting a code an administrator sent).
 */
import { fromPromise } from 'xstate';
import { storedPassword } from '../../../../auth/passwords.js';
import { forgotPasswordMachine, type ForgotPasswordFlowEvent, type ForgotPasswordFlowInput } from '../../../../flows/forgot-password.machine.js';
import type { CodeDelivery, FlowEffectInput } from '../../../../flows/self-service-calls.js';
import { oneTimeCode } from '../../../../messaging/codes.js';
import { sendMessage } from '../../../../messaging/send.js';
import type { AppClient } from '../../../../cognito/app-clients.js';
import type { StoredFlow } from '../../../../store/repositories/flows.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import type { TriggerCaller } from '../../../../triggers/apply/caller.js';
import { hasPostConfirmation, runPostConfirmation } from '../../../../triggers/apply/post-confirmation.js';
import { migratedUser, runUserMigration, saveMigratedUser } from '../../../../triggers/apply/user-migration.js';
import { InvalidParameterException, NotAuthorizedException } from '../../../../cognito/errors.js';
import type { RequestContext } from '../../operation.js';
import { recoveryDestination, type RecoveryDestination } from '../../../../cognito/recovery.js';
import { codeDelivery } from '../../../../cognito/code-delivery.js';
import { answerFrom, currentUser, liveFlow, type FlowAnswer, type SelfServiceServices } from './flows.js';
import { RESET_CODE_VALIDITY_MS, checkCode, selfServiceState, withSelfServiceState } from '../../../../cognito/pending-codes.js';

const FLOW_MINUTES = RESET_CODE_VALIDITY_MS / 60_000;

export const NOT_RESETTABLE = 'User password cannot be reset in the current state.';
export const NO_VERIFIED_CONTACT = 'Cannot reset password for the user as there is no registered/verified email or phone_number';

export interface RecoveryCall {
  pool: UserPool;
  client: AppClient;
  user: StoredUser;
  caller: TriggerCaller;
  clientMetadata?: Record<string, string>;
}

/** A ForgotPassword for a name no user answers to, in a pool that migrates users. */
export type MigrationCall = Omit<RecoveryCall, 'user'> & { userName: string };

/** Where the user's reset code goes, or the refusal when it can go nowhere. */
export function requireRecoveryDestination(pool: UserPool, user: StoredUser): RecoveryDestination {
  const destination = recoveryDestination(pool, user);
  if (destination === 'admin_only') throw new NotAuthorizedException(NOT_RESETTABLE);
  if (!destination) throw new InvalidParameterException(NO_VERIFIED_CONTACT);
  return destination;
}

/** Sends a fresh code to the user `recipient()` names (the one named by the call, or the one just migrated). */
function sendCodeEffect(services: SelfServiceServices, call: Omit<RecoveryCall, 'user'>, recipient: () => StoredUser) {
  return fromPromise<CodeDelivery, FlowEffectInput>(async ({ input }) => {
    const { store, clock, options } = services;
    const code = oneTimeCode(options);
    const current = currentUser(store, call.pool, recipient());
    const destination = requireRecoveryDestination(call.pool, current);
    const user = withSelfServiceState(current, {
      passwordResetFlowId: input.flowId,
      passwordResetCode: { code, expires: clock.now() + RESET_CODE_VALIDITY_MS },
    });
    await sendMessage(
      services,
      {
        pool: call.pool,
        user,
        purpose: 'ForgotPassword',
        occasion: 'ForgotPassword',
        channel: destination.channel,
        destination: destination.destination,
        code,
        caller: call.caller,
        clientMetadata: call.clientMetadata,
        flowId: input.flowId,
      },
      () => store.users.save(user),
    );
    return codeDelivery(destination);
  });
}

/** UserMigration_ForgotPassword: the function describes the user, who is created (RESET_REQUIRED) for the code to go to. */
function migrateUserEffect(services: SelfServiceServices, call: MigrationCall, migrated: { user?: StoredUser }) {
  return fromPromise<void, FlowEffectInput>(async ({ input }) => {
    const answer = await runUserMigration(services, {
      pool: call.pool,
      userName: call.userName,
      triggerSource: 'UserMigration_ForgotPassword',
      clientId: call.client.clientId,
      caller: call.caller,
      clientMetadata: call.clientMetadata,
      flowId: input.flowId,
    });
    const prepared = await migratedUser(services, { pool: call.pool, userName: call.userName }, answer);
    services.store.transaction(() => saveMigratedUser(services.store, prepared));
    migrated.user = prepared.user;
  });
}

function resetPasswordEffect(services: SelfServiceServices, call: RecoveryCall & { code: string; password: string }) {
  return fromPromise<void, FlowEffectInput>(async () => {
    const { store, clock } = services;
    const password = await storedPassword(call.pool.id, call.user.username, call.password, { temporary: false, validityDays: 0, now: clock.now() });
    // Checked after the verifier's await, so that two calls cannot both spend the code.
    const now = clock.now();
    const user = currentUser(store, call.pool, call.user);
    checkCode(selfServiceState(user).passwordResetCode, call.code, now);
    store.users.save(
      withSelfServiceState(
        { ...user, status: 'CONFIRMED', password, passwordChanged: now, modified: now },
        { passwordResetCode: undefined, passwordResetFlowId: undefined },
      ),
    );
  });
}

/** PostConfirmation_ConfirmForgotPassword for the user with their new password. */
function postConfirmationEffect(services: SelfServiceServices, call: RecoveryCall) {
  return fromPromise<void, FlowEffectInput>(async ({ input }) => {
    await runPostConfirmation(services, {
      pool: call.pool,
      user: currentUser(services.store, call.pool, call.user),
      triggerSource: 'PostConfirmation_ConfirmForgotPassword',
      caller: call.caller,
      clientMetadata: call.clientMetadata,
      flowId: input.flowId,
    });
  });
}

function flowInput(call: Omit<RecoveryCall, 'user'>, username: string, start: Pick<ForgotPasswordFlowInput, 'codeSent' | 'migrating'>): ForgotPasswordFlowInput {
  return {
    poolId: call.pool.id,
    clientId: call.client.clientId,
    username,
    ...start,
    ...(call.clientMetadata && { clientMetadata: call.clientMetadata }),
  };
}

function meta(call: Omit<RecoveryCall, 'user'>, username: string) {
  return { kind: 'forgot-password', poolId: call.pool.id, clientId: call.client.clientId, username, sessionMinutes: FLOW_MINUTES };
}

/** ForgotPassword: a code to the user's recovery destination, in their live recovery flow or a new one; its delivery. */
export async function requestPasswordReset(services: SelfServiceServices, call: RecoveryCall, request: RequestContext): Promise<FlowAnswer> {
  const machine = forgotPasswordMachine.provide({ actors: { sendCode: sendCodeEffect(services, call, () => call.user) } });
  const live = liveFlow(services.store, selfServiceState(call.user).passwordResetFlowId);
  const event: ForgotPasswordFlowEvent = { type: 'REQUEST_CODE', ...(call.clientMetadata && { clientMetadata: call.clientMetadata }) };
  const step = live
    ? await services.flows.resume(machine, live, FLOW_MINUTES, event)
    : await services.flows.start(machine, meta(call, call.user.username), flowInput(call, call.user.username, { codeSent: false }));
  return answerFrom(step, request);
}

/** ForgotPassword for a name no user answers to: the migrate user function may create the user, who is then sent a code. */
export async function migrateAndRequestPasswordReset(services: SelfServiceServices, call: MigrationCall, request: RequestContext): Promise<FlowAnswer> {
  const migrated: { user?: StoredUser } = {};
  const machine = forgotPasswordMachine.provide({
    actors: {
      migrateUser: migrateUserEffect(services, call, migrated),
      sendCode: sendCodeEffect(services, call, () => migrated.user!),
    },
  });
  const step = await services.flows.start(machine, meta(call, call.userName), flowInput(call, call.userName, { codeSent: false, migrating: true }));
  return answerFrom(step, request);
}

/** The user's recovery flow awaiting a code: the live one, or one opened for a code an administrator sent. */
async function openFlow(services: SelfServiceServices, machine: typeof forgotPasswordMachine, call: RecoveryCall): Promise<StoredFlow> {
  const live = liveFlow(services.store, selfServiceState(call.user).passwordResetFlowId);
  if (live) return live;
  const step = await services.flows.start(machine, meta(call, call.user.username), flowInput(call, call.user.username, { codeSent: true }));
  return services.store.flows.findById(step.flowId)!;
}

/** ConfirmForgotPassword: the code sets the new password and confirms the user. */
export async function resetPassword(
  services: SelfServiceServices,
  call: RecoveryCall & { code: string; password: string },
  request: RequestContext,
): Promise<FlowAnswer> {
  const machine = forgotPasswordMachine.provide({
    actors: { resetPassword: resetPasswordEffect(services, call), postConfirmation: postConfirmationEffect(services, call) },
    guards: { hasPostConfirmation: () => hasPostConfirmation(services, call.pool) },
  });
  const flow = await openFlow(services, machine, call);
  const event: ForgotPasswordFlowEvent = { type: 'RESET_PASSWORD', ...(call.clientMetadata && { clientMetadata: call.clientMetadata }) };
  return answerFrom(await services.flows.resume(machine, flow, FLOW_MINUTES, event), request);
}
