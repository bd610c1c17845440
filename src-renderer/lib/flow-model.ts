/**
 * What the window makes of a flow's events: a one-line summary for the timeline, and the steps
 * of its sequence view. Pure functions over the shared event schema.
 */
import type { EventBase, EventData, MessageSent, SandboxEvent } from '../../shared/events';
import * as federation from './federation';
import * as identity from './identity';
import * as http from './oauth-exchange';
import { faultSummary, flowKindLabel, stateLabel, transitionCause } from './event-labels';

export type FlowOutcome = 'success' | 'failure' | 'expired' | 'abandoned';
/** The outcome filter: an ended flow's outcome, or `active` for one still running. */
export type FlowStatus = FlowOutcome | 'active';

export interface FlowSummary {
  id: string;
  kind: string;
  machine: string | null;
  poolId: string | null;
  clientId: string | null;
  username: string | null;
  /** The flow that started this one: a hosted login's sign-in, sign-up or password reset. */
  parentFlowId: string | null;
  /** The sign-in a refresh continues (it issued the refresh token). */
  continuesFlowId: string | null;
  /** Pinned in the debugger: never pruned. */
  pinned: boolean;
  /** While it waits for the client: when the Session it handed out expires (epoch ms). */
  sessionExpires: number | null;
  /** The identity provider a federated login went to. */
  provider: string | null;
  /** An identity-pool flow's identity, and the login keys its call carried. */
  identityId: string | null;
  logins: string[];
  started: number;
  updated: number;
  ended: number | null;
  outcome: FlowOutcome | null;
  reason: string | null;
  /** The machine state it is in (or ended in). */
  state: string | null;
  challenges: string[];
  operations: string[];
  tokens: number;
  messages: number;
  triggers: number;
  /** The injected faults that hit it, in words (`throttle 50 % on UserAuthentication`). */
  faults: string[];
  eventCount: number;
  /** The first event seen of it: with `started`, its place in the timeline. */
  firstSeq: number;
  /** The newest event folded in: the row shows it, the latency benchmark reads it. */
  lastSeq: number;
  lastTime: number;
}

export function flowStatus(flow: Pick<FlowSummary, 'outcome'>): FlowStatus {
  return flow.outcome ?? 'active';
}

export function emptySummary(event: SandboxEvent & { flowId: string }): FlowSummary {
  return {
    id: event.flowId,
    kind: 'flow',
    machine: null,
    poolId: event.poolId,
    clientId: null,
    username: null,
    parentFlowId: null,
    continuesFlowId: null,
    pinned: false,
    sessionExpires: null,
    provider: null,
    identityId: null,
    logins: [],
    started: event.time,
    updated: event.time,
    ended: null,
    outcome: null,
    reason: null,
    state: null,
    challenges: [],
    operations: [],
    tokens: 0,
    messages: 0,
    triggers: 0,
    faults: [],
    eventCount: 0,
    firstSeq: event.seq,
    lastSeq: event.seq,
    lastTime: event.time,
  };
}

const addOnce = (list: string[], item: string) => (list.includes(item) ? list : [...list, item]);

