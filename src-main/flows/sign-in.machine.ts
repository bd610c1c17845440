/**
 * Sign-in (InitiateAuth / AdminInitiateAuth, then RespondToAuthChallenge) as one flow:
 *
 *   routing ─ refresh ─► checkingRefreshUser ─► checkingRefreshAccount ─► issuingTokens
 *      └─► findingUser ─► checkingAccount ─┬─ password ─► verifyingPassword ───────────────┐
 *             └─► hidingUnknownUser ───────┴─ SRP ─► issuingPasswordVerifier               │
 *                                               ─► awaitingPasswordVerifier                │
 *                                               ─ ANSWER ─► verifyingPasswordClaim ────────┤
 *   passwordVerified ◄─────────────────────────────────────────────────────────────────────┘
 *      ├─► issuingTokens ─► signedIn
 *      └─► checkingTemporaryPassword ─► preparingNewPasswordChallenge ─► awaitingNewPassword
 *             ─ ANSWER ─► settingNewPassword ─► issuingTokens
 *
 *   every refusal ─► failed (passwordResetRequired picks how a reset requirement is shown)
 *
 * The flow runner (runner.ts) persists it in the `awaiting-client` states behind a Session. All
 * I/O is in the invoked actors, which the operations supply with `provide()`; the chart names
 * them. Cognito's refusals are data: the `failed` state's output carries the error the operation
 * answers with. SRP values are hex strings; the password and the server's private SRP value
 * leave the context as soon as they have been checked.
 *
 * Where custom authentication fits: CUSTOM_AUTH routes from `routing` (or, when it starts with
 * SRP_A, from `passwordVerified`) to states that run DefineAuthChallenge / Create / Verify and
 * come back to `issuingTokens` or `failed`; `answered` is the challenge history those triggers
 * receive as `session`.
 */
import { assign, fromPromise, setup } from 'xstate';
import type { StoredRefreshToken } from '../store/repositories/refresh-tokens.js';
import type { AuthenticationResult } from '../tokens/tokens.js';
import { AWAITING_CLIENT } from './runner.js';

export type PasswordAuthFlow = 'USER_PASSWORD_AUTH' | 'ADMIN_USER_PASSWORD_AUTH' | 'ADMIN_NO_SRP_AUTH';
export type SignInAuthFlow = 'USER_SRP_AUTH' | PasswordAuthFlow | 'REFRESH_TOKEN_AUTH';

/** What the flow knows of the user: read afresh at every step, since an admin may change it between calls. */
export interface Account {
  username: string;
  sub: string;
  status: string;
  enabled: boolean;
  /** A FORCE_CHANGE_PASSWORD user's temporary password is past its validity. */
  temporaryPasswordExpired: boolean;
}

export interface FlowError {
  type: string;
  message: string;
  status?: number;
}

export interface Failure {
  /** What the debugger shows as the flow's end. */
  reason: string;
  /** What the operation answers. */
  error: FlowError;
}

export interface Challenge {
  name: string;
  parameters: Record<string, string>;
}

/** The SRP exchange while PASSWORD_VERIFIER is outstanding (hex, except the block). */
export interface PasswordVerifierState {
  A: string;
  B: string;
  b: string;
  secretBlock: string;
  salt: string;
  userIdForSrp: string;
}

export interface SignInInput {
  poolId: string;
  clientId: string;
  authFlow: SignInAuthFlow;
  /** The client's PreventUserExistenceErrors is ENABLED. */
  preventUserExistenceErrors: boolean;
  /** USERNAME as the client sent it: a username, an alias or a sub. */
  username?: string;
  password?: string;
  srpA?: string;
  /** REFRESH_TOKEN_AUTH: the refresh token in use, already checked against the client. */
  refreshing?: StoredRefreshToken;
}

