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
 *   password { verifyingPassword ─ threat protection on ─► checkingCompromisedPassword } ─► passwordVerified
 *   srp { issuingPasswordVerifier ─► awaitingPasswordVerifier ─ ANSWER ─► verifyingPasswordClaim } ─► passwordVerified
 *   customChallenge { startingCustomAuth ─► definingAuthChallenge (DefineAuthChallenge) ◄──────┐
 *                        ├─ PASSWORD_VERIFIER ─► srp                                              │
 *                        ├─ CUSTOM_CHALLENGE ─► creatingAuthChallenge ─► awaitingCustomChallenge  │
 *                        │     ─ ANSWER ─► verifyingAuthChallenge ────────────────────────────────┘
 *                        ├─ issueTokens ─► issuingCustomTokens ─► tokens
 *                        └─ failAuthentication ─► failed }
 *   choosing { listingFirstFactors ─► routingChoice ─┬─ PASSWORD ─► password, PASSWORD_SRP ─► srp    (USER_AUTH)
 *                                                    ├─ EMAIL_OTP, SMS_OTP, WEB_AUTHN ─► checkingPasswordlessAccount
 *                                                    │     ─┬─ a code ─► mfa.sendingMfaCode ─► … ─► afterMfa
 *                                                    │      └─ WEB_AUTHN ─► passkey
 *                                                    └─► awaitingChoice ─ ANSWER (SELECT_CHALLENGE) ─► routingChoice }
 *   passkey { issuingPasskeyChallenge ─► awaitingPasskey ─ ANSWER (WEB_AUTHN) ─► verifyingPasskey } ─► afterMfa
 *   passwordVerified ─┬─ CUSTOM_AUTH ─► beforeMfa
 *                     ├─ the user's state is fine ─► assessingRisk (threat protection on), else beforeMfa
 *                     └─► newPassword { checkingTemporaryPassword ─► preparingNewPasswordChallenge
 *                            ─► awaitingNewPassword ─ ANSWER ─► settingNewPassword } ─► assessingRisk or beforeMfa, as above
 *   a wrong password (threat protection on) ─► recordingFailedSignIn (a SignIn event, Fail) ─► failed
 *   assessingRisk (threat protection) ─┬─ allowed ─► beforeMfa
 *                                      ├─ MFA because of risk ─► mfa
 *                                      └─ blocked ─► failed
 *   beforeMfa ─┬─ MFA off ─► afterMfa
 *              ├─ DEVICE_KEY ─► checkingDeviceForMfa ─┬─ remembered, standing in for MFA ─► afterMfa
 *              │                                      └─► mfa
 *              └─► mfa
 *   mfa { decidingMfa ─┬─ none ─► afterMfa
 *                      ├─ SMS_MFA / EMAIL_OTP ─► sendingMfaCode ─► awaitingMfaCode
 *                      ├─ SOFTWARE_TOKEN_MFA ─► awaitingMfaCode ─ ANSWER ─► verifyingMfaCode ─► afterMfa
 *                      ├─ several factors ─► awaitingMfaSelection ─ ANSWER (SELECT_MFA_TYPE) ─► sendingMfaCode | awaitingMfaCode
 *                      └─ none set up, MFA required ─► awaitingMfaSetup ─ AssociateSoftwareToken ─► associatingSoftwareToken
 *                            ─ VerifySoftwareToken ─► verifyingSoftwareToken ─ ANSWER (MFA_SETUP) ─► afterMfa }
 *   afterMfa ─┬─ CUSTOM_AUTH ─► customChallenge.definingAuthChallenge
 *             ├─ DEVICE_KEY ─► device { awaitingDeviceSrp ─ ANSWER ─► startingDeviceSrp
 *             │                  ─► awaitingDevicePasswordVerifier ─ ANSWER ─► verifyingDeviceClaim } ─► tokens
 *             └─► tokens
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
 * MFA follows the password (and a new password), as the pool and the user have it
 * (cognito/mfa-challenges.ts). A wrong MFA code is refused with CodeMismatchException and the
 * flow waits again on the same Session (the runner keeps it); the fifth wrong code ends the flow.
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
import type { PasskeyChallenge } from '../../cognito/webauthn.js';
import type {
  Account,
  AccountStepInput,
  AnsweredChallenge,
  AnswerEvent,
  AssessRiskInput,
  CheckCompromisedPasswordInput,
  RecordFailedSignInInput,
  RiskStep,
  CheckDeviceClaimInput,
  CheckMfaCodeInput,
  CheckPasswordClaimInput,
  CodeFactor,
  CheckPasswordInput,
  CreateAuthChallengeInput,
  CustomizeTokensInput,
  DecideMfaInput,
  DefineAuthChallengeInput,
  DeviceSrpStart,
  DeviceStepInput,
  FindAccountInput,
  FirstFactor,
  IssueTokensInput,
  ListFirstFactorsInput,
  MfaCodeCheck,
  MfaFactor,
  MfaStep,
  MigrateUserInput,
  PasswordCheck,
  PasswordVerifierState,
  PostAuthenticateInput,
  PreAuthenticateInput,
  SendMfaCodeInput,
  SentMfaCode,
  SetNewPasswordInput,
  SignInContext,
  SignInEvent,
  SoftwareTokenSetupInput,
  StartDeviceSrpInput,
  StartPasskeyInput,
  VerifyPasskeyInput,
  VerifySoftwareTokenEvent,
  VerifySoftwareTokenInput,
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
  wrongDevicePassword: { reason: 'the device did not prove its secret', error: INCORRECT },
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
  wrongMfaCode: { reason: 'wrong MFA code', error: { type: 'CodeMismatchException', message: 'Invalid code or auth state for the user.' } },
  tooManyWrongMfaCodes: { reason: 'too many wrong MFA codes', error: { type: 'CodeMismatchException', message: 'Invalid code or auth state for the user.' } },
  expiredMfaCode: { reason: 'MFA code expired', error: { type: NOT_AUTHORIZED, message: 'Invalid session for the user, session is expired.' } },
  unknownMfaChoice: { reason: 'chose an MFA type it was not offered', error: { type: 'InvalidParameterException', message: 'Invalid MFA type selected.' } },
  replayedSoftwareTokenCode: {
    reason: 'a software token code used before',
    error: { type: 'ExpiredCodeException', message: 'Your software token has already been used once.' },
  },
  unknownFirstFactor: { reason: 'chose a first factor it was not offered', error: { type: 'InvalidParameterException', message: 'Invalid challenge selected.' } },
  mfaNotSetUp: { reason: 'answered MFA_SETUP before a software token was verified', error: { type: NOT_AUTHORIZED, message: 'Invalid session for the user.' } },
} satisfies Record<string, Failure>;