/** The summary with one more event folded in (a new object: the timeline re-renders that row). */
export function foldEvent(flow: FlowSummary, event: SandboxEvent): FlowSummary {
  const next: FlowSummary = {
    ...flow,
    poolId: flow.poolId ?? event.poolId,
    updated: Math.max(flow.updated, event.time),
    eventCount: flow.eventCount + 1,
    lastSeq: Math.max(flow.lastSeq, event.seq),
    lastTime: event.seq >= flow.lastSeq ? event.time : flow.lastTime,
  };
  switch (event.type) {
    case 'flow.started':
      next.kind = event.data.kind;
      next.machine = typeof event.data.machine === 'string' ? event.data.machine : null;
      next.clientId = event.data.clientId ?? next.clientId;
      next.username = event.data.username ?? next.username;
      next.parentFlowId = event.data.parentFlowId ?? null;
      next.continuesFlowId = event.data.continuesFlowId ?? null;
      next.started = event.time;
      break;
    case 'flow.waiting':
      next.sessionExpires = event.data.sessionExpires;
      break;
    case 'flow.pinned':
      next.pinned = event.data.pinned;
      break;
    case 'flow.transitioned':
      next.state = event.data.to;
      break;
    case 'flow.ended':
      next.ended = event.time;
      next.sessionExpires = null;
      next.outcome = event.data.outcome;
      next.reason = event.data.reason ?? null;
      break;
    case 'challenge.issued':
      next.challenges = addOnce(next.challenges, event.data.challengeName);
      break;
    case 'api.called':
      next.operations = addOnce(next.operations, event.data.operation);
      break;
    case 'http.exchanged':
      // The sandbox's calls to a provider carry the provider's client_id, not the pool's.
      if (event.data.lane === 'idp') break;
      next.operations = addOnce(next.operations, event.data.path);
      next.clientId = next.clientId ?? event.data.query.client_id ?? event.data.form?.client_id ?? null;
      break;
    case 'federation.requested':
    case 'federation.responded':
      next.provider = event.data.provider;
      break;
    case 'federation.mapped':
      next.provider = event.data.provider;
      next.username = event.data.user.username;
      break;
    case 'identity.loginChecked':
      next.logins = addOnce(next.logins, event.data.provider);
      next.username = next.username ?? signedInUser(event.data);
      break;
    case 'identity.resolved':
    case 'identity.roleResolved':
    case 'identity.credentialsIssued':
    case 'identity.openIdTokenIssued':
      next.identityId = event.data.identityId;
      break;
    case 'token.issued':
      next.tokens += 1;
      next.username = next.username ?? event.data.username;
      next.clientId = next.clientId ?? event.data.clientId;
      break;
    case 'message.sent':
      next.messages += 1;
      break;
    case 'trigger.invoked':
      next.triggers += 1;
      break;
    case 'fault.injected':
      next.faults = addOnce(next.faults, event.data.description);
      break;
    default:
      break;
  }
  return next;
}

/** A user pool login names its user: the ID token's `cognito:username`. */
function signedInUser(data: EventData<'identity.loginChecked'>): string | null {
  const username = data.kind === 'cognito' ? data.claims?.['cognito:username'] : undefined;
  return typeof username === 'string' ? username : null;
}

export interface FlowFilters {
  pool: string;
  client: string;
  user: string;
  kind: string;
  status: string;
  search: string;
}

/** The outcome filter's value for the pinned flows, whatever their outcome. */
export const PINNED = 'pinned';

export const NO_FILTERS: FlowFilters = { pool: '', client: '', user: '', kind: '', status: '', search: '' };

/** Who a flow's username stands for, as the people store knows them: the user filter's value and every name. */
export interface FlowPerson {
  filterValue: string;
  label: string;
  identifiers: string[];
}

export function matchesFilters(flow: FlowSummary, filters: FlowFilters, person?: FlowPerson): boolean {
  if (filters.pool && flow.poolId !== filters.pool) return false;
  if (filters.client && flow.clientId !== filters.client) return false;
  if (filters.user && (person?.filterValue ?? flow.username) !== filters.user) return false;
  if (filters.kind && flow.kind !== filters.kind) return false;
  if (filters.status && (filters.status === PINNED ? !flow.pinned : flowStatus(flow) !== filters.status)) return false;
  if (filters.search && !searchText(flow, person).includes(filters.search.toLowerCase())) return false;
  return true;
}

/**
 * What search looks in, lowercased, kept per summary: a summary is replaced when its flow changes,
 * never changed, so each keystroke over 100,000 events joins no strings (the person's names are
 * compared by identity: the people store replaces them when they change).
 */
const searchTexts = new WeakMap<FlowSummary, { identifiers: readonly string[] | undefined; text: string }>();

