/**
 * The services every layer below the doors may draw from. Each service or flow declares the part
 * it needs (`Pick<BaseServices, ...>` plus its own collaborators), so nothing below server/
 * imports the composition (services.ts) that imports it back.
 */
import type { Clock } from './clock.js';
import type { SandboxOptions } from './config/options.js';
import type { Breakpoints } from './debug/breakpoints.js';
import type { EventBus } from './debug/bus.js';
import type { Faults } from './debug/faults.js';
import type { Ids } from './ids.js';
import type { Store } from './store/index.js';

export interface BaseServices {
  options: SandboxOptions;
  clock: Clock;
  ids: Ids;
  store: Store;
  bus: EventBus;
  /** Where the developer stops flows, and the flows stopped there: debug/breakpoints.ts. */
  breakpoints: Breakpoints;
  /** Injected faults (throttling, latency, trigger, delivery and identity provider failures): debug/faults.ts. */
  faults: Faults;
}
