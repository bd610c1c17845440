/**
 * The debugger's JSON API at `/_sandbox/api`: every route with its path, its query parameters
 * and its answer. The server's handlers (src-main/server/sandbox-api/) answer with these types
 * and the window's one client (src-renderer/lib/api-client.ts) reads them. Pure types and
 * constants; no node, electron or vue here.
 *
 * Dates are epoch milliseconds. Every error answers `ErrorBody` with its HTTP status.
 */
import type { EventData, ExpiredItem, SandboxEvent } from './events.js';
import type { MockIdpKind } from './mock-idp.js';
import type { Breakpoint, BreakpointBody, BreakpointSwitch, PausedFlow, ResumeAction, ResumeBody } from './breakpoints.js';
import type { Fault, FaultSpec } from './faults.js';
import type { SandboxConfigFile } from './sandbox-config.js';
import type { SnapshotList, SnapshotRestored, SnapshotSaveBody, SnapshotSaved } from './snapshots.js';
import type { DashboardStats } from './stats.js';

export const DEBUGGER_API_BASE = '/_sandbox/api';

/** Each route's method and path below `DEBUGGER_API_BASE`, in Express's `:param` notation. */
export const DEBUGGER_ROUTES = {
  health: { method: 'GET', path: '/health' },
  /** Server-Sent Events: every `SandboxEvent`, stored history first, resumable with Last-Event-ID. */
  events: { method: 'GET', path: '/events' },
  /** The stored history as JSON pages, oldest first: how the window loads it before opening the stream. */
  eventHistory: { method: 'GET', path: '/events/history' },
  flows: { method: 'GET', path: '/flows' },
  flow: { method: 'GET', path: '/flows/:id' },
  /** A flow as a file (curl, sdk, vitest, mermaid, svg, json), Content-Disposition attachment; not JSON except `json`. */
  flowExport: { method: 'GET', path: '/flows/:id/export/:format' },
  /** Pins a flow: pruning never takes it (published as `flow.pinned`). */
  pinFlow: { method: 'PUT', path: '/flows/:id/pin' },
  unpinFlow: { method: 'DELETE', path: '/flows/:id/pin' },
  /** How much history the sandbox keeps (`--history-events`). */
  history: { method: 'GET', path: '/history' },
  /** The people flows were started under, each with every name they go by: the flow list's labels, search and user filter. */
  people: { method: 'GET', path: '/people' },
  /** Everything that happened to one user, in order: flows, admin calls naming them, messages, tokens; failed sign-ins and lockout. */
  person: { method: 'GET', path: '/people/:poolId/:sub' },
  outbox: { method: 'GET', path: '/outbox' },
  /** Empties the outbox (the window's "Delete all"). */
  clearOutbox: { method: 'DELETE', path: '/outbox' },
  kmsKey: { method: 'GET', path: '/kms-keys' },
  machines: { method: 'GET', path: '/machines' },
  machine: { method: 'GET', path: '/machines/:id' },
  pools: { method: 'GET', path: '/pools' },
  /** The TOTP secret an AssociateSoftwareToken call answered (the call's `api.called` event, by its seq). */
  softwareToken: { method: 'GET', path: '/api-calls/:seq/software-token' },
  /** A user's software tokens and passkeys, which no admin operation lists. */
  userAuthenticators: { method: 'GET', path: '/pools/:poolId/users/:username/authenticators' },
  /** An app client's secrets with their values, which ListUserPoolClientSecrets never answers: the client page reveals and copies them. */
  clientSecrets: { method: 'GET', path: '/pools/:poolId/clients/:clientId/secrets' },
  reset: { method: 'POST', path: '/admin/reset' },
  /** The breakpoints (shared/breakpoints.ts), oldest first; adding one answers 201. */
  breakpoints: { method: 'GET', path: '/breakpoints' },
  addBreakpoint: { method: 'POST', path: '/breakpoints' },
  switchBreakpoint: { method: 'PUT', path: '/breakpoints/:id/enabled' },
  removeBreakpoint: { method: 'DELETE', path: '/breakpoints/:id' },
  /** The flows paused at a breakpoint now, each with its exact event and when its client gives up. */
  paused: { method: 'GET', path: '/paused' },
  /** Ends a pause with the developer's answer (continue, edit, answer, fail, drop). */
  resumePaused: { method: 'POST', path: '/paused/:pauseId' },
  /** Named snapshots of the sandbox's state (shared/snapshots.ts): saved, restored, downloaded as SQLite files, deleted. */
  snapshots: { method: 'GET', path: '/snapshots' },
  saveSnapshot: { method: 'POST', path: '/snapshots' },
  /** The snapshot's SQLite file (`application/vnd.sqlite3`, an attachment), not JSON: what `--snapshot FILE` takes. */
  snapshot: { method: 'GET', path: '/snapshots/:name' },
  deleteSnapshot: { method: 'DELETE', path: '/snapshots/:name' },
  /** Replaces the state with the snapshot's (published as `snapshot.restored`). */
  restoreSnapshot: { method: 'POST', path: '/snapshots/:name/restore' },
  /**
   * Keeps an uploaded snapshot file (the body: a file `GET /snapshots/:name` gave, at most 256 MB)
   * under the name, replacing one of that name; refused whole (400) when it is no snapshot this
   * sandbox can restore. Published as `snapshot.saved`.
   */
  uploadSnapshot: { method: 'PUT', path: '/snapshots/:name' },
  /** The sandbox's clock (time travel): its time and its offset from real time. */
  clock: { method: 'GET', path: '/clock' },
  /** Moves the clock forward (`advanceSeconds`) or to an offset from real time (`offsetMs`); published as `clock.changed`. */
  moveClock: { method: 'POST', path: '/clock' },
  /** Back to real time. */
  resetClock: { method: 'DELETE', path: '/clock' },
  /** The local certificate authority's certificate (PEM) the HTTPS port's certificates chain to: what a client trusts. */
  tlsCaCertificate: { method: 'GET', path: '/tls/ca.pem' },
  /** Keeps a "Try it" hosted login the window started (its PKCE verifier, by its `state`) for the sandbox's callback page. */
  startOAuthTry: { method: 'POST', path: '/oauth-tries' },
  /** A "Try it" hosted login, by its `state`: what the callback page needs to redeem the code it is sent. */
  oauthTry: { method: 'GET', path: '/oauth-tries/:state' },
  /** The built-in mock identity providers, each with the ProviderDetails that wire a pool to it at the origin asked from. */
  mockIdps: { method: 'GET', path: '/mock-idp' },
  /** The people of the mocks' directory (`idp`: one mock's only). */
  mockIdpPeople: { method: 'GET', path: '/mock-idp/people' },
  /** Adds a person to a mock's directory, or replaces the claims of the one with that id. */
  saveMockIdpPerson: { method: 'PUT', path: '/mock-idp/people/:idp/:id' },
  removeMockIdpPerson: { method: 'DELETE', path: '/mock-idp/people/:idp/:id' },
  /** Threat protection's risk marks of a pool: the next sign-in of a user, IP address or device rated LOW/MEDIUM/HIGH; compromised passwords. */
  riskMarks: { method: 'GET', path: '/risk/:poolId/marks' },
  /** Adds a risk mark (a mark of the same kind and target is replaced). */
  saveRiskMark: { method: 'POST', path: '/risk/:poolId/marks' },
  removeRiskMark: { method: 'DELETE', path: '/risk/:poolId/marks/:id' },
  /** The pool's latest auth events, every user's, newest first. */
  authEvents: { method: 'GET', path: '/risk/:poolId/events' },
  /** The notification email's one-click links: UpdateAuthEventFeedback with the event's FeedbackToken. */
  riskFeedback: { method: 'GET', path: '/risk/:poolId/feedback' },
  /** The sandbox as a `--config` file that recreates it (shared/sandbox-config.ts): client secrets and password verifiers included. */
  exportConfig: { method: 'GET', path: '/export' },
  /** A user import job's CloudWatch-style log, one entry per CSV line, in line order. */
  userImportLog: { method: 'GET', path: '/pools/:poolId/user-import-jobs/:jobId/log' },
  /** Any pasted token (JWT or this sandbox's refresh token) decoded and judged: signature, pool, client, expiry, revocation with its reason. Reads only. */
  inspectToken: { method: 'POST', path: '/tokens/inspect' },
  /** The injected faults (src-main/debug/faults.ts), each with how many times it hit. */
  faults: { method: 'GET', path: '/faults' },
  /** Injects a fault (shared/faults.ts FaultSpec): 201 with it. */
  addFault: { method: 'POST', path: '/faults' },
  /** Switches one fault off. */
  removeFault: { method: 'DELETE', path: '/faults/:id' },
  /** Switches every fault off. */
  clearFaults: { method: 'DELETE', path: '/faults' },
  /** The dashboard's numbers over a range, in buckets: sign-ins, failures, throttles, trigger errors, latency per operation (shared/stats.ts). */
  stats: { method: 'GET', path: '/stats' },
} as const satisfies Record<string, { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: `/${string}` }>;