function searchText(flow: FlowSummary, person: FlowPerson | undefined): string {
  const kept = searchTexts.get(flow);
  if (kept && kept.identifiers === person?.identifiers) return kept.text;
  const text = [flow.id, flow.kind, flowKindLabel(flow.kind), flow.poolId, flow.clientId, flow.username, flow.provider, flow.identityId, flow.state, flow.state && stateLabel(flow.state), flow.reason, ...flow.logins, ...flow.challenges, ...flow.operations, ...(person?.identifiers ?? [])]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  searchTexts.set(flow, { identifiers: person?.identifiers, text });
  return text;
}

// ---------------------------------------------------------------------------------------------
// The sequence view

/**
 * The sequence's participants. `client` is the app calling the AWS API; a hosted login has the
 * `browser` (the hosted UI's pages and redirects) and the app's `backend` (the token endpoint,
 * userInfo, revoke) instead; a federated login adds the `idp` (the identity provider the browser
 * signs in at and the sandbox calls: token, JWKS, userInfo).
 */
export type Lane = 'browser' | 'client' | 'backend' | 'sandbox' | 'idp' | 'trigger' | 'outbox';
export interface LaneInfo {
  id: Lane;
  label: string;
}
const LANE_LABELS: Record<Lane, string> = {
  browser: 'Browser',
  client: 'Client app',
  backend: 'App back end',
  sandbox: 'Sandbox',
  idp: 'Identity provider',
  trigger: 'Lambda triggers',
  outbox: 'Outbox',
};
const laneInfo = (id: Lane): LaneInfo => ({ id, label: LANE_LABELS[id] });
/** The lanes of a flow driven through the AWS API. */
export const LANES: LaneInfo[] = (['client', 'sandbox', 'trigger', 'outbox'] as const).map(laneInfo);
/** An identity-pool call: the app, the sandbox (Cognito Identity, STS) and the provider a login check calls (discovery, JWKS, profile). */
const IDENTITY_LANES: LaneInfo[] = [laneInfo('client'), { id: 'sandbox', label: 'Sandbox (Cognito Identity, STS)' }, laneInfo('idp')];

/**
 * The lanes the steps use: the AWS API's four, or for a hosted login or OAuth grant, the browser
 * and the app's back end it uses. `hostedUi`: a flow a hosted login started, whose client is the
 * hosted UI's pages. A federated login's lanes are the browser, the app's back end, the sandbox
 * and the identity provider, with Lambda and the outbox only when it used them.
 */
export function lanesOf(steps: readonly Step[], { hostedUi = false } = {}): LaneInfo[] {
  const used = new Set(steps.flatMap((step) => [step.from, step.to]));
  if (hostedUi) return LANES.map((lane) => (lane.id === 'client' ? { id: 'client', label: 'Hosted UI pages' } : lane));
  if (steps.some((step) => identity.isIdentityFlowEvent(step.event))) return IDENTITY_LANES.filter((lane) => lane.id !== 'idp' || used.has('idp'));
  if (used.has('idp')) {
    const order: Lane[] = ['browser', 'client', 'backend', 'sandbox', 'idp', 'trigger', 'outbox'];
    const always: Lane[] = ['browser', 'backend', 'sandbox', 'idp'];
    const lanes = order.filter((lane) => used.has(lane) || always.includes(lane)).map(laneInfo);
    return lanes.length > 4 ? lanes.map((lane) => (lane.id === 'trigger' ? { id: 'trigger', label: 'Lambda' } : lane)) : lanes;
  }
  if (!used.has('browser') && !used.has('backend')) return LANES;
  const order: Lane[] = ['browser', 'client', 'backend', 'sandbox', 'trigger', 'outbox'];
  const lanes = order.filter((lane) => used.has(lane) || lane === 'sandbox' || lane === 'trigger' || lane === 'outbox').map(laneInfo);
  // Five lanes leave "Lambda triggers" no room on one line; its arrows name the triggers.
  return lanes.length > 4 ? lanes.map((lane) => (lane.id === 'trigger' ? { id: 'trigger', label: 'Lambda' } : lane)) : lanes;
}

export type StepTone = 'neutral' | 'ok' | 'error' | 'token' | 'trigger' | 'message' | 'challenge';

