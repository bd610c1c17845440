/**
 * Runs the flow machines: one flow run = one actor, whose id is the flow id the debugger groups
 * events by. The runner starts a flow, resumes a persisted one (one call at a time: a flow
 * already being resumed refuses a second call), hands out and checks Sessions, and publishes
 * `flow.started`, `flow.transitioned` and `flow.ended`.
 *
 * A machine follows three conventions:
 *  - a state that waits for the client's next call has the tag `awaiting-client`; there the
 *    runner persists the snapshot and hands out a fresh `Session`;
 *  - the machine's output (root `output`, usually `({ event }) => event.output` passing on the
 *    final state's own output) is the flow's result, `{ outcome: 'success' | 'failure', reason? }`
 *    plus whatever the operation needs to answer;
 *  - context holds only JSON values (snapshots are stored as JSON).
 *
 * A `Session` is an opaque random string; only its hash is stored, next to the snapshot it
 * resumes. It is single-use (every step mints a new one) and expires after the app client's
 * AuthSessionValidity. A flow still waiting when its Session expires ends then, as `expired`
 * (a timer set for the soonest expiry; `endExpired` does it at once); handing out a Session
 * publishes `flow.waiting` with its expiry, for the window's countdown.
 *
 * A flow the previous process left mid-step (started, neither waiting with a persisted snapshot
 * nor ended) has lost its machine with that process: no Session of it can ever be answered. The
 * runner ends such flows as `abandoned` when it is built (`abandonLeftovers`).
 *
 * Assumption, for the hosted UI and OAuth: a login left mid-way waits on a Session like any flow
 * (a page's form an hour, an authorization code five minutes, Cognito's code lifetime), so it ends
 * `expired` when that runs out, as Cognito's own page session and code do; Cognito has no other
 * end for it. Its sign-in on the pages (`hosted-sign-in`) is answered only through those pages and
 * lives at most AuthSessionValidity (15 minutes), so it ends before the login that started it.
 * `abandoned` is kept for flows no Session can ever resume: those a stopped process left mid-step.
 */
import {
  createActor,
  waitFor,
  type AnyActorRef,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventFromLogic,
  type InspectionEvent,
  type SnapshotFrom,
} from 'xstate';
import type { BaseServices } from '../base-services.js';
import { ClientDisconnected } from '../debug/breakpoints.js';
import { NotAuthorizedException } from '../cognito/errors.js';
import type { StoredFlow } from '../store/repositories/flows.js';
import { hashToken } from '../tokens/tokens.js';

export const AWAITING_CLIENT = 'awaiting-client';
const SETTLE_TIMEOUT_MS = 30_000;
/** Timers fire no later than this (setTimeout's own bound), and are re-armed. */
const LONGEST_WAIT_MS = 2 ** 31 - 1;
const EXPIRED_WHILE_WAITING = 'the Session expired while the flow waited for the client';
const LEFT_MID_STEP = 'the sandbox stopped while the flow ran a step: its machine went with that process, so it can never continue';

export interface FlowMeta {
  kind: string;
  poolId: string | null;
  clientId: string | null;
  username: string | null;
  /** How long a Session handed out by this flow lives. */
  sessionMinutes: SessionMinutes;
  /** The flow that started this one (a hosted login's sign-in). */
  parentFlowId?: string;
  /** The flow this one continues: a refresh's, the sign-in that issued its refresh token. */
  continuesFlowId?: string;
}

export interface ResumeOptions {
  /**
   * The flow keeps the Session it was resumed with (its expiry too) while it waits again: a login
   * that sends its Session to an identity provider as `state` is found by it when the provider answers.
   */
  keepSession?: boolean;
}

/** Minutes a Session lives: the same at every step, or decided by the state the flow waits in. */
export type SessionMinutes = number | ((snapshot: AnyMachineSnapshot) => number);

export interface FlowStep<TMachine extends AnyStateMachine> {
  flowId: string;
  snapshot: SnapshotFrom<TMachine>;
  /** The new Session to return to the client while the flow awaits it (absent when the call was refused and the old one stands). */
  session?: string;
  /** The final output once the flow has ended. */
  output?: unknown;
}

export interface FlowOutcome {
  outcome: 'success' | 'failure';
  reason?: string;
}

