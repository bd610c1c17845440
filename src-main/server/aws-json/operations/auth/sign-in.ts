/**
 * The steps InitiateAuth and AdminInitiateAuth share, and those RespondToAuthChallenge and
 * AdminRespondToAuthChallenge share: request checks (flow, client, parameters, SECRET_HASH,
 * Session), then the sign-in flow through the runner, then Cognito's answer: a challenge with
 * its Session, or tokens, or the flow's refusal. Each challenge handed out and each answer is a
 * debugger event.
 */
import type { InitiateAuthCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { maskSecrets } from '../../../../debug/mask.js';
import { checkSecretHash } from '../../../../cognito/secret-hash.js';
import { parseSrpA } from '../../../../auth/srp-server.js';
import type { FlowStep } from '../../../../flows/runner.js';
import {
  signInMachine,
  type AnswerEvent,
  type PasswordAuthFlow,
  type SignInContext,
  type SignInInput,
  type SignInMachine,
  type SignInOutput,
  type SignInTrigger,
} from '../../../../flows/sign-in.machine.js';
import type { Services } from '../../../../services.js';
import type { AppClient } from '../../../../cognito/app-clients.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import { CognitoError, InvalidParameterException, NotAuthorizedException, ResourceNotFoundException } from '../../../../cognito/errors.js';
import type { RequestContext, Wire } from '../../operation.js';
import { requirePool } from '../../../../cognito/resources.js';
import { checkFlowEnabled, checkFlowFitsOperation, requireParameter, type Caller } from '../../../../cognito/auth-flows.js';
import { signInActors } from './sign-in-actors.js';
import { CUSTOM_AUTH_NOT_CONFIGURED, signInTriggerActors } from './sign-in-triggers.js';
import { findAppClient } from '../../../../cognito/app-clients.js';
import { usernameKeyOf, resolveUser } from '../../../../cognito/usernames.js';

export type AuthServices = Pick<Services, 'store' | 'clock' | 'ids' | 'tokens' | 'flows' | 'bus' | 'triggers'>;
type AuthAnswer = Wire<Omit<InitiateAuthCommandOutput, '$metadata'>>;

const PASSWORD_FLOWS: ReadonlySet<string> = new Set<PasswordAuthFlow>(['USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']);
/** Flow kinds (the AuthFlow that started them) whose Sessions RespondToAuthChallenge resumes. */
const SIGN_IN_KINDS: ReadonlySet<string> = new Set(['USER_SRP_AUTH', 'CUSTOM_AUTH', ...PASSWORD_FLOWS]);
/** Responses each challenge needs besides USERNAME. */
const REQUIRED_RESPONSES: Record<string, readonly string[]> = {
  PASSWORD_VERIFIER: ['PASSWORD_CLAIM_SIGNATURE', 'PASSWORD_CLAIM_SECRET_BLOCK', 'TIMESTAMP'],
  NEW_PASSWORD_REQUIRED: ['NEW_PASSWORD'],
  CUSTOM_CHALLENGE: ['ANSWER'],
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

/**
 * Flows a request is resuming right now, per runner: the stored Session is replaced only once the
 * resumed step settles, so the same Session presented twice at once must be refused here.
 */
const resuming = new WeakMap<object, Set<string>>();

async function resumeOnce<T>(services: AuthServices, flowId: string, resume: () => Promise<T>): Promise<T> {
  const busy = resuming.get(services.flows) ?? new Set<string>();
  resuming.set(services.flows, busy);
  if (busy.has(flowId)) throw invalidSession();
  busy.add(flowId);
  try {
    return await resume();
  } finally {
    busy.delete(flowId);
  }
}

/** InitiateAuth's client: found by id alone. */
export function clientById(services: AuthServices, clientId: string): { pool: UserPool; client: AppClient } {
  const client = findAppClient(services.store, clientId);
  if (!client) throw new ResourceNotFoundException(`User pool client ${clientId} does not exist.`);
  return { pool: requirePool(services.store, client.poolId), client };
}

/** The admin operations' client: it must belong to the named pool. */
export function clientOfPool(services: AuthServices, poolId: string, clientId: string): { pool: UserPool; client: AppClient } {
  const pool = requirePool(services.store, poolId);
  const client = findAppClient(services.store, clientId);
  if (!client || client.poolId !== pool.id) throw new ResourceNotFoundException(`User pool client ${clientId} does not exist.`);
  return { pool, client };
}

/**
 * The machine with its effects provided. `provide()` rebuilds the whole machine definition, a
 * large share of a sign-in's CPU, so the result is kept: the effects depend on the services and
 * on only two things of the request, the origin (the tokens' issuer) and the User-Agent (the
 * triggers' awsSdkVersion), of which an app sends few different values.
 */
const providedMachines = new WeakMap<AuthServices, Map<string, SignInMachine>>();
const MAX_PROVIDED = 64;

function machineFor(services: AuthServices, request: RequestContext): SignInMachine {
  let machines = providedMachines.get(services);
  if (!machines) providedMachines.set(services, (machines = new Map()));
  const key = `${request.origin}\n${request.userAgent ?? ''}`;
  let machine = machines.get(key);
  if (!machine) {
    if (machines.size >= MAX_PROVIDED) machines.clear();
    machine = signInMachine.provide({ actors: { ...signInActors(services, request.origin), ...signInTriggerActors(services, request) } }) as SignInMachine;
    machines.set(key, machine);
  }
  return machine;
}

/** The sign-in triggers the pool configures now. */
function configuredTriggers(services: AuthServices, pool: UserPool): SignInTrigger[] {
  return SIGN_IN_TRIGGERS.filter((trigger) => services.triggers.isConfigured(pool, trigger));
}

export interface InitiateRequest {
  pool: UserPool;
  client: AppClient;
  authFlow: string;
  parameters: Record<string, string> | undefined;
  clientMetadata: Record<string, string> | undefined;
}

/** The SRP_A a flow starts with, checked. */
function srpAParameter(parameters: Record<string, string> | undefined): string {
  const srpA = requireParameter(parameters, 'SRP_A');
  if (parseSrpA(srpA) === undefined) throw new InvalidParameterException('Invalid SRP_A value.');
  return srpA;
}

/** The secret the flow starts with: a password, an SRP_A, or none (a custom flow that does not start with SRP). */
function credentialsOf(authFlow: string, parameters: Record<string, string> | undefined): Pick<SignInInput, 'password' | 'srpA'> {
  if (authFlow === 'USER_SRP_AUTH') return { srpA: srpAParameter(parameters) };
  if (authFlow === 'CUSTOM_AUTH') return parameters?.CHALLENGE_NAME === 'SRP_A' ? { srpA: srpAParameter(parameters) } : {};
  return { password: requireParameter(parameters, 'PASSWORD') };
}

/** Checks the request and says how the flow starts (throws Cognito's error for a bad request). */
function flowInput(services: AuthServices, { pool, client, authFlow, parameters, clientMetadata }: InitiateRequest): SignInInput {
  const base = {
    poolId: pool.id,
    clientId: client.clientId,
    preventUserExistenceErrors: client.config.PreventUserExistenceErrors === 'ENABLED',
    triggers: configuredTriggers(services, pool),
    ...(clientMetadata && { clientMetadata }),
  };
  if (authFlow === 'REFRESH_TOKEN_AUTH' || authFlow === 'REFRESH_TOKEN') {
    const refreshing = services.tokens.useRefreshToken(requireParameter(parameters, 'REFRESH_TOKEN'), client);
    const user = services.store.users.findBySub(pool.id, refreshing.sub);
    const names = [user?.username, refreshing.sub, parameters?.USERNAME].filter((name): name is string => !!name);
    checkSecretHash(client, names, parameters?.SECRET_HASH);
    return { ...base, authFlow: 'REFRESH_TOKEN_AUTH', refreshing };
  }
  const username = requireParameter(parameters, 'USERNAME');
  const credentials = credentialsOf(authFlow, parameters);
  if (client.secret !== undefined) {
    const known = resolveUser(services.store, pool, username);
    checkSecretHash(client, known ? [username, known.username] : [username], parameters?.SECRET_HASH);
  }
  if (authFlow === 'CUSTOM_AUTH' && !base.triggers.includes('DefineAuthChallenge')) {
    throw new InvalidParameterException(CUSTOM_AUTH_NOT_CONFIGURED);
  }
  return { ...base, authFlow: authFlow as SignInInput['authFlow'], username, ...credentials };
}

/** InitiateAuth / AdminInitiateAuth once the client is known. */
export async function initiateSignIn(services: AuthServices, request: InitiateRequest, caller: Caller, context: RequestContext): Promise<AuthAnswer> {
  checkFlowFitsOperation(request.authFlow, caller);
  checkFlowEnabled(request.client, request.authFlow);
  const input = flowInput(services, request);
  const meta = {
    kind: request.authFlow,
    poolId: request.pool.id,
    clientId: request.client.clientId,
    username: input.username ?? null,
    sessionMinutes: request.client.config.AuthSessionValidity,
  };
  const step = await services.flows.start(machineFor(services, context), meta, input);
  context.flowId = step.flowId;
  return answer(services, step, request.pool.id);
}

export interface RespondRequest {
  pool: UserPool;
  client: AppClient;
  challengeName: string;
  responses: Record<string, string> | undefined;
  session: string | undefined;
  clientMetadata: Record<string, string> | undefined;
}

/** Whether USERNAME names the user the Session's flow is about. */
function namesFlowUser(services: AuthServices, pool: UserPool, state: SignInContext, username: string): boolean {
  const key = (name: string) => usernameKeyOf(pool, name);
  const known = [state.account?.username, state.passwordVerifier?.userIdForSrp, state.typedUsername].filter((name): name is string => !!name);
  if (known.some((name) => key(name) === key(username))) return true;
  return state.account !== undefined && resolveUser(services.store, pool, username)?.sub === state.account.sub;
}

/** RespondToAuthChallenge / AdminRespondToAuthChallenge once the client is known. */
export async function respondToChallenge(services: AuthServices, request: RespondRequest, context: RequestContext): Promise<AuthAnswer> {
  const { pool, client, challengeName } = request;
  const responses = request.responses ?? {};
  if (!request.session) throw new InvalidParameterException('Missing required parameter Session');
  const username = requireParameter(responses, 'USERNAME');
  const flow = services.flows.findBySession(request.session);
  context.flowId = flow.id;
  if (flow.clientId !== client.clientId || flow.poolId !== pool.id || !SIGN_IN_KINDS.has(flow.kind)) throw invalidSession();
  const state = (JSON.parse(flow.snapshot!) as { context: SignInContext }).context;
  if (!namesFlowUser(services, pool, state, username)) throw invalidSession();
  checkSecretHash(client, [username, state.account?.username, state.typedUsername].filter((name): name is string => !!name), responses.SECRET_HASH);
  if (state.challenge?.name === challengeName) for (const name of REQUIRED_RESPONSES[challengeName] ?? []) requireParameter(responses, name);

  services.bus.publish('challenge.answered', { challengeName, responses: maskSecrets(responses) }, { flowId: flow.id, poolId: pool.id });
  const event: AnswerEvent = {
    type: 'ANSWER',
    challengeName,
    responses,
    triggers: configuredTriggers(services, pool),
    ...(request.clientMetadata && { clientMetadata: request.clientMetadata }),
  };
  const step = await resumeOnce(services, flow.id, () => services.flows.resume(machineFor(services, context), flow, client.config.AuthSessionValidity, event));
  return answer(services, step, pool.id);
}

/** A challenge and its Session, tokens, or the flow's refusal as Cognito's error. */
function answer(services: AuthServices, step: FlowStep<SignInMachine>, poolId: string): AuthAnswer {
  if (step.session) {
    const challenge = step.snapshot.context.challenge!;
    services.bus.publish('challenge.issued', { challengeName: challenge.name, parameters: challenge.parameters }, { flowId: step.flowId, poolId });
    return { ChallengeName: challenge.name as AuthAnswer['ChallengeName'], Session: step.session, ChallengeParameters: challenge.parameters };
  }
  const output = step.output as SignInOutput;
  if (output.outcome === 'failure') throw new CognitoError(output.error.type, output.error.message, output.error.status);
  return { ChallengeParameters: {}, AuthenticationResult: output.result };
}