export type DebuggerRoute = keyof typeof DEBUGGER_ROUTES;
export type DebuggerRoutePath<R extends DebuggerRoute> = (typeof DEBUGGER_ROUTES)[R]['path'];

/** The names of a path's `:param`s: `poolId | username` for `/pools/:poolId/users/:username/authenticators`. */
type ParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

/** A route's path parameters: `{ id: string }` for `/flows/:id`. */
export type PathParams<R extends DebuggerRoute> = [ParamNames<DebuggerRoutePath<R>>] extends [never]
  ? Record<never, never>
  : Record<ParamNames<DebuggerRoutePath<R>>, string>;

/** What each route's query string may hold (every value travels as text). */
export interface DebuggerQueries {
  health: Record<never, never>;
  /** `since`: resume after this seq (what Last-Event-ID does for a reconnecting EventSource). */
  events: { since?: number };
  /** `after`: only events after this seq (0); `limit` 1 to 10,000 (1,000). */
  eventHistory: { after?: number; limit?: number };
  /** Newest first; `before`: only flows created earlier (epoch ms), the next page; `limit` 1 to 1,000 (100). */
  flows: { before?: number; limit?: number };
  flow: Record<never, never>;
  flowExport: Record<never, never>;
  pinFlow: Record<never, never>;
  unpinFlow: Record<never, never>;
  history: Record<never, never>;
  people: Record<never, never>;
  person: Record<never, never>;
  /** `to`: one email address or phone number; `pool`: one user pool; `limit` 1 to 1,000 (100). */
  outbox: { to?: string; pool?: string; limit?: number };
  clearOutbox: Record<never, never>;
  /** `keyId`: the KMSKeyID a pool's LambdaConfig names. */
  kmsKey: { keyId: string };
  machines: Record<never, never>;
  machine: Record<never, never>;
  pools: Record<never, never>;
  softwareToken: Record<never, never>;
  userAuthenticators: Record<never, never>;
  clientSecrets: Record<never, never>;
  reset: Record<never, never>;
  breakpoints: Record<never, never>;
  addBreakpoint: Record<never, never>;
  switchBreakpoint: Record<never, never>;
  removeBreakpoint: Record<never, never>;
  paused: Record<never, never>;
  resumePaused: Record<never, never>;
  snapshots: Record<never, never>;
  saveSnapshot: Record<never, never>;
  snapshot: Record<never, never>;
  deleteSnapshot: Record<never, never>;
  restoreSnapshot: Record<never, never>;
  uploadSnapshot: Record<never, never>;
  clock: Record<never, never>;
  moveClock: Record<never, never>;
  resetClock: Record<never, never>;
  tlsCaCertificate: Record<never, never>;
  startOAuthTry: Record<never, never>;
  oauthTry: Record<never, never>;
  mockIdps: Record<never, never>;
  mockIdpPeople: { idp?: MockIdpKind };
  saveMockIdpPerson: Record<never, never>;
  removeMockIdpPerson: Record<never, never>;
  riskMarks: Record<never, never>;
  saveRiskMark: Record<never, never>;
  removeRiskMark: Record<never, never>;
  /** `limit` 1 to 1,000 (100). */
  authEvents: { limit?: number };
  riskFeedback: { username: string; eventId: string; token: string; value: 'Valid' | 'Invalid' };
  exportConfig: Record<never, never>;
  /** `after`: lines after this line number; `result`: one kind only; `limit` 1 to 1,000 (200). */
  userImportLog: { after?: number; result?: UserImportLogResult; limit?: number };
  inspectToken: Record<never, never>;
  faults: Record<never, never>;
  addFault: Record<never, never>;
  removeFault: Record<never, never>;
  clearFaults: Record<never, never>;
  /** `from`, `to` (now): epoch ms, `[from, to)`; or `last` ms before `to`; `bucket` ms (picked: at most 60 buckets). */
  stats: { from?: number; to?: number; last?: number; bucket?: number };
}

