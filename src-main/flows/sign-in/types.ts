/**
 * The sign-in flow's data: how it starts (SignInInput), what it keeps between the client's calls
 * (SignInContext, persisted behind the Session), the client's answers (AnswerEvent), its end
 * (SignInOutput), and what each of its actors is given and returns.
 */
import type { StoredRefreshToken } from '../../store/repositories/refresh-tokens.js';
import type { AuthenticationResult, OAuthGrant } from '../../tokens/tokens.js';
import type { ChallengeResult } from '../../triggers/events/challenge-session.js';
import type { PreTokenGenerationSource, TokenCustomization } from '../../triggers/events/preTokenGeneration.js';
import type { FirstFactor } from '../../cognito/first-factors.js';
import type { PasskeyChallenge } from '../../cognito/webauthn.js';
import type { DeviceVerifierState } from '../../cognito/devices.js';
import type { MfaFactor, MfaStep } from '../../cognito/mfa-challenges.js';
import type { Failure, FlowError } from '../failure.js';

export type PasswordAuthFlow = 'USER_PASSWORD_AUTH' | 'ADMIN_USER_PASSWORD_AUTH' | 'ADMIN_NO_SRP_AUTH';
export type SignInAuthFlow = 'USER_SRP_AUTH' | PasswordAuthFlow | 'REFRESH_TOKEN_AUTH' | 'CUSTOM_AUTH' | 'USER_AUTH';

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

export interface Challenge {
  name: string;
  parameters: StringMap;
  /** SELECT_CHALLENGE's AvailableChallenges. */
  available?: string[];
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

/** Threat protection switched on: assess and record (AUDIT), or act too (ENFORCED). */
export type ActiveThreatProtectionMode = 'AUDIT' | 'ENFORCED';

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
  /** GetTokensFromRefreshToken's ClientMetadata: the pre token generation function receives it as clientMetadata. */
  refreshClientMetadata?: StringMap;
  /** `http://HOST:PORT` as the request reached the sandbox: the tokens' issuer. */
  origin?: string;
  /** The caller's SDK, as trigger events' callerContext names it. */
  awsSdkVersion?: string;
  /** The pool's MfaConfiguration (absent: OFF). */
  mfaConfiguration?: MfaConfiguration;
  /** USER_AUTH: the first factor the client asked for (PREFERRED_CHALLENGE). */
  preferredChallenge?: string;
  /** DEVICE_KEY: one of the user's confirmed devices, presented to sign in with it. */
  deviceKey?: string;
  /** A sign-in on the hosted UI: the OAuth scopes the tokens are granted and the authorize request's nonce. */
  oauth?: OAuthGrant;
  /** The caller's IP address (threat protection). */
  sourceIp?: string;
  /** The pool's threat protection mode when it is on (AUDIT or ENFORCED); absent when OFF: its steps are skipped. */
  threatProtection?: ActiveThreatProtectionMode;
}

export type MfaConfiguration = 'OFF' | 'ON' | 'OPTIONAL';

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
  /** The latest call's origin and SDK. */
  origin?: string;
  awsSdkVersion?: string;
  /** The pool's MfaConfiguration as it stood at the last call. */
  mfaConfiguration?: MfaConfiguration;
  /** USER_AUTH: the first factors the user may choose from, and the one chosen. */
  firstFactors?: FirstFactor[];
  chosenFactor?: string;
  /** WEB_AUTHN: the challenge the passkey's assertion must sign. */
  passkey?: PasskeyChallenge;
  /** The device presented as DEVICE_KEY, what its SRP keeps between its two challenges, and whether it was proved. */
  deviceKey?: string;
  deviceVerifier?: DeviceVerifierState;
  deviceProved?: boolean;
  /** The MFA step under way. */
  mfa?: MfaState;
  /** A sign-in on the hosted UI (TokenGeneration_HostedAuth, OAuth scopes). */
  oauth?: OAuthGrant;
  /** The latest call's IP address (threat protection). */
  sourceIp?: string;
  /** The pool's threat protection mode as of the latest call, when on: the guard of its steps. */
  threatProtection?: ActiveThreatProtectionMode;
  /** USER_PASSWORD_AUTH and the like: whether the password sent is marked compromised (SRP sends none). */
  compromisedPassword?: boolean;
  /** Threat protection's verdict so far: the auth event recorded, and whether risk asks for MFA. */
  risk?: { eventId?: string; mfa: boolean };
}

/** A challenge answered with a code: an MFA factor, or a passwordless first factor (EMAIL_OTP, SMS_OTP). */
export type CodeFactor = MfaFactor | 'SMS_OTP';

/** An MFA code sent by SMS or email, as the flow keeps it: only its hash. */
export interface SentMfaCode {
  factor: Exclude<CodeFactor, 'SOFTWARE_TOKEN_MFA'>;
  codeHash: string;
  /** Epoch ms. */
  expires: number;
  medium: 'SMS' | 'EMAIL';
  /** Masked, as CODE_DELIVERY_DESTINATION shows it. */
  destination: string;
}

