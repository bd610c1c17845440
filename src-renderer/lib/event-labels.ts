/**
 * Labels in plain words, one mapping for the whole window: what an event type, a flow's kind, a
 * machine state and XState's own event names (`xstate.done.actor.0.sign-in.password.verifyingPassword`)
 * say to a reader. The raw names stay available (titles, the JSON) for those who want them.
 */
import type { SandboxEvent, SandboxEventType } from '../../shared/events';
import { clockTime } from './format';
import { offsetText } from './sandbox-clock';

/** `verifyingPassword` → `verifying password`; `SMS_MFA` and other all-caps names stay as they are. */
export function words(name: string): string {
  if (/^[A-Z0-9_]+$/.test(name)) return name;
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase()
    .trim();
}

/** A state by its innermost name, in words: `password.verifyingPassword` → `verifying password`; parallel states (`a.b,c.d`) each. */
export function stateLabel(path: string): string {
  return path
    .split(',')
    .map((one) => words(one.split('.').pop() ?? one))
    .join(', ');
}

/**
 * The state an XState event names, if any: an invoked actor's id is `<index>.<machine id>.<state path>`
 * (`0.sign-in.password.verifyingPassword`), a delayed event's `xstate.after.<delay>.<machine id>.<state path>`,
 * a region's `xstate.done.state.<machine id>.<state path>`.
 */
function namedState(rest: string): string | undefined {
  const parts = rest.split('.');
  const withoutIndex = /^\d+$/.test(parts[0] ?? '') ? parts.slice(1) : parts;
  // The first part left is the machine's id; a bare index (test events, `xstate.done.actor.0`) names no state.
  return withoutIndex.length > 1 ? withoutIndex.slice(1).join('.') : undefined;
}

/**
 * Why a flow changed state, in words: `xstate.done.actor.0.sign-in.password.verifyingPassword` →
 * `step done: verifying password`, `xstate.error.actor.…` → `step failed: …`, `xstate.init` → `on start`,
 * a client's event → `on RESPOND_TO_AUTH_CHALLENGE`. `from`: the state left, naming the step when the
 * event does not. Undefined for XState's internal events that say nothing to a reader.
 */
export function transitionCause(event: string, from?: string | null): string | undefined {
  const step = (rest: string) => {
    const state = namedState(rest) ?? from ?? undefined;
    return state ? `: ${stateLabel(state)}` : '';
  };
  if (event.startsWith('xstate.done.actor.')) return `step done${step(event.slice('xstate.done.actor.'.length))}`;
  if (event.startsWith('xstate.error.actor.')) return `step failed${step(event.slice('xstate.error.actor.'.length))}`;
  if (event.startsWith('xstate.done.state.')) {
    const state = namedState(`0.${event.slice('xstate.done.state.'.length)}`);
    return state ? `finished ${stateLabel(state)}` : 'finished';
  }
  if (event.startsWith('xstate.after.')) {
    const delay = Number(event.slice('xstate.after.'.length).split('.')[0]);
    return Number.isFinite(delay) ? `after ${delay >= 1000 ? `${delay / 1000} s` : `${delay} ms`}` : 'after a delay';
  }
  if (event === 'xstate.init') return 'on start';
  if (event === 'xstate.stop') return 'stopped';
  if (event.startsWith('xstate.')) return undefined;
  return `on ${event}`;
}

/** A transition in words: `verifying password → password verified (step done: verifying password)`. */
export function transitionLabel(data: { from: string | null; to: string; event: string }): string {
  const cause = transitionCause(data.event, data.from);
  const move = `${data.from ? stateLabel(data.from) : 'start'} → ${stateLabel(data.to)}`;
  return cause ? `${move} (${cause})` : move;
}

/** Every event type has words here: a new one does not compile until it has. */
const EVENT_TYPES: Record<SandboxEventType, string> & Record<string, string | undefined> = {
  'api.called': 'API call',
  'flow.started': 'flow started',
  'flow.waiting': 'waiting for the client',
  'flow.pinned': 'pin changed',
  'flow.paused': 'paused at a breakpoint',
  'flow.resumed': 'resumed',
  'flow.transitioned': 'state changed',
  'flow.ended': 'flow ended',
  'challenge.issued': 'challenge issued',
  'challenge.answered': 'challenge answered',
  'trigger.invoked': 'trigger called',
  'trigger.returned': 'trigger answered',
  'token.issued': 'token issued',
  'message.sent': 'message sent',
  'http.exchanged': 'HTTP request',
  'federation.requested': 'sent to the identity provider',
  'federation.responded': 'identity provider answered',
  'federation.mapped': 'attributes mapped',
  'identity.loginChecked': 'login checked',
  'identity.resolved': 'identity resolved',
  'identity.roleResolved': 'role chosen',
  'identity.credentialsIssued': 'AWS credentials issued',
  'identity.openIdTokenIssued': 'OpenID token issued',
  'userImport.progressed': 'user import progressed',
  'risk.assessed': 'risk assessed',
  'log.delivered': 'log record delivered',
  'sandbox.reset': 'sandbox reset',
  'outbox.cleared': 'outbox emptied',
  'snapshot.saved': 'snapshot saved',
  'snapshot.restored': 'snapshot restored',
  'snapshot.deleted': 'snapshot deleted',
  'clock.changed': 'clock moved',
  'fault.injected': 'fault injected',
  'faults.changed': 'faults changed',
};

/** How a pause ended, in words. */
const RESUMED: Record<string, string> = {
  continue: 'continued unchanged',
  edit: 'continued with the edited event',
  answer: 'answered by hand instead of the function',
  fail: 'failed on purpose',
  drop: 'message dropped',
  abandoned: 'the client disconnected: the flow was abandoned',
  released: 'released by a reset',
};

