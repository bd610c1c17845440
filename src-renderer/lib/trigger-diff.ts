/**
 * What a Lambda trigger changed: its answer compared with the event it received, member by
 * member. Cognito reads only the answer's `response`, so the changes are grouped: `response`
 * (what the function set), `request` (changes Cognito ignores) and the event's other members
 * (ignored too).
 *
 * Written here rather than with a diff library (microdiff, jsondiffpatch): Cognito's events call
 * for two rules a generic diff does not have. A `response` member Cognito sent as null and the
 * function filled in is "set", with each leaf of what it set on its own row (a V2
 * claimsAndScopeOverrideDetails shows claim by claim); and arrays (claimsToSuppress,
 * groupsToOverride, scopesToAdd, a challenge session) are values, compared and shown whole,
 * not index by index. The events are plain JSON (no dates, no cycles), so the rest is a short
 * recursive walk.
 */

export type ChangeKind = 'set' | 'changed' | 'removed';

export interface MemberChange {
  /** Where, below its group: `autoConfirmUser`, `claimsOverrideDetails.claimsToAddOrOverride["custom:tier"]`. */
  path: string;
  kind: ChangeKind;
  before?: unknown;
  after?: unknown;
  /** A claim a pre token generation function added that replaces the user's attribute of that name: the attribute's value. */
  overrides?: string;
}

export interface TriggerDiff {
  /** False when the answer is not an event (not a JSON object): there is nothing to compare. */
  comparable: boolean;
  response: MemberChange[];
  request: MemberChange[];
  /** The event's other members (version, userName, triggerSource, ...). */
  other: MemberChange[];
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Equal as JSON values: member order does not count, array order does. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function join(path: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

const LAST_KEY = /(?:^|\.)([A-Za-z_$][\w$]*)$|\[("(?:\\.|[^"\\])*")\]$/;

/** The last member name of a path: `tier` of `a.claimsToAddOrOverride.tier`, `custom:x` of `a["custom:x"]`. */
export function lastKey(path: string): string {
  const match = LAST_KEY.exec(path);
  if (!match) return path;
  return match[1] ?? (JSON.parse(match[2]!) as string);
}

/** A path as its parent (with the dot or bracket) and last member: shown faint and bold. */
export function splitPath(path: string): { parent: string; key: string } {
  const match = LAST_KEY.exec(path);
  if (!match) return { parent: '', key: path };
  const key = match[1] ?? match[0];
  return { parent: path.slice(0, path.length - key.length), key };
}

const absent = (value: unknown) => value === undefined || value === null;

/** Members whose own members are values: a claim's value may be an object (V2), shown whole. */
const VALUE_MAPS = new Set(['claimsToAddOrOverride']);

/** Every change from `before` to `after` below `path`, appended to `out`; `whole`: compare them as values. */
function compare(before: unknown, after: unknown, path: string, out: MemberChange[], whole = false): void {
  if (sameJson(before, after)) return;
  const filledIn = absent(before) && isObject(after) && Object.keys(after).length > 0;
  if (!whole && (filledIn || (isObject(before) && isObject(after)))) {
    const previous = isObject(before) ? before : {};
    const values = VALUE_MAPS.has(lastKey(path));
    for (const key of Object.keys(after)) compare(previous[key], after[key], join(path, key), out, values);
    for (const key of Object.keys(previous)) if (!Object.hasOwn(after, key)) compare(previous[key], undefined, join(path, key), out, values);
    return;
  }
  if (absent(before)) out.push({ path, kind: 'set', after });
  else if (absent(after)) out.push({ path, kind: 'removed', before, ...(after === null && { after }) });
  else out.push({ path, kind: 'changed', before, after });
}

/** The changes from the event a function received to the answer it returned. */
export function diffTriggerAnswer(event: unknown, answer: unknown): TriggerDiff {
  const diff: TriggerDiff = { comparable: isObject(event) && isObject(answer), response: [], request: [], other: [] };
  if (!diff.comparable) return diff;
  const sent = event as JsonObject;
  const returned = answer as JsonObject;
  compare(sent.response, returned.response, '', diff.response);
  compare(sent.request, returned.request, '', diff.request);
  const others = new Set([...Object.keys(sent), ...Object.keys(returned)]);
  others.delete('request');
  others.delete('response');
  for (const key of others) compare(sent[key], returned[key], join('', key), diff.other);
  markOverriddenClaims(diff.response, sent.request);
  return diff;
}

/** A claim set in claimsToAddOrOverride over a user attribute of the same name overrides it (when the value differs). */
function markOverriddenClaims(changes: MemberChange[], request: unknown): void {
  const attributes = isObject(request) && isObject(request.userAttributes) ? request.userAttributes : {};
  for (const change of changes) {
    if (change.kind === 'removed' || !/claimsToAddOrOverride\.?$/.test(splitPath(change.path).parent)) continue;
    const attribute = attributes[lastKey(change.path)];
    if (typeof attribute === 'string' && String(change.after) !== attribute) change.overrides = attribute;
  }
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** One line: "response: 2 set, 1 changed · request untouched". */
export function summarizeDiff(diff: TriggerDiff): string {
  if (!diff.comparable) return 'The answer is not an event: nothing to compare';
  const kinds = (changes: MemberChange[]) =>
    (['set', 'changed', 'removed'] as const)
      .map((kind) => [kind, changes.filter((change) => change.kind === kind).length] as const)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ');
  const overriding = diff.response.filter((change) => change.overrides !== undefined).length;
  const overrides = overriding ? ` (${count(overriding, 'claim')} overriding the user's attribute)` : '';
  const parts = [diff.response.length ? `response: ${kinds(diff.response)}${overrides}` : 'response unchanged'];
  parts.push(diff.request.length ? `request: ${count(diff.request.length, 'change')} (ignored by Cognito)` : 'request untouched');
  if (diff.other.length) parts.push(`${count(diff.other.length, 'other member')} changed (ignored by Cognito)`);
  return parts.join(' · ');
}

/** A value as one line of JSON with a space after each comma, for a diff row ("absent" for none). */
export function showValue(value: unknown): string {
  if (value === undefined) return 'absent';
  if (Array.isArray(value)) return `[${value.map(showValue).join(', ')}]`;
  if (isObject(value)) return `{${Object.entries(value).map(([key, member]) => `${JSON.stringify(key)}: ${showValue(member)}`).join(', ')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** A CloudWatch log line ("TIME\tREQUEST_ID\tLEVEL\tmessage") split; other lines (START, END, a runtime's own) whole. */
export function parseLogLine(line: string): { time?: string; level?: string; message: string } {
  const parts = line.split('\t');
  if (parts.length >= 4 && /^\d{4}-\d\d-\d\dT/.test(parts[0]!)) return { time: parts[0], level: parts[2], message: parts.slice(3).join('\t') };
  return { message: line };
}
