/** The bag of services operations draw from; each operation picks what it needs. */
import type { Clock } from './clock.js';
import type { SandboxOptions } from './config/options.js';
import type { EventBus } from './debug/bus.js';
import type { Ids } from './ids.js';
import type { Store } from './store/index.js';
import type { FlowRunner } from './flows/runner.js';
import type { SigningKeys } from './tokens/keys.js';
import type { Tokens } from './tokens/tokens.js';
import type { Triggers } from './triggers/runtime.js';

export interface Services {
  options: SandboxOptions;
  clock: Clock;
  ids: Ids;
  store: Store;
  bus: EventBus;
  keys: SigningKeys;
  tokens: Tokens;
  flows: FlowRunner;
  triggers: Triggers;
}