/** What each POST route takes as its JSON body. */
export interface DebuggerBodies {
  startOAuthTry: OAuthTryStart;
  saveMockIdpPerson: MockIdpPersonBody;
  saveRiskMark: RiskMarkBody;
  saveSnapshot: SnapshotSaveBody;
  moveClock: ClockMoveBody;
  inspectToken: { token: string };
  addBreakpoint: BreakpointBody;
  switchBreakpoint: BreakpointSwitch;
  resumePaused: ResumeBody;
  addFault: FaultSpec;
}

export type DebuggerBody<R extends DebuggerRoute> = R extends keyof DebuggerBodies ? DebuggerBodies[R] : never;

/** What each route answers on success (`events`: the data of each SSE message). */
export interface DebuggerResponses {
  health: Health;
  events: SandboxEvent;
  /** Oldest first; empty once `after` is the newest. */
  eventHistory: SandboxEvent[];
  flows: FlowListItem[];
  flow: FlowWithEvents;
  /** The file's text (a shell script, TypeScript, Mermaid, SVG or the flow's events as JSON). */
  flowExport: string;
  pinFlow: FlowPin;
  unpinFlow: FlowPin;
  history: HistoryBounds;
  people: PersonListItem[];
  person: PersonHistory;
  /** Newest last, codes in clear, each with what its code is for and what became of it. */
  outbox: OutboxEntry[];
  clearOutbox: { deleted: number };
  kmsKey: LocalKmsKey;
  /** The ids of the machines the server has registered. */
  machines: string[];
  machine: MachineStateNode;
  pools: PoolListItem[];
  softwareToken: SoftwareTokenSecret;
  userAuthenticators: UserAuthenticators;
  /** Oldest first (the first is the one DescribeUserPoolClient shows); empty for a public client. */
  clientSecrets: ClientSecretItem[];
  reset: ResetResult;
  breakpoints: { breakpoints: Breakpoint[] };
  addBreakpoint: { breakpoint: Breakpoint };
  switchBreakpoint: { breakpoint: Breakpoint };
  removeBreakpoint: { removed: true };
  paused: { paused: PausedFlow[] };
  resumePaused: { pauseId: string; action: ResumeAction };
  snapshots: SnapshotList;
  saveSnapshot: SnapshotSaved;
  snapshot: Uint8Array;
  deleteSnapshot: { deleted: true };
  restoreSnapshot: SnapshotRestored;
  uploadSnapshot: SnapshotSaved;
  clock: ClockState;
  moveClock: ClockJump;
  resetClock: ClockJump;
  /** PEM text (`application/x-x509-ca-cert`), not JSON: a link downloads it; 404 while the sandbox serves no HTTPS. */
  tlsCaCertificate: string;
  startOAuthTry: OAuthTry;
  oauthTry: OAuthTry;
  mockIdps: MockIdpListItem[];
  /** In each mock's directory order. */
  mockIdpPeople: MockIdpPerson[];
  saveMockIdpPerson: MockIdpPerson;
  removeMockIdpPerson: { removed: true };
  riskMarks: RiskMarkItem[];
  saveRiskMark: RiskMarkItem;
  removeRiskMark: { removed: true };
  authEvents: AuthEventItem[];
  riskFeedback: { recorded: true; feedbackValue: 'Valid' | 'Invalid' };
  exportConfig: SandboxConfigFile;
  userImportLog: UserImportLogEntry[];
  inspectToken: TokenInspection;
  faults: { faults: Fault[] };
  addFault: { fault: Fault };
  removeFault: { removed: true };
  clearFaults: { removed: number };
  stats: DashboardStats;
}