/** A wrong code is refused this many times; the last one ends the flow. */
const MAX_WRONG_MFA_CODES = 5;

/** The ChallengeResponses member each MFA challenge's code arrives in. */
export const MFA_CODE_RESPONSE: Readonly<Record<CodeFactor, string>> = {
  SMS_MFA: 'SMS_MFA_CODE',
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE',
  EMAIL_OTP: 'EMAIL_OTP_CODE',
  SMS_OTP: 'SMS_OTP_CODE',
};

/** The pre token generation trigger source for the tokens this flow is about to issue. */
export function tokenGenerationSource(context: Pick<SignInContext, 'authFlow' | 'answered' | 'oauth'>): PreTokenGenerationSource {
  if (context.authFlow === 'REFRESH_TOKEN_AUTH') return 'TokenGeneration_RefreshTokens';
  if (context.oauth) return 'TokenGeneration_HostedAuth';
  const answeredCorrectly = (challengeName: string) => context.answered.some((answer) => answer.challengeName === challengeName && answer.correct);
  if (answeredCorrectly('NEW_PASSWORD_REQUIRED')) return 'TokenGeneration_NewPasswordChallenge';
  return answeredCorrectly('DEVICE_PASSWORD_VERIFIER') ? 'TokenGeneration_AuthenticateDevice' : 'TokenGeneration_Authentication';
}

/** The OAuth scopes of the tokens about to be issued: the hosted UI's grant, or the one the refresh token carries. */
const grantedScopes = (context: Pick<SignInContext, 'oauth' | 'refreshing'>): string[] | undefined => context.oauth?.scopes ?? context.refreshing?.scopes;

/** An MFA challenge's parameters: where the code went, for SMS and email. */
function mfaChallengeParameters(sent: SentMfaCode | undefined): StringMap {
  return sent ? { CODE_DELIVERY_DELIVERY_MEDIUM: sent.medium, CODE_DELIVERY_DESTINATION: sent.destination } : {};
}

/** The custom flow's history as the challenge triggers receive it. */
export function challengeSessionOf(answered: readonly AnsweredChallenge[]): ChallengeResult[] {
  return answered.map((answer) => ({ challengeName: answer.challengeName, challengeResult: answer.correct, challengeMetadata: answer.challengeMetadata ?? null }));
}

