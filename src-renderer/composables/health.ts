/**
 * The sandbox's health answer (its region, its HTTPS listener's address), fetched once for the
 * window: what the server was started with does not change while it runs.
 */
import { shallowRef, type ShallowRef } from 'vue';
import type { Health } from '../../shared/debugger-api';
import { callApi } from '../lib/api-client';

const health = shallowRef<Health | null>(null);
let asked: Promise<void> | undefined;

export function useSandboxHealth(): Readonly<ShallowRef<Health | null>> {
  asked ??= callApi('health').then(
    (answer) => void (health.value = answer),
    () => (asked = undefined),
  );
  return health;
}