export interface SignInContext {
  poolId: string;
  clientId: string;
  authFlow: SignInAuthFlow;
  preventUserExistenceErrors: boolean;
  typedUsername: string;
  account?: Account;
  password?: string;
  srpA?: string;
  passwordVerifier?: PasswordVerifierState;
  refreshing?: StoredRefreshToken;
  /** The challenge the client was last given. */
  challenge?: Challenge;
  answered: { challengeName: string; correct: boolean }[];
  failure?: Failure;
  result?: AuthenticationResult;
}

/** The client's RespondToAuthChallenge, after the operation checked session, client and user. */
export interface AnswerEvent {
  type: 'ANSWER';
  challengeName: string;
  responses: Record<string, string>;
}

export type SignInOutput =
  | { outcome: 'success'; account: Account; result: AuthenticationResult }
  | { outcome: 'failure'; reason: string; error: FlowError };

export type PasswordCheck = { outcome: 'correct'; account: Account } | { outcome: 'wrong' } | { outcome: 'locked' };

export interface FindAccountInput {
  poolId: string;
  /** By what the client typed (username, alias or sub)... */
  username?: string;
  /** ...or by sub (a refresh token's user). */
  sub?: string;
}

export interface StartPasswordVerifierInput {
  poolId: string;
  typedUsername: string;
  /** Absent for a user Cognito does not admit to knowing. */
  account?: Account;
  srpA: string;
}

export interface CheckPasswordInput {
  poolId: string;
  account: Account;
  password: string;
}

export interface CheckPasswordClaimInput {
  poolId: string;
  account?: Account;
  passwordVerifier: PasswordVerifierState;
  responses: Record<string, string>;
}

export interface AccountStepInput {
  poolId: string;
  clientId: string;
  account: Account;
}

export interface SetNewPasswordInput extends AccountStepInput {
  responses: Record<string, string>;
}

export interface IssueTokensInput extends AccountStepInput {
  refreshing?: StoredRefreshToken;
  flowId: string;
}

const NOT_AUTHORIZED = 'NotAuthorizedException';
const INCORRECT = { type: NOT_AUTHORIZED, message: 'Incorrect username or password.' };

/** Every refusal of this flow, with Cognito's error. */
export const FAILURES = {
  userNotFound: { reason: 'user not found', error: { type: 'UserNotFoundException', message: 'User does not exist.' } },
  userNotFoundHidden: { reason: 'user not found (hidden by PreventUserExistenceErrors)', error: INCORRECT },
  wrongPassword: { reason: 'wrong password', error: INCORRECT },
  lockedOut: { reason: 'locked out after repeated failures', error: { type: NOT_AUTHORIZED, message: 'Password attempts exceeded' } },
  disabled: { reason: 'user disabled', error: { type: NOT_AUTHORIZED, message: 'User is disabled.' } },
  passwordResetRequired: {
    reason: 'password reset required',
    error: { type: 'PasswordResetRequiredException', message: 'Password reset required for the user' },
  },
  passwordResetRequiredHidden: { reason: 'password reset required (hidden by PreventUserExistenceErrors)', error: INCORRECT },
  unconfirmed: { reason: 'user not confirmed', error: { type: 'UserNotConfirmedException', message: 'User is not confirmed.' } },
  temporaryPasswordExpired: {
    reason: 'temporary password expired',
    error: { type: NOT_AUTHORIZED, message: 'Temporary password has expired and must be reset by an administrator.' },
  },
  unexpectedChallenge: { reason: 'answered a challenge that was not asked', error: { type: NOT_AUTHORIZED, message: 'Invalid session for the user.' } },
  refreshTokenUserGone: { reason: 'the refresh token’s user no longer exists', error: { type: NOT_AUTHORIZED, message: 'Refresh Token has been revoked' } },
} satisfies Record<string, Failure>;

/** A Cognito error an actor threw, as flow data; anything else is an internal error. */
export function failureFromError(reason: string, error: unknown): Failure {
  const e = error as { type?: unknown; message?: unknown; status?: unknown };
  if (typeof e?.type === 'string' && typeof e.message === 'string') {
    return { reason, error: { type: e.type, message: e.message, ...(typeof e.status === 'number' && { status: e.status }) } };
  }
  return { reason, error: { type: 'InternalErrorException', message: `Internal error: ${String((e?.message as string) ?? error)}`, status: 500 } };
}

