/**
 * The flows timeline: every flow run, newest first, folded from the live events; the filters
 * the timeline offers; and each flow's own events for its detail view.
 *
 * Built for tens of thousands of events: events live in plain arrays (not deep-reactive), the
 * timeline list is one shallow ref replaced once per batch, and a summary object is replaced
 * only when its flow changes, so only that row re-renders.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, triggerRef } from 'vue';
import type { SandboxEvent } from '../../shared/events';
import { emptySummary, foldEvent, matchesFilters, NO_FILTERS, type FlowFilters, type FlowSummary } from '../lib/flow-model';
import { useConnectionStore } from './connection';

const newestFirst = (a: FlowSummary, b: FlowSummary) => b.started - a.started || b.lastSeq - a.lastSeq;

export const useFlowsStore = defineStore('flows', () => {
  const summaries = new Map<string, FlowSummary>();
  const eventsByFlow = new Map<string, SandboxEvent[]>();
  /** Newest first. */
  const flows = shallowRef<FlowSummary[]>([]);
  /** Bumped whenever any flow's events grow: the detail view re-reads its flow's events. */
  const eventsVersion = shallowRef(0);
  const filters = reactive<FlowFilters>({ ...NO_FILTERS });
  const selectedId = ref<string | null>(null);

  const filteredFlows = computed(() => {
    const active = Object.values(filters).some(Boolean);
    return active ? flows.value.filter((flow) => matchesFilters(flow, filters)) : flows.value;
  });
  const selectedFlow = computed(() => {
    eventsVersion.value;
    return selectedId.value ? (summaries.get(selectedId.value) ?? null) : null;
  });

  /** The distinct values the filter menus offer. */
  const facets = computed(() => {
    const pools = new Set<string>();
    const clients = new Set<string>();
    const users = new Set<string>();
    const kinds = new Set<string>();
    for (const flow of flows.value) {
      if (flow.poolId) pools.add(flow.poolId);
      if (flow.clientId) clients.add(flow.clientId);
      if (flow.username) users.add(flow.username);
      kinds.add(flow.kind);
    }
    const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
    return { pools: sorted(pools), clients: sorted(clients), users: sorted(users), kinds: sorted(kinds) };
  });

  function ingest(batch: SandboxEvent[]): void {
    const added = new Set<string>();
    let changed = false;
    for (const event of batch) {
      if (!event.flowId) continue;
      const flowId = event.flowId;
      let events = eventsByFlow.get(flowId);
      if (!events) {
        events = [];
        eventsByFlow.set(flowId, events);
      }
      events.push(event);
      const previous = summaries.get(flowId);
      summaries.set(flowId, foldEvent(previous ?? emptySummary({ ...event, flowId }), event));
      if (!previous) added.add(flowId);
      changed = true;
    }
    if (!changed) return;
    const current = flows.value.map((flow) => summaries.get(flow.id)!);
    const fresh = [...added].map((id) => summaries.get(id)!).sort(newestFirst);
    // New flows are almost always the newest: prepend them; sort everything only when they are not.
    const inOrder = fresh.length === 0 || current.length === 0 || newestFirst(fresh[fresh.length - 1]!, current[0]!) <= 0;
    flows.value = inOrder ? [...fresh, ...current] : [...fresh, ...current].sort(newestFirst);
    triggerRef(eventsVersion);
  }

  /** The flow's events, oldest first; fetched from the server when the stream no longer holds them. */
  function eventsOf(flowId: string): SandboxEvent[] {
    eventsVersion.value;
    return eventsByFlow.get(flowId) ?? [];
  }

  async function loadFlow(flowId: string): Promise<void> {
    if (eventsByFlow.has(flowId)) return;
    const response = await fetch(`/_sandbox/api/flows/${encodeURIComponent(flowId)}`);
    if (!response.ok) return;
    const { events } = (await response.json()) as { events: SandboxEvent[] };
    if (!eventsByFlow.has(flowId)) ingest(events);
  }

  function selectFlow(flowId: string | null): void {
    selectedId.value = flowId;
    if (flowId) void loadFlow(flowId);
  }

  function setFilter<K extends keyof FlowFilters>(name: K, value: FlowFilters[K]): void {
    filters[name] = value;
  }

  function clearFilters(): void {
    Object.assign(filters, NO_FILTERS);
  }

  function findFlow(flowId: string): FlowSummary | undefined {
    return summaries.get(flowId);
  }

  useConnectionStore().addEventListener(ingest);

  return {
    flows,
    filters,
    selectedId,
    filteredFlows,
    selectedFlow,
    facets,
    eventsVersion,
    eventsOf,
    findFlow,
    selectFlow,
    setFilter,
    clearFilters,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useFlowsStore, import.meta.hot));