/** An event type in words: `flow.transitioned` → `state changed`; an unknown one by its own name, in words. */
export function eventTypeLabel(type: string): string {
  return EVENT_TYPES[type] ?? type.split('.').map(words).join(' ');
}

/** The sign-in flows, named by their AuthFlow (the name stays in the row's title). */
const FLOW_KINDS: Record<string, string> = {
  USER_SRP_AUTH: 'SRP sign-in',
  USER_PASSWORD_AUTH: 'password sign-in',
  ADMIN_USER_PASSWORD_AUTH: 'admin sign-in',
  ADMIN_NO_SRP_AUTH: 'admin sign-in',
  CUSTOM_AUTH: 'custom sign-in',
  USER_AUTH: 'choice sign-in',
  REFRESH_TOKEN_AUTH: 'token refresh',
  REFRESH_TOKEN: 'token refresh',
  GetTokensFromRefreshToken: 'token refresh',
};

/** A flow's kind as a row shows it, in whole words: `USER_SRP_AUTH` → `SRP sign-in`; `sign-up` stays. */
export function flowKindLabel(kind: string): string {
  return FLOW_KINDS[kind] ?? kind;
}

/**
 * What an event says, in one line beside its type: `verifying password → password verified (step done: verifying password)`.
 * `nameOf` names a user as a person knows them (their email where the username is a UUID).
 */
export function eventSummary(event: SandboxEvent, nameOf: (username: string) => string = (username) => username): string {
  switch (event.type) {
    case 'flow.started':
      return [flowKindLabel(event.data.kind), event.data.username && `for ${nameOf(event.data.username)}`].filter(Boolean).join(' ');
    case 'flow.transitioned':
      return transitionLabel(event.data);
    case 'flow.waiting':
      return `${stateLabel(event.data.state)}; its Session expires at ${clockTime(event.data.sessionExpires).slice(0, 8)}`;
    case 'flow.pinned':
      return event.data.pinned ? 'pinned: never pruned' : 'unpinned';
    case 'flow.paused':
      return `${event.data.trigger ? `before ${event.data.trigger}` : event.data.point === 'tokens' ? 'before the tokens are signed' : 'before the message is sent'}; the client waits`;
    case 'flow.resumed':
      return RESUMED[event.data.action] ?? event.data.action;
    case 'flow.ended':
      return event.data.reason ? `${event.data.outcome}: ${event.data.reason}` : event.data.outcome;
    case 'challenge.issued':
      return event.data.challengeName;
    case 'challenge.answered':
      return `${event.data.challengeName}${event.data.correct === false ? ': wrong answer' : event.data.correct ? ': right answer' : ''}`;
    case 'trigger.invoked':
      return `${event.data.triggerSource} → ${event.data.functionName}`;
    case 'trigger.returned':
      return `${event.data.triggerSource}: ${event.data.error ? event.data.error.type : 'answered'} in ${event.data.ms} ms`;
    case 'token.issued':
      return `${event.data.tokenUse === 'id' ? 'ID' : event.data.tokenUse} token for ${nameOf(event.data.username)}`;
    case 'message.sent':
      return `${event.data.channel === 'SMS' ? 'SMS' : 'email'} to ${event.data.to}: ${words(event.data.purpose)}`;
    case 'api.called':
      return `${event.data.operation} → ${event.data.status}${event.data.error ? ` ${event.data.error.type}` : ''}`;
    case 'snapshot.saved':
      return `${event.data.snapshot.name}${event.data.replaced ? ' (replaced)' : ''}: ${event.data.snapshot.contents.userPools} pools, ${event.data.snapshot.contents.users} users`;
    case 'snapshot.restored':
      return `${event.data.snapshot.name}: the state was replaced${event.data.endedFlows ? `; ${event.data.endedFlows} waiting flows ended` : ''}`;
    case 'snapshot.deleted':
      return event.data.name;
    case 'sandbox.reset': {
      const { deleted, releasedPauses, faultsCleared, clockOffsetMs } = event.data;
      const also = [releasedPauses ? `${releasedPauses} paused flows released` : '', faultsCleared ? `${faultsCleared} faults off` : '', clockOffsetMs ? 'clock back to real time' : ''].filter(Boolean);
      return `${deleted.userPools} pools, ${deleted.flows} flows, ${deleted.messages} messages, ${deleted.events} events erased${also.length ? `; ${also.join(', ')}` : ''}`;
    }
    case 'outbox.cleared':
      return `${event.data.deleted} messages deleted`;
    case 'http.exchanged':
      return `${event.data.method} ${event.data.path} → ${event.data.status}`;
    case 'clock.changed': {
      const expired = event.data.expired.length + (event.data.omitted ?? 0);
      return `${event.data.offsetMs === 0 ? 'back to real time' : `real time ${offsetText(event.data.offsetMs)}`}; ${expired === 1 ? '1 thing' : `${expired} things`} expired`;
    }
    case 'fault.injected':
      return faultSummary(event.data);
    default:
      return '';
  }
}

/** An injected fault as it hit: `TooManyRequestsException (throttle 50 % on UserAuthentication)`, `+300 ms (latency +300 ms on InitiateAuth)`. */
export function faultSummary(data: { description: string; error?: { type: string }; ms?: number }): string {
  const effect = data.error?.type ?? (data.ms !== undefined ? `+${data.ms} ms` : 'fault');
  return `${effect} (${data.description})`;
}
