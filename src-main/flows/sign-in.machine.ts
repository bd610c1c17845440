/**
 * Sign-in (InitiateAuth / AdminInitiateAuth, then RespondToAuthChallenge) as one flow, with the
 * pool's Lambda triggers as its own steps, at the moments Cognito runs them:
 *
 *   routing ─ refresh ─► checkingRefreshUser ─► checkingRefreshAccount ─► generatingTokens
 *      └─► findingUser ─ unknown, password flow ─► migratingUser (UserMigration) ─┐
 *             ├───────────────────────────────────────────────────────────────────┴─► beforeAuthentication
 *   beforeAuthentication ─► preAuthentication (PreAuthentication) ─► checkingUser
 *   checkingUser ─┬─► checkingAccount ─┬─ password ─► verifyingPassword ─────────────────┐
 *                 │                    └─ SRP ─► issuingPasswordVerifier                  │
 *                 │                          ─► awaitingPasswordVerifier                  │
 *                 │                          ─ ANSWER ─► verifyingPasswordClaim ──────────┤
 *                 └─ CUSTOM_AUTH ─► checkingCustomAccount ─► startingCustomAuth           │
 *                       ─► definingAuthChallenge (DefineAuthChallenge) ◄────────┐         │
 *                            ├─ PASSWORD_VERIFIER ─► issuingPasswordVerifier …  │         │
 *                            ├─ CUSTOM_CHALLENGE ─► creatingAuthChallenge        │         │
 *                            │     ─► awaitingCustomChallenge ─ ANSWER ─►        │         │
 *                            │        verifyingAuthChallenge ────────────────────┘         │
 *                            ├─ issueTokens ─► authenticated                               │
 *                            └─ failAuthentication ─► failed                               │
 *   passwordVerified ◄─────────────────────────────────────────────────────────────────────┘
 *      ├─ CUSTOM_AUTH ─► definingAuthChallenge
 *      ├─► authenticated
 *      └─► checkingTemporaryPassword ─► preparingNewPasswordChallenge ─► awaitingNewPassword
 *             ─ ANSWER ─► settingNewPassword ─► authenticated
 *   authenticated ─► postAuthentication (PostAuthentication) ─► generatingTokens
 *      ─► preTokenGeneration (PreTokenGeneration) ─► issuingTokens ─► signedIn
 *
 *   every refusal ─► failed (passwordResetRequired picks how a reset requirement is shown)
 *
 * A trigger's step is taken only when the pool configures the trigger (`triggers`, as the pool
 * stood at the last call), so a pool without triggers walks the same states as before them. The
 * triggers receive the ClientMetadata the guide routes to them: InitiateAuth's as
 * `validationData` (PreAuthentication, UserMigration), the latest RespondToAuthChallenge's as
 * `clientMetadata` (the others). `answered` is the challenge history; in a custom flow it is the
 * `session` the challenge triggers receive, and the outstanding custom challenge's private
 * parameters wait in `customChallenge`, for VerifyAuthChallengeResponse only.
 *
 * Where the reference is silent, these are assumptions: a migrated user goes on through pre
 * authentication like any other; post authentication runs before pre token generation; a wrong
 * password in a custom flow's SRP step fails at once, as in USER_SRP_AUTH, without asking Define
 * again; a Define answer naming nothing this flow can issue (neither tokens nor failure, an
 * unknown name, PASSWORD_VERIFIER without the SRP_A start, the MFA challenges not issued yet) is
 * InvalidLambdaResponseException. The guide sets no limit on the number of custom rounds: each
 * is bounded by the Session's validity, and the define function decides when to fail.
 *
 * The flow runner (runner.ts) persists it in the `awaiting-client` states behind a Session. All
 * I/O is in the invoked actors, which the operations supply with `provide()`; the chart names
 * them. Cognito's refusals are data: the `failed` state's output carries the error the operation
 * answers with. SRP values are hex strings; the password and the server's private SRP value
 * leave the context as soon as they have been checked.
 */
import { and, assign, fromPromise, not, setup } from 'xstate';
import type { StoredRefreshToken } from '../store/repositories/refresh-tokens.js';
import type { AuthenticationResult } from '../tokens/tokens.js';
import type { ChallengeResult } from '../triggers/events/challenge-session.js';
import type { CreatedChallenge } from '../triggers/events/createAuthChallenge.js';
import type { DefinedChallenge } from '../triggers/events/defineAuthChallenge.js';
import type { PreTokenGenerationSource, TokenCustomization } from '../triggers/events/preTokenGeneration.js';
import { AWAITING_CLIENT } from './runner.js';

