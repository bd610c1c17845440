/**
 * The forgot-password flow's effects (sendCode, resetPassword) and how operations drive it:
 * ForgotPassword starts it or asks the live one for a new code, ConfirmForgotPassword resumes it
 * (or opens one awaiting a code an administrator sent).
 */
import { fromPromise } from 'xstate';
import { storedPassword } from '../../../../auth/passwords.js';
import { forgotPasswordMachine, type ForgotPasswordFlowEvent, type ForgotPasswordFlowInput } from '../../../../flows/forgot-password.machine.js';
import type { CodeDelivery, FlowEffectInput } from '../../../../flows/sign-up.machine.js';
import { oneTimeCode } from '../../../../messaging/codes.js';
import { announceMessage, recordMessage } from '../../../../messaging/outbox.js';
import type { AppClient } from '../../../../store/repositories/app-clients.js';
import type { StoredFlow } from '../../../../store/repositories/flows.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import type { RequestContext } from '../../operation.js';
import type { RecoveryDestination } from '../users/recovery.js';
import { codeDelivery } from './code-delivery.js';
import { answerFrom, currentUser, liveFlow, type FlowAnswer, type SelfServiceServices } from './flows.js';
import { resetCodeMessage } from './messages.js';
import { RESET_CODE_VALIDITY_MS, checkCode, selfServiceState, withSelfServiceState } from './pending-codes.js';

const FLOW_MINUTES = RESET_CODE_VALIDITY_MS / 60_000;

export interface RecoveryCall {
  pool: UserPool;
  client: AppClient;
  user: StoredUser;
  clientMetadata?: Record<string, string>;
}

function sendCodeEffect(services: SelfServiceServices, call: RecoveryCall, destination: RecoveryDestination) {
  return fromPromise<CodeDelivery, FlowEffectInput>(async ({ input }) => {
    const { store, clock, bus, options } = services;
    const now = clock.now();
    const code = oneTimeCode(options);
    const user = withSelfServiceState(currentUser(store, call.pool, call.user), {
      passwordResetFlowId: input.flowId,
      passwordResetCode: { code, expires: now + RESET_CODE_VALIDITY_MS },
    });
    const message = resetCodeMessage(call.pool, { user, destination, code, purpose: 'ForgotPassword', flowId: input.flowId });
    const sent = store.transaction(() => {
      store.users.save(user);
      return recordMessage(store, now, message);
    });
    announceMessage(bus, sent);
    return codeDelivery(destination);
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

function flowInput(call: RecoveryCall, codeSent: boolean): ForgotPasswordFlowInput {
  return {
    poolId: call.pool.id,
    clientId: call.client.clientId,
    username: call.user.username,
    codeSent,
    ...(call.clientMetadata && { clientMetadata: call.clientMetadata }),
  };
}

function meta(call: RecoveryCall) {
  return { kind: 'forgot-password', poolId: call.pool.id, clientId: call.client.clientId, username: call.user.username, sessionMinutes: FLOW_MINUTES };
}


/** ForgotPassword: a code to `destination`, in the user's live recovery flow or a new one; its delivery. */
export async function requestPasswordReset(
  services: SelfServiceServices,
  call: RecoveryCall,
  destination: RecoveryDestination,
  request: RequestContext,
): Promise<FlowAnswer> {
  const machine = forgotPasswordMachine.provide({ actors: { sendCode: sendCodeEffect(services, call, destination) } });
  const live = liveFlow(services.store, selfServiceState(call.user).passwordResetFlowId);
  const event: ForgotPasswordFlowEvent = { type: 'REQUEST_CODE', ...(call.clientMetadata && { clientMetadata: call.clientMetadata }) };
  const step = live
    ? await services.flows.resume(machine, live, FLOW_MINUTES, event)
    : await services.flows.start(machine, meta(call), flowInput(call, false));
  return answerFrom(step, request);
}

/** The user's recovery flow awaiting a code: the live one, or one opened for a code an administrator sent. */
async function openFlow(services: SelfServiceServices, machine: typeof forgotPasswordMachine, call: RecoveryCall): Promise<StoredFlow> {
  const live = liveFlow(services.store, selfServiceState(call.user).passwordResetFlowId);
  if (live) return live;
  const step = await services.flows.start(machine, meta(call), flowInput(call, true));
  return services.store.flows.findById(step.flowId)!;
}

/** ConfirmForgotPassword: the code sets the new password and confirms the user. */
export async function resetPassword(
  services: SelfServiceServices,
  call: RecoveryCall & { code: string; password: string },
  request: RequestContext,
): Promise<FlowAnswer> {
  const machine = forgotPasswordMachine.provide({ actors: { resetPassword: resetPasswordEffect(services, call) } });
  const flow = await openFlow(services, machine, call);
  const event: ForgotPasswordFlowEvent = { type: 'RESET_PASSWORD', ...(call.clientMetadata && { clientMetadata: call.clientMetadata }) };
  return answerFrom(await services.flows.resume(machine, flow, FLOW_MINUTES, event), request);
}
