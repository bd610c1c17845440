/** Applies a `--config` file: pools, clients, users and groups created at start, idempotently. */
import type { Services } from '../services.js';

export async function applyConfigFile(_services: Services, file: string): Promise<void> {
  throw new Error(`--config is not implemented yet (${file})`);
}