export type DebuggerResponse<R extends DebuggerRoute> = DebuggerResponses[R];
export type DebuggerQuery<R extends DebuggerRoute> = DebuggerQueries[R];

/** Every error's body: `not_found` (404), `forbidden` (403, another origin), `bad_request` (400, a malformed path), `internal` (500). */
export type UserImportLogResult = 'SUCCEEDED' | 'SKIPPED' | 'FAILED';

/** One line of a user import job's log: `[FAILED] Line Number 5 - ...`, as Cognito writes it to CloudWatch Logs. */
export interface UserImportLogEntry {
  line: number;
  result: UserImportLogResult;
  message: string;
}

/**
 * A token as the sandbox judges it. `signature`: `valid` (one of a sandbox pool's keys signed it),
 * `invalid` (the pool's key does not verify it), `unknown-key` (its `kid` is none of the pool's),
 * `unknown-issuer` (no pool of this sandbox is its issuer), `opaque` (a refresh token: not signed,
 * found by its hash). `revocation.reason` says why a token is no longer honoured.
 */
export interface TokenInspection {
  format: 'jwt' | 'refresh';
  /** The JWT's header and claims as decoded (absent for a refresh token). */
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  signature: { status: 'valid' | 'invalid' | 'unknown-key' | 'unknown-issuer' | 'opaque'; message: string; kid?: string; alg?: string };
  issuer: string | null;
  pool: { id: string; name: string } | null;
  client: { id: string; name: string | null } | null;
  tokenUse: 'access' | 'id' | 'refresh' | null;
  /** The user it names, as the sandbox has them now (null: no such user, or not this sandbox's token). */
  user: { sub: string; username: string; enabled: boolean; status: string } | null;
  /** Epoch milliseconds (from `iat` and `exp`; a refresh token's stored dates); `now` by the sandbox's clock. */
  issuedAt: number | null;
  expiresAt: number | null;
  now: number;
  expired: boolean;
  revocation: TokenRevocation;
  /** What an access-token operation (GetUser) answers for it now, as `Exception: message`; null when it would be accepted or the token is no access token of this sandbox. */
  refusal: string | null;
}

