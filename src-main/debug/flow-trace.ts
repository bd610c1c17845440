/**
 * A flow as plain text, for a terminal or a CI log: a header (kind, user, client, pool, how it
 * ended), then one line per step with its time since the flow began: the calls and their
 * answers, states, challenges, trigger calls and answers, messages, tokens (a summary of their
 * claims) and errors. `GET /_sandbox/api/flows/{id}` answers it to `Accept: text/plain`, and
 * `--trace-flows` prints it when each flow ends.
 */
import type { SandboxEvent } from '../../shared/events.js';
import type { EventBus } from './bus.js';

type Json = Record<string, unknown>;

/** The claims a token summary names, when the token has them. */
const SUMMARY_CLAIMS = ['sub', 'cognito:username', 'username', 'email', 'cognito:groups', 'scope', 'client_id', 'aud', 'exp'];
const LABEL_WIDTH = 12;

function since(ms: number): string {
  if (ms < 1_000) return `+${Math.round(ms)}ms`;
  return `+${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)}s`;
}

const compact = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function claimsSummary(claims: Json | undefined): string {
  if (!claims) return '';
  return SUMMARY_CLAIMS.filter((name) => claims[name] !== undefined)
    .map((name) => `${name}=${name === 'exp' ? new Date(Number(claims[name]) * 1_000).toISOString() : compact(claims[name])}`)
    .join(' ');
}

/** What an answer says in a few words: its challenge, its tokens, a confirmation. */
function answerSummary(response: unknown): string {
  const r = (response ?? {}) as Json;
  const parts: string[] = [];
  if (typeof r.ChallengeName === 'string') parts.push(`challenge ${r.ChallengeName}`);
  if (r.AuthenticationResult) parts.push('tokens');
  if (typeof r.UserConfirmed === 'boolean') parts.push(r.UserConfirmed ? 'user confirmed' : 'user not confirmed');
  const delivery = (r.CodeDeliveryDetails ?? undefined) as Json | undefined;
  if (delivery) parts.push(`code by ${String(delivery.DeliveryMedium)} to ${String(delivery.Destination)}`);
  return parts.join(', ');
}

const CUT_AT = 160;
const cut = (text: string) => (text.length > CUT_AT ? `${text.slice(0, CUT_AT - 1)}…` : text);

function triggerAnswer(response: unknown): string {
  const answer = (response as Json | undefined)?.response;
  if (answer === undefined || answer === null) return '';
  const text = JSON.stringify(answer);
  return text === '{}' ? '' : ` ${cut(text)}`;
}

type Paused = Extract<SandboxEvent, { type: 'flow.paused' }>['data'];
type Resumed = Extract<SandboxEvent, { type: 'flow.resumed' }>['data'];

const RESUMED_HOW: Record<Resumed['action'], string> = {
  continue: 'continued unchanged',
  edit: 'continued with an edited event',
  answer: 'answered by hand',
  fail: 'failed by hand',
  drop: 'message dropped',
  abandoned: 'the client disconnected',
  released: 'released (reset or snapshot restored)',
};

function pausePoint({ point, trigger, triggerSource }: Pick<Paused, 'point' | 'trigger' | 'triggerSource'>): string {
  if (point === 'trigger') return `before ${triggerSource ?? trigger ?? 'a trigger'}`;
  return point === 'tokens' ? 'before the tokens are signed' : 'before a message is sent';
}

/** The leaves of a JSON value by path (`response.autoConfirmUser`), for saying what an edit changed. */
function leaves(value: unknown, at = '', into = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) leaves(inner, at ? `${at}.${key}` : key, into);
  } else {
    into.set(at, JSON.stringify(value));
  }
  return into;
}

/** `response.autoConfirmUser: false → true; ...`: the paths an edit changed, added or removed. */
function changes(before: unknown, after: unknown): string {
  const was = leaves(before);
  const now = leaves(after);
  const paths = [...new Set([...was.keys(), ...now.keys()])].filter((path) => was.get(path) !== now.get(path));
  if (paths.length === 0) return 'nothing changed';
  return paths.map((path) => `${path || '(whole)'}: ${was.get(path) ?? '(none)'} → ${now.get(path) ?? '(removed)'}`).join('; ');
}

/** What the developer changed or answered at the pause, shortened. */
function resumedWith({ action, event, response, message, claims }: Resumed, pausedWith: unknown): string {
  if (action === 'fail') return typeof message === 'string' ? `: "${cut(message)}"` : '';
  if (action === 'answer') return `: ${cut(JSON.stringify(response))}`;
  if (action !== 'edit') return '';
  const edited = event ?? claims ?? message;
  return `: ${cut(pausedWith === undefined ? JSON.stringify(edited) : changes(pausedWith, edited))}`;
}

