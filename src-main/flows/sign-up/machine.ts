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
 * Threat protection, where the pool has it on as of the call: the password is checked for
 * compromise before anything else (a block ends the flow with no user), and SignUp and
 * ResendConfirmationCode are recorded as auth events (cognito/threat-protection/user-events.ts).
 *
 * The new user and its password enter with the input and leave the context once the user is
 * written; a code enters with the CONFIRM event and goes no further than the step that checks it.
 * Refusals of the client's calls work as ../self-service.ts describes.
 */
import { and, assign, setup } from 'xstate';
import type { CodeDelivery } from '../../cognito/code-delivery.js';
import type { PasswordVerdict } from '../../cognito/threat-protection/user-events.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { failureOf, notProvided, refusalOf } from '../failure.js';
import { AWAITING_CLIENT } from '../runner.js';
import { acceptedCall, selfServiceStep, type CallData, type SelfServiceContext, type SelfServiceStep } from '../self-service.js';

/** A user about to be registered: complete but for its password and pending code. */
export interface Registration {
  user: StoredUser;
  password: string;
}

export interface SignUpFlowInput extends SelfServiceContext {
  userSub: string;
  /** The user exists already and holds a code: the flow opens awaiting it. */
  registered: boolean;
  /** SignUp's new user (absent when the flow opens for a registered user). */
  registration?: Registration;
  /** Kept for the pre sign-up trigger. */
  validationData?: { Name?: string; Value?: string }[];
}

/** What the pre sign-up function decided (all false without one). */
export interface PreSignUpDecision {
  autoConfirmUser: boolean;
  autoVerifyPhone: boolean;
  autoVerifyEmail: boolean;
}

export interface SignUpFlowContext extends SignUpFlowInput {
  preSignUp?: PreSignUpDecision;
  /** Threat protection's verdict on the password (its SignUp event records it). */
  passwordVerdict?: PasswordVerdict;
  /** The user is confirmed (by pre sign-up or a code). */
  userConfirmed?: boolean;
  /** Where the latest code went. */
  delivery?: CodeDelivery;
}

export type SignUpFlowEvent = ({ type: 'RESEND' } | { type: 'CONFIRM'; code: string; forceAliasCreation: boolean }) & CallData;

export interface PreSignUpInput extends SelfServiceStep {
  user: StoredUser;
  validationData?: { Name?: string; Value?: string }[];
}

export interface RegisterInput extends SelfServiceStep, Registration {
  /** Absent when the pool has no pre sign-up function. */
  preSignUp?: PreSignUpDecision;
  passwordVerdict?: PasswordVerdict;
}

export interface CheckPasswordInput extends SelfServiceStep {
  userSub: string;
  password: string;
}