/** The state value as one readable path: `challenge.passwordVerifier`. */
export function stateText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, child]) => {
        const rest = stateText(child);
        return rest ? `${key}.${rest}` : key;
      })
      .join(',');
  }
  return '';
}

const invalidSession = () => new NotAuthorizedException('Invalid session for the user.');
const expiredSession = () => new NotAuthorizedException('Invalid session for the user, session is expired.');

/** The step is over: the flow waits for the client, or has stopped. */
const isSettled = (snapshot: AnyMachineSnapshot) => snapshot.status !== 'active' || snapshot.hasTag(AWAITING_CLIENT);

/** The flow refused the call it just took (failure.ts): its context keeps why. */
const isRefused = (snapshot: AnyMachineSnapshot) => (snapshot.context as { failure?: unknown } | undefined)?.failure !== undefined;

export class FlowRunner {
  /** Flows a call is resuming right now: their stored Session is replaced only once the step settles. */
  private readonly resuming = new Set<string>();
  /** The last piece of work queued under each key (`inTurn`). */
  private readonly turns = new Map<string, Promise<unknown>>();

  /** Set for the soonest Session expiry among waiting flows. */
  private expiryTimer: { at: number; timer: NodeJS.Timeout } | undefined;

  constructor(private readonly services: Pick<BaseServices, 'store' | 'bus' | 'clock' | 'ids'> & Partial<Pick<BaseServices, 'breakpoints'>>) {
    this.abandonLeftovers();
    // Flows left waiting when the sandbox last stopped end once their Sessions expire.
    this.watchExpiry(services.store.flows.nextExpiry());
  }

  /**
   * Ends, as `abandoned`, every flow the history holds as started and not ended that does not wait
   * with a persisted snapshot (a flow waiting for the client can be resumed after a restart).
   * A flow whose stored row ended when its `flow.ended` event was lost gets that event again.
   */
  private abandonLeftovers(): void {
    const { store, bus } = this.services;
    const leftovers = new Set([...store.events.unfinishedFlowIds(), ...store.flows.midStep().map((flow) => flow.id)]);
    for (const flowId of leftovers) {
      const flow = store.flows.findById(flowId);
      if (flow?.ended !== null && flow?.ended !== undefined) {
        bus.publish('flow.ended', { outcome: flow.outcome as 'success' | 'failure' | 'expired' | 'abandoned' }, { flowId, poolId: flow.poolId });
      } else if (flow) {
        if (flow.snapshot === null) this.end(flow, { outcome: 'failure', reason: LEFT_MID_STEP }, flow.state, 'abandoned');
      } else {
        const poolId = store.events.forFlow(flowId)[0]?.poolId ?? null;
        bus.publish('flow.ended', { outcome: 'abandoned', reason: LEFT_MID_STEP }, { flowId, poolId });
      }
    }
  }

  /**
   * Ends, as `expired`, every flow whose Session expired while it waited for the client (a flow
   * a call is resuming right now is left to that call); returns how many.
   */
  endExpired(): number {
    const waiting = this.services.store.flows.waitingPast(this.services.clock.now()).filter((flow) => !this.resuming.has(flow.id));
    for (const flow of waiting) this.end(flow, { outcome: 'failure', reason: EXPIRED_WHILE_WAITING }, flow.state, 'expired');
    return waiting.length;
  }

  /**
   * The sandbox's clock jumped (time travel): flows whose Session the jump passed end `expired`
   * now, and the timer is set anew for the next expiry in the clock's new time (a timer armed
   * before the jump counts real milliseconds from then). Answers how many ended.
   */
  clockMoved(): number {
    if (this.expiryTimer) clearTimeout(this.expiryTimer.timer);
    this.expiryTimer = undefined;
    const ended = this.endExpired();
    this.watchExpiry(this.services.store.flows.nextExpiry());
    return ended;
  }