/**
 * `unknown`: not this sandbox's token, or its records are gone. Reasons: `refresh-token-revoked`
 * (RevokeToken on its sign-in's refresh token), `session-revoked` (RevokeUserSession /
 * AdminRevokeUserSession ended its token session), `session-evicted` (a newer sign-in past the
 * pool's MaxPerUser ended it), `global-sign-out` (GlobalSignOut / AdminUserGlobalSignOut since it
 * was issued), `user-deleted`, `user-disabled`.
 */
export interface TokenRevocation {
  status: 'active' | 'revoked' | 'unknown';
  reason?: 'refresh-token-revoked' | 'session-revoked' | 'session-evicted' | 'global-sign-out' | 'user-deleted' | 'user-disabled';
  /** Epoch milliseconds of the revocation, when known. */
  since?: number;
  message: string;
}

export interface ErrorBody {
  /** `storage` (507): the disk refused (full, failing); nothing was changed. */
  /** `too_large` (413): the body is past the route's limit, which the message gives. */
  error: 'not_found' | 'forbidden' | 'bad_request' | 'internal' | 'storage' | 'too_large';
  message: string;
}

export interface Health {
  status: 'ok';
  region: string;
  /** The AWS account id the sandbox writes in ARNs (IAM roles, identity pools, STS assumed roles). */
  accountId: string;
  /** False when the sandbox keeps nothing on disk (`--in-memory`). */
  persistent: boolean;
  startedAt: number;
  uptimeSeconds: number;
  userPools: number;
  /** `https://HOST:PORT` when the sandbox also serves HTTPS (`--https-port`). */
  httpsUrl?: string;
}

