/** The bag of services the doors draw from; each operation picks what it needs. */
import type { BaseServices } from './base-services.js';
import type { SandboxClock } from './clock.js';
import type { Flows } from './flows/index.js';
import type { HttpsEndpoint } from './server/tls/https-server.js';
import type { SigningKeys } from './tokens/keys.js';
import type { Tokens } from './tokens/tokens.js';
import type { Triggers } from './triggers/runtime.js';

export interface Services extends BaseServices {
  /** Real time plus the offset time travel moved it by (`/_sandbox/api/clock`). */
  clock: SandboxClock;
  keys: SigningKeys;
  tokens: Tokens;
  flows: Flows;
  triggers: Triggers;
  /** The HTTPS port, once it listens (`httpsPort`). */
  https?: HttpsEndpoint;
}