function unprovided<TOutput, TInput>(name: string) {
  return fromPromise<TOutput, TInput>(async () => {
    throw new Error(`sign-in: the ${name} actor was not provided`);
  });
}

export const signInMachine = setup({
  types: {
    input: {} as SignInInput,
    context: {} as SignInContext,
    events: {} as AnswerEvent,
    output: {} as SignInOutput,
  },
  actors: {
    findAccount: unprovided<Account | null, FindAccountInput>('findAccount'),
    startPasswordVerifier: unprovided<PasswordVerifierState, StartPasswordVerifierInput>('startPasswordVerifier'),
    checkPassword: unprovided<PasswordCheck, CheckPasswordInput>('checkPassword'),
    checkPasswordClaim: unprovided<PasswordCheck, CheckPasswordClaimInput>('checkPasswordClaim'),
    describeNewPasswordChallenge: unprovided<Record<string, string>, AccountStepInput>('describeNewPasswordChallenge'),
    setNewPassword: unprovided<Account, SetNewPasswordInput>('setNewPassword'),
    issueTokens: unprovided<AuthenticationResult, IssueTokensInput>('issueTokens'),
  },
  guards: {
    isRefresh: ({ context }) => context.authFlow === 'REFRESH_TOKEN_AUTH',
    isSrp: ({ context }) => context.authFlow === 'USER_SRP_AUTH',
    hidesUserExistence: ({ context }) => context.preventUserExistenceErrors,
    accountFound: (_, account: Account | null) => account !== null,
    resetRequired: ({ context }) => context.account?.status === 'RESET_REQUIRED',
    disabled: ({ context }) => context.account?.enabled === false,
    unconfirmed: ({ context }) => context.account?.status === 'UNCONFIRMED',
    mustChangePassword: ({ context }) => context.account?.status === 'FORCE_CHANGE_PASSWORD',
    temporaryPasswordExpired: ({ context }) => context.account?.temporaryPasswordExpired === true,
    answers: ({ event }, challengeName: string) => event.challengeName === challengeName,
    lockedOut: (_, check: PasswordCheck) => check.outcome === 'locked',
    passwordCorrect: (_, check: PasswordCheck) => check.outcome === 'correct',
  },
  actions: {
    fail: assign((_, failure: Failure) => ({ failure })),
    recordAnswer: assign(({ context }, answer: { challengeName: string; correct: boolean }) => ({
      answered: [...context.answered, answer],
    })),
  },
}).createMachine({
  id: 'sign-in',
  context: ({ input }) => ({
    poolId: input.poolId,
    clientId: input.clientId,
    authFlow: input.authFlow,
    preventUserExistenceErrors: input.preventUserExistenceErrors,
    typedUsername: input.username ?? '',
    password: input.password,
    srpA: input.srpA,
    refreshing: input.refreshing,
    answered: [],
  }),
  output: ({ event }) => event.output as SignInOutput,
  initial: 'routing',
  states: {
    routing: {
      always: [{ guard: 'isRefresh', target: 'checkingRefreshUser' }, { target: 'findingUser' }],
    },

    findingUser: {
      invoke: {
        src: 'findAccount',
        input: ({ context }) => ({ poolId: context.poolId, username: context.typedUsername }),
        onDone: [
          {
            guard: { type: 'accountFound', params: ({ event }) => event.output },
            target: 'checkingAccount',
            actions: assign({ account: ({ event }) => event.output! }),
          },
          { guard: 'hidesUserExistence', target: 'hidingUnknownUser' },
          { target: 'failed', actions: { type: 'fail', params: FAILURES.userNotFound } },
        ],
      },
    },

    /** PreventUserExistenceErrors: SRP carries on with a simulated user; passwords fail as a wrong one would. */
    hidingUnknownUser: {
      always: [
        { guard: 'isSrp', target: 'issuingPasswordVerifier' },
        { target: 'failed', actions: { type: 'fail', params: FAILURES.userNotFoundHidden } },
      ],
    },

    checkingAccount: {
      always: [
        { guard: { type: 'resetRequired' }, target: 'passwordResetRequired' },
        { guard: 'isSrp', target: 'issuingPasswordVerifier' },
        { target: 'verifyingPassword' },
      ],
    },

    passwordResetRequired: {
      always: [
        { guard: 'hidesUserExistence', target: 'failed', actions: { type: 'fail', params: FAILURES.passwordResetRequiredHidden } },
        { target: 'failed', actions: { type: 'fail', params: FAILURES.passwordResetRequired } },
      ],
    },

    verifyingPassword: {
      invoke: {
        src: 'checkPassword',
        input: ({ context }) => ({ poolId: context.poolId, account: context.account!, password: context.password ?? '' }),
        onDone: [
          { guard: { type: 'lockedOut', params: ({ event }) => event.output }, target: 'failed', actions: { type: 'fail', params: FAILURES.lockedOut } },
          {
            guard: { type: 'passwordCorrect', params: ({ event }) => event.output },
            target: 'passwordVerified',
            actions: assign({ account: ({ event }) => (event.output as Extract<PasswordCheck, { outcome: 'correct' }>).account }),
          },
          { target: 'failed', actions: { type: 'fail', params: FAILURES.wrongPassword } },
        ],
      },
      exit: assign({ password: undefined }),
    },

    issuingPasswordVerifier: {
      invoke: {
        src: 'startPasswordVerifier',
        input: ({ context }) => ({ poolId: context.poolId, typedUsername: context.typedUsername, account: context.account, srpA: context.srpA! }),
        onDone: {
          target: 'awaitingPasswordVerifier',
          actions: assign({
            passwordVerifier: ({ event }) => event.output,
            srpA: undefined,
            challenge: ({ event }) => ({
              name: 'PASSWORD_VERIFIER',
              parameters: {
                SALT: event.output.salt,
                SECRET_BLOCK: event.output.secretBlock,
                SRP_B: event.output.B,
                USERNAME: event.output.userIdForSrp,
                USER_ID_FOR_SRP: event.output.userIdForSrp,
              },
            }),
          }),
        },
      },
    },

    awaitingPasswordVerifier: {
      tags: [AWAITING_CLIENT],
      on: {
        ANSWER: [
          { guard: { type: 'answers', params: 'PASSWORD_VERIFIER' }, target: 'verifyingPasswordClaim' },
          { target: 'failed', actions: { type: 'fail', params: FAILURES.unexpectedChallenge } },
        ],
      },
    },

    verifyingPasswordClaim: {
      invoke: {
        src: 'checkPasswordClaim',
        input: ({ context, event }) => ({
          poolId: context.poolId,
          account: context.account,
          passwordVerifier: context.passwordVerifier!,
          responses: (event as AnswerEvent).responses,
        }),
        onDone: [
          {
            guard: { type: 'lockedOut', params: ({ event }) => event.output },
            target: 'failed',
            actions: [{ type: 'recordAnswer', params: { challengeName: 'PASSWORD_VERIFIER', correct: false } }, { type: 'fail', params: FAILURES.lockedOut }],
          },
          {
            guard: { type: 'passwordCorrect', params: ({ event }) => event.output },
            target: 'passwordVerified',
            actions: [
              { type: 'recordAnswer', params: { challengeName: 'PASSWORD_VERIFIER', correct: true } },
              assign({ account: ({ event }) => (event.output as Extract<PasswordCheck, { outcome: 'correct' }>).account }),
            ],
          },
          {
            target: 'failed',
            actions: [{ type: 'recordAnswer', params: { challengeName: 'PASSWORD_VERIFIER', correct: false } }, { type: 'fail', params: FAILURES.wrongPassword }],
          },
        ],
      },
      exit: assign({ passwordVerifier: undefined }),
    },

    /** The password is right; what the account's state says happens next. */
    passwordVerified: {
      always: [
        { guard: 'disabled', target: 'failed', actions: { type: 'fail', params: FAILURES.disabled } },
        { guard: 'unconfirmed', target: 'failed', actions: { type: 'fail', params: FAILURES.unconfirmed } },
        { guard: 'resetRequired', target: 'passwordResetRequired' },
        {
          guard: 'mustChangePassword',
          target: 'checkingTemporaryPassword',
        },
        { target: 'issuingTokens' },
      ],
    },

    checkingTemporaryPassword: {
      always: [
        { guard: 'temporaryPasswordExpired', target: 'failed', actions: { type: 'fail', params: FAILURES.temporaryPasswordExpired } },
        { target: 'preparingNewPasswordChallenge' },
      ],
    },

    preparingNewPasswordChallenge: {
      invoke: {
        src: 'describeNewPasswordChallenge',
        input: ({ context }) => ({ poolId: context.poolId, clientId: context.clientId, account: context.account! }),
        onDone: {
          target: 'awaitingNewPassword',
          actions: assign({ challenge: ({ event }) => ({ name: 'NEW_PASSWORD_REQUIRED', parameters: event.output }) }),
        },
      },
    },

    awaitingNewPassword: {
      tags: [AWAITING_CLIENT],
      on: {
        ANSWER: [
          { guard: { type: 'answers', params: 'NEW_PASSWORD_REQUIRED' }, target: 'settingNewPassword' },
          { target: 'failed', actions: { type: 'fail', params: FAILURES.unexpectedChallenge } },
        ],
      },
    },

    settingNewPassword: {
      invoke: {
        src: 'setNewPassword',
        input: ({ context, event }) => ({
          poolId: context.poolId,
          clientId: context.clientId,
          account: context.account!,
          responses: (event as AnswerEvent).responses,
        }),
        onDone: {
          target: 'issuingTokens',
          actions: [
            { type: 'recordAnswer', params: { challengeName: 'NEW_PASSWORD_REQUIRED', correct: true } },
            assign({ account: ({ event }) => event.output }),
          ],
        },
        onError: {
          target: 'failed',
          actions: [
            { type: 'recordAnswer', params: { challengeName: 'NEW_PASSWORD_REQUIRED', correct: false } },
            assign({ failure: ({ event }) => failureFromError('new password refused', event.error) }),
          ],
        },
      },
    },

    checkingRefreshUser: {
      invoke: {
        src: 'findAccount',
        input: ({ context }) => ({ poolId: context.poolId, sub: context.refreshing!.sub }),
        onDone: [
          {
            guard: { type: 'accountFound', params: ({ event }) => event.output },
            target: 'checkingRefreshAccount',
            actions: assign({ account: ({ event }) => event.output! }),
          },
          { target: 'failed', actions: { type: 'fail', params: FAILURES.refreshTokenUserGone } },
        ],
      },
    },

    checkingRefreshAccount: {
      always: [
        { guard: 'disabled', target: 'failed', actions: { type: 'fail', params: FAILURES.disabled } },
        { target: 'issuingTokens' },
      ],
    },

    issuingTokens: {
      invoke: {
        src: 'issueTokens',
        input: ({ context, self }) => ({
          poolId: context.poolId,
          clientId: context.clientId,
          account: context.account!,
          refreshing: context.refreshing,
          flowId: self.id,
        }),
        onDone: { target: 'signedIn', actions: assign({ result: ({ event }) => event.output }) },
      },
    },

    signedIn: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'success', account: context.account!, result: context.result! }),
    },

    failed: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'failure', reason: context.failure!.reason, error: context.failure!.error }),
    },
  },
});

export type SignInMachine = typeof signInMachine;