export type PasswordAuthFlow = 'USER_PASSWORD_AUTH' | 'ADMIN_USER_PASSWORD_AUTH' | 'ADMIN_NO_SRP_AUTH';
export type SignInAuthFlow = 'USER_SRP_AUTH' | PasswordAuthFlow | 'REFRESH_TOKEN_AUTH' | 'CUSTOM_AUTH';

/** The triggers a sign-in may run (LambdaConfig names). */
export type SignInTrigger =
  | 'PreAuthentication'
  | 'PostAuthentication'
  | 'PreTokenGeneration'
  | 'UserMigration'
  | 'DefineAuthChallenge'
  | 'CreateAuthChallenge'
  | 'VerifyAuthChallengeResponse';

export type StringMap = Record<string, string>;

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
  parameters: StringMap;
}

/** A challenge the flow handed out and how it was answered; custom challenges carry their challengeMetadata. */
export interface AnsweredChallenge {
  challengeName: string;
  correct: boolean;
  challengeMetadata?: string | null;
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
  /** USER_SRP_AUTH, or CUSTOM_AUTH started with CHALLENGE_NAME SRP_A. */
  srpA?: string;
  /** REFRESH_TOKEN_AUTH: the refresh token in use, already checked against the client. */
  refreshing?: StoredRefreshToken;
  /** The pool's configured sign-in triggers. */
  triggers?: SignInTrigger[];
  /** InitiateAuth's ClientMetadata. */
  clientMetadata?: StringMap;
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
  triggers: SignInTrigger[];
  /** InitiateAuth's ClientMetadata, which PreAuthentication and UserMigration receive as validationData. */
  validationData?: StringMap;
  /** The latest RespondToAuthChallenge's ClientMetadata. */
  clientMetadata?: StringMap;
  /** The challenge the client was last given. */
  challenge?: Challenge;
  answered: AnsweredChallenge[];
  /** The outstanding custom challenge's answer key, for VerifyAuthChallengeResponse only. */
  customChallenge?: { privateChallengeParameters: StringMap; challengeMetadata: string | null };
  /** The pre token generation function's answer, for the tokens about to be issued. */
  tokenCustomization?: TokenCustomization;
  failure?: Failure;
  result?: AuthenticationResult;
}

/** The client's RespondToAuthChallenge, after the operation checked session, client and user. */
export interface AnswerEvent {
  type: 'ANSWER';
  challengeName: string;
  responses: StringMap;
  /** This call's ClientMetadata. */
  clientMetadata?: StringMap;
  /** The pool's configured sign-in triggers as they stand at this call. */
  triggers?: SignInTrigger[];
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
  responses: StringMap;
}

export interface AccountStepInput {
  poolId: string;
  clientId: string;
  account: Account;
}

export interface SetNewPasswordInput extends AccountStepInput {
  responses: StringMap;
}

export interface IssueTokensInput extends AccountStepInput {
  refreshing?: StoredRefreshToken;
  customization?: TokenCustomization;
  flowId: string;
}

/** What every trigger step is given: whose flow it is, and the user as far as the flow knows. */
export interface TriggerStepInput {
  poolId: string;
  clientId: string;
  flowId: string;
  typedUsername: string;
  /** Absent for a user Cognito does not admit to knowing. */
  account?: Account;
  /** Set only when the client prevents user existence errors: whether the user is unknown. */
  userNotFound?: boolean;
}

export interface PreAuthenticateInput extends TriggerStepInput {
  validationData?: StringMap;
}

export interface MigrateUserInput extends TriggerStepInput {
  password: string;
  validationData?: StringMap;
}

export interface PostAuthenticateInput extends TriggerStepInput {
  account: Account;
  clientMetadata?: StringMap;
}

export interface CustomizeTokensInput extends PostAuthenticateInput {
  triggerSource: PreTokenGenerationSource;
}

export interface DefineAuthChallengeInput extends TriggerStepInput {
  session: ChallengeResult[];
  clientMetadata?: StringMap;
}

export interface CreateAuthChallengeInput extends DefineAuthChallengeInput {
  challengeName: string;
}

