/**
 * Flow machine definitions for the state chart: the list of registered machines
 * (`GET /_sandbox/api/machines`, fetched once: machines are registered when the server starts),
 * then each machine's structure (`/machines/{id}`), fetched once when first asked for.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { reactive } from 'vue';
import type { MachineStateNode } from '../../shared/debugger-api';
import { callApi } from '../lib/api-client';

export type MachineEntry = { status: 'loading' } | { status: 'loaded'; machine: MachineStateNode } | { status: 'missing'; message: string };

export const useMachinesStore = defineStore('machines', () => {
  const machines = reactive(new Map<string, MachineEntry>());
  let registered: Promise<string[]> | undefined;

  function registeredIds(): Promise<string[]> {
    registered ??= callApi('machines').catch(() => []);
    return registered;
  }

  async function fetchMachine(id: string): Promise<void> {
    machines.set(id, { status: 'loading' });
    try {
      if (!(await registeredIds()).includes(id)) {
        machines.set(id, { status: 'missing', message: `the server has no machine named “${id}” registered for charts.` });
        return;
      }
      machines.set(id, { status: 'loaded', machine: await callApi('machine', { params: { id } }) });
    } catch (error) {
      machines.set(id, { status: 'missing', message: (error as Error).message });
    }
  }

  /** The machine's entry, starting its fetch the first time it is asked for. */
  function machine(id: string): MachineEntry {
    if (!machines.has(id)) void fetchMachine(id);
    return machines.get(id) ?? { status: 'loading' };
  }

  return { machine };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useMachinesStore, import.meta.hot));
