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
 * The code and the new password enter with the RESET_PASSWORD event and go no further than the
 * step that sets the password. Refusals work as ../self-service.ts describes.
 */
import { assign, setup } from 'xstate';
import type { CodeDelivery } from '../../cognito/code-delivery.js';
import { failureOf, notProvided, refusalOf } from '../failure.js';
import { AWAITING_CLIENT } from '../runner.js';
import { acceptedCall, selfServiceStep, type CallData, type SelfServiceContext, type SelfServiceStep } from '../self-service.js';

export interface ForgotPasswordFlowInput extends SelfServiceContext {
  /** A code was sent already (by an administrator): the flow opens awaiting it. */
  codeSent: boolean;
  /** No user answers to the name: the migrate user function is asked for one first. */
  migrating?: boolean;
}

export interface ForgotPasswordFlowContext extends ForgotPasswordFlowInput {
  delivery?: CodeDelivery;
}

export type ForgotPasswordFlowEvent = ({ type: 'REQUEST_CODE' } | { type: 'RESET_PASSWORD'; code: string; password: string }) & CallData;

export interface ResetPasswordInput extends SelfServiceStep {
  code: string;
  password: string;
}

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
    /** Runs the pool's migrate user function and creates the user it describes: that user's username. */
    migrateUser: notProvided<string, SelfServiceStep>('migrateUser'),
    sendCode: notProvided<CodeDelivery, SelfServiceStep>('sendCode'),
    resetPassword: notProvided<void, ResetPasswordInput>('resetPassword'),
    /** Runs the pool's post confirmation function. */
    postConfirmation: notProvided<void, SelfServiceStep>('postConfirmation'),
  },
  guards: {
    codeSent: ({ context }) => context.codeSent,
    migrating: ({ context }) => context.migrating === true,
    hasPostConfirmation: ({ context }) => context.triggers?.includes('PostConfirmation') === true,
    isRefusal: ({ event }) => refusalOf(event) !== undefined,
  },
  actions: {
    /** A new call from the client: the previous refusal is history. */
    acceptCall: assign(({ context, event }) => acceptedCall(context, event)),
    /** An effect refused the client's call: the flow keeps why. */
    refuse: assign({ failure: ({ event }) => failureOf(refusalOf(event)!) }),
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
        input: ({ self, context }) => selfServiceStep(context, self.id),
        onDone: { target: 'sendingCode', actions: assign({ username: ({ event }) => event.output }) },
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    sendingCode: {
      invoke: {
        src: 'sendCode',
        input: ({ self, context }) => selfServiceStep(context, self.id),
        onDone: { target: 'awaitingCode', actions: assign({ delivery: ({ event }) => event.output }) },
        onError: { guard: 'isRefusal', target: 'awaitingCode', actions: 'refuse' },
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
        input: ({ self, context, event }) => ({
          ...selfServiceStep(context, self.id),
          code: event.type === 'RESET_PASSWORD' ? event.code : '',
          password: event.type === 'RESET_PASSWORD' ? event.password : '',
        }),
        onDone: [{ guard: 'hasPostConfirmation', target: 'postConfirmation' }, { target: 'passwordReset' }],
        onError: { guard: 'isRefusal', target: 'awaitingCode', actions: 'refuse' },
      },
    },
    postConfirmation: {
      invoke: {
        src: 'postConfirmation',
        input: ({ self, context }) => selfServiceStep(context, self.id),
        onDone: { target: 'passwordReset' },
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    passwordReset: { type: 'final', output: { outcome: 'success' } },
    refused: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'failure', reason: context.failure!.reason }),
    },
  },
});
