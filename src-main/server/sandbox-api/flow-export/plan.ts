/**
 * What every export of a flow starts from: its calls as the client sent them, with each value
 * that cannot be replayed as recorded replaced by a slot that says where the replay gets it (a
 * masked password, the Session or tokens of the previous answer, a code from the outbox, a
 * SECRET_HASH, the client's SRP values), and what a fresh sandbox needs before the calls: the
 * pool and app client with their settings, the users that existed before the flow, and the
 * trigger answers, which a replay gives as canned breakpoint answers.
 *
 * Assumptions (the flow's events do not say them): a masked password is the user's PASSWORD,
 * NEW_PASSWORD where it sets a new one, a wrong one where the call was refused for it; a user
 * the flow did not sign up existed before it, confirmed unless the flow met their
 * NEW_PASSWORD_REQUIRED (a temporary password) or UserNotConfirmedException; a trigger answers
 * every call of the replay as it answered the flow's first.
 */
import type { AwsError, SandboxEvent } from '../../../../shared/events.js';
import { CognitoError } from '../../../cognito/errors.js';
import type { Services } from '../../../services.js';
import type { StoredFlow } from '../../../store/repositories/flows.js';
import { createInvoker, type Invoke } from '../../aws-json/invoke.js';
import { findPerson } from '../people.js';

export type Json = Record<string, any>;

/** A password the replay sends: the user's, the new one a challenge or reset sets, one that is wrong, one the policy refuses. */
export type PasswordName = 'PASSWORD' | 'NEW_PASSWORD' | 'WRONG_PASSWORD' | 'SHORT_PASSWORD';

export type Placeholder =
  | { kind: 'poolId' }
  | { kind: 'clientId' }
  | { kind: 'password'; name: PasswordName }
  /** A member of the latest answer that carried it: the Session, a token, the challenge's USER_ID_FOR_SRP. */
  | { kind: 'previous'; member: 'Session' | 'AccessToken' | 'RefreshToken' | 'USER_ID_FOR_SRP' }
  /** The newest code the outbox holds for `to` (wrong: a code that is not it). */
  | { kind: 'code'; to: string | undefined; wrong: boolean }
  | { kind: 'secretHash'; username: Value }
  /** The client's side of SRP, new each run. */
  | { kind: 'srp'; part: 'SRP_A' | 'PASSWORD_CLAIM_SIGNATURE' | 'PASSWORD_CLAIM_SECRET_BLOCK' | 'TIMESTAMP' }
  /**
   * A code of the authenticator app, made from the key AssociateSoftwareToken answered earlier in
   * the replay (wrong: a code that is not it).
   */
  | { kind: 'totp'; wrong: boolean }
  /** A secret the export cannot supply (a TOTP code of a key set up before the flow, a device's verifier): replayed as recorded, masked. */
  | { kind: 'masked'; key: string };

export class Slot {
  constructor(
    readonly placeholder: Placeholder,
    readonly recorded: unknown,
  ) {}
}

export type Value = string | number | boolean | null | Slot | Value[] | { [key: string]: Value };

export interface ReplayCall {
  operation: string;
  service: string;
  request: Value;
  status: number;
  error?: AwsError;
  /** What of the answer a replay must answer the same (responseShape). */
  shape?: Json;
  /** The recorded answer, for comments. */
  response?: unknown;
  ms: number;
  time: number;
}

export interface SetupUser {
  /** The name to create them by (the email or phone number where the pool signs in by one). */
  username: string;
  attributes: { Name: string; Value: string }[];
  status: 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'UNCONFIRMED' | 'RESET_REQUIRED';
  enabled: boolean;
}

export interface TriggerAnswer {
  trigger: string;
  respondWith?: unknown;
  failWith?: string;
}