export type FlowOutcome = EventData<'flow.ended'>['outcome'];

export interface FlowPin {
  flowId: string;
  pinned: boolean;
}

/** The debugger history's bounds: past them the oldest whole flows are pruned, pinned ones and running ones never. */
export interface HistoryBounds {
  maxEvents: number;
  maxBytes: number;
}

/** A flow run as the list shows it. Its persisted snapshot and Session hash are never served: they hold its secrets. */
export interface FlowListItem {
  id: string;
  poolId: string | null;
  clientId: string | null;
  /** `sign-in`, `sign-up`, `forgot-password`, ... */
  kind: string;
  username: string | null;
  /** The machine's state as the flow last left it: the dotted path of each active leaf state. */
  state: string;
  /** When its Session stops being accepted, while it awaits the client. */
  sessionExpires: number | null;
  created: number;
  updated: number;
  ended: number | null;
  outcome: FlowOutcome | null;
  /** It waits for the client's next call (a challenge answer). */
  awaitingClient: boolean;
  /** Pinned in the debugger: never pruned. */
  pinned: boolean;
  /** The user the flow's username stands for, while the pool still has them. */
  person?: PersonLabel;
}

/** A user as a person recognises them: email, phone or preferred username where the username is a UUID. */
export interface PersonLabel {
  label: string;
  sub?: string;
  username?: string;
  /** Every name the user goes by: username, sub, email, phone number, preferred username. */
  identifiers: string[];
}

/** A person the flow list names, with the names flows were started under that stand for them. */
export interface PersonListItem extends PersonLabel {
  poolId: string;
  sub: string;
  username: string;
  /** The flows' usernames (as typed: an email, an alias, the sub) that resolve to this user. */
  flowNames: string[];
}

/** One thing that happened to a person; `time` orders them, `seq` (an event's) breaks ties. */
export type PersonEntry =
  | { kind: 'flow'; time: number; flowId: string; flowKind: string; clientId: string | null; state: string; ended: number | null; outcome: FlowOutcome | null; reason: string | null }
  | { kind: 'api-call'; time: number; seq: number; operation: string; status: number; error: string | null; flowId: string | null }
  | { kind: 'message'; time: number; messageId: number; channel: MessageChannel; destination: string; purpose: string; flowId: string | null }
  | { kind: 'token'; time: number; seq: number; tokenUse: 'id' | 'access' | 'refresh'; clientId: string; flowId: string | null };

export interface PersonHistory extends PersonListItem {
  status: string;
  enabled: boolean;
  created: number;
  /** Failed sign-ins counted toward the lockout (auth/lockout.ts), or null when none is counted. */
  failedSignIns: { failures: number; lastFailure: number; lockedUntil: number; lockedOut: boolean } | null;
  /** Oldest first. Events the bounded history has pruned are missing; flows and messages are kept longer. */
  entries: PersonEntry[];
}

export interface FlowWithEvents extends FlowListItem {
  /** Every event it published, oldest first. */
  events: SandboxEvent[];
}

export type MessageChannel = 'EMAIL' | 'SMS';

/** An email or SMS the sandbox "sent": captured instead of delivered. */
export interface OutboxMessage {
  id: number;
  time: number;
  poolId: string | null;
  flowId: string | null;
  channel: MessageChannel;
  /** The email address or phone number it went to. */
  destination: string;
  username: string | null;
  /** What sent it: `AdminCreateUser`, `SignUp`, `ForgotPassword`, ... */
  purpose: string;
  subject: string | null;
  body: string;
  /** The code or temporary password it carries, in clear: the outbox is where testers read it. */
  code: string | null;
}

/**
 * A message as the outbox lists it: `for`, what its code is for in words ("sign-up confirmation",
 * "forgot password", ...); `codeState`, what became of its code as the sandbox's code stores tell
 * it now (null for a message without a code).
 */
