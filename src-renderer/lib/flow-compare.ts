/**
 * Two flows side by side: each flow's events as comparable steps (a state entered, a challenge
 * and its answer, a trigger's event and answer, a token's claims, an API call's request and
 * result), the two lists aligned step by step (longest common subsequence of the steps' keys, so
 * a step one flow has and the other lacks does not shift every step after it), and each pair's
 * fields compared. Values that differ between any two runs (ids, timestamps, jti, iat and exp,
 * Sessions, SRP values, one-time codes) are "expected" differences: shown, not counted unless
 * asked. Pure functions over the shared event schema.
 */
import type { SandboxEvent } from '../../shared/events';
import { stateLabel } from './event-labels';

export type StepKind = 'flow' | 'state' | 'challenge' | 'answer' | 'trigger' | 'trigger-answer' | 'token' | 'call' | 'message' | 'http' | 'other';

export interface CompareStep {
  /** What aligns it with the other flow's step: the same key is the same step. */
  key: string;
  label: string;
  kind: StepKind;
  /** Its data as flat `path → value` (scalars; an empty object or list as its JSON). */
  fields: Record<string, unknown>;
  event: SandboxEvent;
}

export type FieldStatus = 'same' | 'differs' | 'expected' | 'only-a' | 'only-b';

export interface FieldDiff {
  path: string;
  a?: unknown;
  b?: unknown;
  status: FieldStatus;
}

export type RowStatus = 'same' | 'differs' | 'only-a' | 'only-b';

export interface CompareRow {
  a?: CompareStep;
  b?: CompareStep;
  status: RowStatus;
  /** Every field of either side (a step on one side only: its own fields). */
  fields: FieldDiff[];
}

export interface CompareOptions {
  /** Count the expected differences (ids, times ...) as differences: off by default. */
  countExpected?: boolean;
}

export interface Comparison {
  rows: CompareRow[];
  counts: Record<RowStatus, number>;
}

// ---------------------------------------------------------------------------------------------
// Steps

/** Flattens `value` under `prefix`: `{ a: { b: 1 } }` → `a.b: 1`; lists by index; `depth` levels at most. */
export function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}, depth = 8): Record<string, unknown> {
  const isContainer = typeof value === 'object' && value !== null;
  const entries = isContainer ? (Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)) : [];
  if (!isContainer || entries.length === 0 || depth === 0) {
    if (prefix) out[prefix] = isContainer ? JSON.stringify(value) : value;
    return out;
  }
  for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, out, depth - 1);
  return out;
}

const tokenName = (use: string) => (use === 'id' ? 'ID token' : `${use} token`);

/** The event as a comparable step, or undefined for one that says nothing about the flow's course (a pin, a countdown). */
export function stepOf(event: SandboxEvent): CompareStep | undefined {
  const step = (key: string, label: string, kind: StepKind, fields: Record<string, unknown>): CompareStep => ({ key, label, kind, fields, event });
  switch (event.type) {
    case 'flow.pinned':
    case 'flow.waiting':
    case 'userImport.progressed':
      return undefined;
    case 'flow.started': {
      const { machine: _machine, ...data } = event.data;
      return step('flow.started', 'flow started', 'flow', flatten(data));
    }
    case 'flow.transitioned':
      return step(`state ${event.data.to}`, `→ ${stateLabel(event.data.to)}`, 'state', { to: event.data.to, on: event.data.event });
    case 'flow.ended':
      return step('flow.ended', 'flow ended', 'flow', flatten(event.data));
    case 'challenge.issued':
      return step(`challenge ${event.data.challengeName}`, `challenge ${event.data.challengeName}`, 'challenge', flatten(event.data));
    case 'challenge.answered':
      return step(`answer ${event.data.challengeName}`, `answer ${event.data.challengeName}`, 'answer', flatten(event.data));
    case 'trigger.invoked':
      return step(`trigger ${event.data.triggerSource}`, `${event.data.triggerSource} called`, 'trigger', flatten(event.data));
    case 'trigger.returned': {
      const { logs: _logs, functionError, ...data } = event.data;
      return step(`trigger answer ${event.data.triggerSource}`, `${event.data.triggerSource} answered`, 'trigger-answer', flatten({ ...data, ...(functionError && { functionError: { errorType: functionError.errorType, errorMessage: functionError.errorMessage } }) }));
    }
    case 'token.issued': {
      const { token: _token, ...data } = event.data;
      return step(`token ${event.data.tokenUse}`, tokenName(event.data.tokenUse), 'token', flatten(data));
    }
    case 'message.sent': {
      const { id: _id, ...data } = event.data;
      return step(`message ${event.data.channel} ${event.data.purpose}`, `${event.data.channel === 'SMS' ? 'SMS' : 'email'}: ${event.data.purpose}`, 'message', flatten(data));
    }
    case 'api.called': {
      const { http, requestId: _requestId, ...data } = event.data;
      const client = http?.client ? { client: http.client.name } : {};
      return step(`call ${event.data.operation}`, event.data.operation, 'call', flatten({ ...data, ...client }));
    }
    case 'http.exchanged':
      return step(`http ${event.data.method} ${event.data.path}`, `${event.data.method} ${event.data.path}`, 'http', flatten(event.data));
    default:
      return step(event.type, event.type, 'other', flatten(event.data));
  }
}