export interface Step {
  key: string;
  from: Lane;
  to: Lane;
  /** What the arrow says. */
  label: string;
  /** A second, quieter line: a status, a duration, a recipient. */
  note?: string;
  tone: StepTone;
  dashed: boolean;
  /** When it happened (epoch ms) and, for calls and triggers, how long it took. */
  time: number;
  ms?: number;
  event: SandboxEvent;
  /** A call is drawn twice: its request arrow and its response arrow. */
  part?: 'request' | 'response';
  /** The child flow (a hosted login's sign-in, sign-up or reset) the step belongs to, when shown in its parent. */
  flow?: { id: string; kind: string };
}

function stepOf(event: SandboxEvent): Step | undefined {
  const base = { key: `e${event.seq}`, time: event.time, event, dashed: false };
  switch (event.type) {
    case 'flow.started':
      return { ...base, from: 'sandbox', to: 'sandbox', label: `flow started: ${flowKindLabel(event.data.kind)}`, tone: 'neutral' };
    case 'flow.transitioned':
      return { ...base, from: 'sandbox', to: 'sandbox', label: event.data.to, note: transitionCause(event.data.event, event.data.from), tone: 'neutral' };
    case 'flow.ended':
      return {
        ...base,
        from: 'sandbox',
        to: 'sandbox',
        label: `flow ended: ${event.data.outcome}`,
        note: event.data.reason,
        tone: event.data.outcome === 'success' ? 'ok' : 'error',
      };
    case 'challenge.issued':
      return {
        ...base,
        from: 'sandbox',
        to: 'client',
        label: `challenge ${event.data.challengeName}`,
        note: codeDeliveryNote(event.data.parameters),
        tone: 'challenge',
        dashed: true,
      };
    case 'challenge.answered': {
      const verdict = event.data.correct === undefined ? undefined : event.data.correct ? 'accepted' : 'refused';
      return { ...base, from: 'client', to: 'sandbox', label: `answer ${event.data.challengeName}`, note: verdict, tone: event.data.correct === false ? 'error' : 'challenge' };
    }
    case 'trigger.invoked':
      return { ...base, from: 'sandbox', to: 'trigger', label: event.data.triggerSource, note: event.data.functionName, tone: 'trigger' };
    case 'trigger.returned':
      return {
        ...base,
        from: 'trigger',
        to: 'sandbox',
        label: event.data.error ? event.data.error.type : `${event.data.trigger} returned`,
        ms: event.data.ms,
        tone: event.data.error ? 'error' : 'trigger',
        dashed: true,
      };
    case 'token.issued':
      return { ...base, from: 'sandbox', to: 'client', label: `${tokenName(event.data.tokenUse)} issued`, tone: 'token', dashed: true };
    case 'fault.injected':
      return { ...base, from: 'sandbox', to: 'sandbox', label: `fault injected: ${faultSummary(event.data)}`, tone: 'error' };
    case 'message.sent':
      return { ...base, from: 'sandbox', to: 'outbox', label: `${event.data.channel === 'SMS' ? 'SMS' : 'email'} to ${event.data.to}`, note: event.data.purpose, tone: 'message' };
    case 'federation.requested':
      return {
        ...base,
        from: 'sandbox',
        to: 'sandbox',
        label: federation.requestedLabel(event.data),
        note: event.data.authnRequest ? (event.data.authnRequest.signed ? 'signed' : 'unsigned') : event.data.parameters.scope,
        tone: 'neutral',
      };
    case 'federation.responded':
      return {
        ...base,
        from: 'sandbox',
        to: 'sandbox',
        label: federation.respondedLabel(event.data),
        note: federation.checksNote(event.data),
        tone: event.data.error ? 'error' : 'ok',
      };
    case 'federation.mapped':
      return { ...base, from: 'sandbox', to: 'sandbox', label: federation.MAPPED_LABEL, note: federation.mappedNote(event.data), tone: 'ok' };
    case 'identity.loginChecked':
      return {
        ...base,
        from: 'sandbox',
        to: 'sandbox',
        label: identity.loginCheckedLabel(event.data),
        note: identity.loginChecksNote(event.data),
        tone: event.data.passed ? 'ok' : 'error',
      };
    case 'identity.resolved':
      return { ...base, from: 'sandbox', to: 'sandbox', label: identity.resolvedLabel(event.data), note: event.data.identityId, tone: 'ok' };
    case 'identity.roleResolved':
      return {
        ...base,
        from: 'sandbox',
        to: 'sandbox',
        label: identity.roleResolvedLabel(event.data),
        note: event.data.reason,
        tone: event.data.decidedBy === 'denied' ? 'error' : 'ok',
      };
    case 'identity.credentialsIssued':
      return { ...base, from: 'sandbox', to: 'client', label: 'AWS credentials issued', note: event.data.accessKeyId, tone: 'token', dashed: true };
    case 'identity.openIdTokenIssued':
      return { ...base, from: 'sandbox', to: 'client', label: 'OpenID token issued', note: identity.openIdTokenNote(event.data), tone: 'token', dashed: true };
    case 'risk.assessed':
      return { ...base, from: 'sandbox', to: 'sandbox', label: riskLabel(event.data), note: event.data.why.join('; '), tone: event.data.actionTaken.startsWith('blocked') ? 'error' : 'ok' };
    case 'log.delivered':
      return { ...base, from: 'sandbox', to: 'outbox', label: `log record: ${String(event.data.record.eventType ?? 'event')}`, note: event.data.destination, tone: 'message', dashed: true };
    default:
      return undefined;
  }
}