export interface ExportPlan {
  flow: {
    id: string;
    kind: string;
    poolId: string | null;
    clientId: string | null;
    username: string | null;
    /** Who the flow is for, as the client named them (their email where the username is a UUID). */
    person: string | null;
    state: string | null;
    outcome: string | null;
    reason: string | null;
    created: number;
  };
  events: SandboxEvent[];
  calls: ReplayCall[];
  pool?: { create: Json; mfaConfig?: Json };
  client?: { create: Json; hasSecret: boolean };
  users: SetupUser[];
  triggers: TriggerAnswer[];
  /** Every password the calls send, in a stable order. */
  passwords: PasswordName[];
  srp: boolean;
}

const COGNITO = 'AWSCognitoIdentityProviderService';
const MASK = '***';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE_KEYS = new Set(['ConfirmationCode', 'Code', 'SMS_MFA_CODE', 'EMAIL_OTP_CODE', 'SMS_OTP_CODE']);
/** Codes of the authenticator app: replayable once the flow itself associated the key. */
const TOTP_KEYS = new Set(['UserCode', 'SOFTWARE_TOKEN_MFA_CODE']);
const WRONG_TOTP = new Set(['CodeMismatchException', 'EnableSoftwareTokenMFAException']);
const SRP_PARTS = new Set(['SRP_A', 'PASSWORD_CLAIM_SIGNATURE', 'PASSWORD_CLAIM_SECRET_BLOCK', 'TIMESTAMP']);

/** CreateUserPool's members that DescribeUserPool answers under the same name. */
const POOL_CREATE_MEMBERS = [
  'Policies', 'LambdaConfig', 'AutoVerifiedAttributes', 'AliasAttributes', 'UsernameAttributes', 'SmsVerificationMessage',
  'EmailVerificationMessage', 'EmailVerificationSubject', 'VerificationMessageTemplate', 'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings', 'DeviceConfiguration', 'EmailConfiguration', 'SmsConfiguration', 'AdminCreateUserConfig',
  'UserPoolAddOns', 'UsernameConfiguration', 'AccountRecoverySetting', 'UserPoolTier',
];
const CLIENT_READ_ONLY = ['UserPoolId', 'ClientId', 'ClientSecret', 'CreationDate', 'LastModifiedDate'];

/** What of an answer a replay gives the same each run: the challenge, which tokens, confirmed or not, where a code went. */
export function responseShape(body: unknown): Json {
  const b = (body ?? {}) as Json;
  return {
    ...(b.ChallengeName !== undefined && { ChallengeName: b.ChallengeName }),
    ...(b.AuthenticationResult && { tokens: Object.keys(b.AuthenticationResult).filter((k) => k.endsWith('Token')).sort() }),
    ...(b.UserConfirmed !== undefined && { UserConfirmed: b.UserConfirmed }),
    ...(b.CodeDeliveryDetails?.DeliveryMedium !== undefined && { delivery: b.CodeDeliveryDetails.DeliveryMedium }),
  };
}

/** The same function as text, for the generated test file: keep the two alike. */
export const RESPONSE_SHAPE_SOURCE = `/** What of an answer a replay gives the same each run: the challenge, which tokens, confirmed or not, where a code went. */
function responseShape(b: any): Record<string, unknown> {
  return {
    ...(b.ChallengeName !== undefined && { ChallengeName: b.ChallengeName }),
    ...(b.AuthenticationResult && { tokens: Object.keys(b.AuthenticationResult).filter((k) => k.endsWith('Token')).sort() }),
    ...(b.UserConfirmed !== undefined && { UserConfirmed: b.UserConfirmed }),
    ...(b.CodeDeliveryDetails?.DeliveryMedium !== undefined && { delivery: b.CodeDeliveryDetails.DeliveryMedium }),
  };
}`;

/** How a call was answered, in a few words: `200, ChallengeName NEW_PASSWORD_REQUIRED`, `400 NotAuthorizedException: ...`. */
export function answerNote(call: ReplayCall): string {
  if (call.error) return `${call.status} ${call.error.type}: ${call.error.message}`;
  const shape = Object.entries(call.shape ?? {}).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  return [`${call.status}`, ...shape].join(', ');
}

type ApiCalledEvent = Extract<SandboxEvent, { type: 'api.called' }>;

