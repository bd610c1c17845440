/**
 * Every AWS API call the sandbox answered (`api.called`), newest first: flows are only some of
 * them. Searchable by operation, pool, error, request id or client. The window's own calls (its
 * admin pages', `origin: 'window'`) are left out unless asked for.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ApiCalled, EventBase, SandboxEvent } from '../../shared/events';
import { useConnectionStore } from './connection';

export type ApiCallEvent = EventBase & ApiCalled;

export const isWindowCall = (call: ApiCallEvent): boolean => call.data.origin === 'window';

export const useApiCallsStore = defineStore('apiCalls', () => {
  /** Newest first. */
  const calls = shallowRef<ApiCallEvent[]>([]);
  const search = ref('');
  const errorsOnly = ref(false);
  const showWindowCalls = ref(false);
  const selectedSeq = ref<number | null>(null);

  /** The calls the list is made of before search and filters: every call, or the apps' only. */
  const listedCalls = computed(() => (showWindowCalls.value ? calls.value : calls.value.filter((call) => !isWindowCall(call))));
  const windowCallCount = computed(() => calls.value.filter(isWindowCall).length);

  const filteredCalls = computed(() => {
    const needle = search.value.trim().toLowerCase();
    if (!needle && !errorsOnly.value) return listedCalls.value;
    return listedCalls.value.filter((call) => {
      if (errorsOnly.value && !call.data.error) return false;
      if (!needle) return true;
      return [call.data.operation, call.poolId, call.flowId, call.data.error?.type, call.data.requestId, call.data.http?.client?.name]
        .some((text) => text?.toLowerCase().includes(needle));
    });
  });
  const bySeq = new Map<number, ApiCallEvent>();
  const selectedCall = computed(() => {
    calls.value;
    return selectedSeq.value === null ? null : (bySeq.get(selectedSeq.value) ?? null);
  });

  function ingest(batch: SandboxEvent[]): void {
    const fresh = batch.filter((event): event is ApiCallEvent => event.type === 'api.called').reverse();
    if (fresh.length === 0) return;
    fresh.forEach((call) => bySeq.set(call.seq, call));
    calls.value = fresh.concat(calls.value);
  }

  function selectCall(seq: number | null): void {
    selectedSeq.value = seq;
  }

  useConnectionStore().addEventListener(ingest);

  return { calls, search, errorsOnly, showWindowCalls, selectedSeq, listedCalls, windowCallCount, filteredCalls, selectedCall, selectCall };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useApiCallsStore, import.meta.hot));
