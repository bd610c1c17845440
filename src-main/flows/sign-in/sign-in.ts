/**
 * The sign-in flow as a door runs it, in one call each:
 *  - `initiate` (InitiateAuth, AdminInitiateAuth, and tomorrow the hosted UI's /login) checks the
 *    request as Cognito does (the flow fits the caller and the client, its parameters, SECRET_HASH)
 *    and starts the flow;
 *  - `respond` (RespondToAuthChallenge, AdminRespondToAuthChallenge) resumes the flow a Session
 *    names, once it belongs to this client and this user;
 *  - `refresh` (GetTokensFromRefreshToken) checks the client's secret and the refresh token, and
 *    runs the flow REFRESH_TOKEN_AUTH runs (pre token generation, the user's state).
 * Either answers with a challenge and its Session, or with tokens; a refusal is thrown as
 * Cognito's exception. Each challenge handed out and each answer is a debugger event.
 */
import { parseSrpA } from '../../auth/srp-server.js';
import type { BaseServices } from '../../base-services.js';
import { findAppClient, type AppClient } from '../../cognito/app-clients.js';
import { requireSignInDevice, tracksDevices } from '../../cognito/devices.js';
import { checkFlowEnabled, checkFlowFitsOperation, requireParameter, type Caller } from '../../cognito/auth-flows.js';
import { InternalErrorException, InvalidParameterException, NotAuthorizedException } from '../../cognito/errors.js';
import { checkClientSecret, checkSecretHash } from '../../cognito/secret-hash.js';
import { resolveUser, usernameKeyOf } from '../../cognito/usernames.js';
import { maskSecrets } from '../../debug/mask.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import type { StoredRefreshToken } from '../../store/repositories/refresh-tokens.js';
import type { AuthenticationResult, OAuthGrant, Tokens } from '../../tokens/tokens.js';
import { awsSdkVersionOf } from '../../triggers/events/common.js';
import type { Triggers } from '../../triggers/runtime.js';
import type { FlowCall } from '../call.js';
import { refusalError } from '../failure.js';
import type { FlowRunner, FlowStep } from '../runner.js';
import { signInActors } from './actors.js';
import { MFA_CODE_RESPONSE, signInMachine, type SignInMachine } from './machine.js';
import { deviceActors } from './device-actors.js';
import { firstFactorActors } from './first-factor-actors.js';
import { mfaActors } from './mfa-actors.js';
import { riskActors } from './risk-actors.js';
import { activeThreatProtection } from '../self-service.js';
import { CUSTOM_AUTH_NOT_CONFIGURED, signInTriggerActors } from './trigger-actors.js';
import type { AnswerEvent, PasswordAuthFlow, SignInContext, SignInInput, SignInOutput, SignInTrigger, StringMap } from './types.js';

export type SignInServices = Pick<BaseServices, 'store' | 'clock' | 'ids' | 'bus' | 'options' | 'faults'> & { tokens: Tokens; triggers: Triggers; runner: FlowRunner };

/** A challenge for the client, with the Session that answers it; or the tokens. */
export type SignInAnswer = { challenge: { name: string; parameters: StringMap; session: string; available?: string[] } } | { tokens: AuthenticationResult };

export interface InitiateRequest {
  pool: UserPool;
  client: AppClient;
  authFlow: string;
  parameters: StringMap | undefined;
  clientMetadata: StringMap | undefined;
  /**
   * InitiateAuth (`client`) or AdminInitiateAuth (`admin`): each allows its own password flows.
   * The hosted UI (`hosted`) signs in with a password whatever the client's ExplicitAuthFlows, and
   * sends no SECRET_HASH (the client's secret is checked at the token endpoint).
   */
  caller: Caller;
  /** The hosted UI's sign-in: the OAuth scopes and nonce the tokens are issued with. */
  oauth?: OAuthGrant;
}

/** GetTokensFromRefreshToken's request. */
export interface RefreshRequest {
  pool: UserPool;
  client: AppClient;
  refreshToken: string;
  clientSecret: string | undefined;
  deviceKey: string | undefined;
  clientMetadata: StringMap | undefined;
  /** The flow's kind as the debugger lists it: GetTokensFromRefreshToken unless the token endpoint refreshes (`oauth-refresh`). */
  kind?: string;
}

