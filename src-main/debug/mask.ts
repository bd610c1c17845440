/**
 * What of a value may reach a debugger event. Never a secret: passwords, one-time codes, client
 * secrets and secret hashes are masked wherever they sit. Never more than FIELD_LIMIT
 * characters of JSON per field: a larger one is cut, and the cut says in place how much went,
 * so the window shows it as it shows any value.
 */
const SECRET_KEYS = new Set([
  'Password',
  'PreviousPassword',
  'ProposedPassword',
  'TemporaryPassword',
  'NEW_PASSWORD',
  'PASSWORD',
  'ConfirmationCode',
  'Code',
  'UserCode',
  'SMS_MFA_CODE',
  'SOFTWARE_TOKEN_MFA_CODE',
  'SecretCode',
  'FeedbackToken',
  'ClientSecret',
  'ClientSecretValue',
  'Secret',
  'SecretHash',
  'SECRET_HASH',
  'client_secret',
  'private_key',
  'PasswordVerifier',
  'SecretKey',
  'SecretAccessKey',
]);

/** Bearer tokens: shown by their start only, enough to tell them apart (STS's WebIdentityToken, issued credentials' SessionToken). */
const SHORTENED_KEYS = new Set(['WebIdentityToken', 'SessionToken']);
const SHORTENED_TO = 24;

export const MASK = '***';

/** Deeper than this, a value is shown as a marker: a request may nest thousands of levels. */
const MAX_DEPTH = 32;

export function maskSecrets<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return `… [nested deeper than ${MAX_DEPTH} levels]` as T;
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEYS.has(key) && v !== undefined && v !== null) out[key] = MASK;
    else if (SHORTENED_KEYS.has(key) && typeof v === 'string') out[key] = cutString(v, SHORTENED_TO);
    else out[key] = maskSecrets(v, depth + 1);
  }
  return out as T;
}

export const FIELD_LIMIT = 16 * 1024;
/** Below this, strings are no longer shortened further; members and items are left out instead. */
const SHORTEST = 256;
const CUT_KEY = '…';

const count = (n: number) => n.toLocaleString('en-US');

function cutString(text: string, keep: number): string {
  if (text.length <= keep) return text;
  return `${text.slice(0, keep)}… [cut ${count(text.length - keep)} of ${count(text.length)} characters]`;
}

/** JSON of `value` with every string longer than `cap` cut to it. */
function jsonWithStringsCut(value: unknown, cap: number): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? cutString(v, cap) : v));
}

/** Items and members in order while `budget` (characters of JSON) lasts; then one marker saying what is left out. */
function keepWhileRoom(value: unknown, budget: { left: number }): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const [i, item] of value.entries()) {
      if (budget.left <= 0) {
        out.push(`… [cut ${count(value.length - i)} of ${count(value.length)} items]`);
        break;
      }
      out.push(keepWhileRoom(item, budget));
    }
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const entries = Object.entries(value);
    for (const [i, [key, v]] of entries.entries()) {
      if (budget.left <= 0) {
        out[CUT_KEY] = `cut ${count(entries.length - i)} of ${count(entries.length)} members`;
        break;
      }
      budget.left -= key.length + 4;
      out[key] = keepWhileRoom(v, budget);
    }
    return out;
  }
  budget.left -= (JSON.stringify(value) ?? '').length + 1;
  return value;
}

/**
 * `value` if its JSON fits in `limit` characters. Otherwise, in order of preference: its long
 * strings shortened (shape and every member kept); members and items past the room left out;
 * at worst, the start of its JSON text.
 */
export function limitSize(value: unknown, limit = FIELD_LIMIT): unknown {
  if (value === undefined) return value;
  if (typeof value === 'string') return cutString(value, limit - 64);
  const json = JSON.stringify(value);
  if (json === undefined || json.length <= limit) return value;
  for (let cap = limit / 2; cap >= SHORTEST; cap /= 2) {
    const shortened = jsonWithStringsCut(value, cap);
    if (shortened.length <= limit) return JSON.parse(shortened);
  }
  const kept = keepWhileRoom(JSON.parse(jsonWithStringsCut(value, SHORTEST)), { left: limit - 4 * SHORTEST });
  if (JSON.stringify(kept).length <= limit) return kept;
  const keep = limit - 80;
  return `${json.slice(0, keep)}… [cut ${count(json.length - keep)} of ${count(json.length)} characters of JSON]`;
}

/** Headers whose whole value is a credential. */
const SECRET_HEADERS = new Set(['x-amz-security-token', 'x-api-key', 'proxy-authorization']);
/** Headers carrying `name=value` pairs: the names stay, the values go. */
const COOKIE_HEADERS = new Set(['cookie', 'set-cookie']);

/**
 * Request or response headers as a debugger event may carry them: names lower-cased, credentials
 * masked. SigV4 keeps its scheme, credential scope and signed headers (they tell which key, region
 * and service signed) and loses its signature; any other Authorization keeps its scheme only.
 */
export function maskHeaders(headers: Record<string, string | string[] | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const key = name.toLowerCase();
    const value = Array.isArray(raw) ? raw.join(key === 'set-cookie' ? '\n' : ', ') : String(raw);
    if (key === 'authorization') out[key] = maskAuthorization(value);
    else if (SECRET_HEADERS.has(key)) out[key] = MASK;
    else if (COOKIE_HEADERS.has(key)) out[key] = value.replace(/(^|[;\n]\s*)([^=;\n]+)=[^;\n]*/g, `$1$2=${MASK}`);
    else out[key] = cutString(value, SHORTEST * 4);
  }
  return out;
}

function maskAuthorization(value: string): string {
  if (value.startsWith('AWS4-HMAC-SHA256')) return value.replace(/Signature=[^,\s]*/, `Signature=${MASK}`);
  const scheme = value.match(/^\S+(?=\s)/)?.[0];
  return scheme ? `${scheme} ${MASK}` : MASK;
}