/** `risk High (AccountTakeover): blocked`, what threat protection decided about a sign-in. */
export function riskLabel(data: EventData<'risk.assessed'>): string {
  const level = data.level ? `${data.level} (${data.decision})` : data.decision;
  return `risk ${level}: ${data.actionTaken}`;
}

/** `code by SMS to +*******0100`, for a challenge whose code the sandbox sent. */
function codeDeliveryNote(parameters: Record<string, string>): string | undefined {
  const medium = parameters.CODE_DELIVERY_DELIVERY_MEDIUM;
  const destination = parameters.CODE_DELIVERY_DESTINATION;
  if (!medium || !destination) return undefined;
  return `code by ${medium === 'SMS' ? 'SMS' : 'email'} to ${destination}`;
}

export function tokenName(use: 'id' | 'access' | 'refresh'): string {
  return { id: 'ID token', access: 'access token', refresh: 'refresh token' }[use];
}

/**
 * The flow's steps in order. A call's own events are published while it runs and its
 * `api.called` (or, for the hosted UI and the OAuth endpoints, its `http.exchanged`) when it
 * answers, so each call becomes a request arrow placed before the events since the previous
 * call, and a response arrow after them. What the sandbox hands "the client" during a hosted-UI
 * request (a challenge, a token) goes to that request's lane: the browser or the app's back end.
 *
 * `children`: the kinds of the child flows whose events are mixed in, by flow id; their steps
 * say which flow they belong to.
 */
export function buildSteps(events: readonly SandboxEvent[], children: ReadonlyMap<string, string> = new Map()): Step[] {
  const steps: Step[] = [];
  let duringCall: Step[] = [];
  let lastHttpLane: Lane | undefined;
  const inChild = (step: Step): Step => {
    const kind = step.event.flowId ? children.get(step.event.flowId) : undefined;
    return kind ? { ...step, flow: { id: step.event.flowId!, kind } } : step;
  };
  for (const event of events) {
    if (event.type === 'api.called') {
      steps.push(...apiCallSteps(event, duringCall));
      duringCall = [];
    } else if (event.type === 'http.exchanged' && event.data.lane === 'idp') {
      // The sandbox's own call to a provider, made while a browser's request waits on it.
      duringCall.push(...idpCallSteps(event));
    } else if (event.type === 'http.exchanged') {
      const lane: Lane = event.data.lane === 'browser' ? 'browser' : 'backend';
      steps.push(...httpSteps(event, lane, duringCall.map((step) => toLane(step, lane))));
      duringCall = [];
      lastHttpLane = lane;
    } else {
      const step = stepOf(event);
      if (step) duringCall.push(inChild(step));
    }
  }
  return steps.concat(lastHttpLane ? duringCall.map((step) => toLane(step, lastHttpLane)) : duringCall);
}