export interface RespondRequest {
  pool: UserPool;
  client: AppClient;
  challengeName: string;
  responses: StringMap | undefined;
  session: string | undefined;
  clientMetadata: StringMap | undefined;
  /** The hosted UI answers its own sign-in's challenges (no SECRET_HASH; no Session of the user pools API). */
  hosted?: boolean;
}

/**
 * AssociateSoftwareToken with a Session (the MFA_SETUP step): the Session alone names the flow,
 * and so the pool, the client and the user (the request carries no ClientId).
 */
export interface AssociateSoftwareTokenRequest {
  session: string;
}

export interface AssociateSoftwareTokenAnswer {
  /** The new secret, 32 base32 characters. */
  secretCode: string;
  /** The Session VerifySoftwareToken answers with. */
  session: string;
}

/** VerifySoftwareToken with a Session (the MFA_SETUP step). */
export interface VerifySoftwareTokenRequest {
  session: string;
  /** The 6-digit code, already checked against the API model. */
  userCode: string;
  friendlyDeviceName?: string;
}

export interface VerifySoftwareTokenAnswer {
  status: 'SUCCESS';
  /** The Session RespondToAuthChallenge answers MFA_SETUP with. */
  session: string;
}

export interface SignInFlow {
  initiate(request: InitiateRequest, call: FlowCall): Promise<SignInAnswer>;
  respond(request: RespondRequest, call: FlowCall): Promise<SignInAnswer>;
  refresh(request: RefreshRequest, call: FlowCall): Promise<AuthenticationResult>;
  associateSoftwareToken(request: AssociateSoftwareTokenRequest, call: FlowCall): Promise<AssociateSoftwareTokenAnswer>;
  verifySoftwareToken(request: VerifySoftwareTokenRequest, call: FlowCall): Promise<VerifySoftwareTokenAnswer>;
}

const PASSWORD_FLOWS: ReadonlySet<string> = new Set<PasswordAuthFlow>(['USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']);
/** Flow kinds (the AuthFlow that started them) whose Sessions RespondToAuthChallenge resumes. */
const SIGN_IN_KINDS: ReadonlySet<string> = new Set(['USER_SRP_AUTH', 'CUSTOM_AUTH', 'USER_AUTH', ...PASSWORD_FLOWS]);
/** The kind of a sign-in on the hosted UI's page: only the hosted UI resumes it. */
export const HOSTED_SIGN_IN = 'hosted-sign-in';
/** Responses each challenge needs besides USERNAME. */
const REQUIRED_RESPONSES: Readonly<Record<string, readonly string[]>> = {
  PASSWORD_VERIFIER: ['PASSWORD_CLAIM_SIGNATURE', 'PASSWORD_CLAIM_SECRET_BLOCK', 'TIMESTAMP'],
  NEW_PASSWORD_REQUIRED: ['NEW_PASSWORD'],
  CUSTOM_CHALLENGE: ['ANSWER'],
  SELECT_MFA_TYPE: ['ANSWER'],
  SELECT_CHALLENGE: ['ANSWER'],
  DEVICE_SRP_AUTH: ['DEVICE_KEY', 'SRP_A'],
  DEVICE_PASSWORD_VERIFIER: ['PASSWORD_CLAIM_SIGNATURE', 'PASSWORD_CLAIM_SECRET_BLOCK', 'TIMESTAMP'],
  WEB_AUTHN: ['CREDENTIAL'],
  ...Object.fromEntries(Object.entries(MFA_CODE_RESPONSE).map(([challenge, response]) => [challenge, [response]])),
};
const SIGN_IN_TRIGGERS: readonly SignInTrigger[] = [
  'PreAuthentication',
  'PostAuthentication',
  'PreTokenGeneration',
  'UserMigration',
  'DefineAuthChallenge',
  'CreateAuthChallenge',
  'VerifyAuthChallengeResponse',
];
const invalidSession = () => new NotAuthorizedException('Invalid session for the user.');

/** The SRP_A a flow starts with, checked. */
function srpAParameter(parameters: StringMap | undefined): string {
  const srpA = requireParameter(parameters, 'SRP_A');
  if (parseSrpA(srpA) === undefined) throw new InvalidParameterException('Invalid SRP_A value.');
  return srpA;
}