export interface OutboxEntry extends OutboxMessage {
  for: string;
  codeState: OutboxCodeState | null;
}

/**
 * `waiting`: still pending, until `expires`; `used`: answered (the user confirmed, reset, verified,
 * signed in); `expired`; `replaced`: a newer code of the same kind went to the same user;
 * `unused`: no longer pending without being answered (the sign-in failed, an administrator acted);
 * `unknown`: its user or flow is gone.
 */
export interface OutboxCodeState {
  status: 'waiting' | 'used' | 'expired' | 'replaced' | 'unused' | 'unknown';
  /** Epoch milliseconds it expires or expired at, when known. */
  expires?: number;
  message: string;
}

/** The local key standing in for a KMSKeyID, for a custom sender running outside the sandbox. */
export interface LocalKmsKey {
  keyId: string;
  /** 32 bytes, base64. */
  key: string;
}

/**
 * A state of a flow machine, as its XState definition has it; the machine itself is the root
 * node (`path` empty). Compound states hold their children in `states`.
 */
export interface MachineStateNode {
  /** Unique in the machine: `sign-in.password.verifyingPassword` (or the state's own `id`). */
  id: string;
  /** Its name among its siblings: `verifyingPassword`. */
  key: string;
  /** The keys from the root down, dotted: `password.verifyingPassword`, as `flow.transitioned` names states. */
  path: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  tags: string[];
  /** The child state entered first (its id), for a compound state. */
  initial?: string;
  states: MachineStateNode[];
  transitions: MachineTransition[];
  /** The actors it invokes, by the names the machine's `setup()` gives them. */
  invokes: string[];
}

export interface MachineTransition {
  /** The event's type; `always` for an eventless transition, `xstate.done.actor.*` and the like for XState's own. */
  event: string;
  /** The ids of the states it goes to (none: it stays, running its actions). */
  targets: string[];
  /** The guard that must hold: its name (`and`, `or`, `not` for combinations; `inline` for an unnamed function). */
  guard?: string;
}

export interface PoolListItem {
  id: string;
  name: string;
  created: number;
  clients: { id: string; name: string; hasSecret: boolean; authFlows: string[] }[];
}

/**
 * The TOTP secret an AssociateSoftwareToken call answered (its event masks the SecretCode), with
 * the key URI an authenticator app scans. Answered only while that secret is still the user's.
 */
export interface SoftwareTokenSecret {
  poolId: string;
  /** The issuer an authenticator app shows: the pool's name. */
  poolName: string;
  username: string;
  secretCode: string;
  /** `otpauth://totp/ISSUER:USERNAME?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`. */
  uri: string;
  /** `pending`: waiting for VerifySoftwareToken; `verified`: the authenticator the user signs in with. */
  state: 'pending' | 'verified';
  friendlyDeviceName: string | null;
}

/** One of an app client's secrets, by its ClientSecretId, with its value and creation time (epoch milliseconds). */
export interface ClientSecretItem {
  secretId: string;
  value: string;
  created: number;
}

/** What of a user's authenticators no admin operation shows: the software token's name and state, and the passkeys. */
export interface UserAuthenticators {
  /** The TOTP authenticator in use (VerifySoftwareToken accepted a code from it). */
  softwareToken: { friendlyDeviceName: string | null; verified: number } | null;
  /** A secret AssociateSoftwareToken handed out, not verified yet. */
  pendingSoftwareToken: { associated: number } | null;
  /** Oldest first. Only the user's access token lists or deletes them in Cognito (ListWebAuthnCredentials). */
  passkeys: PasskeyListItem[];
}

export interface PasskeyListItem {
  credentialId: string;
  friendlyName: string;
  relyingPartyId: string;
  /** `platform` | `cross-platform`, when the browser said. */
  authenticatorAttachment: string | null;
  transports: string[];
  created: number;
}

/** The sandbox's clock: its time now, its offset from real time (0 or more), and whether that offset is 0. */
export interface ClockState {
  now: number;
  offsetMs: number;
  real: boolean;
}