export interface MfaState {
  /** The factors SELECT_MFA_TYPE offers, or MFA_SETUP lists. */
  factors?: MfaFactor[];
  /** The factor being answered. */
  factor?: CodeFactor;
  sent?: SentMfaCode;
  /** Wrong codes answered so far. */
  wrongCodes: number;
  /** MFA_SETUP: a software token was verified in this flow. */
  setUp?: boolean;
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
  origin?: string;
  awsSdkVersion?: string;
  mfaConfiguration?: MfaConfiguration;
  sourceIp?: string;
  threatProtection?: ActiveThreatProtectionMode;
}

/** AssociateSoftwareToken with the Session of an MFA_SETUP step. */
export interface AssociateSoftwareTokenEvent {
  type: 'ASSOCIATE_SOFTWARE_TOKEN';
}

/** VerifySoftwareToken with the Session of an MFA_SETUP step. */
export interface VerifySoftwareTokenEvent {
  type: 'VERIFY_SOFTWARE_TOKEN';
  code: string;
  friendlyDeviceName?: string;
}

export type SignInEvent = AnswerEvent | AssociateSoftwareTokenEvent | VerifySoftwareTokenEvent;

export interface SoftwareTokenSetupInput {
  poolId: string;
  account: Account;
}

export interface VerifySoftwareTokenInput extends SoftwareTokenSetupInput {
  code: string;
  friendlyDeviceName?: string;
}

export type SignInOutput =
  | { outcome: 'success'; account: Account; result: AuthenticationResult }
  | { outcome: 'failure'; reason: string; error: FlowError };

export type PasswordCheck = { outcome: 'correct'; account: Account } | { outcome: 'wrong' } | { outcome: 'locked' };

export interface ListFirstFactorsInput {
  poolId: string;
  account: Account;
}

export type StartPasskeyInput = ListFirstFactorsInput;

export interface VerifyPasskeyInput {
  poolId: string;
  account: Account;
  challenge: PasskeyChallenge;
  /** WEB_AUTHN's CREDENTIAL: an AuthenticationResponseJSON string. */
  credential: string;
}

export type { FirstFactor };

export interface DecideMfaInput {
  poolId: string;
  account: Account;
  /** Threat protection asks for MFA (MFA_IF_CONFIGURED, MFA_REQUIRED), whatever the pool's and user's MFA settings. */
  riskMfa?: boolean;
}

export interface SendMfaCodeInput extends TriggerStepInput {
  account: Account;
  factor: SentMfaCode['factor'];
  clientMetadata?: StringMap;
}

export interface CheckMfaCodeInput {
  poolId: string;
  account: Account;
  factor: CodeFactor;
  code: string;
  sent?: SentMfaCode;
}

export type MfaCodeCheck = 'correct' | 'wrong' | 'replayed' | 'expired';

export type { MfaFactor, MfaStep };

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
  /** Threat protection on: the new password is checked for compromise (PASSWORD_CHANGE) and the change recorded. */
  threatProtection?: ActiveThreatProtectionMode;
  flowId?: string;
  sourceIp?: string;
}

/** A sign-in refused for a wrong password, recorded as a SignIn auth event that failed. */
export interface RecordFailedSignInInput extends AccountStepInput {
  flowId: string;
  sourceIp?: string;
}

export interface IssueTokensInput extends AccountStepInput {
  /** The issuer base; absent, the sandbox's own address. */
  origin?: string;
  refreshing?: StoredRefreshToken;
  customization?: TokenCustomization;
  flowId: string;
  /** The device the sign-in proved (DEVICE_PASSWORD_VERIFIER): the access token carries it, and no new device is handed out. */
  deviceKey?: string;
  oauth?: OAuthGrant;
  /** Threat protection's auth event for this sign-in, settled Pass with the tokens. */
  authEvent?: { eventId: string; mfaAnswered: boolean };
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
  awsSdkVersion?: string;
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
  /** The remembered device the sign-in proved, if it did (newDeviceUsed is false for it). */
  deviceKey?: string;
}

/** A device the sign-in presents as DEVICE_KEY. */
export interface DeviceStepInput {
  poolId: string;
  account: Account;
  deviceKey: string;
}

export interface StartDeviceSrpInput extends DeviceStepInput {
  srpA: string;
}

/** DEVICE_SRP_AUTH's answer: what the flow keeps, and DEVICE_PASSWORD_VERIFIER's parameters. */
export interface DeviceSrpStart {
  verifier: DeviceVerifierState;
  parameters: StringMap;
}

export interface CheckDeviceClaimInput extends DeviceStepInput {
  verifier: DeviceVerifierState;
  responses: StringMap;
}

export interface CustomizeTokensInput extends PostAuthenticateInput {
  triggerSource: PreTokenGenerationSource;
  /** The access token's scopes (V2/V3 events); absent, the user pools API's own. */
  scopes?: string[];
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

export interface CheckCompromisedPasswordInput {
  poolId: string;
  password: string;
}

/** Threat protection's step: the user whose password was just proved, and where the call came from. */
export interface AssessRiskInput {
  poolId: string;
  clientId: string;
  account: Account;
  flowId: string;
  origin?: string;
  sourceIp?: string;
  deviceKey?: string;
  compromisedPassword?: boolean;
}

/** Threat protection's verdict: go on, ask for MFA, or refuse. */
export type RiskStep = { outcome: 'allow'; eventId?: string } | { outcome: 'mfa'; eventId: string } | { outcome: 'block'; eventId: string; failure: Failure };
