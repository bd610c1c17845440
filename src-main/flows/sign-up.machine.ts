/**
 * Self-service sign-up: SignUp registers the user and, when the pool verifies an attribute,
 * sends a confirmation code; the flow then awaits the client, who may ask for new codes
 * (ResendConfirmationCode) and confirms with one (ConfirmSignUp). A pool that verifies nothing
 * sends no code: the flow ends there and an administrator confirms the user.
 *
 * Lambda triggers are steps of the flow where the pool has them: pre sign-up runs before
 * anything is written (its refusal ends the flow with no user), and may confirm the user at once
 * (no code is sent); post confirmation runs once the user is confirmed, by code or by pre
 * sign-up (its refusal is the call's error, the confirmation stands).
 *
 * The effects (preSignUp, register, sendCode, confirmCode, postConfirmation) and the guards
 * saying which triggers the pool has are provided by the operations; the codes and the password
 * never enter this machine.
 *
 * Refusals of the client's calls work as self-service-calls.ts describes.
 */
import { and, assign, fromPromise, setup } from 'xstate';
import { AWAITING_CLIENT } from './runner.js';
import { isRefusal, notProvided, refusalOf, type CodeDelivery, type FlowEffectInput, type Refusal } from './self-service-calls.js';

export interface SignUpFlowInput {
  poolId: string;
  clientId: string;
  username: string;
  userSub: string;
  /** The user exists already and holds a code: the flow opens awaiting it. */
  registered: boolean;
  /** Kept for the pre sign-up trigger. */
  validationData?: { Name?: string; Value?: string }[];
  /** The latest call's ClientMetadata, kept for the triggers. */
  clientMetadata?: Record<string, string>;
}

/** What the pre sign-up function decided (all false without one). */
export interface PreSignUpDecision {
  autoConfirmUser: boolean;
  autoVerifyPhone: boolean;
  autoVerifyEmail: boolean;
}

export interface SignUpFlowContext extends SignUpFlowInput {
  preSignUp?: PreSignUpDecision;
  /** The user is confirmed (by pre sign-up or a code). */
  userConfirmed?: boolean;
  /** Where the latest code went. */
  delivery?: CodeDelivery;
  /** Why the client's latest call was refused. */
  refusal?: Refusal;
}

export type SignUpFlowEvent =
  | { type: 'RESEND'; clientMetadata?: Record<string, string> }
  | { type: 'CONFIRM'; forceAliasCreation: boolean; clientMetadata?: Record<string, string> };

export interface ConfirmCodeInput extends FlowEffectInput {
  forceAliasCreation: boolean;
}

export interface RegisterInput extends FlowEffectInput {
  /** Absent when the pool has no pre sign-up function. */
  preSignUp?: PreSignUpDecision;
}

export interface SignUpFlowOutput {
  outcome: 'success' | 'failure';
  reason?: string;
}

export const signUpMachine = setup({
  types: {
    input: {} as SignUpFlowInput,
    context: {} as SignUpFlowContext,
    events: {} as SignUpFlowEvent,
    output: {} as SignUpFlowOutput,
  },
  actors: {
    /** Runs the pool's pre sign-up function: its decision. */
    preSignUp: fromPromise<PreSignUpDecision, FlowEffectInput>(notProvided('preSignUp')),
    /**
     * Creates the user (confirmed when pre sign-up said so); the delivery of the code it sent,
     * or null when it sent none (nothing to verify, or the user is confirmed already).
     */
    register: fromPromise<CodeDelivery | null, RegisterInput>(notProvided('register')),
    sendCode: fromPromise<CodeDelivery, FlowEffectInput>(notProvided('sendCode')),
    confirmCode: fromPromise<void, ConfirmCodeInput>(notProvided('confirmCode')),
    /** Runs the pool's post confirmation function. */
    postConfirmation: fromPromise<void, FlowEffectInput>(notProvided('postConfirmation')),
  },
  guards: {
    registered: ({ context }) => context.registered,
    /** Whether the pool has a pre sign-up / post confirmation function (the operation says). */
    hasPreSignUp: () => false,
    hasPostConfirmation: () => false,
    autoConfirmed: ({ context }) => context.preSignUp?.autoConfirmUser === true,
  },
  actions: {
    /** A new call from the client: the previous refusal is history. */
    acceptCall: assign({
      refusal: undefined,
      clientMetadata: ({ event }) => ('clientMetadata' in event ? event.clientMetadata : undefined),
    }),
    /** An effect refused the client's call: the flow keeps why. */
    refuse: assign({ refusal: ({ event }) => refusalOf((event as { error?: unknown }).error) }),
  },
}).createMachine({
  id: 'sign-up',
  context: ({ input }) => ({ ...input }),
  output: ({ event }) => (event as unknown as { output: SignUpFlowOutput }).output,
  initial: 'starting',
  states: {
    starting: {
      always: [{ guard: 'registered', target: 'awaitingCode' }, { guard: 'hasPreSignUp', target: 'preSignUp' }, { target: 'registering' }],
    },
    preSignUp: {
      invoke: {
        src: 'preSignUp',
        input: ({ self }) => ({ flowId: self.id }),
        onDone: { target: 'registering', actions: assign({ preSignUp: ({ event }) => event.output }) },
        onError: { guard: ({ event }) => isRefusal(event.error), target: 'refused', actions: 'refuse' },
      },
    },
    registering: {
      invoke: {
        src: 'register',
        input: ({ self, context }) => ({ flowId: self.id, ...(context.preSignUp && { preSignUp: context.preSignUp }) }),
        onDone: [
          { guard: and(['autoConfirmed', 'hasPostConfirmation']), target: 'postConfirmation', actions: assign({ userConfirmed: true }) },
          { guard: 'autoConfirmed', target: 'confirmed', actions: assign({ userConfirmed: true }) },
          { guard: ({ event }) => event.output !== null, target: 'awaitingCode', actions: assign({ delivery: ({ event }) => event.output ?? undefined }) },
          { target: 'awaitingAdministrator' },
        ],
        onError: { guard: ({ event }) => isRefusal(event.error), target: 'refused', actions: 'refuse' },
      },
    },
    awaitingCode: {
      tags: [AWAITING_CLIENT],
      on: {
        RESEND: { target: 'sendingCode', actions: 'acceptCall' },
        CONFIRM: { target: 'confirming', actions: 'acceptCall' },
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
    confirming: {
      invoke: {
        src: 'confirmCode',
        input: ({ self, event }) => ({ flowId: self.id, forceAliasCreation: event.type === 'CONFIRM' && event.forceAliasCreation }),
        onDone: [
          { guard: 'hasPostConfirmation', target: 'postConfirmation', actions: assign({ userConfirmed: true }) },
          { target: 'confirmed', actions: assign({ userConfirmed: true }) },
        ],
        onError: { guard: ({ event }) => isRefusal(event.error), target: 'awaitingCode', actions: 'refuse' },
      },
    },
    postConfirmation: {
      invoke: {
        src: 'postConfirmation',
        input: ({ self }) => ({ flowId: self.id }),
        onDone: { target: 'confirmed' },
        onError: { guard: ({ event }) => isRefusal(event.error), target: 'refused', actions: 'refuse' },
      },
    },
    confirmed: { type: 'final', output: { outcome: 'success' } },
    awaitingAdministrator: {
      type: 'final',
      output: { outcome: 'success', reason: 'no attribute to verify: an administrator confirms the user' },
    },
    refused: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'failure', reason: `${context.refusal!.type}: ${context.refusal!.message}` }),
    },
  },
});
