/**
 * Breakpoints (src-main/debug/breakpoints.ts): where a flow stops for the developer, and what the
 * developer answers. Shared by the sandbox API, the events (`flow.paused`, `flow.resumed`) and the
 * window's Breakpoints view. Pure types.
 */
import { TRIGGER_NAMES } from './faults.js';

/** Where a flow stops: before a Lambda trigger runs, before tokens are signed, before a message goes to the outbox. */
export type BreakpointPoint = 'trigger' | 'tokens' | 'message';

export const BREAKPOINT_POINTS: readonly BreakpointPoint[] = ['trigger', 'tokens', 'message'];

/** The LambdaConfig members a trigger breakpoint may name (triggers/types.ts TriggerName). */
export const BREAKPOINT_TRIGGERS = TRIGGER_NAMES;

export type BreakpointTrigger = (typeof BREAKPOINT_TRIGGERS)[number];

/** `POST /_sandbox/api/breakpoints`. */
export interface BreakpointBody {
  poolId: string;
  point: BreakpointPoint;
  /** For point `trigger`: the trigger it stops before. */
  trigger?: BreakpointTrigger;
  /** Only this user's flows (the username, compared case-insensitively). */
  userName?: string;
  /** Only calls through this app client. */
  clientId?: string;
  /** A canned answer: the trigger is answered with this returned event, without pausing. */
  respondWith?: unknown;
  /** A canned failure: the trigger fails with this message, without pausing. */
  failWith?: string;
  /** True unless given. */
  enabled?: boolean;
}

export interface Breakpoint extends Omit<BreakpointBody, 'enabled'> {
  id: string;
  enabled: boolean;
  /** Epoch milliseconds. */
  created: number;
}

/** `PUT /_sandbox/api/breakpoints/{id}/enabled`: switches a breakpoint on or off. */
export interface BreakpointSwitch {
  enabled: boolean;
}

/**
 * What the developer answers a paused flow:
 *  - `continue`: on, unchanged (a trigger no function is configured for: as if it were not configured);
 *  - `edit`: a trigger's function runs with `event`; tokens are signed with `claims`; a message is sent as `message`;
 *  - `answer` (trigger): `response` stands for what the function returned, read as Cognito reads it;
 *  - `fail` (trigger): as if the function threw `message` (UserLambdaValidationException);
 *  - `drop` (message): the message never arrives, the call still succeeds.
 */
export type ResumeAction = 'continue' | 'edit' | 'answer' | 'fail' | 'drop';

/** How a pause ended without the developer: the client disconnected, or a reset released it. */
export type PauseEnd = 'abandoned' | 'released';

/** The claims of the tokens about to be signed (point `tokens`). */
export interface TokenClaimsAtBreakpoint {
  idToken?: Record<string, unknown>;
  accessToken: Record<string, unknown>;
}

/** The message about to go to the outbox (point `message`): subject and body may be edited. */
export interface MessageAtBreakpoint {
  channel: 'EMAIL' | 'SMS';
  destination: string;
  username: string;
  purpose: string;
  subject?: string;
  body: string;
}

export interface ResumeBody {
  action: ResumeAction;
  event?: unknown;
  response?: unknown;
  message?: unknown;
  claims?: unknown;
}

/** The client whose request waits, as its User-Agent names it, and how long it waits for an answer. */
export interface WaitingClient {
  /** `boto3`, `AWS CLI`, `AWS SDK for JavaScript v3`, ...; `unknown` when the User-Agent says nothing usable. */
  name: string;
  /** Its default read timeout in milliseconds; null when it waits for ever. */
  timeoutMs: number | null;
  /** What it does then, in words. */
  note: string;
}

/** A flow stopped at a breakpoint, waiting for the developer. */
export interface PausedFlow {
  pauseId: string;
  /** Null for a call outside any flow (an admin operation's trigger). */
  flowId: string | null;
  breakpointId: string;
  point: BreakpointPoint;
  trigger?: BreakpointTrigger;
  /** The trigger's source (PreSignUp_SignUp, ...). */
  triggerSource?: string;
  /** Whether a function is configured for the trigger (false: only the breakpoint makes it run, answer it by hand). */
  functionConfigured?: boolean;
  poolId: string;
  userName?: string;
  clientId?: string;
  /** The exact event (trigger), the claims (tokens) or the message (message), secrets masked. */
  event: unknown;
  /** Epoch milliseconds, by the sandbox's clock. */
  pausedAt: number;
  /** When the waiting client gives up on its request (real epoch milliseconds); null when it never does. */
  clientGivesUpAt: number | null;
  client: WaitingClient;
}