/** Whether the sign-in answered an MFA challenge (its auth event lists it). */
const answeredMfa = (answered: readonly AnsweredChallenge[]): boolean =>
  answered.some((answer) => answer.correct && ['SMS_MFA', 'EMAIL_OTP', 'SOFTWARE_TOKEN_MFA', 'MFA_SETUP'].includes(answer.challengeName));

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
    events: {} as SignInEvent,
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
    decideMfa: notProvided<MfaStep, DecideMfaInput>('decideMfa'),
    sendMfaCode: notProvided<SentMfaCode, SendMfaCodeInput>('sendMfaCode'),
    checkMfaCode: notProvided<MfaCodeCheck, CheckMfaCodeInput>('checkMfaCode'),
    listFirstFactors: notProvided<FirstFactor[], ListFirstFactorsInput>('listFirstFactors'),
    startPasskeyChallenge: notProvided<PasskeyChallenge, StartPasskeyInput>('startPasskeyChallenge'),
    deviceSkipsMfa: notProvided<boolean, DeviceStepInput>('deviceSkipsMfa'),
    startDeviceSrp: notProvided<DeviceSrpStart, StartDeviceSrpInput>('startDeviceSrp'),
    checkDeviceClaim: notProvided<boolean, CheckDeviceClaimInput>('checkDeviceClaim'),
    verifyPasskey: notProvided<void, VerifyPasskeyInput>('verifyPasskey'),
    associateSoftwareToken: notProvided<void, SoftwareTokenSetupInput>('associateSoftwareToken'),
    verifySoftwareToken: notProvided<void, VerifySoftwareTokenInput>('verifySoftwareToken'),
    checkCompromisedPassword: notProvided<boolean, CheckCompromisedPasswordInput>('checkCompromisedPassword'),
    assessRisk: notProvided<RiskStep, AssessRiskInput>('assessRisk'),
    recordFailedSignIn: notProvided<void, RecordFailedSignInInput>('recordFailedSignIn'),
  },
  guards: {
    isRefresh: ({ context }) => context.authFlow === 'REFRESH_TOKEN_AUTH',
    isSrp: ({ context }) => context.authFlow === 'USER_SRP_AUTH',
    isCustom: ({ context }) => context.authFlow === 'CUSTOM_AUTH',
    isUserAuth: ({ context }) => context.authFlow === 'USER_AUTH',
    /** USER_AUTH: the first factor chosen (or preferred) is one the user may use. */
    chose: ({ context }, factor: FirstFactor) => context.chosenFactor === factor && (context.firstFactors ?? []).includes(factor),
    chosePasswordless: ({ context }) =>
      ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'].includes(context.chosenFactor ?? '') && (context.firstFactors ?? []).some((factor) => factor === context.chosenFactor),
    choiceAvailable: ({ context, event }) => event.type === 'ANSWER' && (context.firstFactors ?? []).some((factor) => factor === event.responses.ANSWER),
    startsWithSrp: ({ context }) => context.srpA !== undefined,
    hasPassword: ({ context }) => context.password !== undefined,
    presentsDevice: ({ context }) => context.deviceKey !== undefined,
    isTrue: (_, value: boolean) => value,
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
    answers: ({ event }, challengeName: string) => event.type === 'ANSWER' && event.challengeName === challengeName,
    lockedOut: (_, check: PasswordCheck) => check.outcome === 'locked',
    passwordCorrect: (_, check: PasswordCheck) => check.outcome === 'correct',
    /** The password is right and threat protection is on: the password sent is checked for compromise. */
    passwordCorrectUnderThreatProtection: ({ context }, check: PasswordCheck) => check.outcome === 'correct' && context.threatProtection !== undefined,
    failsAuthentication: (_, defined: DefinedChallenge) => defined.failAuthentication,
    issuesTokens: (_, defined: DefinedChallenge) => defined.issueTokens,
    namesCustomChallenge: (_, defined: DefinedChallenge) => defined.challengeName === 'CUSTOM_CHALLENGE',
    /** PASSWORD_VERIFIER can only follow the SRP_A the flow started with. */
    namesPasswordVerifier: ({ context }, defined: DefinedChallenge) => defined.challengeName === 'PASSWORD_VERIFIER' && context.srpA !== undefined,
    isRefusal: ({ event }) => refusalOf(event) !== undefined,
    mfaOff: ({ context }) => (context.mfaConfiguration ?? 'OFF') === 'OFF',
    noMfa: (_, step: MfaStep) => step.step === 'none',
    mfaCode: (_, step: MfaStep) => step.step === 'challenge' && step.factor !== 'SOFTWARE_TOKEN_MFA',
    softwareToken: (_, step: MfaStep) => step.step === 'challenge' && step.factor === 'SOFTWARE_TOKEN_MFA',
    mfaSelection: (_, step: MfaStep) => step.step === 'select',
    answersMfa: ({ context, event }) => event.type === 'ANSWER' && event.challengeName === context.mfa?.factor,
    choosesOffered: ({ context, event }) => event.type === 'ANSWER' && (context.mfa?.factors ?? []).some((factor) => factor === event.responses.ANSWER),
    choosesSoftwareToken: ({ event }) => event.type === 'ANSWER' && event.responses.ANSWER === 'SOFTWARE_TOKEN_MFA',
    softwareTokenSetUp: ({ context }) => context.mfa?.setUp === true,
    codeReplayed: (_, check: MfaCodeCheck) => check === 'replayed',
    codeCorrect: (_, check: MfaCodeCheck) => check === 'correct',
    codeExpired: (_, check: MfaCodeCheck) => check === 'expired',
    lastWrongCode: ({ context }) => (context.mfa?.wrongCodes ?? 0) + 1 >= MAX_WRONG_MFA_CODES,
    /** Threat protection is on (AUDIT or ENFORCED) in the pool as of the latest call: its steps run only then. */
    threatProtectionOn: ({ context }) => context.threatProtection !== undefined,
    riskBlocks: (_, step: RiskStep) => step.outcome === 'block',
    riskAsksMfa: (_, step: RiskStep) => step.outcome === 'mfa',
  },
  actions: {
    fail: assign((_, failure: Failure) => ({ failure })),
    /** The MFA factor the client answers next, and its challenge (its code already sent, for SMS and email). */
    challengeMfa: assign(({ context }, factor: CodeFactor) => ({
      mfa: { ...context.mfa, factor, wrongCodes: 0 },
      challenge: { name: factor, parameters: mfaChallengeParameters(context.mfa?.sent) },
    })),
    /** A wrong code: the client may answer again on the same Session. */
    refuseWrongCode: assign(({ context }, failure: Failure) => ({
      mfa: { ...context.mfa!, wrongCodes: context.mfa!.wrongCodes + 1 },
      failure,
    })),
    refuse: assign(({ event }, reason: string) => ({ failure: failureOf(refusalOf(event)!, reason) })),
    recordAnswer: assign(({ context }, answer: AnsweredChallenge) => ({
      answered: [...context.answered, answer],
    })),
    /** Every answer brings its call's ClientMetadata, origin and SDK, and the pool's triggers as they now stand. */
    takeAnswerCall: assign(({ context, event }) => {
      const call = event as AnswerEvent;
      return {
        failure: undefined,
        clientMetadata: call.clientMetadata,
        triggers: call.triggers ?? context.triggers,
        origin: call.origin ?? context.origin,
        awsSdkVersion: call.awsSdkVersion ?? context.awsSdkVersion,
        mfaConfiguration: call.mfaConfiguration ?? context.mfaConfiguration,
        deviceKey: call.responses.DEVICE_KEY ?? context.deviceKey,
        sourceIp: call.sourceIp ?? context.sourceIp,
        threatProtection: call.threatProtection,
      };
    }),
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
    clientMetadata: input.refreshClientMetadata,
    answered: [],
    origin: input.origin,
    awsSdkVersion: input.awsSdkVersion,
    mfaConfiguration: input.mfaConfiguration,
    chosenFactor: input.preferredChallenge,
    deviceKey: input.deviceKey,
    oauth: input.oauth,
    sourceIp: input.sourceIp,
    threatProtection: input.threatProtection,
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
            { guard: 'isUserAuth', target: at('choosing') },
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
                guard: { type: 'passwordCorrectUnderThreatProtection', params: ({ event }) => event.output },
                target: 'checkingCompromisedPassword',
                actions: assign({ account: ({ event }) => (event.output as Extract<PasswordCheck, { outcome: 'correct' }>).account }),
              },
              {
                guard: { type: 'passwordCorrect', params: ({ event }) => event.output },
                target: at('passwordVerified'),
                actions: assign({ account: ({ event }) => (event.output as Extract<PasswordCheck, { outcome: 'correct' }>).account }),
              },
              { guard: 'threatProtectionOn', target: at('recordingFailedSignIn'), actions: { type: 'fail', params: FAILURES.wrongPassword } },
              { target: FAILED, actions: { type: 'fail', params: FAILURES.wrongPassword } },
            ],
          },
        },

        /** Threat protection: whether the password sent is one marked compromised (SRP sends none to check). */
        checkingCompromisedPassword: {
          invoke: {
            src: 'checkCompromisedPassword',
            input: ({ context }) => ({ poolId: context.poolId, password: context.password ?? '' }),
            onDone: { target: at('passwordVerified'), actions: assign({ compromisedPassword: ({ event }) => event.output }) },
          },
        },
      },
      exit: assign({ password: undefined }),
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
                guard: 'threatProtectionOn',
                target: at('recordingFailedSignIn'),
                actions: [{ type: 'recordAnswer', params: { challengeName: 'PASSWORD_VERIFIER', correct: false } }, { type: 'fail', params: FAILURES.wrongPassword }],
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
        { guard: 'isCustom', target: 'beforeMfa' },
        { guard: 'disabled', target: 'failed', actions: { type: 'fail', params: FAILURES.disabled } },
        { guard: 'unconfirmed', target: 'failed', actions: { type: 'fail', params: FAILURES.unconfirmed } },
        { guard: 'resetRequired', target: 'passwordResetRequired' },
        { guard: 'mustChangePassword', target: 'newPassword' },
        { guard: 'threatProtectionOn', target: 'assessingRisk' },
        { target: 'beforeMfa' },
      ],
    },

    /**
     * Threat protection, entered only where the pool had it on (AUDIT or ENFORCED) at the latest
     * call: the risk configuration's action for this sign-in (cognito/threat-protection/assess-sign-in.ts).
     */
    assessingRisk: {
      invoke: {
        src: 'assessRisk',
        input: ({ context, self }) => ({
          poolId: context.poolId,
          clientId: context.clientId,
          account: context.account!,
          flowId: self.id,
          ...(context.origin && { origin: context.origin }),
          ...(context.sourceIp && { sourceIp: context.sourceIp }),
          ...(context.deviceKey && { deviceKey: context.deviceKey }),
          ...(context.compromisedPassword !== undefined && { compromisedPassword: context.compromisedPassword }),
        }),
        onDone: [
          {
            guard: { type: 'riskBlocks', params: ({ event }) => event.output },
            target: 'failed',
            actions: assign({ failure: ({ event }) => (event.output as Extract<RiskStep, { outcome: 'block' }>).failure }),
          },
          {
            guard: { type: 'riskAsksMfa', params: ({ event }) => event.output },
            target: 'mfa',
            actions: assign({ risk: ({ event }) => ({ eventId: event.output.eventId, mfa: true }) }),
          },
          { target: 'beforeMfa', actions: assign({ risk: ({ event }) => ({ ...(event.output.eventId && { eventId: event.output.eventId }), mfa: false }) }) },
        ],
      },
    },

    /** Threat protection on: a sign-in refused for a wrong password is a SignIn auth event that failed. */
    recordingFailedSignIn: {
      invoke: {
        src: 'recordFailedSignIn',
        input: ({ context, self }) => ({
          poolId: context.poolId,
          clientId: context.clientId,
          account: context.account!,
          flowId: self.id,
          ...(context.sourceIp && { sourceIp: context.sourceIp }),
        }),
        onDone: { target: 'failed' },
        onError: { target: 'failed' },
      },
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
            input: ({ context, event, self }) => ({
              poolId: context.poolId,
              clientId: context.clientId,
              account: context.account!,
              responses: (event as AnswerEvent).responses,
              ...(context.threatProtection && { threatProtection: context.threatProtection, flowId: self.id }),
              ...(context.sourceIp && { sourceIp: context.sourceIp }),
            }),
            onDone: {
              target: at('afterNewPassword'),
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

    afterNewPassword: {
      always: [{ guard: 'threatProtectionOn', target: 'assessingRisk' }, { target: 'beforeMfa' }],
    },

    /**
     * MFA, unless the pool has none or the device presented is remembered and stands in for it. A
     * custom flow's PASSWORD_VERIFIER is followed by MFA too, then by its define function (the
     * session it is given then holds the MFA challenge); a custom flow without a password has none.
     */
    beforeMfa: {
      always: [{ guard: 'mfaOff', target: 'afterMfa' }, { guard: 'presentsDevice', target: 'checkingDeviceForMfa' }, { target: 'mfa' }],
    },

    checkingDeviceForMfa: {
      invoke: {
        src: 'deviceSkipsMfa',
        input: ({ context }) => ({ poolId: context.poolId, account: context.account!, deviceKey: context.deviceKey! }),
        onDone: [{ guard: { type: 'isTrue', params: ({ event }) => event.output }, target: 'afterMfa' }, { target: 'mfa' }],
        onError: refusedAs('device not found'),
      },
    },

    /** A custom flow goes back to its define function; elsewhere the device presented as DEVICE_KEY proves itself last, before the tokens. */
    afterMfa: {
      always: [
        { guard: 'isCustom', target: at('customChallenge.definingAuthChallenge') },
        { guard: 'presentsDevice', target: 'device' },
        { target: 'tokens' },
      ],
    },

    /** DEVICE_SRP_AUTH, then DEVICE_PASSWORD_VERIFIER: SRP with the device's secret (its group key and key for pool and user). */
    device: {
      initial: 'awaitingDeviceSrp',
      states: {
        awaitingDeviceSrp: {
          tags: [AWAITING_CLIENT],
          entry: assign({ challenge: () => ({ name: 'DEVICE_SRP_AUTH', parameters: {} }) }),
          on: {
            ANSWER: [
              { guard: { type: 'answers', params: 'DEVICE_SRP_AUTH' }, target: 'startingDeviceSrp', actions: 'takeAnswerCall' },
              { target: FAILED, actions: { type: 'fail', params: FAILURES.unexpectedChallenge } },
            ],
          },
        },

        startingDeviceSrp: {
          invoke: {
            src: 'startDeviceSrp',
            input: ({ context, event }) => ({
              poolId: context.poolId,
              account: context.account!,
              deviceKey: context.deviceKey!,
              srpA: (event as AnswerEvent).responses.SRP_A ?? '',
            }),
            onDone: {
              target: 'awaitingDevicePasswordVerifier',
              actions: assign({
                deviceVerifier: ({ event }) => event.output.verifier,
                challenge: ({ event }) => ({ name: 'DEVICE_PASSWORD_VERIFIER', parameters: event.output.parameters }),
              }),
            },
            onError: refusedAs('device SRP not started'),
          },
        },

        awaitingDevicePasswordVerifier: {
          tags: [AWAITING_CLIENT],
          on: {
            ANSWER: [
              { guard: { type: 'answers', params: 'DEVICE_PASSWORD_VERIFIER' }, target: 'verifyingDeviceClaim', actions: 'takeAnswerCall' },
              { target: FAILED, actions: { type: 'fail', params: FAILURES.unexpectedChallenge } },
            ],
          },
        },

        verifyingDeviceClaim: {
          invoke: {
            src: 'checkDeviceClaim',
            input: ({ context, event }) => ({
              poolId: context.poolId,
              account: context.account!,
              deviceKey: context.deviceKey!,
              verifier: context.deviceVerifier!,
              responses: (event as AnswerEvent).responses,
            }),
            onDone: [
              {
                guard: { type: 'isTrue', params: ({ event }) => event.output },
                target: at('tokens'),
                actions: [assign({ deviceProved: true }), { type: 'recordAnswer', params: { challengeName: 'DEVICE_PASSWORD_VERIFIER', correct: true } }],
              },
              { target: FAILED, actions: { type: 'fail', params: FAILURES.wrongDevicePassword } },
            ],
            onError: refusedAs('device not verified'),
          },
          exit: assign({ deviceVerifier: undefined }),
        },
      },
    },

    /**
     * USER_AUTH: the user signs in with a first factor of their choice (or the one preferred):
     * a password or SRP (then MFA, as after any password), or a code by email or SMS (the code
     * steps MFA uses; no MFA follows), or a passkey.
     */
    choosing: {
      initial: 'listingFirstFactors',
      states: {
        listingFirstFactors: {
          invoke: {
            src: 'listFirstFactors',
            input: ({ context }) => ({ poolId: context.poolId, account: context.account! }),
            onDone: { target: 'routingChoice', actions: assign({ firstFactors: ({ event }) => event.output }) },
          },
        },

        routingChoice: {
          always: [
            { guard: and([{ type: 'chose', params: 'PASSWORD' as const }, 'hasPassword']), target: at('password') },
            { guard: and([{ type: 'chose', params: 'PASSWORD_SRP' as const }, 'startsWithSrp']), target: at('srp') },
            { guard: 'chosePasswordless', target: 'checkingPasswordlessAccount' },
            {
              target: 'awaitingChoice',
              actions: assign({
                chosenFactor: undefined,
                challenge: ({ context }) => ({ name: 'SELECT_CHALLENGE', parameters: {}, available: context.firstFactors ?? [] }),
              }),
            },
          ],
        },

        /** No code goes to, and no passkey is asked of, a user who could not sign in anyway. */
        checkingPasswordlessAccount: {
          always: [
            { guard: 'disabled', target: FAILED, actions: { type: 'fail', params: FAILURES.disabled } },
            { guard: 'unconfirmed', target: FAILED, actions: { type: 'fail', params: FAILURES.unconfirmed } },
            { guard: { type: 'chose', params: 'WEB_AUTHN' as const }, target: at('passkey') },
            {
              target: at('mfa.sendingMfaCode'),
              actions: assign({ mfa: ({ context }) => ({ factor: context.chosenFactor as 'EMAIL_OTP' | 'SMS_OTP', wrongCodes: 0 }) }),
            },
          ],
        },

        /** SELECT_CHALLENGE: ANSWER names the first factor, with its PASSWORD or SRP_A where it needs one. */
        awaitingChoice: {
          tags: [AWAITING_CLIENT],
          on: {
            ANSWER: [
              {
                guard: and([{ type: 'answers', params: 'SELECT_CHALLENGE' }, 'choiceAvailable']),
                target: 'routingChoice',
                actions: [
                  'takeAnswerCall',
                  { type: 'recordAnswer', params: { challengeName: 'SELECT_CHALLENGE', correct: true } },
                  assign(({ event }) => {
                    const { ANSWER, PASSWORD, SRP_A } = (event as AnswerEvent).responses;
                    return { chosenFactor: ANSWER, password: PASSWORD, srpA: SRP_A };
                  }),
                ],
              },
              { guard: { type: 'answers', params: 'SELECT_CHALLENGE' }, target: FAILED, actions: { type: 'fail', params: FAILURES.unknownFirstFactor } },
              { target: FAILED, actions: { type: 'fail', params: FAILURES.unexpectedChallenge } },
            ],
          },
        },
      },
    },

    /** WEB_AUTHN: the user signs the challenge with one of their passkeys (the only factor: no MFA follows). */
    passkey: {
      initial: 'issuingPasskeyChallenge',
      states: {
        issuingPasskeyChallenge: {
          invoke: {
            src: 'startPasskeyChallenge',
            input: ({ context }) => ({ poolId: context.poolId, account: context.account! }),
            onDone: {
              target: 'awaitingPasskey',
              actions: assign({
                passkey: ({ event }) => event.output,
                challenge: ({ event }) => ({ name: 'WEB_AUTHN', parameters: { CREDENTIAL_REQUEST_OPTIONS: event.output.credentialRequestOptions } }),
              }),
            },
            onError: refusedAs('no passkey challenge'),
          },
        },

        awaitingPasskey: {
          tags: [AWAITING_CLIENT],
          on: {
            ANSWER: [
              { guard: { type: 'answers', params: 'WEB_AUTHN' }, target: 'verifyingPasskey', actions: 'takeAnswerCall' },
              { target: FAILED, actions: { type: 'fail', params: FAILURES.unexpectedChallenge } },
            ],
          },
        },

        verifyingPasskey: {
          invoke: {
            src: 'verifyPasskey',
            input: ({ context, event }) => ({
              poolId: context.poolId,
              account: context.account!,
              challenge: context.passkey!,
              credential: (event as AnswerEvent).responses.CREDENTIAL ?? '',
            }),
            onDone: { target: at('afterMfa'), actions: { type: 'recordAnswer', params: { challengeName: 'WEB_AUTHN', correct: true } } },
            onError: refusedAs('passkey not verified'),
          },
          exit: assign({ passkey: undefined }),
        },
      },
    },

    /** MFA, as the pool and the user have it: a code by SMS or email, a software token, a choice, or a factor to set up. */
    mfa: {
      initial: 'decidingMfa',
      states: {
        decidingMfa: {
          invoke: {
            src: 'decideMfa',
            input: ({ context }) => ({ poolId: context.poolId, account: context.account!, ...(context.risk?.mfa && { riskMfa: true }) }),
            onDone: [
              { guard: { type: 'noMfa', params: ({ event }) => event.output }, target: at('afterMfa') },
              {
                guard: { type: 'mfaCode', params: ({ event }) => event.output },
                target: 'sendingMfaCode',
                actions: assign({ mfa: ({ event }) => ({ factor: (event.output as { factor: MfaFactor }).factor, wrongCodes: 0 }) }),
              },
              {
                guard: { type: 'softwareToken', params: ({ event }) => event.output },
                target: 'awaitingMfaCode',
                actions: { type: 'challengeMfa', params: 'SOFTWARE_TOKEN_MFA' },
              },
              {
                guard: { type: 'mfaSelection', params: ({ event }) => event.output },
                target: 'awaitingMfaSelection',
                actions: assign({
                  mfa: ({ event }) => ({ factors: (event.output as { factors: MfaFactor[] }).factors, wrongCodes: 0 }),
                  challenge: ({ event }) => ({ name: 'SELECT_MFA_TYPE', parameters: { MFAS_CAN_CHOOSE: JSON.stringify((event.output as { factors: MfaFactor[] }).factors) } }),
                }),
              },
              {
                target: 'awaitingMfaSetup',
                actions: assign({
                  mfa: ({ event }) => ({ factors: (event.output as { factors: MfaFactor[] }).factors, wrongCodes: 0 }),
                  challenge: ({ event }) => ({ name: 'MFA_SETUP', parameters: { MFAS_CAN_SETUP: JSON.stringify((event.output as { factors: MfaFactor[] }).factors) } }),
                }),
              },
            ],
          },
        },

        /** The SMS or email code, through the pool's message and the Authentication triggers. */
        sendingMfaCode: {
          invoke: {
            src: 'sendMfaCode',
            input: ({ context, self }) => ({
              ...triggerStep(context, self.id),
              account: context.account!,
              factor: context.mfa!.factor as SentMfaCode['factor'],
              ...(context.clientMetadata && { clientMetadata: context.clientMetadata }),
            }),
            onDone: {
              target: 'awaitingMfaCode',
              actions: [
                assign({ mfa: ({ context, event }) => ({ ...context.mfa!, sent: event.output }) }),
                { type: 'challengeMfa', params: ({ context }) => context.mfa!.factor! },
              ],
            },
            onError: refusedAs('the MFA code could not be sent'),
          },
        },

        awaitingMfaCode: {
          tags: [AWAITING_CLIENT],
          on: {
            ANSWER: [
              { guard: 'answersMfa', target: 'verifyingMfaCode', actions: 'takeAnswerCall' },
              { target: FAILED, actions: { type: 'fail', params: FAILURES.unexpectedChallenge } },
            ],
          },
        },

        verifyingMfaCode: {
          invoke: {
            src: 'checkMfaCode',
            input: ({ context, event }) => ({
              poolId: context.poolId,
              account: context.account!,
              factor: context.mfa!.factor!,
              code: (event as AnswerEvent).responses[MFA_CODE_RESPONSE[context.mfa!.factor!]] ?? '',
              ...(context.mfa?.sent && { sent: context.mfa.sent }),
            }),
            onDone: [
              {
                guard: { type: 'codeCorrect', params: ({ event }) => event.output },
                target: at('afterMfa'),
                actions: { type: 'recordAnswer', params: ({ context }) => ({ challengeName: context.mfa!.factor!, correct: true }) },
              },
              { guard: { type: 'codeExpired', params: ({ event }) => event.output }, target: FAILED, actions: { type: 'fail', params: FAILURES.expiredMfaCode } },
              { guard: 'lastWrongCode', target: FAILED, actions: { type: 'fail', params: FAILURES.tooManyWrongMfaCodes } },
              {
                guard: { type: 'codeReplayed', params: ({ event }) => event.output },
                target: 'awaitingMfaCode',
                actions: { type: 'refuseWrongCode', params: FAILURES.replayedSoftwareTokenCode },
              },
              { target: 'awaitingMfaCode', actions: { type: 'refuseWrongCode', params: FAILURES.wrongMfaCode } },
            ],
          },
        },

        /** SELECT_MFA_TYPE: the user has several factors and prefers none. */
        awaitingMfaSelection: {
          tags: [AWAITING_CLIENT],
          on: {
            ANSWER: [
              {
                guard: and([{ type: 'answers', params: 'SELECT_MFA_TYPE' }, 'choosesOffered', 'choosesSoftwareToken']),
                target: 'awaitingMfaCode',
                actions: ['takeAnswerCall', { type: 'challengeMfa', params: 'SOFTWARE_TOKEN_MFA' }],
              },
              {
                guard: and([{ type: 'answers', params: 'SELECT_MFA_TYPE' }, 'choosesOffered']),
                target: 'sendingMfaCode',
                actions: ['takeAnswerCall', assign({ mfa: ({ context, event }) => ({ ...context.mfa!, factor: (event as AnswerEvent).responses.ANSWER as MfaFactor }) })],
              },
              { guard: { type: 'answers', params: 'SELECT_MFA_TYPE' }, target: FAILED, actions: { type: 'fail', params: FAILURES.unknownMfaChoice } },
              { target: FAILED, actions: { type: 'fail', params: FAILURES.unexpectedChallenge } },
            ],
          },
        },

        /**
         * MFA_SETUP: MFA is required and the user has no factor yet. On this step's Session the
         * client associates a software token (AssociateSoftwareToken), verifies it
         * (VerifySoftwareToken), then answers MFA_SETUP.
         */
        awaitingMfaSetup: {
          tags: [AWAITING_CLIENT],
          on: {
            ASSOCIATE_SOFTWARE_TOKEN: { target: 'associatingSoftwareToken', actions: assign({ failure: undefined }) },
            VERIFY_SOFTWARE_TOKEN: { target: 'verifyingSoftwareToken', actions: assign({ failure: undefined }) },
            ANSWER: [
              {
                guard: and([{ type: 'answers', params: 'MFA_SETUP' }, 'softwareTokenSetUp']),
                target: at('afterMfa'),
                actions: ['takeAnswerCall', { type: 'recordAnswer', params: { challengeName: 'MFA_SETUP', correct: true } }],
              },
              { guard: { type: 'answers', params: 'MFA_SETUP' }, target: FAILED, actions: { type: 'fail', params: FAILURES.mfaNotSetUp } },
              { target: FAILED, actions: { type: 'fail', params: FAILURES.unexpectedChallenge } },
            ],
          },
        },

        associatingSoftwareToken: {
          invoke: {
            src: 'associateSoftwareToken',
            input: ({ context }) => ({ poolId: context.poolId, account: context.account! }),
            onDone: { target: 'awaitingMfaSetup' },
            onError: { guard: 'isRefusal', target: 'awaitingMfaSetup', actions: { type: 'refuse', params: 'software token not associated' } },
          },
        },

        verifyingSoftwareToken: {
          invoke: {
            src: 'verifySoftwareToken',
            input: ({ context, event }) => {
              const verify = event as VerifySoftwareTokenEvent;
              return { poolId: context.poolId, account: context.account!, code: verify.code, ...(verify.friendlyDeviceName && { friendlyDeviceName: verify.friendlyDeviceName }) };
            },
            onDone: { target: 'awaitingMfaSetup', actions: assign({ mfa: ({ context }) => ({ ...context.mfa!, setUp: true }) }) },
            onError: { guard: 'isRefusal', target: 'awaitingMfaSetup', actions: { type: 'refuse', params: 'software token not verified' } },
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
              ...(context.deviceProved && { deviceKey: context.deviceKey }),
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
              ...(grantedScopes(context) && { scopes: grantedScopes(context) }),
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
              ...(context.deviceProved && { deviceKey: context.deviceKey }),
              ...(context.oauth && { oauth: context.oauth }),
              ...(context.risk?.eventId && { authEvent: { eventId: context.risk.eventId, mfaAnswered: answeredMfa(context.answered) } }),
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
