/**
 * Sign-in (InitiateAuth / AdminInitiateAuth, then RespondToAuthChallenge) as one flow, with the
 * pool's Lambda triggers as its own steps, at the moments Cognito runs them. Its regions:
 *
 *   routing ─┬─ refresh ─► refresh { checkingRefreshUser ─► checkingRefreshAccount } ─► tokens
 *            └─► identifying { findingUser ─ unknown, password flow ─► migratingUser (UserMigration)
 *                               ─► beforeAuthentication ─► preAuthentication (PreAuthentication)
 *                               ─► checkingUser ─┬─► checkingAccount ─┬─ password ─► password
 *                                                │                    └─ SRP ─► srp
 *                                                └─ CUSTOM_AUTH ─► checkingCustomAccount ─► customChallenge }
 *   password { verifyingPassword } ──────────────────────────────────────────► passwordVerified
 *   srp { issuingPasswordVerifier ─► awaitingPasswordVerifier ─ ANSWER ─► verifyingPasswordClaim } ─► passwordVerified
 *   customChallenge { startingCustomAuth ─► definingAuthChallenge (DefineAuthChallenge) ◄──────┐
 *                        ├─ PASSWORD_VERIFIER ─► srp                                              │
 *                        ├─ CUSTOM_CHALLENGE ─► creatingAuthChallenge ─► awaitingCustomChallenge  │
 *                        │     ─ ANSWER ─► verifyingAuthChallenge ────────────────────────────────┘
 *                        ├─ issueTokens ─► issuingCustomTokens ─► tokens
 *                        └─ failAuthentication ─► failed }
 *   passwordVerified ─┬─ CUSTOM_AUTH ─► customChallenge.definingAuthChallenge
 *                     ├─► tokens
 *                     └─► newPassword { checkingTemporaryPassword ─► preparingNewPasswordChallenge
 *                            ─► awaitingNewPassword ─ ANSWER ─► settingNewPassword } ─► tokens
 *   tokens { authenticated ─► postAuthentication (PostAuthentication) ─► generatingTokens
 *              ─► preTokenGeneration (PreTokenGeneration) ─► issuingTokens } ─► signedIn
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
 * The flow runner (../runner.ts) persists it in the `awaiting-client` states behind a Session.
 * All I/O is in the invoked actors, named here and provided once per sandbox (./actors.ts,
 * ./trigger-actors.ts); everything a call brings (credentials, answers, ClientMetadata, origin,
 * SDK) enters as input or as the ANSWER event. Refusals follow ../failure.ts: the `failed`
 * state's output carries the error the door answers with. SRP values are hex strings; the
 * password and the server's private SRP value leave the context as soon as they have been checked.
 */
import { and, assign, not, setup } from 'xstate';
import type { AuthenticationResult } from '../../tokens/tokens.js';
import type { ChallengeResult } from '../../triggers/events/challenge-session.js';
import type { CreatedChallenge } from '../../triggers/events/createAuthChallenge.js';
import type { DefinedChallenge } from '../../triggers/events/defineAuthChallenge.js';
import type { PreTokenGenerationSource, TokenCustomization } from '../../triggers/events/preTokenGeneration.js';
import { failureOf, notProvided, refusalOf, type Failure } from '../failure.js';
import { AWAITING_CLIENT } from '../runner.js';
import type {
  Account,
  AccountStepInput,
  AnsweredChallenge,
  AnswerEvent,
  CheckPasswordClaimInput,
  CheckPasswordInput,
  CreateAuthChallengeInput,
  CustomizeTokensInput,
  DefineAuthChallengeInput,
  FindAccountInput,
  IssueTokensInput,
  MigrateUserInput,
  PasswordCheck,
  PasswordVerifierState,
  PostAuthenticateInput,
  PreAuthenticateInput,
  SetNewPasswordInput,
  SignInContext,
  SignInInput,
  SignInOutput,
  SignInTrigger,
  StartPasswordVerifierInput,
  StringMap,
  TriggerStepInput,
  VerifyAuthChallengeInput,
} from './types.js';

const NOT_AUTHORIZED = 'NotAuthorizedException';
const INCORRECT = { type: NOT_AUTHORIZED, message: 'Incorrect username or password.' };

/** Every refusal this flow decides itself, with Cognito's error. */
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