export interface ConfirmCodeInput extends SelfServiceStep {
  code: string;
  forceAliasCreation: boolean;
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
    preSignUp: notProvided<PreSignUpDecision, PreSignUpInput>('preSignUp'),
    /** Threat protection: the password's verdict, or the refusal of a compromised one it blocks. */
    checkCompromisedPassword: notProvided<PasswordVerdict | undefined, CheckPasswordInput>('checkCompromisedPassword'),
    /**
     * Creates the user (confirmed when pre sign-up said so); the delivery of the code it sent,
     * or null when it sent none (nothing to verify, or the user is confirmed already).
     */
    register: notProvided<CodeDelivery | null, RegisterInput>('register'),
    sendCode: notProvided<CodeDelivery, SelfServiceStep>('sendCode'),
    confirmCode: notProvided<void, ConfirmCodeInput>('confirmCode'),
    /** Runs the pool's post confirmation function. */
    postConfirmation: notProvided<void, SelfServiceStep>('postConfirmation'),
  },
  guards: {
    registered: ({ context }) => context.registered,
    hasPreSignUp: ({ context }) => context.triggers?.includes('PreSignUp') === true,
    threatProtectionOn: ({ context }) => context.threatProtection !== undefined,
    hasPostConfirmation: ({ context }) => context.triggers?.includes('PostConfirmation') === true,
    autoConfirmed: ({ context }) => context.preSignUp?.autoConfirmUser === true,
    isRefusal: ({ event }) => refusalOf(event) !== undefined,
  },
  actions: {
    /** A new call from the client: the previous refusal is history. */
    acceptCall: assign(({ context, event }) => acceptedCall(context, event)),
    /** An effect refused the client's call: the flow keeps why. */
    refuse: assign({ failure: ({ event }) => failureOf(refusalOf(event)!) }),
  },
}).createMachine({
  id: 'sign-up',
  context: ({ input }) => ({ ...input }),
  output: ({ event }) => (event as unknown as { output: SignUpFlowOutput }).output,
  initial: 'starting',
  states: {
    starting: {
      always: [
        { guard: 'registered', target: 'awaitingCode' },
        { guard: 'threatProtectionOn', target: 'checkingCompromisedPassword' },
        { guard: 'hasPreSignUp', target: 'preSignUp' },
        { target: 'registering' },
      ],
    },
    checkingCompromisedPassword: {
      invoke: {
        src: 'checkCompromisedPassword',
        input: ({ self, context }) => ({ ...selfServiceStep(context, self.id), userSub: context.userSub, password: context.registration!.password }),
        onDone: [
          { guard: 'hasPreSignUp', target: 'preSignUp', actions: assign({ passwordVerdict: ({ event }) => event.output }) },
          { target: 'registering', actions: assign({ passwordVerdict: ({ event }) => event.output }) },
        ],
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    preSignUp: {
      invoke: {
        src: 'preSignUp',
        input: ({ self, context }) => ({
          ...selfServiceStep(context, self.id),
          user: context.registration!.user,
          ...(context.validationData && { validationData: context.validationData }),
        }),
        onDone: { target: 'registering', actions: assign({ preSignUp: ({ event }) => event.output }) },
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    registering: {
      invoke: {
        src: 'register',
        input: ({ self, context }) => ({
          ...selfServiceStep(context, self.id),
          ...context.registration!,
          ...(context.preSignUp && { preSignUp: context.preSignUp }),
          ...(context.passwordVerdict && { passwordVerdict: context.passwordVerdict }),
        }),
        onDone: [
          { guard: and(['autoConfirmed', 'hasPostConfirmation']), target: 'postConfirmation', actions: assign({ userConfirmed: true }) },
          { guard: 'autoConfirmed', target: 'confirmed', actions: assign({ userConfirmed: true }) },
          { guard: ({ event }) => event.output !== null, target: 'awaitingCode', actions: assign({ delivery: ({ event }) => event.output ?? undefined }) },
          { target: 'awaitingAdministrator' },
        ],
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
      exit: assign({ registration: undefined }),
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
        input: ({ self, context }) => selfServiceStep(context, self.id),
        onDone: { target: 'awaitingCode', actions: assign({ delivery: ({ event }) => event.output }) },
        onError: { guard: 'isRefusal', target: 'awaitingCode', actions: 'refuse' },
      },
    },
    confirming: {
      invoke: {
        src: 'confirmCode',
        input: ({ self, context, event }) => ({
          ...selfServiceStep(context, self.id),
          code: event.type === 'CONFIRM' ? event.code : '',
          forceAliasCreation: event.type === 'CONFIRM' && event.forceAliasCreation,
        }),
        onDone: [
          { guard: 'hasPostConfirmation', target: 'postConfirmation', actions: assign({ userConfirmed: true }) },
          { target: 'confirmed', actions: assign({ userConfirmed: true }) },
        ],
        onError: { guard: 'isRefusal', target: 'awaitingCode', actions: 'refuse' },
      },
    },
    postConfirmation: {
      invoke: {
        src: 'postConfirmation',
        input: ({ self, context }) => selfServiceStep(context, self.id),
        onDone: { target: 'confirmed' },
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    confirmed: { type: 'final', output: { outcome: 'success' } },
    awaitingAdministrator: {
      type: 'final',
      output: { outcome: 'success', reason: 'no attribute to verify: an administrator confirms the user' },
    },
    refused: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'failure', reason: context.failure!.reason }),
    },
  },
});