type ApiCalledEvent = Extract<SandboxEvent, { type: 'api.called' }>;

function apiCallSteps(event: ApiCalledEvent, during: Step[]): Step[] {
  const { operation, error, status, ms } = event.data;
  const label = event.data.service === identity.STS_SERVICE ? `STS ${operation}` : operation;
  return [
    { key: `e${event.seq}-request`, from: 'client', to: 'sandbox', label, time: event.time - ms, tone: 'neutral', dashed: false, event, part: 'request' },
    ...during,
    {
      key: `e${event.seq}-response`,
      from: 'sandbox',
      to: 'client',
      label: error ? `${status} ${error.type}` : `${status} OK`,
      note: error?.message ?? responseNote(event.data.response),
      time: event.time,
      ms,
      tone: error ? 'error' : 'ok',
      dashed: true,
      event,
      part: 'response',
    },
  ];
}

function httpSteps(event: http.HttpExchangedEvent, lane: Lane, during: Step[]): Step[] {
  const data: http.HttpExchange = event.data;
  // Tokens minted while the browser signs in go nowhere yet: the code stands for them (the implicit grant's go in the redirect).
  const tokensKept = lane === 'browser' && !data.redirectParams?.access_token && !data.redirectParams?.id_token;
  const kept = (step: Step): Step =>
    tokensKept && step.event.type === 'token.issued' ? { ...step, from: 'sandbox', to: 'sandbox', note: 'kept for the code', dashed: false } : step;
  return [
    ...(federation.isIdpResponse(data) ? [backFromProvider(event)] : []),
    { key: `e${event.seq}-request`, from: lane, to: 'sandbox', label: http.requestLabel(data), note: http.requestNote(data), time: event.time - data.ms, tone: 'neutral', dashed: false, event, part: 'request' },
    ...during.map(kept),
    {
      key: `e${event.seq}-response`,
      from: 'sandbox',
      to: lane,
      label: http.responseLabel(data),
      note: http.responseNote(data),
      time: event.time,
      ms: data.ms,
      tone: http.failed(data) ? 'error' : data.redirectParams?.code || data.redirectParams?.access_token ? 'token' : 'ok',
      dashed: true,
      event,
      part: 'response',
    },
    ...toProvider(event, during),
  ];
}

/**
 * The browser's visit to the identity provider, which the sandbox does not see: drawn when a
 * redirect sends it to a provider (one of the mocks, or wherever the request's
 * `federation.requested` said), as the request to sign in there.
 */
function toProvider(event: http.HttpExchangedEvent, during: Step[]): Step[] {
  const location = event.data.location;
  if (event.data.lane !== 'browser' || !location || http.failed(event.data)) return [];
  const requested = during.map((step) => step.event).find((e): e is federation.FederationRequestedEvent => e.type === 'federation.requested');
  if (!requested && !federation.isMockIdpUrl(location)) return [];
  return [
    {
      key: `e${event.seq}-to-idp`,
      from: 'browser',
      to: 'idp',
      label: `sign in at ${requested?.data.provider ?? 'the provider'}`,
      note: http.redirectTarget(location),
      time: event.time,
      tone: 'neutral',
      dashed: false,
      event: requested ?? event,
    },
  ];
}

/** The provider sending the browser back: its code or SAMLResponse arriving at /oauth2/idpresponse or /saml2/idpresponse. */
function backFromProvider(event: http.HttpExchangedEvent): Step {
  const params = http.requestParameters(event.data);
  const what = params.error !== undefined ? 'an error' : params.SAMLResponse !== undefined ? 'the SAMLResponse' : params.code !== undefined ? 'the code' : 'its answer';
  return {
    key: `e${event.seq}-from-idp`,
    from: 'idp',
    to: 'browser',
    label: `back with ${what}`,
    note: params.error ?? `${event.data.method === 'POST' ? 'form post' : 'redirect'} to ${event.data.path}`,
    time: event.time - event.data.ms,
    tone: params.error ? 'error' : 'neutral',
    dashed: true,
    event,
    part: 'request',
  };
}

