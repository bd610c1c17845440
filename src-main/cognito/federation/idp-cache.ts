/**
 * What the sandbox keeps of a provider's documents for a while (OIDC discovery, JWKS), per sandbox:
 * tests run several sandboxes in one process, and one's providers are not another's. The sandbox is
 * told apart by its event bus, the one object every services bag of it shares.
 */
import type { BaseServices } from '../../base-services.js';

interface Kept<T> {
  value: T;
  fetched: number;
}

export class IdpCache<T> {
  private readonly perSandbox = new WeakMap<object, Map<string, Kept<T>>>();

  constructor(private readonly ttlMs: number) {}

  private entries(services: Pick<BaseServices, 'bus'>): Map<string, Kept<T>> {
    let entries = this.perSandbox.get(services.bus);
    if (!entries) this.perSandbox.set(services.bus, (entries = new Map()));
    return entries;
  }

  /** The value kept for `key`, unless it is older than the cache's time to live. */
  get(services: Pick<BaseServices, 'bus' | 'clock'>, key: string): T | undefined {
    const kept = this.entries(services).get(key);
    return kept && services.clock.now() - kept.fetched < this.ttlMs ? kept.value : undefined;
  }

  set(services: Pick<BaseServices, 'bus' | 'clock'>, key: string, value: T): void {
    this.entries(services).set(key, { value, fetched: services.clock.now() });
  }
}