/** Why a call answered an error that a different password would explain. */
function passwordFor(key: string, operation: string, error: AwsError | undefined): PasswordName {
  if (error?.type === 'InvalidPasswordException' || error?.type === 'InvalidParameterException') return 'SHORT_PASSWORD';
  const setsNew = key === 'NEW_PASSWORD' || key === 'ProposedPassword' || (key === 'Password' && operation === 'ConfirmForgotPassword');
  if (setsNew) return 'NEW_PASSWORD';
  if (error?.type === 'NotAuthorizedException' && /incorrect|password/i.test(error.message)) return 'WRONG_PASSWORD';
  return 'PASSWORD';
}

interface CallContext {
  operation: string;
  error?: AwsError;
  /** The newest `to` of a message the flow sent before this call. */
  messageTo?: string;
  /** The latest answer before this call that carried a USER_ID_FOR_SRP. */
  userIdForSrp?: string;
  /** An AssociateSoftwareToken before this call answered a key. */
  associated: boolean;
  poolId: string | null;
  clientId: string | null;
  clientHasSecret: boolean;
}

function slotted(request: unknown, context: CallContext): Value {
  const { operation, error } = context;
  const walk = (value: unknown, key: string | undefined, parent: Json | undefined): Value => {
    if (Array.isArray(value)) return value.map((item) => walk(item, undefined, undefined));
    if (value !== null && typeof value === 'object') {
      const object = value as Json;
      return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, walk(v, k, object)]));
    }
    if (typeof value !== 'string') return value as Value;
    if (value === context.poolId && key === 'UserPoolId') return new Slot({ kind: 'poolId' }, value);
    if (value === context.clientId && key === 'ClientId') return new Slot({ kind: 'clientId' }, value);
    if (key === 'Session') return new Slot({ kind: 'previous', member: 'Session' }, value);
    if (key === 'AccessToken') return new Slot({ kind: 'previous', member: 'AccessToken' }, value);
    if (key === 'REFRESH_TOKEN' || key === 'RefreshToken') return new Slot({ kind: 'previous', member: 'RefreshToken' }, value);
    if (key && SRP_PARTS.has(key)) return new Slot({ kind: 'srp', part: key as never }, value);
    if (key === 'USERNAME' && value === context.userIdForSrp && UUID.test(value)) return new Slot({ kind: 'previous', member: 'USER_ID_FOR_SRP' }, value);
    if (value !== MASK || !key) return value;
    if (key === 'SECRET_HASH' || key === 'SecretHash') {
      const username = parent?.USERNAME ?? parent?.Username;
      return new Slot({ kind: 'secretHash', username: walk(username, 'USERNAME', parent) }, value);
    }
    if (CODE_KEYS.has(key)) return new Slot({ kind: 'code', to: context.messageTo, wrong: error?.type === 'CodeMismatchException' }, value);
    if (TOTP_KEYS.has(key) && context.associated) return new Slot({ kind: 'totp', wrong: WRONG_TOTP.has(error?.type ?? '') }, value);
    if (/password/i.test(key)) return new Slot({ kind: 'password', name: passwordFor(key, operation, error) }, value);
    return new Slot({ kind: 'masked', key }, value);
  };
  return walk(request, undefined, undefined);
}

function replayCalls(events: readonly SandboxEvent[], poolId: string | null, clientId: string | null, clientHasSecret: boolean): ReplayCall[] {
  const calls: ReplayCall[] = [];
  let messageTo: string | undefined;
  let userIdForSrp: string | undefined;
  let associated = false;
  for (const event of events) {
    if (event.type === 'message.sent') messageTo = event.data.to;
    if (event.type !== 'api.called' || event.data.service !== COGNITO) continue;
    const { operation, request, response, error, status, ms } = (event as ApiCalledEvent).data;
    const context = { operation, error, messageTo, userIdForSrp, associated, poolId, clientId, clientHasSecret };
    calls.push({
      operation,
      service: event.data.service,
      request: slotted(request, context),
      status,
      ...(error ? { error } : { shape: responseShape(response) }),
      response,
      ms,
      time: event.time,
    });
    const srpId = (response as Json | undefined)?.ChallengeParameters?.USER_ID_FOR_SRP;
    if (typeof srpId === 'string') userIdForSrp = srpId;
    if (operation === 'AssociateSoftwareToken' && !error) associated = true;
  }
  return calls;
}