/** `check "signature" failed: ...` for the first check that failed, if one did. */
function failedCheck(checks: readonly { check: string; passed: boolean; detail?: string }[]): string | undefined {
  const failed = checks.find((check) => !check.passed);
  return failed && `check "${failed.check}" failed${failed.detail ? `: ${failed.detail}` : ''}`;
}

/** One event as [label, text]; undefined for those a trace leaves out. */
function line(event: SandboxEvent, pausedEvents: ReadonlyMap<string, unknown>): [string, string] | undefined {
  switch (event.type) {
    case 'api.called': {
      const { operation, status, error, response, ms } = event.data;
      const outcome = error ? `${status} ${error.type}: ${error.message}` : [String(status), answerSummary(response)].filter(Boolean).join(' ');
      return [error ? 'call FAILED' : 'call', `${operation} → ${outcome} (${Math.round(ms)} ms)`];
    }
    case 'flow.transitioned':
      return ['state', event.data.from ? `${event.data.from} → ${event.data.to}` : event.data.to];
    case 'flow.waiting':
      return ['waiting', `in ${event.data.state}, Session good until ${new Date(event.data.sessionExpires).toISOString()}`];
    case 'challenge.issued':
      return ['challenge', event.data.challengeName];
    case 'challenge.answered': {
      const verdict = event.data.correct === undefined ? '' : event.data.correct ? ': accepted' : ': REFUSED';
      return ['answer', `${event.data.challengeName}${verdict}`];
    }
    case 'trigger.invoked':
      return ['trigger', `${event.data.triggerSource} → ${event.data.functionName}`];
    case 'trigger.returned': {
      const { trigger, error, functionError, response, ms } = event.data;
      if (error) return ['trigger FAIL', `${trigger}: ${error.type}: ${error.message}${functionError ? ` (function: ${functionError.errorType}: ${functionError.errorMessage})` : ''} (${Math.round(ms)} ms)`];
      return ['trigger ok', `${trigger} answered in ${Math.round(ms)} ms${triggerAnswer(response)}`];
    }
    case 'token.issued':
      return ['token', `${event.data.tokenUse} ${claimsSummary(event.data.claims as Json | undefined)}`.trim()];
    case 'message.sent':
      return ['message', `${event.data.channel} to ${event.data.to} (${event.data.purpose})${event.data.code ? ` code ${event.data.code}` : ''}`];
    case 'flow.ended':
      return ['ended', `${event.data.outcome}${event.data.reason ? `: ${event.data.reason}` : ''}`];
    case 'risk.assessed':
      return ['risk', `${event.data.decision}: ${event.data.actionTaken}`];
    case 'http.exchanged':
      return ['http', `${event.data.method} ${event.data.path} → ${event.data.status}${event.data.error ? ` ${event.data.error.error}` : ''}`];
    case 'flow.paused':
      return ['PAUSED', `${pausePoint(event.data)} (breakpoint ${event.data.breakpointId}); ${event.data.client.name} ${event.data.clientGivesUpAt === null ? 'waits for ever' : `gives up at ${new Date(event.data.clientGivesUpAt).toISOString()}`}`];
    case 'flow.resumed':
      return ['resumed', `${pausePoint(event.data)}: ${RESUMED_HOW[event.data.action]} after ${since(event.data.pausedMs).slice(1)}${resumedWith(event.data, pausedEvents.get(event.data.pauseId))}`];
    case 'fault.injected':
      // The error it made is on the call's or the step's own line.
      return ['FAULT', `${event.data.description} (injected fault, hit ${event.data.hits})`];
    case 'federation.requested':
      return ['idp', `to ${event.data.provider} (${event.data.protocol}) at ${event.data.url}`];
    case 'federation.responded': {
      const { provider, checks, error, userId } = event.data;
      const failed = failedCheck(checks);
      if (failed) return ['idp FAIL', `${provider}: ${failed}`];
      if (error) return ['idp FAIL', `${provider}: ${error.error}${error.error_description ? `: ${error.error_description}` : ''}`];
      return ['idp', `${provider} answered${userId ? ` for ${userId}` : ''}: ${checks.length} checks passed`];
    }
    case 'federation.mapped': {
      const { user, linkedTo, mapping } = event.data;
      const written = mapping.filter((m) => !m.skipped).length;
      return ['mapped', `${user.created ? 'new user' : 'user'} ${user.username}${linkedTo ? ` (linked to ${linkedTo})` : ''}: ${written} of ${mapping.length} attributes written`];
    }
    case 'identity.loginChecked': {
      const { provider, checks, passed, subject, error } = event.data;
      if (passed) return ['login', `${provider}${subject ? ` for ${subject}` : ''}: ${checks.length} checks passed`];
      return ['login FAIL', `${provider}: ${failedCheck(checks) ?? error?.message ?? 'refused'}`];
    }
    case 'identity.resolved': {
      const { identityId, outcome, authenticated, linked, mergedFrom } = event.data;
      const more = [linked?.length ? `linked ${linked.join(', ')}` : '', mergedFrom?.length ? `merged ${mergedFrom.join(', ')}` : ''].filter(Boolean);
      return ['identity', `${identityId} ${outcome} (${authenticated ? 'authenticated' : 'unauthenticated'})${more.length ? `; ${more.join('; ')}` : ''}`];
    }
    case 'identity.roleResolved': {
      const { roleArn, denied, reason } = event.data;
      return denied ? ['role FAIL', `${denied.type}: ${denied.message} (${reason})`] : ['role', `${roleArn}: ${reason}`];
    }
    case 'identity.credentialsIssued':
      return ['credentials', `${event.data.accessKeyId} as ${event.data.assumedRoleArn} until ${new Date(event.data.expiration).toISOString()} (${event.data.via})`];
    case 'identity.openIdTokenIssued':
      return ['openid', `token for ${event.data.identityId}, ${event.data.expiresIn} s`];
    case 'log.delivered':
      return ['log', `auth event to ${event.data.destination}`];
    case 'flow.started':
    case 'flow.pinned':
      return undefined;
    default:
      // What the trace has no words for, by its type and data.
      return [event.type, cut(JSON.stringify(event.data))];
  }
}