export interface VerifyAuthChallengeInput extends TriggerStepInput {
  privateChallengeParameters: StringMap;
  challengeAnswer: string;
  clientMetadata?: StringMap;
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
  authenticationFailed: { reason: 'failed by the define auth challenge function (failAuthentication)', error: INCORRECT },
  unissuableChallenge: {
    reason: 'the define auth challenge function named no challenge this flow can issue',
    error: { type: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' },
  },
} satisfies Record<string, Failure>;

/** A Cognito error an actor threw, as flow data; anything else is an internal error. */
export function failureFromError(reason: string, error: unknown): Failure {
  const e = error as { type?: unknown; message?: unknown; status?: unknown };
  if (typeof e?.type === 'string' && typeof e.message === 'string') {
    return { reason, error: { type: e.type, message: e.message, ...(typeof e.status === 'number' && { status: e.status }) } };
  }
  return { reason, error: { type: 'InternalErrorException', message: `Internal error: ${String((e?.message as string) ?? error)}`, status: 500 } };
}

/** The pre token generation trigger source for the tokens this flow is about to issue. */
export function tokenGenerationSource(context: Pick<SignInContext, 'authFlow' | 'answered'>): PreTokenGenerationSource {
  if (context.authFlow === 'REFRESH_TOKEN_AUTH') return 'TokenGeneration_RefreshTokens';
  const newPassword = context.answered.some((answer) => answer.challengeName === 'NEW_PASSWORD_REQUIRED' && answer.correct);
  return newPassword ? 'TokenGeneration_NewPasswordChallenge' : 'TokenGeneration_Authentication';
}

/** The custom flow's history as the challenge triggers receive it. */
export function challengeSessionOf(answered: readonly AnsweredChallenge[]): ChallengeResult[] {
  return answered.map((answer) => ({ challengeName: answer.challengeName, challengeResult: answer.correct, challengeMetadata: answer.challengeMetadata ?? null }));
}

function unprovided<TOutput, TInput>(name: string) {
  return fromPromise<TOutput, TInput>(async () => {
    throw new Error(`sign-in: the ${name} actor was not provided`);
  });
}

/** The fields every trigger step's input starts with. */
function triggerStep(context: SignInContext, flowId: string): TriggerStepInput {
  return {
    poolId: context.poolId,
    clientId: context.clientId,
    flowId,
    typedUsername: context.typedUsername,
    ...(context.account && { account: context.account }),
    ...(context.preventUserExistenceErrors && { userNotFound: context.account === undefined }),
  };
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
    migrateUser: unprovided<Account, MigrateUserInput>('migrateUser'),
    preAuthenticate: unprovided<Account | null, PreAuthenticateInput>('preAuthenticate'),
    startPasswordVerifier: unprovided<PasswordVerifierState, StartPasswordVerifierInput>('startPasswordVerifier'),
    checkPassword: unprovided<PasswordCheck, CheckPasswordInput>('checkPassword'),
    checkPasswordClaim: unprovided<PasswordCheck, CheckPasswordClaimInput>('checkPasswordClaim'),
    describeNewPasswordChallenge: unprovided<StringMap, AccountStepInput>('describeNewPasswordChallenge'),
    setNewPassword: unprovided<Account, SetNewPasswordInput>('setNewPassword'),
    defineAuthChallenge: unprovided<DefinedChallenge, DefineAuthChallengeInput>('defineAuthChallenge'),
    createAuthChallenge: unprovided<CreatedChallenge, CreateAuthChallengeInput>('createAuthChallenge'),
    verifyAuthChallenge: unprovided<{ answerCorrect: boolean }, VerifyAuthChallengeInput>('verifyAuthChallenge'),
    postAuthenticate: unprovided<void, PostAuthenticateInput>('postAuthenticate'),
    customizeTokens: unprovided<TokenCustomization | undefined, CustomizeTokensInput>('customizeTokens'),
    issueTokens: unprovided<AuthenticationResult, IssueTokensInput>('issueTokens'),
  },
  guards: {
    isRefresh: ({ context }) => context.authFlow === 'REFRESH_TOKEN_AUTH',
    isSrp: ({ context }) => context.authFlow === 'USER_SRP_AUTH',
    isCustom: ({ context }) => context.authFlow === 'CUSTOM_AUTH',
    startsWithSrp: ({ context }) => context.srpA !== undefined,
    hidesUserExistence: ({ context }) => context.preventUserExistenceErrors,
    hasTrigger: ({ context }, trigger: SignInTrigger) => context.triggers.includes(trigger),
    canMigrate: ({ context }) => context.password !== undefined && context.triggers.includes('UserMigration'),
    accountFound: (_, account: Account | null) => account !== null,
    accountKnown: ({ context }) => context.account !== undefined,
    /** The migrate user function gave no user, which PreventUserExistenceErrors hides. */
    hidesNotMigrated: ({ context }, error: unknown) => context.preventUserExistenceErrors && (error as { type?: unknown })?.type === 'UserNotFoundException',
    resetRequired: ({ context }) => context.account?.status === 'RESET_REQUIRED',
    disabled: ({ context }) => context.account?.enabled === false,
    unconfirmed: ({ context }) => context.account?.status === 'UNCONFIRMED',
    mustChangePassword: ({ context }) => context.account?.status === 'FORCE_CHANGE_PASSWORD',
    temporaryPasswordExpired: ({ context }) => context.account?.temporaryPasswordExpired === true,
    answers: ({ event }, challengeName: string) => event.challengeName === challengeName,
    lockedOut: (_, check: PasswordCheck) => check.outcome === 'locked',
    passwordCorrect: (_, check: PasswordCheck) => check.outcome === 'correct',
    failsAuthentication: (_, defined: DefinedChallenge) => defined.failAuthentication,
    issuesTokens: (_, defined: DefinedChallenge) => defined.issueTokens,
    namesCustomChallenge: (_, defined: DefinedChallenge) => defined.challengeName === 'CUSTOM_CHALLENGE',
    /** PASSWORD_VERIFIER can only follow the SRP_A the flow started with. */
    namesPasswordVerifier: ({ context }, defined: DefinedChallenge) => defined.challengeName === 'PASSWORD_VERIFIER' && context.srpA !== undefined,
  },
  actions: {
    fail: assign((_, failure: Failure) => ({ failure })),
    recordAnswer: assign(({ context }, answer: AnsweredChallenge) => ({
      answered: [...context.answered, answer],
    })),
    /** Every answer brings its call's ClientMetadata, and the pool's triggers as they now stand. */
    takeAnswerCall: assign(({ context, event }) => ({
      clientMetadata: event.clientMetadata,
      triggers: event.triggers ?? context.triggers,
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
    triggers: input.triggers ?? [],
    validationData: input.clientMetadata,
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
            target: 'beforeAuthentication',
            actions: assign({ account: ({ event }) => event.output! }),
          },
          { guard: 'canMigrate', target: 'migratingUser' },
          { guard: 'hidesUserExistence', target: 'beforeAuthentication' },
          { target: 'failed', actions: { type: 'fail', params: FAILURES.userNotFound } },
        ],
      },
    },

