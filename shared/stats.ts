/**
 * The dashboard's numbers (`GET /_sandbox/api/stats`): sign-ins, failures, throttles and trigger
 * errors over time, and latency per operation, counted by the server from the stored events.
 * Pure types and constants; no node, electron or vue here.
 *
 * What is counted:
 * - a sign-in: a flow of a sign-in kind (an AuthFlow of InitiateAuth / AdminInitiateAuth, or the
 *   hosted UI's sign-in page) that ended: `succeeded` (tokens issued), `failed` (refused), or
 *   `abandoned` (its Session expired or the client never came back); refreshes are not sign-ins;
 * - a failure: an API call answered with an error (`api.called` with `error`), by its type;
 * - a throttle: a call answered `TooManyRequestsException`;
 * - a trigger error: a Lambda trigger whose call failed (`trigger.returned` with `error`);
 * - latency: each operation's `api.called` durations.
 * The debugger window's own calls (its admin pages) are left out: they are not the app's traffic.
 */

/** The flow kinds counted as sign-ins. */
export const SIGN_IN_FLOW_KINDS: readonly string[] = [
  'USER_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'CUSTOM_AUTH',
  'USER_AUTH',
  'hosted-sign-in',
];

export const THROTTLE_ERROR = 'TooManyRequestsException';

export interface SignInCounts {
  succeeded: number;
  failed: number;
  abandoned: number;
}

/** One slice of the range, `[start, start + bucketMs)`. */
export interface StatsBucket {
  start: number;
  signIns: SignInCounts;
  /** Calls answered, and those answered with an error. */
  calls: number;
  failures: number;
  throttles: number;
  triggerErrors: number;
}

export interface OperationLatency {
  operation: string;
  count: number;
  errors: number;
  /** Milliseconds, nearest-rank percentiles. */
  p50: number;
  p95: number;
  max: number;
}

export interface NamedCount {
  name: string;
  count: number;
}

export interface DashboardStats {
  /** The range counted, `[from, to)`, epoch ms; `now` by the sandbox's clock (which the clock can move). */
  from: number;
  to: number;
  now: number;
  bucketMs: number;
  /** Oldest first, every bucket of the range, empty ones included. */
  buckets: StatsBucket[];
  totals: Omit<StatsBucket, 'start'>;
  /** Most frequent first. */
  failuresByType: NamedCount[];
  /** By trigger (PreSignUp, PreTokenGeneration ...), most frequent first. */
  triggerErrorsByTrigger: NamedCount[];
  /** Busiest first. */
  operations: OperationLatency[];
  /** The oldest event the history still holds (null when it is empty): what "all" reaches back to. */
  oldestEvent: number | null;
}

/** The bucket sizes the server picks from: the smallest that cuts the range into at most `MAX_BUCKETS_PICKED`. */
export const BUCKET_SIZES_MS: readonly number[] = [
  1_000, 5_000, 10_000, 15_000, 30_000, 60_000, 2 * 60_000, 5 * 60_000, 10 * 60_000, 15 * 60_000, 30 * 60_000, 3_600_000, 3 * 3_600_000,
  6 * 3_600_000, 12 * 3_600_000, 86_400_000, 7 * 86_400_000, 30 * 86_400_000,
];
export const MAX_BUCKETS_PICKED = 60;
/** A range cut finer than this is refused. */
export const MAX_BUCKETS = 1_000;