  /** Stops watching for expiring Sessions: the sandbox is closing, and its store with it. */
  close(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer.timer);
    this.expiryTimer = undefined;
  }

  /** Arms the timer for a Session expiring at `at`, unless one is set for sooner. */
  private watchExpiry(at: number | undefined): void {
    if (at === undefined || (this.expiryTimer && this.expiryTimer.at <= at)) return;
    if (this.expiryTimer) clearTimeout(this.expiryTimer.timer);
    const timer = setTimeout(() => this.onExpiryTimer(), Math.min(LONGEST_WAIT_MS, Math.max(0, at - this.services.clock.now()) + 20));
    timer.unref();
    this.expiryTimer = { at, timer };
  }

  private onExpiryTimer(): void {
    this.expiryTimer = undefined;
    try {
      this.endExpired();
      this.watchExpiry(this.services.store.flows.nextExpiry());
    } catch (error) {
      // The store closed under the timer (the sandbox stopping), or the disk refused: the next start sweeps.
      console.error(`[flows] could not end expired flows: ${(error as Error).message}`);
    }
  }

  /** Starts a new flow and runs it until it awaits the client or ends. */
  async start<M extends AnyStateMachine>(machine: M, meta: FlowMeta, input: unknown): Promise<FlowStep<M>> {
    const now = this.services.clock.now();
    const flow: StoredFlow = {
      id: this.services.ids.uuid(),
      poolId: meta.poolId,
      clientId: meta.clientId,
      kind: meta.kind,
      username: meta.username,
      state: '',
      snapshot: null,
      sessionHash: null,
      sessionExpires: null,
      created: now,
      updated: now,
      ended: null,
      outcome: null,
    };
    this.services.bus.publish(
      'flow.started',
      {
        kind: meta.kind,
        clientId: meta.clientId ?? undefined,
        username: meta.username ?? undefined,
        machine: machine.id,
        ...(meta.parentFlowId && { parentFlowId: meta.parentFlowId }),
        ...(meta.continuesFlowId && { continuesFlowId: meta.continuesFlowId }),
      },
      { flowId: flow.id, poolId: meta.poolId },
    );
    return this.run(machine, flow, meta.sessionMinutes, { input });
  }

  /**
   * Finds the flow a Session belongs to. Unknown, used and expired sessions are refused as
   * Cognito refuses them; the caller then checks client and user before `resume`.
   */
  findBySession(session: string): StoredFlow {
    const flow = this.services.store.flows.findBySession(hashToken(session));
    if (flow?.outcome === 'expired') {
      // Ended while it waited: the client is told so once, as when it comes back in time to find it just expired.
      this.services.store.flows.save({ ...flow, sessionHash: null });
      throw expiredSession();
    }
    if (!flow || flow.ended !== null || !flow.snapshot) throw invalidSession();
    if ((flow.sessionExpires ?? 0) <= this.services.clock.now()) {
      this.end(flow, { outcome: 'failure', reason: 'session expired' }, flow.state, 'expired', false);
      throw expiredSession();
    }
    return flow;
  }

  /** The flow `flowId` names while it still awaits the client (self-service flows keep their id on the user). */
  findLive(flowId: string | undefined): StoredFlow | undefined {
    const flow = flowId === undefined ? undefined : this.services.store.flows.findById(flowId);
    return flow && flow.ended === null && flow.snapshot !== null ? flow : undefined;
  }

  /**
   * Runs `work` once the work queued before it under the same key has settled: the self-service
   * flows take a user's calls one at a time, so that two calls find the user's flow as the
   * other left it (two resets spending one code: the second finds it spent).
   */
  async inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.turns.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    const settled = mine.catch(() => undefined);
    this.turns.set(key, settled);
    try {
      return await mine;
    } finally {
      if (this.turns.get(key) === settled) this.turns.delete(key);
    }
  }

  /**
   * Resumes a persisted flow with the client's event. A second call for a flow that is still
   * being resumed is refused as Cognito refuses a Session presented twice.
   */
  async resume<M extends AnyStateMachine>(
    machine: M,
    flow: StoredFlow,
    sessionMinutes: SessionMinutes,
    event: EventFromLogic<M>,
    options: ResumeOptions = {},
  ): Promise<FlowStep<M>> {
    if (this.resuming.has(flow.id)) throw invalidSession();
    this.resuming.add(flow.id);
    try {
      return await this.run(machine, flow, sessionMinutes, { snapshot: JSON.parse(flow.snapshot!), event, keepSession: options.keepSession === true });
    } finally {
      this.resuming.delete(flow.id);
    }
  }

  private async run<M extends AnyStateMachine>(
    machine: M,
    flow: StoredFlow,
    sessionMinutes: SessionMinutes,
    how: { input?: unknown; snapshot?: any; event?: { type: string }; keepSession?: boolean },
  ): Promise<FlowStep<M>> {
    const { bus } = this.services;
    const context = { flowId: flow.id, poolId: flow.poolId };
    let current = how.snapshot ? stateText(how.snapshot.value) : null;

    const inspect = (inspection: InspectionEvent) => {
      if (inspection.type !== '@xstate.snapshot' || inspection.actorRef.sessionId !== inspection.rootId) return;
      const to = stateText((inspection.snapshot as { value?: unknown }).value);
      if (to === current) return;
      bus.publish('flow.transitioned', { from: current, to, event: inspection.event.type }, context);
      current = to;
    };

    const actor = createActor(machine as AnyStateMachine, {
      id: flow.id,
      inspect,
      ...(how.snapshot ? { snapshot: how.snapshot } : { input: how.input }),
    });
    actor.start();
    if (how.event) actor.send(how.event);
    let snapshot: AnyMachineSnapshot;
    try {
      snapshot = await this.settled(actor, flow.id);
    } catch (error) {
      actor.stop();
      this.end(flow, { outcome: 'failure', reason: (error as Error).message }, current ?? 'error', error instanceof ClientDisconnected ? 'abandoned' : 'failure');
      throw error;
    }

    if (snapshot.status === 'active') {
      const persisted = actor.getPersistedSnapshot();
      actor.stop();
      const now = this.services.clock.now();
      const saved = { ...flow, state: current ?? '', snapshot: JSON.stringify(persisted), updated: now };
      // A call the flow refused while it still waits (a wrong MFA code) leaves the client's
      // Session as it was: the client answers again with it.
      if ((isRefused(snapshot) || how.keepSession) && flow.sessionHash !== null) {
        this.services.store.flows.save(saved);
        return { flowId: flow.id, snapshot: snapshot as SnapshotFrom<M> };
      }
      const session = this.services.ids.opaque(48);
      const minutes = typeof sessionMinutes === 'function' ? sessionMinutes(snapshot) : sessionMinutes;
      const sessionExpires = now + minutes * 60_000;
      this.services.store.flows.save({ ...saved, sessionHash: hashToken(session), sessionExpires });
      this.services.bus.publish('flow.waiting', { state: saved.state, sessionExpires }, context);
      this.watchExpiry(sessionExpires);
      return { flowId: flow.id, snapshot: snapshot as SnapshotFrom<M>, session };
    }

    actor.stop();
    if (snapshot.status === 'error') {
      this.end(flow, { outcome: 'failure', reason: String(snapshot.error) }, current ?? 'error');
      throw snapshot.error;
    }
    const output = snapshot.output as FlowOutcome;
    this.end(flow, output, current ?? '');
    return { flowId: flow.id, snapshot: snapshot as SnapshotFrom<M>, output };
  }

  /**
   * The actor once it waits for the client or has stopped. A step has SETTLE_TIMEOUT_MS to get
   * there, not counting the time it is paused at a breakpoint (debug/breakpoints.ts: a pause has
   * no limit of its own).
   */
  private settled(actor: AnyActorRef, flowId: string): Promise<AnyMachineSnapshot> {
    const breakpoints = this.services.breakpoints;
    if (!breakpoints) return waitFor(actor, isSettled, { timeout: SETTLE_TIMEOUT_MS });
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout;
      const limit = () => {
        timer = setTimeout(() => {
          if (breakpoints.isPaused(flowId)) return limit();
          reject(new Error(`Timeout of ${SETTLE_TIMEOUT_MS} ms exceeded`));
        }, SETTLE_TIMEOUT_MS);
      };
      limit();
      waitFor(actor, isSettled, { timeout: Infinity }).then(
        (snapshot) => {
          clearTimeout(timer);
          resolve(snapshot);
        },
        (error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /** `keepSession`: an expired flow keeps its Session's hash, so that the client presenting it is told it expired. */
  private end(flow: StoredFlow, result: FlowOutcome, state: string, outcome: string = result.outcome, keepSession = outcome === 'expired'): void {
    const now = this.services.clock.now();
    this.services.store.flows.save({
      ...flow,
      state,
      snapshot: null,
      sessionHash: keepSession ? flow.sessionHash : null,
      sessionExpires: null,
      updated: now,
      ended: now,
      outcome,
    });
    this.services.bus.publish(
      'flow.ended',
      { outcome: outcome as 'success' | 'failure' | 'expired' | 'abandoned', reason: result.reason },
      { flowId: flow.id, poolId: flow.poolId },
    );
  }
}