/** A move of the clock: forward by seconds (more than 0), or to an offset from real time in milliseconds (0 or more). */
export type ClockMoveBody = { advanceSeconds: number } | { offsetMs: number };

/** The clock after a move, with what expired in the jump (oldest first; `omitted` more past the list's bound). */
export interface ClockJump extends ClockState {
  expired: ExpiredItem[];
  omitted?: number;
}

/** What a reset did: how many of each went (never what), as `sandbox.reset` says it. */
export type ResetResult = { reset: true } & EventData<'sandbox.reset'>;

/**
 * A hosted login the window's "Try it" opened: the authorize request's parameters and the PKCE
 * verifier behind its code_challenge, kept by the sandbox (in memory, for 30 minutes) so that its
 * callback page (`/_sandbox/oauth-callback`, in whatever browser the login ran) can redeem the code.
 */
export interface OAuthTryStart {
  /** The authorize request's `state`: the key the callback page finds the try by. */
  state: string;
  poolId: string;
  clientId: string;
  redirectUri: string;
  /** The PKCE code_verifier (43 to 128 unreserved characters). */
  codeVerifier: string;
  nonce: string;
  scope: string;
}

export interface OAuthTry extends OAuthTryStart {
  created: number;
  expires: number;
}

/** A person a built-in mock identity provider signs in as. */
export interface MockIdpPerson {
  idp: MockIdpKind;
  /** OIDC, Google and Apple `sub`; Facebook `id`; Amazon `user_id`; the SAML NameID. */
  id: string;
  /** OIDC or social claim name, or SAML attribute name, to its value (text: `"true"` for a boolean claim). */
  claims: Record<string, string>;
}

/** `PUT /mock-idp/people/{idp}/{id}`: at most 50 claims, names of 1 to 256 characters, values of at most 2,048. */
export interface MockIdpPersonBody {
  claims: Record<string, string>;
}

/** A built-in mock identity provider and how to wire a pool to it (CreateIdentityProvider's input, as it is). */
export interface MockIdpListItem {
  idp: MockIdpKind;
  /** "Mock Google", as its login page names it. */
  label: string;
  providerType: 'OIDC' | 'SAML' | 'Google' | 'Facebook' | 'LoginWithAmazon' | 'SignInWithApple';
  /** A ProviderName for it (a social provider's is its type, as Cognito requires). */
  providerName: string;
  /** ProviderDetails the mock accepts once a pool stores them: its issuer or metadata URL, a client_id and secret (Apple: team, key id and a private key). */
  providerDetails: Record<string, string>;
  /** An AttributeMapping from the mock's claim names to the pool's standard attributes. */
  attributeMapping: Record<string, string>;
  /** The mock's own URLs at this origin, by what they are (discovery, metadata, authorize, token, jwks, ...). */
  urls: Record<string, string>;
  /** How many people its directory holds. */
  people: number;
  /** The window's page for its people. */
  peoplePage: string;
}

export type RiskMarkKind = 'user' | 'ip' | 'device' | 'password';
export type RiskMarkLevel = 'LOW' | 'MEDIUM' | 'HIGH';

/** A risk mark as the window lists it: a password shows only its hint (first and last characters). */
export interface RiskMarkItem {
  id: string;
  kind: RiskMarkKind;
  /** The username (as stored), IP address or device key; a password's hint. */
  target: string;
  /** The level the next sign-in is rated at (absent for a compromised password). */
  level?: RiskMarkLevel;
  created: number;
}

/** A new risk mark: `target` and `level` for user, ip and device; `password` for a compromised password. */
export interface RiskMarkBody {
  kind: RiskMarkKind;
  target?: string;
  level?: RiskMarkLevel;
  password?: string;
}

/** An auth event as the window lists it. */
export interface AuthEventItem {
  eventId: string;
  username: string;
  eventType: string;
  created: number;
  eventResponse: string;
  riskDecision: string;
  riskLevel?: string;
  compromisedCredentials: boolean;
  ipAddress?: string;
  challenges: { ChallengeName: string; ChallengeResponse: string }[];
  feedback?: { value: string; provider: string; date: number };
  flowId?: string;
}