/** The fields every trigger step's input starts with. */
function triggerStep(context: SignInContext, flowId: string): TriggerStepInput {
  return {
    poolId: context.poolId,
    clientId: context.clientId,
    flowId,
    typedUsername: context.typedUsername,
    ...(context.account && { account: context.account }),
    ...(context.preventUserExistenceErrors && { userNotFound: context.account === undefined }),
    ...(context.awsSdkVersion && { awsSdkVersion: context.awsSdkVersion }),
  };
}

/** A state of this machine by its path, for targets outside the current region. */
const at = (path: string) => `#sign-in.${path}`;
const FAILED = at('failed');

/** An actor's refusal (a Cognito exception) ends the flow with it; anything else is a fault (../failure.ts). */
const refusedAs = (reason: string) => ({ guard: 'isRefusal', target: FAILED, actions: { type: 'refuse', params: reason } }) as const;

export const signInMachine = setup({
  types: {
    input: {} as SignInInput,
    context: {} as SignInContext,
    events: {} as AnswerEvent,
    output: {} as SignInOutput,
  },
  actors: {
    findAccount: notProvided<Account | null, FindAccountInput>('findAccount'),
    migrateUser: notProvided<Account, MigrateUserInput>('migrateUser'),
    preAuthenticate: notProvided<Account | null, PreAuthenticateInput>('preAuthenticate'),
    startPasswordVerifier: notProvided<PasswordVerifierState, StartPasswordVerifierInput>('startPasswordVerifier'),
    checkPassword: notProvided<PasswordCheck, CheckPasswordInput>('checkPassword'),
    checkPasswordClaim: notProvided<PasswordCheck, CheckPasswordClaimInput>('checkPasswordClaim'),
    describeNewPasswordChallenge: notProvided<StringMap, AccountStepInput>('describeNewPasswordChallenge'),
    setNewPassword: notProvided<Account, SetNewPasswordInput>('setNewPassword'),
    defineAuthChallenge: notProvided<DefinedChallenge, DefineAuthChallengeInput>('defineAuthChallenge'),
    createAuthChallenge: notProvided<CreatedChallenge, CreateAuthChallengeInput>('createAuthChallenge'),
    verifyAuthChallenge: notProvided<{ answerCorrect: boolean }, VerifyAuthChallengeInput>('verifyAuthChallenge'),
    postAuthenticate: notProvided<void, PostAuthenticateInput>('postAuthenticate'),
    customizeTokens: notProvided<TokenCustomization | undefined, CustomizeTokensInput>('customizeTokens'),
    issueTokens: notProvided<AuthenticationResult, IssueTokensInput>('issueTokens'),
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
    isRefusal: ({ event }) => refusalOf(event) !== undefined,
  },
  actions: {
    fail: assign((_, failure: Failure) => ({ failure })),
    refuse: assign(({ event }, reason: string) => ({ failure: failureOf(refusalOf(event)!, reason) })),
    recordAnswer: assign(({ context }, answer: AnsweredChallenge) => ({
      answered: [...context.answered, answer],
    })),
    /** Every answer brings its call's ClientMetadata, origin and SDK, and the pool's triggers as they now stand. */
    takeAnswerCall: assign(({ context, event }) => ({
      clientMetadata: event.clientMetadata,
      triggers: event.triggers ?? context.triggers,
      origin: event.origin ?? context.origin,
      awsSdkVersion: event.awsSdkVersion ?? context.awsSdkVersion,
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
    origin: input.origin,
    awsSdkVersion: input.awsSdkVersion,
  }),
  output: ({ event }) => event.output as SignInOutput,
  initial: 'routing',
  states: {
    routing: {
      always: [{ guard: 'isRefresh', target: 'refresh' }, { target: 'identifying' }],
    },

    /** Who is signing in, and whether their account may try: the user found (or migrated), pre authentication, the account's state. */
    identifying: {
      initial: 'findingUser',
      states: {
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
              { target: FAILED, actions: { type: 'fail', params: FAILURES.userNotFound } },
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
                target: FAILED,
                actions: { type: 'fail', params: FAILURES.userNotFoundHidden },
              },
              refusedAs('user not migrated'),
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
            onError: refusedAs('refused by the pre authentication function'),
          },
        },

        /** An unknown user under PreventUserExistenceErrors plays along where a real one would, and fails where a wrong password would. */
        checkingUser: {
          always: [
            { guard: and([not('accountKnown'), 'hidesUserExistence', 'isSrp']), target: at('srp') },
            { guard: and([not('accountKnown'), 'hidesUserExistence', 'isCustom']), target: at('customChallenge') },
            { guard: and([not('accountKnown'), 'hidesUserExistence']), target: FAILED, actions: { type: 'fail', params: FAILURES.userNotFoundHidden } },
            { guard: not('accountKnown'), target: FAILED, actions: { type: 'fail', params: FAILURES.userNotFound } },
            { guard: 'isCustom', target: 'checkingCustomAccount' },
            { target: 'checkingAccount' },
          ],
        },

        checkingAccount: {
          always: [
            { guard: 'resetRequired', target: at('passwordResetRequired') },
            { guard: 'isSrp', target: at('srp') },
            { target: at('password') },
          ],
        },

        /** CUSTOM_AUTH: the user's state is checked before any challenge. */
        checkingCustomAccount: {
          always: [
            { guard: 'disabled', target: FAILED, actions: { type: 'fail', params: FAILURES.disabled } },
            { guard: 'unconfirmed', target: FAILED, actions: { type: 'fail', params: FAILURES.unconfirmed } },
            { guard: 'resetRequired', target: at('passwordResetRequired') },
            { target: at('customChallenge') },
          ],
        },
      },
    },

    passwordResetRequired: {
      always: [
        { guard: 'hidesUserExistence', target: 'failed', actions: { type: 'fail', params: FAILURES.passwordResetRequiredHidden } },
        { target: 'failed', actions: { type: 'fail', params: FAILURES.passwordResetRequired } },
      ],
    },

    /** USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH: the password itself. */
    password: {
      initial: 'verifyingPassword',
      states: {
        verifyingPassword: {
          invoke: {
            src: 'checkPassword',
            input: ({ context }) => ({ poolId: context.poolId, account: context.account!, password: context.password ?? '' }),
            onDone: [
              { guard: { type: 'lockedOut', params: ({ event }) => event.output }, target: FAILED, actions: { type: 'fail', params: FAILURES.lockedOut } },
              {
                guard: { type: 'passwordCorrect', params: ({ event }) => event.output },
                target: at('passwordVerified'),
                actions: assign({ account: ({ event }) => (event.output as Extract<PasswordCheck, { outcome: 'correct' }>).account }),
              },
              { target: FAILED, actions: { type: 'fail', params: FAILURES.wrongPassword } },
            ],
          },
          exit: assign({ password: undefined }),
        },
      },
    },

    /** USER_SRP_AUTH (and a custom flow started with SRP_A): PASSWORD_VERIFIER, then the client's proof. */
    srp: {
      initial: 'issuingPasswordVerifier',
      states: {
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
              { target: FAILED, actions: { type: 'fail', params: FAILURES.unexpectedChallenge } },
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
                target: FAILED,
                actions: [{ type: 'recordAnswer', params: { challengeName: 'PASSWORD_VERIFIER', correct: false } }, { type: 'fail', params: FAILURES.lockedOut }],
              },
              {
                guard: { type: 'passwordCorrect', params: ({ event }) => event.output },
                target: at('passwordVerified'),
                actions: [
                  { type: 'recordAnswer', params: { challengeName: 'PASSWORD_VERIFIER', correct: true } },
                  assign({ account: ({ event }) => (event.output as Extract<PasswordCheck, { outcome: 'correct' }>).account }),
                ],
              },
              {
                target: FAILED,
                actions: [{ type: 'recordAnswer', params: { challengeName: 'PASSWORD_VERIFIER', correct: false } }, { type: 'fail', params: FAILURES.wrongPassword }],
              },
            ],
          },
          exit: assign({ passwordVerifier: undefined }),
        },
      },
    },

    /** The password is right; what the account's state (or, in a custom flow, the define function) says happens next. */
    passwordVerified: {
      always: [
        { guard: 'isCustom', target: at('customChallenge.definingAuthChallenge') },
        { guard: 'disabled', target: 'failed', actions: { type: 'fail', params: FAILURES.disabled } },
        { guard: 'unconfirmed', target: 'failed', actions: { type: 'fail', params: FAILURES.unconfirmed } },
        { guard: 'resetRequired', target: 'passwordResetRequired' },
        { guard: 'mustChangePassword', target: 'newPassword' },
        { target: 'tokens' },
      ],
    },

    /** NEW_PASSWORD_REQUIRED: a user with a temporary password chooses their own. */
    newPassword: {
      initial: 'checkingTemporaryPassword',
      states: {
        checkingTemporaryPassword: {
          always: [
            { guard: 'temporaryPasswordExpired', target: FAILED, actions: { type: 'fail', params: FAILURES.temporaryPasswordExpired } },
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
              { target: FAILED, actions: { type: 'fail', params: FAILURES.unexpectedChallenge } },
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
              target: at('tokens'),
              actions: [
                { type: 'recordAnswer', params: { challengeName: 'NEW_PASSWORD_REQUIRED', correct: true } },
                assign({ account: ({ event }) => event.output }),
              ],
            },
            onError: {
              guard: 'isRefusal',
              target: FAILED,
              actions: [
                { type: 'recordAnswer', params: { challengeName: 'NEW_PASSWORD_REQUIRED', correct: false } },
                { type: 'refuse', params: 'new password refused' },
              ],
            },
          },
        },
      },
    },

    /** CUSTOM_AUTH: the define function is this region's state machine. */
    customChallenge: {
      initial: 'startingCustomAuth',
      states: {
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

        /** DefineAuthChallenge_Authentication: what comes next. */
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
                target: FAILED,
                actions: { type: 'fail', params: FAILURES.authenticationFailed },
              },
              { guard: { type: 'issuesTokens', params: ({ event }) => event.output }, target: 'issuingCustomTokens' },
              { guard: { type: 'namesCustomChallenge', params: ({ event }) => event.output }, target: 'creatingAuthChallenge' },
              { guard: { type: 'namesPasswordVerifier', params: ({ event }) => event.output }, target: at('srp') },
              { target: FAILED, actions: { type: 'fail', params: FAILURES.unissuableChallenge } },
            ],
            onError: refusedAs('define auth challenge failed'),
          },
        },

        /** Tokens only for a user who exists, whatever the define function says. */
        issuingCustomTokens: {
          always: [
            { guard: not('accountKnown'), target: FAILED, actions: { type: 'fail', params: FAILURES.userNotFoundHidden } },
            { target: at('tokens') },
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
            onError: refusedAs('create auth challenge failed'),
          },
        },

        awaitingCustomChallenge: {
          tags: [AWAITING_CLIENT],
          on: {
            ANSWER: [
              { guard: { type: 'answers', params: 'CUSTOM_CHALLENGE' }, target: 'verifyingAuthChallenge', actions: 'takeAnswerCall' },
              { target: FAILED, actions: { type: 'fail', params: FAILURES.unexpectedChallenge } },
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
            onError: refusedAs('verify auth challenge response failed'),
          },
        },
      },
    },

    /** REFRESH_TOKEN_AUTH: the refresh token's user, still there and enabled. */
    refresh: {
      initial: 'checkingRefreshUser',
      states: {
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
              { target: FAILED, actions: { type: 'fail', params: FAILURES.refreshTokenUserGone } },
            ],
          },
        },

        checkingRefreshAccount: {
          always: [
            { guard: 'disabled', target: FAILED, actions: { type: 'fail', params: FAILURES.disabled } },
            { target: at('tokens.generatingTokens') },
          ],
        },
      },
    },

    /** Signed in, as far as challenges go: post authentication, pre token generation, the tokens. */
    tokens: {
      initial: 'authenticated',
      states: {
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
            onError: refusedAs('refused by the post authentication function'),
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
            onError: refusedAs('pre token generation failed'),
          },
        },

        issuingTokens: {
          invoke: {
            src: 'issueTokens',
            input: ({ context, self }) => ({
              poolId: context.poolId,
              clientId: context.clientId,
              account: context.account!,
              ...(context.origin && { origin: context.origin }),
              refreshing: context.refreshing,
              customization: context.tokenCustomization,
              flowId: self.id,
            }),
            onDone: { target: at('signedIn'), actions: assign({ result: ({ event }) => event.output, tokenCustomization: undefined }) },
          },
        },
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