export function stepsOf(events: readonly SandboxEvent[]): CompareStep[] {
  return events.map(stepOf).filter((step): step is CompareStep => step !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Alignment

/**
 * The two lists aligned: pairs of items with equal keys in order (a longest common subsequence),
 * and between them each side's unmatched items (the first list's before the second's).
 */
export function align<T>(a: readonly T[], b: readonly T[], keyOf: (item: T) => string): Array<{ a?: T; b?: T }> {
  const ka = a.map(keyOf);
  const kb = b.map(keyOf);
  // lengths[i][j]: the LCS length of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = ka[i] === kb[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const pairs: Array<{ a?: T; b?: T }> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (ka[i] === kb[j]) pairs.push({ a: a[i++], b: b[j++] });
    else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) pairs.push({ a: a[i++] });
    else pairs.push({ b: b[j++] });
  }
  while (i < a.length) pairs.push({ a: a[i++] });
  while (j < b.length) pairs.push({ b: b[j++] });
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// Field differences

/** Members whose values differ from run to run by design: ids, times, nonces, Sessions, SRP's random values. */
const EXPECTED_MEMBERS = new Set([
  'jti',
  'iat',
  'exp',
  'auth_time',
  'origin_jti',
  'event_id',
  'nonce',
  'Session',
  'session',
  'sessionExpires',
  'requestId',
  'ms',
  'time',
  'SRP_A',
  'SRP_B',
  'SECRET_BLOCK',
  'PASSWORD_CLAIM_SECRET_BLOCK',
  'PASSWORD_CLAIM_SIGNATURE',
  'TIMESTAMP',
  'AccessToken',
  'IdToken',
  'RefreshToken',
  'token',
  'code',
  'encryptedCode',
  'requestBytes',
  'responseBytes',
  'x-amzn-requestid',
  'amz-sdk-invocation-id',
]);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const LONG_DIGITS = /\d{6,}/g;
const OPAQUE = /[A-Za-z0-9+/_=-]{40,}/g;

/** A value with what varies between runs inside text (UUIDs, codes and epoch times, long opaque strings) blanked. */
function normalized(value: unknown): string {
  return String(typeof value === 'object' ? JSON.stringify(value) : value)
    .replace(UUID, '<id>')
    .replace(OPAQUE, '<opaque>')
    .replace(LONG_DIGITS, '<n>');
}

/** Whether a difference at `path` between these values is one every two runs have. */
export function isExpectedDifference(path: string, a: unknown, b: unknown): boolean {
  const member = path.slice(path.lastIndexOf('.') + 1);
  if (EXPECTED_MEMBERS.has(member)) return true;
  return typeof a === typeof b && normalized(a) === normalized(b);
}

/** Each path of either side, in the first side's order then the second's, with how its values compare. */
export function diffFields(a: Record<string, unknown>, b: Record<string, unknown>): FieldDiff[] {
  const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return paths.map((path) => {
    const inA = Object.hasOwn(a, path);
    const inB = Object.hasOwn(b, path);
    if (!inB) return { path, a: a[path], status: 'only-a' };
    if (!inA) return { path, b: b[path], status: 'only-b' };
    const status: FieldStatus = Object.is(a[path], b[path]) ? 'same' : isExpectedDifference(path, a[path], b[path]) ? 'expected' : 'differs';
    return { path, a: a[path], b: b[path], status };
  });
}

/** Whether a field counts as a difference. A member one side lacks counts, unless it is one of the expected ones. */
export function counts(field: FieldDiff, options: CompareOptions = {}): boolean {
  if (field.status === 'same') return false;
  if (field.status === 'differs') return true;
  if (options.countExpected) return true;
  if (field.status === 'expected') return false;
  return !EXPECTED_MEMBERS.has(field.path.slice(field.path.lastIndexOf('.') + 1));
}

// ---------------------------------------------------------------------------------------------
// Two flows

export function compareSteps(a: readonly CompareStep[], b: readonly CompareStep[], options: CompareOptions = {}): Comparison {
  const tally: Record<RowStatus, number> = { same: 0, differs: 0, 'only-a': 0, 'only-b': 0 };
  const rows = align(a, b, (step) => step.key).map((pair): CompareRow => {
    const fields = pair.a && pair.b ? diffFields(pair.a.fields, pair.b.fields) : diffFields(pair.a?.fields ?? {}, pair.b?.fields ?? {});
    const status: RowStatus = !pair.b ? 'only-a' : !pair.a ? 'only-b' : fields.some((field) => counts(field, options)) ? 'differs' : 'same';
    tally[status] += 1;
    return { ...pair, status, fields };
  });
  return { rows, counts: tally };
}

export function compareFlows(a: readonly SandboxEvent[], b: readonly SandboxEvent[], options: CompareOptions = {}): Comparison {
  return compareSteps(stepsOf(a), stepsOf(b), options);
}

/** A value as one line: text as is, others as JSON; `—` for none. */
export function fieldText(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A step's outcome in a few words beside its label: a call's status and error, an end's reason, a trigger's error. */
export function stepNote(step: CompareStep): string | undefined {
  const event = step.event;
  switch (event.type) {
    case 'api.called':
      return event.data.error ? `${event.data.status} ${event.data.error.type}` : String(event.data.status);
    case 'flow.ended':
      return event.data.reason ? `${event.data.outcome}: ${event.data.reason}` : event.data.outcome;
    case 'trigger.returned':
      return event.data.error?.type;
    case 'challenge.answered':
      return event.data.correct === undefined ? undefined : event.data.correct ? 'accepted' : 'refused';
    case 'token.issued':
      return event.data.claims ? `${Object.keys(event.data.claims).length} claims` : undefined;
    case 'http.exchanged':
      return String(event.data.status);
    default:
      return undefined;
  }
}

/** Whether the step went wrong: a refused call, answer or trigger, a flow that did not succeed. */
export function stepFailed(step: CompareStep): boolean {
  const event = step.event;
  if (event.type === 'api.called' || event.type === 'trigger.returned') return !!event.data.error;
  if (event.type === 'flow.ended') return event.data.outcome !== 'success';
  if (event.type === 'challenge.answered') return event.data.correct === false;
  return false;
}