    /** UserMigration_Authentication: the function may vouch for the name and password; Cognito then creates the user. */
    migratingUser: {
      invoke: {
        src: 'migrateUser',
        input: ({ context, self }) => ({
          ...triggerStep(context, self.id),
          password: context.password!,
          ...(context.validationData && { validationData: context.validationData }),
        }),
        onDone: { target: 'beforeAuthentication', actions: assign({ account: ({ event }) => event.output }) },
        onError: [
          {
            guard: { type: 'hidesNotMigrated', params: ({ event }: { event: { error: unknown } }) => event.error },
            target: 'failed',
            actions: { type: 'fail', params: FAILURES.userNotFoundHidden },
          },
          { target: 'failed', actions: assign({ failure: ({ event }) => failureFromError('user not migrated', event.error) }) },
        ],
      },
    },

    beforeAuthentication: {
      always: [{ guard: { type: 'hasTrigger', params: 'PreAuthentication' }, target: 'preAuthentication' }, { target: 'checkingUser' }],
    },

    /** PreAuthentication_Authentication; the function may refuse, or change the user (it is read again after). */
    preAuthentication: {
      invoke: {
        src: 'preAuthenticate',
        input: ({ context, self }) => ({ ...triggerStep(context, self.id), ...(context.validationData && { validationData: context.validationData }) }),
        onDone: { target: 'checkingUser', actions: assign({ account: ({ event }) => event.output ?? undefined }) },
        onError: { target: 'failed', actions: assign({ failure: ({ event }) => failureFromError('refused by the pre authentication function', event.error) }) },
      },
    },

