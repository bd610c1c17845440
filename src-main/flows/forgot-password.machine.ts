/**
 * Password recovery: ForgotPassword sends a code by the pool's account-recovery setting and the
 * flow awaits the client, who may ask again (another ForgotPassword: a new code, the old one
 * dead) and sets a new password with the code (ConfirmForgotPassword). A code an administrator
 * had sent (AdminResetUserPassword) opens a flow already awaiting it.
 *
 * Lambda triggers are steps of the flow where the pool has them: a name no user answers to is
 * first offered to the migrate user function, which may create the user the code then goes to
 * (its refusal ends the flow); post confirmation runs once the new password is set (its refusal
 * is the call's error, the new password stands).
 *
 * The effects (migrateUser, sendCode, resetPassword, postConfirmation) and the guard saying
 * whether the pool has a post confirmation function are provided by the operations; the code and
 * the new password never enter this machine. Refusals work as in the sign-up flow
 * (sign-up.machine.ts).
 */
import { assign, fromPromise, setup } from 'xstate';
import { AWAITING_CLIENT } from './runner.js';
import { isRefusal, notProvided, refusalOf, type CodeDelivery, type FlowEffectInput, type Refusal } from './self-service-calls.js';

export interface ForgotPasswordFlowInput {
  poolId: string;
  clientId: string;
  username: string;
  /** A code was sent already (by an administrator): the flow opens awaiting it. */
  codeSent: boolean;
  /** No user answers to the name: the migrate user function is asked for one first. */
  migrating?: boolean;
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
    /** Runs the pool's migrate user function and creates the user it describes. */
    migrateUser: fromPromise<void, FlowEffectInput>(notProvided('migrateUser')),
    sendCode: fromPromise<CodeDelivery, FlowEffectInput>(notProvided('sendCode')),
    resetPassword: fromPromise<void, FlowEffectInput>(notProvided('resetPassword')),
    /** Runs the pool's post confirmation function. */
    postConfirmation: fromPromise<void, FlowEffectInput>(notProvided('postConfirmation')),
  },
  guards: {
    codeSent: ({ context }) => context.codeSent,
    migrating: ({ context }) => context.migrating === true,
    /** Whether the pool has a post confirmation function (the operation says). */
    hasPostConfirmation: () => false,
  },
  actions: {
    /** A new call from the client: the previous refusal is history. */
    acceptCall: assign({ refusal: undefined, clientMetadata: ({ event }) => event.clientMetadata }),
    /** An effect refused the client's call: the flow keeps why. */
    refuse: assign({ refusal: ({ event }) => refusalOf((event as { error?: unknown }).error) }),
  },
}).createMachine({
  id: 'forgot-password',
  context: ({ input }) => ({ ...input }),
  output: ({ event }) => (event as unknown as { output: ForgotPasswordFlowOutput }).output,
  initial: 'starting',
  states: {
    starting: {
      always: [{ guard: 'codeSent', target: 'awaitingCode' }, { guard: 'migrating', target: 'migratingUser' }, { target: 'sendingCode' }],
    },
    migratingUser: {
      invoke: {
        src: 'migrateUser',
        input: ({ self }) => ({ flowId: self.id }),
        onDone: { target: 'sendingCode' },
        onError: { guard: ({ event }) => isRefusal(event.error), target: 'refused', actions: 'refuse' },
      },
    },
    sendingCode: {
      invoke: {
        src: 'sendCode',
        input: ({ self }) => ({ flowId: self.id }),
        onDone: { target: 'awaitingCode', actions: assign({ delivery: ({ event }) => event.output }) },
        onError: { guard: ({ event }) => isRefusal(event.error), target: 'awaitingCode', actions: 'refuse' },
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
        onDone: [{ guard: 'hasPostConfirmation', target: 'postConfirmation' }, { target: 'passwordReset' }],
        onError: { guard: ({ event }) => isRefusal(event.error), target: 'awaitingCode', actions: 'refuse' },
      },
    },
    postConfirmation: {
      invoke: {
        src: 'postConfirmation',
        input: ({ self }) => ({ flowId: self.id }),
        onDone: { target: 'passwordReset' },
        onError: { guard: ({ event }) => isRefusal(event.error), target: 'refused', actions: 'refuse' },
      },
    },
    passwordReset: { type: 'final', output: { outcome: 'success' } },
    refused: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'failure', reason: `${context.refusal!.type}: ${context.refusal!.message}` }),
    },
  },
});