/** Every slot of a value, depth first. */
export function slotsOf(value: Value): Slot[] {
  if (value instanceof Slot) return [value, ...(value.placeholder.kind === 'secretHash' ? slotsOf(value.placeholder.username) : [])];
  if (Array.isArray(value)) return value.flatMap(slotsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(slotsOf);
  return [];
}

function triggerAnswers(events: readonly SandboxEvent[]): TriggerAnswer[] {
  const answers = new Map<string, TriggerAnswer>();
  for (const event of events) {
    if (event.type !== 'trigger.returned' || answers.has(event.data.trigger)) continue;
    const { trigger, error, functionError, response } = event.data;
    answers.set(trigger, error ? { trigger, failWith: functionError?.errorMessage ?? error.message } : { trigger, respondWith: response });
  }
  return [...answers.values()];
}

async function described(invoke: Invoke, operation: string, input: Json): Promise<Json | undefined> {
  try {
    return await invoke(operation, input);
  } catch (error) {
    // Gone since, or not a user pool's (an identity pool's flow): the replay makes a plain one.
    if (error instanceof CognitoError) return undefined;
    throw error;
  }
}

/** The custom attributes as CreateUserPool names them, and the standard ones a pool requires. */
function schemaOf(attributes: Json[] | undefined): Json[] {
  return (attributes ?? []).flatMap((attribute) => {
    const custom = /^(dev:)?custom:(.*)$/.exec(String(attribute.Name));
    if (custom) return [{ ...attribute, Name: custom[2], ...(custom[1] && { DeveloperOnlyAttribute: true }) }];
    return attribute.Required === true && attribute.Name !== 'sub' ? [{ Name: attribute.Name, AttributeDataType: attribute.AttributeDataType, Mutable: attribute.Mutable, Required: true }] : [];
  });
}

async function poolSetup(invoke: Invoke, poolId: string): Promise<ExportPlan['pool']> {
  const answer = await described(invoke, 'DescribeUserPool', { UserPoolId: poolId });
  if (!answer) return undefined;
  const pool = answer.UserPool as Json;
  const schema = schemaOf(pool.SchemaAttributes);
  const create: Json = { PoolName: pool.Name, ...Object.fromEntries(POOL_CREATE_MEMBERS.filter((m) => pool[m] !== undefined).map((m) => [m, pool[m]])) };
  if (schema.length > 0) create.Schema = schema;
  const mfa = await invoke('GetUserPoolMfaConfig', { UserPoolId: poolId });
  return { create, ...(mfa.MfaConfiguration && mfa.MfaConfiguration !== 'OFF' && { mfaConfig: mfa }) };
}

async function clientSetup(invoke: Invoke, poolId: string, clientId: string): Promise<ExportPlan['client']> {
  const answer = await described(invoke, 'DescribeUserPoolClient', { UserPoolId: poolId, ClientId: clientId });
  if (!answer) return undefined;
  const client = answer.UserPoolClient as Json;
  const hasSecret = typeof client.ClientSecret === 'string';
  const create = Object.fromEntries(Object.entries(client).filter(([name]) => !CLIENT_READ_ONLY.includes(name)));
  return { create: { ...create, ...(hasSecret && { GenerateSecret: true }) }, hasSecret };
}

/** The name the client first sent for the user. */
function sentUsername(calls: readonly ReplayCall[]): string | undefined {
  for (const call of calls) {
    const request = call.request as Json;
    const name = request?.Username ?? request?.AuthParameters?.USERNAME ?? request?.ChallengeResponses?.USERNAME;
    if (typeof name === 'string') return name;
  }
  return undefined;
}

function errorTypes(calls: readonly ReplayCall[]): AwsError[] {
  return calls.flatMap((call) => (call.error ? [call.error] : []));
}

/** The user the flow signed in (or tried to), as they were before it; none when the flow signed them up. */
function usersBefore(services: Pick<Services, 'store'>, flow: StoredFlow, events: readonly SandboxEvent[], calls: readonly ReplayCall[], pool: Json | undefined): SetupUser[] {
  const signUp = calls.find((call) => call.operation === 'SignUp');
  if (signUp && signUp.error?.type !== 'UsernameExistsException') return [];
  const sent = sentUsername(calls);
  const name = flow.username ?? sent;
  if (!flow.poolId || !name) return [];
  const stored = findPerson(services, flow.poolId, name) ?? (sent ? findPerson(services, flow.poolId, sent) : undefined);
  const challenged = (challenge: string) => events.some((e) => e.type === 'challenge.issued' && e.data.challengeName === challenge);
  const errors = errorTypes(calls);
  if (!stored && !challenged('NEW_PASSWORD_REQUIRED') && !challenged('PASSWORD_VERIFIER') && errors.some((e) => e.type === 'UserNotFoundException' || e.type === 'NotAuthorizedException')) return [];
  const byAttribute = (pool?.UsernameAttributes ?? []).length > 0;
  const username = byAttribute ? (sent ?? name) : (stored?.username ?? name);
  const status: SetupUser['status'] = challenged('NEW_PASSWORD_REQUIRED')
    ? 'FORCE_CHANGE_PASSWORD'
    : errors.some((e) => e.type === 'UserNotConfirmedException')
      ? 'UNCONFIRMED'
      : errors.some((e) => e.type === 'PasswordResetRequiredException')
        ? 'RESET_REQUIRED'
        : 'CONFIRMED';
  const disabled = errors.some((e) => e.type === 'NotAuthorizedException' && /disabled/i.test(e.message));
  const attributes = (stored?.attributes ?? []).filter((a) => a.Name !== 'sub' && a.Name !== 'identities').map((a) => ({ Name: a.Name, Value: a.Value }));
  return [{ username, attributes, status, enabled: !disabled }];
}

const PASSWORD_ORDER: readonly PasswordName[] = ['PASSWORD', 'NEW_PASSWORD', 'WRONG_PASSWORD', 'SHORT_PASSWORD'];

export async function exportPlan(services: Services, flow: StoredFlow, events: SandboxEvent[]): Promise<ExportPlan> {
  const invoke = createInvoker(services);
  const pool = flow.poolId ? await poolSetup(invoke, flow.poolId) : undefined;
  const client = flow.poolId && flow.clientId ? await clientSetup(invoke, flow.poolId, flow.clientId) : undefined;
  const calls = replayCalls(events, flow.poolId, flow.clientId, client?.hasSecret ?? false);
  const slots = calls.flatMap((call) => slotsOf(call.request));
  const used = new Set(slots.flatMap((slot) => (slot.placeholder.kind === 'password' ? [slot.placeholder.name] : [])));
  const users = usersBefore(services, flow, events, calls, pool?.create);
  if (users.length > 0) used.add('PASSWORD');
  return {
    flow: {
      id: flow.id,
      kind: flow.kind,
      poolId: flow.poolId,
      clientId: flow.clientId,
      username: flow.username,
      person: flow.username && UUID.test(flow.username) ? (sentUsername(calls) ?? flow.username) : flow.username,
      state: flow.state,
      outcome: flow.outcome,
      reason: [...events].reverse().find((e) => e.type === 'flow.ended')?.data.reason ?? null,
      created: flow.created,
    },
    events,
    calls,
    ...(pool && { pool }),
    ...(client && { client }),
    users,
    triggers: triggerAnswers(events),
    passwords: PASSWORD_ORDER.filter((name) => used.has(name) || (name === 'PASSWORD' && slots.some((s) => s.placeholder.kind === 'srp'))),
    srp: slots.some((slot) => slot.placeholder.kind === 'srp'),
  };
}