    /** An unknown user under PreventUserExistenceErrors plays along where a real one would, and fails where a wrong password would. */
    checkingUser: {
      always: [
        { guard: and([not('accountKnown'), 'hidesUserExistence', 'isSrp']), target: 'issuingPasswordVerifier' },
        { guard: and([not('accountKnown'), 'hidesUserExistence', 'isCustom']), target: 'startingCustomAuth' },
        { guard: and([not('accountKnown'), 'hidesUserExistence']), target: 'failed', actions: { type: 'fail', params: FAILURES.userNotFoundHidden } },
        { guard: not('accountKnown'), target: 'failed', actions: { type: 'fail', params: FAILURES.userNotFound } },
        { guard: 'isCustom', target: 'checkingCustomAccount' },
        { target: 'checkingAccount' },
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
          { guard: { type: 'answers', params: 'PASSWORD_VERIFIER' }, target: 'verifyingPasswordClaim', actions: 'takeAnswerCall' },
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

    /** The password is right; what the account's state (or, in a custom flow, the define function) says happens next. */
    passwordVerified: {
      always: [
        { guard: 'isCustom', target: 'definingAuthChallenge' },
        { guard: 'disabled', target: 'failed', actions: { type: 'fail', params: FAILURES.disabled } },
        { guard: 'unconfirmed', target: 'failed', actions: { type: 'fail', params: FAILURES.unconfirmed } },
        { guard: 'resetRequired', target: 'passwordResetRequired' },
        { guard: 'mustChangePassword', target: 'checkingTemporaryPassword' },
        { target: 'authenticated' },
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
          { guard: { type: 'answers', params: 'NEW_PASSWORD_REQUIRED' }, target: 'settingNewPassword', actions: 'takeAnswerCall' },
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
          target: 'authenticated',
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

    /** CUSTOM_AUTH: the user's state is checked before any challenge. */
    checkingCustomAccount: {
      always: [
        { guard: 'disabled', target: 'failed', actions: { type: 'fail', params: FAILURES.disabled } },
        { guard: 'unconfirmed', target: 'failed', actions: { type: 'fail', params: FAILURES.unconfirmed } },
        { guard: 'resetRequired', target: 'passwordResetRequired' },
        { target: 'startingCustomAuth' },
      ],
    },

    /** Started with CHALLENGE_NAME SRP_A, the session opens with SRP_A passed. */
    startingCustomAuth: {
      always: [
        {
          guard: 'startsWithSrp',
          target: 'definingAuthChallenge',
          actions: { type: 'recordAnswer', params: { challengeName: 'SRP_A', correct: true, challengeMetadata: null } },
        },
        { target: 'definingAuthChallenge' },
      ],
    },

    /** DefineAuthChallenge_Authentication: the function is the custom flow's state machine. */
    definingAuthChallenge: {
      invoke: {
        src: 'defineAuthChallenge',
        input: ({ context, self }) => ({
          ...triggerStep(context, self.id),
          session: challengeSessionOf(context.answered),
          ...(context.clientMetadata && { clientMetadata: context.clientMetadata }),
        }),
        onDone: [
          {
            guard: { type: 'failsAuthentication', params: ({ event }) => event.output },
            target: 'failed',
            actions: { type: 'fail', params: FAILURES.authenticationFailed },
          },
          { guard: { type: 'issuesTokens', params: ({ event }) => event.output }, target: 'issuingCustomTokens' },
          { guard: { type: 'namesCustomChallenge', params: ({ event }) => event.output }, target: 'creatingAuthChallenge' },
          { guard: { type: 'namesPasswordVerifier', params: ({ event }) => event.output }, target: 'issuingPasswordVerifier' },
          { target: 'failed', actions: { type: 'fail', params: FAILURES.unissuableChallenge } },
        ],
        onError: { target: 'failed', actions: assign({ failure: ({ event }) => failureFromError('define auth challenge failed', event.error) }) },
      },
    },

    /** Tokens only for a user who exists, whatever the define function says. */
    issuingCustomTokens: {
      always: [
        { guard: not('accountKnown'), target: 'failed', actions: { type: 'fail', params: FAILURES.userNotFoundHidden } },
        { target: 'authenticated' },
      ],
    },

    /** CreateAuthChallenge_Authentication: the public parameters go to the client, the private ones wait for Verify. */
    creatingAuthChallenge: {
      invoke: {
        src: 'createAuthChallenge',
        input: ({ context, self }) => ({
          ...triggerStep(context, self.id),
          challengeName: 'CUSTOM_CHALLENGE',
          session: challengeSessionOf(context.answered),
          ...(context.clientMetadata && { clientMetadata: context.clientMetadata }),
        }),
        onDone: {
          target: 'awaitingCustomChallenge',
          actions: assign({
            challenge: ({ context, event }) => ({
              name: 'CUSTOM_CHALLENGE',
              parameters: { ...event.output.publicChallengeParameters, USERNAME: context.account?.username ?? context.typedUsername },
            }),
            customChallenge: ({ event }) => ({
              privateChallengeParameters: event.output.privateChallengeParameters,
              challengeMetadata: event.output.challengeMetadata,
            }),
          }),
        },
        onError: { target: 'failed', actions: assign({ failure: ({ event }) => failureFromError('create auth challenge failed', event.error) }) },
      },
    },

    awaitingCustomChallenge: {
      tags: [AWAITING_CLIENT],
      on: {
        ANSWER: [
          { guard: { type: 'answers', params: 'CUSTOM_CHALLENGE' }, target: 'verifyingAuthChallenge', actions: 'takeAnswerCall' },
          { target: 'failed', actions: { type: 'fail', params: FAILURES.unexpectedChallenge } },
        ],
      },
    },

    /** VerifyAuthChallengeResponse_Authentication: its verdict joins the session, and Define decides again. */
    verifyingAuthChallenge: {
      invoke: {
        src: 'verifyAuthChallenge',
        input: ({ context, event, self }) => ({
          ...triggerStep(context, self.id),
          privateChallengeParameters: context.customChallenge!.privateChallengeParameters,
          challengeAnswer: (event as AnswerEvent).responses.ANSWER ?? '',
          ...(context.clientMetadata && { clientMetadata: context.clientMetadata }),
        }),
        onDone: {
          target: 'definingAuthChallenge',
          actions: [
            assign({
              answered: ({ context, event }) => [
                ...context.answered,
                { challengeName: 'CUSTOM_CHALLENGE', correct: event.output.answerCorrect, challengeMetadata: context.customChallenge!.challengeMetadata },
              ],
            }),
            assign({ customChallenge: undefined }),
          ],
        },
        onError: { target: 'failed', actions: assign({ failure: ({ event }) => failureFromError('verify auth challenge response failed', event.error) }) },
      },
    },

    /** Signed in, as far as challenges go. */
    authenticated: {
      always: [{ guard: { type: 'hasTrigger', params: 'PostAuthentication' }, target: 'postAuthentication' }, { target: 'generatingTokens' }],
    },

    /** PostAuthentication_Authentication: a refusal still stops the tokens. */
    postAuthentication: {
      invoke: {
        src: 'postAuthenticate',
        input: ({ context, self }) => ({
          ...triggerStep(context, self.id),
          account: context.account!,
          ...(context.clientMetadata && { clientMetadata: context.clientMetadata }),
        }),
        onDone: { target: 'generatingTokens' },
        onError: { target: 'failed', actions: assign({ failure: ({ event }) => failureFromError('refused by the post authentication function', event.error) }) },
      },
    },

    generatingTokens: {
      always: [{ guard: { type: 'hasTrigger', params: 'PreTokenGeneration' }, target: 'preTokenGeneration' }, { target: 'issuingTokens' }],
    },

    /** TokenGeneration_*: the function's answer is applied to the tokens issued next. */
    preTokenGeneration: {
      invoke: {
        src: 'customizeTokens',
        input: ({ context, self }) => ({
          ...triggerStep(context, self.id),
          account: context.account!,
          triggerSource: tokenGenerationSource(context),
          ...(context.clientMetadata && { clientMetadata: context.clientMetadata }),
        }),
        onDone: { target: 'issuingTokens', actions: assign({ tokenCustomization: ({ event }) => event.output }) },
        onError: { target: 'failed', actions: assign({ failure: ({ event }) => failureFromError('pre token generation failed', event.error) }) },
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
        { target: 'generatingTokens' },
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
          customization: context.tokenCustomization,
          flowId: self.id,
        }),
        onDone: { target: 'signedIn', actions: assign({ result: ({ event }) => event.output, tokenCustomization: undefined }) },
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
