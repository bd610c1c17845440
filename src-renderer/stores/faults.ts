/**
 * The injected faults (`/_sandbox/api/faults`): loaded once, then kept as the server announces
 * them (`faults.changed` carries the whole list; `fault.injected` the new hit count), so every
 * window shows the same list and the top bar's marker stays true.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import type { Fault, FaultSpec } from '../../shared/faults';
import type { SandboxEvent } from '../../shared/events';
import { callApi } from '../lib/api-client';
import { useConnectionStore } from './connection';

export const useFaultsStore = defineStore('faults', () => {
  const faults = shallowRef<Fault[]>([]);
  const active = computed(() => faults.value.length);

  async function load(): Promise<void> {
    faults.value = (await callApi('faults').catch(() => undefined))?.faults ?? faults.value;
  }

  /** Injects a fault; the server's `faults.changed` lists it, and so does the answer. */
  async function add(spec: FaultSpec): Promise<Fault> {
    const { fault } = await callApi('addFault', { body: spec });
    if (!faults.value.some((each) => each.id === fault.id)) faults.value = [...faults.value, fault];
    return fault;
  }

  async function remove(id: string): Promise<void> {
    await callApi('removeFault', { params: { id } });
    faults.value = faults.value.filter((fault) => fault.id !== id);
  }

  async function removeAll(): Promise<void> {
    await callApi('clearFaults');
    faults.value = [];
  }

  const connection = useConnectionStore();
  // Faults live in the server's memory: a restarted server has none, and says so only when asked.
  watch(
    () => connection.status === 'open' && connection.historyLoaded,
    (live) => {
      if (live) void load();
    },
  );
  connection.addEventListener((batch: SandboxEvent[]) => {
    let next = faults.value;
    for (const event of batch) {
      // The stored history replays lists of faults a restart has cleared: only live announcements count.
      if (event.type === 'faults.changed' && connection.historyLoaded) next = event.data.faults;
      else if (event.type === 'fault.injected') {
        const { faultId, hits } = event.data;
        next = next.map((fault) => (fault.id === faultId && fault.hits < hits ? { ...fault, hits } : fault));
      }
    }
    if (next !== faults.value) faults.value = next;
  });

  return { faults, active, load, add, remove, removeAll };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useFaultsStore, import.meta.hot));
