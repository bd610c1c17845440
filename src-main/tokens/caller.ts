/**
 * Who is calling, for the sessions a call begins or refreshes: the caller's IP address and the
 * device its User-Agent describes. The server runs each request inside `runAsCaller` (one
 * middleware for every door), so that token issuance records a session's LastIPAddress and
 * DeviceType without every flow carrying them along, and a hosted sign-in knows which token
 * sessions it began when it opens its SSO session.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import Bowser from 'bowser';

export interface Caller {
  /** The caller's IP address (an IPv4-mapped IPv6 address as IPv4). */
  ip?: string;
  /** The browser's or SDK's User-Agent. */
  userAgent?: string;
}

/** The request itself, as a flow paused at a breakpoint needs it: both User-Agents, when it arrived, and whether its client is still there. */
export interface CallRequest {
  headers: { userAgent?: string; amzUserAgent?: string };
  /** Real epoch milliseconds. */
  arrived: number;
  /** Aborted when the client disconnects before it is answered. */
  disconnected: AbortSignal;
}

/** The caller, and the token sessions the request has begun so far (a hosted sign-in links them to the SSO session it opens). */
interface CallState extends Caller {
  tokenSessionsBegun: string[];
  request?: CallRequest;
}

const calls = new AsyncLocalStorage<CallState>();

export function runAsCaller<T>(caller: Caller, fn: () => T, request?: CallRequest): T {
  return calls.run({ ...caller, tokenSessionsBegun: [], ...(request && { request }) }, fn);
}

/** The request being served, if any. */
export function currentRequest(): CallRequest | undefined {
  return calls.getStore()?.request;
}

/** The caller of the request being served, if any (none in unit tests and background work). */
export function currentCaller(): Caller | undefined {
  const call = calls.getStore();
  return call && { ...(call.ip && { ip: call.ip }), ...(call.userAgent && { userAgent: call.userAgent }) };
}

export function noteTokenSessionBegun(sessionId: string): void {
  calls.getStore()?.tokenSessionsBegun.push(sessionId);
}

/** The token sessions the request being served has begun. */
export function tokenSessionsBegunInThisCall(): readonly string[] {
  return calls.getStore()?.tokenSessionsBegun ?? [];
}

/** `aws-sdk-js/3.1169.0 ua/2.1 os/linux#6.8.0 lang/js md/nodejs#20.19.0 ...`: the SDK and its OS. */
function sdkDevice(userAgent: string): string | undefined {
  const sdk = /\b(aws-sdk-[\w-]+|aws-amplify)\/([\d.]+)/.exec(userAgent);
  if (!sdk) return undefined;
  const os = /\bos\/([\w.-]+)(?:#([\w.-]+))?/.exec(userAgent);
  return os ? `${sdk[1]} ${sdk[2]} / ${os[1]}${os[2] ? ` ${os[2]}` : ''}` : `${sdk[1]} ${sdk[2]}`;
}

/** A browser's name and major version, and its operating system: `Chrome 125 / macOS 10.15.7`. */
function browserDevice(userAgent: string): string | undefined {
  const { browser, os } = Bowser.parse(userAgent);
  if (!browser.name || !os.name) return undefined;
  const major = browser.version?.split('.')[0];
  const osVersion = os.name === 'Windows' ? os.versionName : os.version;
  return `${browser.name}${major ? ` ${major}` : ''} / ${os.name}${osVersion ? ` ${osVersion}` : ''}`;
}

/** DeviceType as a session shows it, derived from the User-Agent; `unknown` when it says nothing usable. */
export function deviceTypeOf(userAgent: string | undefined): string {
  if (!userAgent) return 'unknown';
  return (sdkDevice(userAgent) ?? browserDevice(userAgent) ?? 'unknown').slice(0, 1024);
}
