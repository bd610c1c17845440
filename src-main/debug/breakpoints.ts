/**
 * `services.breakpoints`: where the developer stops a pool's flows, and the flows stopped there.
 *
 * A breakpoint names a pool, a point (before a Lambda trigger runs, before tokens are signed,
 * before a message goes to the outbox), for `trigger` which trigger, and optionally one user and
 * one app client. Breakpoints are kept in the store (they survive a restart, as an IDE's do);
 * paused flows are not (their requests went with the process).
 *
 * `hold(stop)` is where a flow asks: undefined when no enabled breakpoint matches (the flow goes
 * on at once); else the developer's answer, once given. A breakpoint with a canned answer
 * (`respondWith`, `failWith`) answers at once, without pausing. Otherwise the flow pauses:
 * `flow.paused` is published (in the flow, with the exact event and when the client gives up),
 * the client's HTTP request waits, and `resume(pauseId, answer)` ends the pause (`flow.resumed`).
 * Two breakpoints in one flow pause one after the other: each stop is its own pause.
 *
 * A pause has no limit of its own. It ends without the developer when
 *  - the client disconnects (its request's socket closes): `flow.resumed` with action
 *    `abandoned`, and the hold rejects with ClientDisconnected, which ends the flow as abandoned;
 *  - the sandbox is reset (`releaseAll`): action `released`, and the hold rejects with the error
 *    `releasedError` makes (an AWS-shaped one, so the waiting request is answered, not left hanging).
 */
import type {
  Breakpoint,
  BreakpointBody,
  BreakpointPoint,
  BreakpointTrigger,
  PauseEnd,
  PausedFlow,
  ResumeAction,
  TokenClaimsAtBreakpoint,
  WaitingClient,
} from '../../shared/breakpoints.js';
import type { Clock } from '../clock.js';
import type { Ids } from '../ids.js';
import type { Store } from '../store/index.js';
import type { EventBus } from './bus.js';
import { waitingClientOf } from './breakpoints/client-timeout.js';

/** Where a flow asks whether to stop. */
export interface Stop {
  point: BreakpointPoint;
  poolId: string;
  flowId?: string | null;
  trigger?: BreakpointTrigger;
  triggerSource?: string;
  /** Whether a function is configured for the trigger. */
  functionConfigured?: boolean;
  userName?: string | null;
  clientId?: string | null;
  /** What the window shows and the developer may edit (secrets masked). */
  event: unknown;
}

/** The developer's answer (or a canned breakpoint's), as the stopped flow acts on it. */
export type Resolution =
  | { action: 'continue' }
  | { action: 'edit'; event?: unknown; claims?: TokenClaimsAtBreakpoint; message?: { subject?: string; body: string } }
  | { action: 'answer'; response: unknown }
  | { action: 'fail'; message: string }
  | { action: 'drop' };

/** How the stop was answered, for the events the stopped code publishes. */
export type Held = Resolution & { breakpointId: string; pauseId?: string; canned: boolean };

/** The request a paused flow belongs to (tokens/caller.ts `currentRequest`). */
export interface WaitingRequest {
  headers: { userAgent?: string; amzUserAgent?: string };
  /** Real epoch milliseconds. */
  arrived: number;
  disconnected: AbortSignal;
}

export interface BreakpointsConfig {
  /** The request being served, if any. */
  currentRequest?: () => WaitingRequest | undefined;
  /** What a request released by a reset is answered. */
  releasedError?: (paused: PausedFlow) => Error;
}

/** The client went away while its flow was paused: the flow ends as abandoned, nothing more is done for the request. */
export class ClientDisconnected extends Error {
  constructor(readonly paused: PausedFlow) {
    super(`The client (${paused.client.name}) disconnected while the flow was paused at a breakpoint.`);
    this.name = 'ClientDisconnected';
  }
}

interface Pause {
  paused: PausedFlow;
  settle: (outcome: { resolution: Resolution } | { error: Error }) => void;
}