/** The sandbox's call to a provider and its answer (`http.exchanged` in the `idp` lane). */
function idpCallSteps(event: http.HttpExchangedEvent): Step[] {
  const data = event.data;
  return [
    {
      key: `e${event.seq}-request`,
      from: 'sandbox',
      to: 'idp',
      label: federation.idpRequestLabel(data),
      note: federation.idpRequestNote(data),
      time: event.time - data.ms,
      tone: 'neutral',
      dashed: false,
      event,
      part: 'request',
    },
    {
      key: `e${event.seq}-response`,
      from: 'idp',
      to: 'sandbox',
      label: federation.idpResponseLabel(data),
      note: federation.idpResponseNote(data),
      time: event.time,
      ms: data.ms,
      tone: federation.idpCallFailed(data) ? 'error' : 'ok',
      dashed: true,
      event,
      part: 'response',
    },
  ];
}

/** A step the sandbox addressed to "the client", drawn to the lane of the request it answered. */
function toLane(step: Step, lane: Lane): Step {
  if (step.from !== 'client' && step.to !== 'client') return step;
  return { ...step, from: step.from === 'client' ? lane : step.from, to: step.to === 'client' ? lane : step.to };
}

function responseNote(response: unknown): string | undefined {
  if (!response || typeof response !== 'object') return undefined;
  const r = response as Record<string, unknown>;
  if (typeof r.ChallengeName === 'string') return `ChallengeName ${r.ChallengeName}`;
  if (r.AuthenticationResult) return 'AuthenticationResult';
  return undefined;
}

/**
 * A flow's events with those of the flows it started (a hosted login's sign-in, sign-up or
 * reset), in order; the children's state changes stay in their own views, beside their charts.
 */
export function withChildEvents(own: readonly SandboxEvent[], children: readonly (readonly SandboxEvent[])[]): readonly SandboxEvent[] {
  if (children.length === 0) return own;
  const mixed = own.concat(...children.map((events) => events.filter((event) => event.type !== 'flow.transitioned')));
  return mixed.sort((a, b) => a.seq - b.seq);
}

/** The states a flow passed through, in order (from its transitions). */
export function visitedStates(events: readonly SandboxEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'flow.transitioned' ? [e.data.to] : []));
}

export type MessageSentEvent = EventBase & MessageSent;

/** The challenges that ask for a code the sandbox sent first, and the channel it went by. */
const CODE_CHANNELS: Readonly<Record<string, MessageSent['data']['channel']>> = { SMS_MFA: 'SMS', SMS_OTP: 'SMS', EMAIL_OTP: 'EMAIL' };

/**
 * The message that carried the code a challenge asks for, given the challenge's `challenge.issued`
 * or `challenge.answered` event: the flow's latest `Authentication` message by the challenge's
 * channel before it (a SELECT_MFA_TYPE choice or a new sign-in step sends a fresh one).
 */
export function codeMessageOf(events: readonly SandboxEvent[], event: SandboxEvent): MessageSentEvent | undefined {
  if (event.type !== 'challenge.issued' && event.type !== 'challenge.answered') return undefined;
  const channel = CODE_CHANNELS[event.data.challengeName];
  if (!channel) return undefined;
  let found: MessageSentEvent | undefined;
  for (const candidate of events) {
    if (candidate.seq >= event.seq) break;
    if (candidate.type === 'message.sent' && candidate.data.channel === channel && candidate.data.purpose === 'Authentication') found = candidate;
  }
  return found;
}

/** An AssociateSoftwareToken call that answered a SecretCode (masked in the event: the debugger API has it). */
export function answersSoftwareTokenSecret(event: SandboxEvent): boolean {
  if (event.type !== 'api.called' || event.data.operation !== 'AssociateSoftwareToken' || event.data.error) return false;
  const response = event.data.response as { SecretCode?: unknown } | undefined;
  return typeof response?.SecretCode === 'string';
}
