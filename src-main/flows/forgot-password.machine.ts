/**
 * Password recovery: ForgotPassword sends a code by the pool's account-recovery setting and the
 * flow awaits the client, who may ask again (another ForgotPassword: a new code, the old one
 * dead) and sets a new password with the code (ConfirmForgotPassword). A code an administrator
 * had sent (AdminResetUserPassword) opens a flow already awaiting it.
 *
 * The effects (sendCode, resetPassword) are provided by the operations; the code and the new
 * password never enter this machine. Refusals work as in the sign-up flow (sign-up.machine.ts).
 */
import { assign, fromPromise, setup } from 'xstate';
import { AWAITING_CLIENT } from './runner.js';
import { isRefusal, notProvided, refusalOf, type CodeDelivery, type FlowEffectInput, type Refusal } from './sign-up.machine.js';

export interface ForgotPasswordFlowInput {
  poolId: string;
  clientId: string;
  username: string;
  /** A code was sent already (by an administrator): the flow opens awaiting it. */
  codeSent: boolean;
  /** The latest call's ClientMetadata, kept for the triggers. */
  clientMetadata?: Record<string, string>;
}

export interface ForgotPasswordFlowContext extends ForgotPasswordFlowInput {
  delivery?: CodeDelivery;
  refusal?: Refusal;
}

export type ForgotPasswordFlowEvent =
  | { type: 'REQUEST_CODE'; clientMetadata?: Record<string, string> }
  | { type: 'RESET_PASSWORD'; clientMetadata?: Record<string, string> };

export interface ForgotPasswordFlowOutput {
  outcome: 'success' | 'failure';
  reason?: string;
}

export const forgotPasswordMachine = setup({
  types: {
    input: {} as ForgotPasswordFlowInput,
    context: {} as ForgotPasswordFlowContext,
    events: {} as ForgotPasswordFlowEvent,
    output: {} as ForgotPasswordFlowOutput,
  },
  actors: {
    sendCode: fromPromise<CodeDelivery, FlowEffectInput>(notProvided('sendCode')),
    resetPassword: fromPromise<void, FlowEffectInput>(notProvided('resetPassword')),
  },
  guards: {
    codeSent: ({ context }) => context.codeSent,
  },
  actions: {
    /** A new call from the client: the previous refusal is history. */
    acceptCall: assign({ refusal: undefined, clientMetadata: ({ event }) => event.clientMetadata }),
  },
}).createMachine({
  id: 'forgot-password',
  context: ({ input }) => ({ ...input }),
  output: ({ event }) => (event as unknown as { output: ForgotPasswordFlowOutput }).output,
  initial: 'starting',
  states: {
    starting: {
      always: [{ guard: 'codeSent', target: 'awaitingCode' }, { target: 'sendingCode' }],
    },
    sendingCode: {
      invoke: {
        src: 'sendCode',
        input: ({ self }) => ({ flowId: self.id }),
        onDone: { target: 'awaitingCode', actions: assign({ delivery: ({ event }) => event.output }) },
        onError: { guard: ({ event }) => isRefusal(event.error), target: 'awaitingCode', actions: assign({ refusal: ({ event }) => refusalOf(event.error) }) },
      },
    },
    awaitingCode: {
      tags: [AWAITING_CLIENT],
      on: {
        REQUEST_CODE: { target: 'sendingCode', actions: 'acceptCall' },
        RESET_PASSWORD: { target: 'resettingPassword', actions: 'acceptCall' },
      },
    },
    resettingPassword: {
      invoke: {
        src: 'resetPassword',
        input: ({ self }) => ({ flowId: self.id }),
        onDone: { target: 'passwordReset' },
        onError: { guard: ({ event }) => isRefusal(event.error), target: 'awaitingCode', actions: assign({ refusal: ({ event }) => refusalOf(event.error) }) },
      },
    },
    passwordReset: { type: 'final', output: { outcome: 'success' } },
  },
});