const NOBODY: WaitingClient = { name: 'none', timeoutMs: null, note: 'no HTTP request waits (background work)' };

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export class Breakpoints {
  private readonly pauses = new Map<string, Pause>();
  /**
   * The enabled breakpoints, read once: every trigger, token issue and message asks, and a read of
   * the store each time would cost a flow milliseconds. Forgotten on every change made here and
   * when a snapshot replaces the store's rows; one left for a deleted pool matches nothing.
   */
  private enabledCache: Breakpoint[] | undefined;

  constructor(
    private readonly services: { store: Store; bus: EventBus; clock: Clock; ids: Ids },
    private readonly config: BreakpointsConfig = {},
  ) {
    services.bus.subscribe((event) => {
      if (event.type === 'snapshot.restored') this.enabledCache = undefined;
    });
  }

  private enabled(): Breakpoint[] {
    return (this.enabledCache ??= this.services.store.breakpoints.all().filter((breakpoint) => breakpoint.enabled));
  }

  list(): Breakpoint[] {
    return this.services.store.breakpoints.all();
  }

  find(id: string): Breakpoint | undefined {
    return this.services.store.breakpoints.find(id);
  }

  /**
   * A new breakpoint (the route has checked the body); `created` false when the same pausing
   * breakpoint was there already ("Break here next time" twice): that one, switched on, stands.
   */
  add(body: BreakpointBody): { breakpoint: Breakpoint; created: boolean } {
    const same = this.sameAs(body);
    if (same) return { breakpoint: same.enabled ? same : this.setEnabled(same.id, true)!, created: false };
    const breakpoint: Breakpoint = {
      id: this.services.ids.uuid(),
      poolId: body.poolId,
      point: body.point,
      ...(body.trigger && { trigger: body.trigger }),
      ...(body.userName && { userName: body.userName }),
      ...(body.clientId && { clientId: body.clientId }),
      ...(body.respondWith !== undefined && { respondWith: body.respondWith }),
      ...(body.failWith !== undefined && { failWith: body.failWith }),
      enabled: body.enabled ?? true,
      created: this.services.clock.now(),
    };
    this.services.store.breakpoints.insert(breakpoint);
    this.enabledCache = undefined;
    return { breakpoint, created: true };
  }

  /** The pausing breakpoint that stops exactly where `body` asks, if any (canned ones are never the same). */
  private sameAs(body: BreakpointBody): Breakpoint | undefined {
    if (body.respondWith !== undefined || body.failWith !== undefined) return undefined;
    return this.list().find(
      (one) =>
        one.poolId === body.poolId &&
        one.point === body.point &&
        one.trigger === body.trigger &&
        one.userName === (body.userName || undefined) &&
        one.clientId === (body.clientId || undefined) &&
        one.respondWith === undefined &&
        one.failWith === undefined,
    );
  }

  setEnabled(id: string, enabled: boolean): Breakpoint | undefined {
    this.enabledCache = undefined;
    return this.services.store.breakpoints.setEnabled(id, enabled) ? this.find(id) : undefined;
  }

  remove(id: string): boolean {
    this.enabledCache = undefined;
    return this.services.store.breakpoints.delete(id);
  }

  /** Whether any enabled breakpoint of the pool stops before `trigger` (for any user or client): the trigger then runs even with no function. */
  watches(poolId: string, trigger: BreakpointTrigger): boolean {
    return this.enabled().some((breakpoint) => breakpoint.poolId === poolId && breakpoint.point === 'trigger' && breakpoint.trigger === trigger);
  }

  /** The first enabled breakpoint that stops this flow here. */
  matching(stop: Stop): Breakpoint | undefined {
    return this.enabled().find(
      (breakpoint) =>
        breakpoint.poolId === stop.poolId &&
        breakpoint.point === stop.point &&
        (stop.point !== 'trigger' || breakpoint.trigger === stop.trigger) &&
        (breakpoint.userName === undefined || (typeof stop.userName === 'string' && sameName(breakpoint.userName, stop.userName))) &&
        (breakpoint.clientId === undefined || breakpoint.clientId === stop.clientId),
    );
  }

  /** Undefined when no breakpoint stops the flow here; else the answer, once the developer (or a canned breakpoint) gives it. */
  hold(stop: Stop): Promise<Held> | undefined {
    const breakpoint = this.matching(stop);
    if (!breakpoint) return undefined;
    const matched = { breakpointId: breakpoint.id };
    if (breakpoint.failWith !== undefined) return Promise.resolve({ action: 'fail', message: breakpoint.failWith, canned: true, ...matched });
    if (breakpoint.respondWith !== undefined) return Promise.resolve({ action: 'answer', response: breakpoint.respondWith, canned: true, ...matched });
    return this.pause(stop, breakpoint);
  }

  /** Every flow paused now, oldest first. */
  paused(): PausedFlow[] {
    return [...this.pauses.values()].map((pause) => pause.paused);
  }

  pausedOne(pauseId: string): PausedFlow | undefined {
    return this.pauses.get(pauseId)?.paused;
  }

  /** Whether the flow is paused at a breakpoint now (its runner's step limit does not run then). */
  isPaused(flowId: string): boolean {
    for (const pause of this.pauses.values()) if (pause.paused.flowId === flowId) return true;
    return false;
  }

  /** Ends the pause with the developer's answer (the route has checked it); the paused flow, or undefined when there is no such pause. */
  resume(pauseId: string, resolution: Resolution): PausedFlow | undefined {
    const pause = this.pauses.get(pauseId);
    if (!pause) return undefined;
    this.end(pause, resolution.action, resolutionData(resolution));
    pause.settle({ resolution });
    return pause.paused;
  }

  /**
   * Ends every pause (a reset, a snapshot restored): each waiting request is answered `errorFor`'s
   * error (`releasedError` unless given). Resolves once the released flows have had their turn to unwind.
   */
  async releaseAll(errorFor = this.config.releasedError): Promise<number> {
    const released = [...this.pauses.values()];
    for (const pause of released) {
      this.end(pause, 'released');
      pause.settle({ error: errorFor?.(pause.paused) ?? new Error('The sandbox was reset while the flow was paused at a breakpoint.') });
    }
    if (released.length > 0) await new Promise((resolve) => setImmediate(resolve));
    return released.length;
  }

  private pause(stop: Stop, breakpoint: Breakpoint): Promise<Held> {
    const request = this.config.currentRequest?.();
    const client = request ? waitingClientOf(request.headers) : NOBODY;
    const paused: PausedFlow = {
      pauseId: this.services.ids.uuid(),
      flowId: stop.flowId ?? null,
      breakpointId: breakpoint.id,
      point: stop.point,
      ...(stop.trigger && { trigger: stop.trigger }),
      ...(stop.triggerSource && { triggerSource: stop.triggerSource }),
      ...(stop.functionConfigured !== undefined && { functionConfigured: stop.functionConfigured }),
      poolId: stop.poolId,
      ...(stop.userName && { userName: stop.userName }),
      ...(stop.clientId && { clientId: stop.clientId }),
      event: stop.event,
      pausedAt: this.services.clock.now(),
      clientGivesUpAt: request && client.timeoutMs !== null ? request.arrived + client.timeoutMs : null,
      client,
    };
    return new Promise<Held>((resolve, reject) => {
      const onDisconnect = () => {
        if (!this.pauses.has(paused.pauseId)) return;
        this.end(pause, 'abandoned');
        pause.settle({ error: new ClientDisconnected(paused) });
      };
      const pause: Pause = {
        paused,
        settle: (outcome) => {
          this.pauses.delete(paused.pauseId);
          request?.disconnected.removeEventListener('abort', onDisconnect);
          if ('error' in outcome) reject(outcome.error);
          else resolve({ ...outcome.resolution, breakpointId: breakpoint.id, pauseId: paused.pauseId, canned: false });
        },
      };
      this.pauses.set(paused.pauseId, pause);
      const { event, pauseId, breakpointId, point, trigger, triggerSource, clientGivesUpAt } = paused;
      this.services.bus.publish(
        'flow.paused',
        { pauseId, breakpointId, point, ...(trigger && { trigger }), ...(triggerSource && { triggerSource }), event, clientGivesUpAt, client },
        { flowId: paused.flowId, poolId: paused.poolId },
      );
      if (request?.disconnected.aborted) onDisconnect();
      else request?.disconnected.addEventListener('abort', onDisconnect, { once: true });
    });
  }

  private end(pause: Pause, action: ResumeAction | PauseEnd, data: Record<string, unknown> = {}): void {
    const { paused } = pause;
    this.services.bus.publish(
      'flow.resumed',
      { pauseId: paused.pauseId, action, point: paused.point, ...(paused.trigger && { trigger: paused.trigger }), ...data, pausedMs: Math.max(0, this.services.clock.now() - paused.pausedAt) },
      { flowId: paused.flowId, poolId: paused.poolId },
    );
  }
}

/** What `flow.resumed` carries of the answer. */
function resolutionData(resolution: Resolution): Record<string, unknown> {
  switch (resolution.action) {
    case 'edit':
      return { ...(resolution.event !== undefined && { event: resolution.event }), ...(resolution.claims && { claims: resolution.claims }), ...(resolution.message && { message: resolution.message }) };
    case 'answer':
      return { response: resolution.response };
    case 'fail':
      return { message: resolution.message };
    default:
      return {};
  }
}