/** The secret the flow starts with: a password, an SRP_A, or none (a custom flow that does not start with SRP). */
function credentialsOf(authFlow: string, parameters: StringMap | undefined): Pick<SignInInput, 'password' | 'srpA'> {
  if (authFlow === 'USER_SRP_AUTH') return { srpA: srpAParameter(parameters) };
  if (authFlow === 'CUSTOM_AUTH') return parameters?.CHALLENGE_NAME === 'SRP_A' ? { srpA: srpAParameter(parameters) } : {};
  if (authFlow === 'USER_AUTH') return firstFactorCredentials(parameters?.PREFERRED_CHALLENGE, parameters);
  return { password: requireParameter(parameters, 'PASSWORD') };
}

/** USER_AUTH's PREFERRED_CHALLENGE (or SELECT_CHALLENGE's ANSWER) PASSWORD comes with the PASSWORD, PASSWORD_SRP with SRP_A. */
function firstFactorCredentials(factor: string | undefined, parameters: StringMap | undefined): Pick<SignInInput, 'password' | 'srpA'> {
  if (factor === 'PASSWORD_SRP') return { srpA: srpAParameter(parameters) };
  if (factor !== 'PASSWORD') return {};
  return { password: requireParameter(parameters, 'PASSWORD') };
}

export function createSignIn(services: SignInServices): SignInFlow {
  const machine = signInMachine.provide({ actors: { ...signInActors(services), ...signInTriggerActors(services), ...mfaActors(services), ...firstFactorActors(services), ...deviceActors(services), ...riskActors(services) } }) as SignInMachine;
  const { store, runner, bus } = services;

  /** The sign-in triggers the pool configures now. */
  const configuredTriggers = (pool: UserPool): SignInTrigger[] => SIGN_IN_TRIGGERS.filter((trigger) => services.triggers.isConfigured(pool, trigger));

  /** What every flow starts with: the client's settings and the pool's triggers as they stand, the call's origin and SDK. */
  function baseInput(pool: UserPool, client: AppClient, call: FlowCall) {
    return {
      poolId: pool.id,
      clientId: client.clientId,
      preventUserExistenceErrors: client.config.PreventUserExistenceErrors === 'ENABLED',
      triggers: configuredTriggers(pool),
      origin: call.origin,
      awsSdkVersion: awsSdkVersionOf(call.userAgent),
      mfaConfiguration: pool.config.MfaConfiguration ?? 'OFF',
      ...(call.sourceIp && { sourceIp: call.sourceIp }),
      ...activeThreatProtection(pool),
    };
  }

  /**
   * The refresh token's record, usable by the client; a DEVICE_KEY sent with it must be the device
   * it was issued to, if it was issued to one. Assumption: a refresh that sends no DEVICE_KEY is accepted (Cognito's
   * documents do not say it is required), and its tokens carry the refresh token's device.
   */
  function refreshTokenFor(client: AppClient, refreshToken: string, deviceKey: string | undefined): StoredRefreshToken {
    const refreshing = services.tokens.useRefreshToken(refreshToken, client);
    if (deviceKey && refreshing.deviceKey && refreshing.deviceKey !== deviceKey) throw new NotAuthorizedException('Invalid Refresh Token');
    return refreshing;
  }

  /** Checks the request and says how the flow starts (throws Cognito's error for a bad request). */
  function flowInput({ pool, client, authFlow, parameters, clientMetadata, caller, oauth }: InitiateRequest, call: FlowCall): SignInInput {
    const base = { ...baseInput(pool, client, call), ...(clientMetadata && { clientMetadata }), ...(oauth && { oauth }) };
    if (authFlow === 'REFRESH_TOKEN_AUTH' || authFlow === 'REFRESH_TOKEN') {
      const refreshing = refreshTokenFor(client, requireParameter(parameters, 'REFRESH_TOKEN'), parameters?.DEVICE_KEY);
      const user = store.users.findBySub(pool.id, refreshing.sub);
      const names = [user?.username, refreshing.sub, parameters?.USERNAME].filter((name): name is string => !!name);
      checkSecretHash(client, names, parameters?.SECRET_HASH);
      return { ...base, authFlow: 'REFRESH_TOKEN_AUTH', refreshing };
    }
    const username = requireParameter(parameters, 'USERNAME');
    const credentials = credentialsOf(authFlow, parameters);
    if (client.secret !== undefined && caller !== 'hosted') {
      const known = resolveUser(store, pool, username);
      checkSecretHash(client, known ? [username, known.username] : [username], parameters?.SECRET_HASH);
    }
    if (authFlow === 'CUSTOM_AUTH' && !base.triggers.includes('DefineAuthChallenge')) {
      throw new InvalidParameterException(CUSTOM_AUTH_NOT_CONFIGURED);
    }
    const preferredChallenge = authFlow === 'USER_AUTH' ? parameters?.PREFERRED_CHALLENGE : undefined;
    const deviceKey = presentedDevice(pool, resolveUser(store, pool, username), parameters?.DEVICE_KEY);
    return {
      ...base,
      authFlow: authFlow as SignInInput['authFlow'],
      username,
      ...credentials,
      ...(preferredChallenge && { preferredChallenge }),
      ...(deviceKey && { deviceKey }),
    };
  }

  /**
   * The DEVICE_KEY a sign-in presents, in a pool that tracks devices: one of the user's confirmed
   * devices, or Cognito's "Device does not exist." (before the flow moves, so the client may answer
   * again without it, as amazon-cognito-identity-js and Amplify do). Elsewhere it is ignored.
   */
  function presentedDevice(pool: UserPool, user: StoredUser | undefined, deviceKey: string | undefined): string | undefined {
    if (!deviceKey || !user || !tracksDevices(pool)) return undefined;
    return requireSignInDevice(store, user, deviceKey).deviceKey;
  }

  /** Whether USERNAME names the user the Session's flow is about. */
  function namesFlowUser(pool: UserPool, state: SignInContext, username: string): boolean {
    const key = (name: string) => usernameKeyOf(pool, name);
    const known = [state.account?.username, state.passwordVerifier?.userIdForSrp, state.typedUsername].filter((name): name is string => !!name);
    if (known.some((name) => key(name) === key(username))) return true;
    return state.account !== undefined && resolveUser(store, pool, username)?.sub === state.account.sub;
  }

  /** A call the flow refused while it waits again on the Session the client holds (a wrong MFA code) is that refusal. */
  function throwIfRefused(step: FlowStep<SignInMachine>): void {
    const { failure } = step.snapshot.context;
    if (step.snapshot.status === 'active' && failure) throw refusalError(failure);
  }

  /** The flow a Session names, when it waits at MFA_SETUP (the Session alone names pool, client and user). */
  function flowAtMfaSetup(session: string, call: FlowCall) {
    const flow = runner.findBySession(session);
    call.flowId = flow.id;
    const state = (JSON.parse(flow.snapshot!) as { context: SignInContext }).context;
    const client = flow.clientId === null ? undefined : findAppClient(store, flow.clientId);
    if (!(SIGN_IN_KINDS.has(flow.kind) || flow.kind === HOSTED_SIGN_IN) || state.challenge?.name !== 'MFA_SETUP' || !state.account || !client) throw invalidSession();
    return { flow, account: state.account, sessionMinutes: client.config.AuthSessionValidity };
  }

  /** A challenge and its Session, tokens, or the flow's refusal as Cognito's error. */
  function answer(step: FlowStep<SignInMachine>, poolId: string): SignInAnswer {
    throwIfRefused(step);
    if (step.session) {
      const { name, parameters, available } = step.snapshot.context.challenge!;
      bus.publish('challenge.issued', { challengeName: name, parameters, ...(available && { availableChallenges: available }) }, { flowId: step.flowId, poolId });
      return { challenge: { name, parameters, session: step.session, ...(available && { available }) } };
    }
    const output = step.output as SignInOutput;
    if (output.outcome === 'failure') throw refusalError(output);
    return { tokens: output.result };
  }

  /** The flow that issued a refresh token's family: its first token keeps that flow's id. */
  function signInOf(refreshing: StoredRefreshToken | undefined): string | undefined {
    const first = refreshing?.originJti ? store.refreshTokens.findByJti(refreshing.originJti) : refreshing;
    return first?.flowId;
  }

  /** Runs a new flow of `kind` until it awaits the client or ends; the call's own event joins the flow. */
  async function start(kind: string, pool: UserPool, client: AppClient, input: SignInInput, call: FlowCall): Promise<SignInAnswer> {
    const continuesFlowId = signInOf(input.refreshing);
    const meta = {
      kind,
      poolId: pool.id,
      clientId: client.clientId,
      username: input.username ?? null,
      sessionMinutes: client.config.AuthSessionValidity,
      ...(call.parentFlowId && { parentFlowId: call.parentFlowId }),
      ...(continuesFlowId && { continuesFlowId }),
    };
    const step = await runner.start(machine, meta, input);
    call.flowId = step.flowId;
    return answer(step, pool.id);
  }

  return {
    async initiate(request, call) {
      if (request.caller === 'hosted') return start(HOSTED_SIGN_IN, request.pool, request.client, flowInput(request, call), call);
      checkFlowFitsOperation(request.authFlow, request.caller);
      checkFlowEnabled(request.client, request.authFlow);
      return start(request.authFlow, request.pool, request.client, flowInput(request, call), call);
    },

    async refresh({ pool, client, refreshToken, clientSecret, deviceKey, clientMetadata, kind = 'GetTokensFromRefreshToken' }, call) {
      checkClientSecret(client, clientSecret);
      const refreshing = refreshTokenFor(client, refreshToken, deviceKey);
      const input: SignInInput = { ...baseInput(pool, client, call), authFlow: 'REFRESH_TOKEN_AUTH', refreshing, ...(clientMetadata && { refreshClientMetadata: clientMetadata }) };
      const answered = await start(kind, pool, client, input, call);
      if ('tokens' in answered) return answered.tokens;
      throw new InternalErrorException('The refresh flow asked for a challenge.');
    },

    async respond({ pool, client, challengeName, session, clientMetadata, hosted = false, ...request }, call) {
      const responses = request.responses ?? {};
      if (!session) throw new InvalidParameterException('Missing required parameter Session');
      const username = requireParameter(responses, 'USERNAME');
      const flow = runner.findBySession(session);
      call.flowId = flow.id;
      const kindFits = hosted ? flow.kind === HOSTED_SIGN_IN : SIGN_IN_KINDS.has(flow.kind);
      if (flow.clientId !== client.clientId || flow.poolId !== pool.id || !kindFits) throw invalidSession();
      const state = (JSON.parse(flow.snapshot!) as { context: SignInContext }).context;
      if (!namesFlowUser(pool, state, username)) throw invalidSession();
      if (!hosted) checkSecretHash(client, [username, state.account?.username, state.typedUsername].filter((name): name is string => !!name), responses.SECRET_HASH);
      if (state.challenge?.name === challengeName) for (const name of REQUIRED_RESPONSES[challengeName] ?? []) requireParameter(responses, name);
      if (state.challenge?.name === 'SELECT_CHALLENGE' && challengeName === 'SELECT_CHALLENGE') firstFactorCredentials(responses.ANSWER, responses);
      const user = state.account && store.users.findBySub(pool.id, state.account.sub);
      const { DEVICE_KEY, ...withoutDevice } = responses;
      const deviceKey = presentedDevice(pool, user, DEVICE_KEY);

      bus.publish('challenge.answered', { challengeName, responses: maskSecrets(responses) }, { flowId: flow.id, poolId: pool.id });
      const event: AnswerEvent = {
        type: 'ANSWER',
        challengeName,
        responses: deviceKey ? { ...withoutDevice, DEVICE_KEY: deviceKey } : withoutDevice,
        triggers: configuredTriggers(pool),
        origin: call.origin,
        awsSdkVersion: awsSdkVersionOf(call.userAgent),
        mfaConfiguration: pool.config.MfaConfiguration ?? 'OFF',
        ...(call.sourceIp && { sourceIp: call.sourceIp }),
        ...activeThreatProtection(pool),
        ...(clientMetadata && { clientMetadata }),
      };
      return answer(await runner.resume(machine, flow, client.config.AuthSessionValidity, event), pool.id);
    },

    async associateSoftwareToken({ session }, call) {
      const { flow, account, sessionMinutes } = flowAtMfaSetup(session, call);
      const step = await runner.resume(machine, flow, sessionMinutes, { type: 'ASSOCIATE_SOFTWARE_TOKEN' });
      throwIfRefused(step);
      const secret = store.users.findBySub(flow.poolId!, account.sub)?.mfa?.pendingSoftwareToken?.secret;
      if (!secret || !step.session) throw invalidSession();
      return { secretCode: secret, session: step.session };
    },

    async verifySoftwareToken({ session, userCode, friendlyDeviceName }, call) {
      const { flow, sessionMinutes } = flowAtMfaSetup(session, call);
      const event = { type: 'VERIFY_SOFTWARE_TOKEN' as const, code: userCode, ...(friendlyDeviceName && { friendlyDeviceName }) };
      const step = await runner.resume(machine, flow, sessionMinutes, event);
      throwIfRefused(step);
      if (!step.session) throw invalidSession();
      return { status: 'SUCCESS', session: step.session };
    },
  };
}
