/**
 * `services.faults`: the faults a developer injects (the window's Faults view, `/_sandbox/api/faults`)
 * to see how their app copes with Cognito failing: throttling (TooManyRequestsException) and added
 * latency on operations, a Lambda trigger timing out or throwing, email or SMS delivery failing,
 * an identity provider erroring.
 *
 * Faults live in memory: a restart clears them, so a sandbox never starts out failing. Each place
 * that can fail asks `match(kind, where)` for the fault that hits it now (by pool, operation or API
 * category, trigger, channel, provider, and the fault's rate), makes it happen as Cognito would,
 * and reports it with `injected`, which counts the hit and publishes `fault.injected` (in the flow
 * it hit, when there is one). Every change to the list publishes `faults.changed`.
 */
import type { AwsError } from '../../shared/events.js';
import { categoryOf, describeFault, type Fault, type FaultChannel, type FaultKind, type FaultSpec } from '../../shared/faults.js';
import type { Clock } from '../clock.js';
import type { Ids } from '../ids.js';
import type { EventBus } from './bus.js';

/** What the faults need (not `Pick<BaseServices, ...>`: BaseServices holds the Faults). */
export interface FaultServices {
  bus: EventBus;
  clock: Clock;
  ids: Ids;
}

/** Where a fault could hit: the members a fault's scope is matched against. */
export interface FaultSite {
  poolId?: string | null;
  operation?: string;
  /** The API category, where the operation alone does not tell it (an MFA code's delivery). */
  category?: string;
  trigger?: string;
  channel?: FaultChannel;
  providerName?: string;
}

/** What the fault did, for the event. */
export interface FaultEffect {
  error?: AwsError;
  ms?: number;
}

export interface FaultsOptions {
  /** A number in [0, 1): whether a fault below 100 % hits (tests may make it certain). */
  random?: () => number;
}

export class Faults {
  private faults: Fault[] = [];
  private readonly random: () => number;

  constructor(
    private readonly services: FaultServices,
    options: FaultsOptions = {},
  ) {
    this.random = options.random ?? Math.random;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /** Adds a fault the caller has checked (server/sandbox-api/faults.ts reads and checks the request). */
  add(spec: FaultSpec): Fault {
    const scoped = Object.fromEntries(Object.entries(spec).filter(([, value]) => value !== undefined)) as FaultSpec;
    const rate = spec.rate ?? 100;
    const fault: Fault = { ...scoped, id: this.services.ids.uuid(), rate, created: this.services.clock.now(), hits: 0, description: describeFault({ ...scoped, rate }) };
    this.faults.push(fault);
    this.changed();
    return { ...fault };
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((fault) => fault.id !== id);
    if (this.faults.length === before) return false;
    this.changed();
    return true;
  }

  /** Switches every fault off; answers how many there were. */
  clear(): number {
    const removed = this.faults.length;
    this.faults = [];
    if (removed > 0) this.changed();
    return removed;
  }

  /** Whether any fault of these kinds is on (a cheap check before working out where a call hits). */
  any(...kinds: FaultKind[]): boolean {
    return this.faults.some((fault) => kinds.includes(fault.kind));
  }

  /** The first fault of `kind` whose scope takes in `site` and whose rate says it hits this time. */
  match(kind: FaultKind, site: FaultSite): Fault | undefined {
    return this.faults.find((fault) => fault.kind === kind && covers(fault, site) && this.hitsThisTime(fault));
  }

  /** Every fault of `kind` that hits `site` this time (latency adds up). */
  matchAll(kind: FaultKind, site: FaultSite): Fault[] {
    return this.faults.filter((fault) => fault.kind === kind && covers(fault, site) && this.hitsThisTime(fault));
  }

  /** Counts the hit and publishes `fault.injected`, in the flow it hit when there is one. */
  injected(fault: Fault, site: FaultSite & { flowId?: string | null }, effect: FaultEffect = {}): void {
    const kept = this.faults.find((each) => each.id === fault.id);
    if (kept) kept.hits++;
    this.services.bus.publish(
      'fault.injected',
      {
        faultId: fault.id,
        kind: fault.kind,
        description: fault.description,
        hits: kept?.hits ?? fault.hits + 1,
        ...(site.operation && { operation: site.operation }),
        ...(site.trigger && { trigger: site.trigger }),
        ...(site.channel && { channel: site.channel }),
        ...(site.providerName && { providerName: site.providerName }),
        ...(effect.error && { error: effect.error }),
        ...(effect.ms !== undefined && { ms: effect.ms }),
      },
      { flowId: site.flowId ?? null, poolId: site.poolId ?? null },
    );
  }

  private hitsThisTime(fault: Fault): boolean {
    return fault.rate >= 100 || (fault.rate > 0 && this.random() * 100 < fault.rate);
  }

  private changed(): void {
    this.services.bus.publish('faults.changed', { faults: this.list() });
  }
}

/** Whether the fault's scope (pool, operation or category, trigger, channel, provider) takes in the site. */
function covers(fault: Fault, site: FaultSite): boolean {
  if (fault.poolId !== undefined && fault.poolId !== site.poolId) return false;
  if (fault.operation !== undefined && fault.operation !== site.operation) return false;
  if (fault.category !== undefined && fault.category !== (site.category ?? (site.operation && categoryOf(site.operation)))) return false;
  if (fault.trigger !== undefined && fault.trigger !== site.trigger) return false;
  if (fault.channel !== undefined && fault.channel !== site.channel) return false;
  if (fault.providerName !== undefined && fault.providerName !== site.providerName) return false;
  return true;
}