/** The trace of a flow's events (its own, in order). */
export function flowTrace(events: readonly SandboxEvent[]): string {
  const started = events.find((e) => e.type === 'flow.started');
  const ended = [...events].reverse().find((e) => e.type === 'flow.ended');
  const first = events[0];
  if (!first) return 'flow: no events\n';
  const start = Math.min(...events.map((e) => (e.type === 'api.called' ? e.time - e.data.ms : e.time)));
  const info = started?.type === 'flow.started' ? started.data : undefined;
  const end = ended?.type === 'flow.ended' ? ended.data : undefined;
  const head = [
    `flow ${first.flowId ?? '-'} ${info?.kind ?? 'flow'}${info?.username ? ` user ${info.username}` : ''}${info?.clientId ? ` client ${info.clientId}` : ''}${first.poolId ? ` pool ${first.poolId}` : ''}`,
    `  started ${new Date(start).toISOString()}; ${end ? `${end.outcome.toUpperCase()}${end.reason ? ` (${end.reason})` : ''} after ${since(ended!.time - start).slice(1)}` : 'not ended'}`,
  ];
  const pausedEvents = new Map(events.flatMap((e) => (e.type === 'flow.paused' ? [[e.data.pauseId, e.data.event] as const] : [])));
  // A call is listed when it was made, before what it caused (its event is published when it answers).
  const madeAt = (event: SandboxEvent) => (event.type === 'api.called' ? event.time - event.data.ms : event.time);
  const steps = [...events]
    .sort((a, b) => madeAt(a) - madeAt(b) || a.seq - b.seq)
    .flatMap((event) => {
      const shown = line(event, pausedEvents);
      return shown ? [`  ${since(madeAt(event) - start).padStart(8)}  ${shown[0].padEnd(LABEL_WIDTH)} ${shown[1]}`] : [];
    });
  return `${[...head, ...steps].join('\n')}\n`;
}

/** How long after a flow ends its trace waits for the call that ended it (published after the flow's own events). */
const LAST_CALL_WAIT_MS = 250;

/**
 * Prints each flow's trace when it ends (`--trace-flows`): after the `api.called` that ended
 * it, or a moment after the end when no call follows (a Session that expired). Answers the
 * unsubscribe function.
 */
export function traceFlowsOnEnd(bus: Pick<EventBus, 'subscribe'>, eventsOf: (flowId: string) => SandboxEvent[], write: (text: string) => void): () => void {
  const ending = new Map<string, ReturnType<typeof setTimeout>>();
  const print = (flowId: string) => {
    clearTimeout(ending.get(flowId));
    ending.delete(flowId);
    write(flowTrace(eventsOf(flowId)));
  };
  const unsubscribe = bus.subscribe((event) => {
    if (!event.flowId) return;
    if (event.type === 'flow.ended') {
      const timer = setTimeout(() => print(event.flowId!), LAST_CALL_WAIT_MS);
      timer.unref?.();
      ending.set(event.flowId, timer);
    } else if (event.type === 'api.called' && ending.has(event.flowId)) {
      print(event.flowId);
    }
  });
  return () => {
    unsubscribe();
    for (const timer of ending.values()) clearTimeout(timer);
    ending.clear();
  };
}
