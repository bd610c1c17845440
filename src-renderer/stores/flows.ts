/**
 * The flows timeline: every flow run, newest first, folded from the live events; the filters
 * the timeline offers; and each flow's own events for its detail view.
 *
 * Built for tens of thousands of events: events live in plain arrays (not deep-reactive), the
 * timeline list is one shallow ref replaced once per batch, and a summary object is replaced
 * only when its flow changes, so only that row re-renders.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, reactive, shallowRef, triggerRef } from 'vue';
import type { PersonListItem } from '../../shared/debugger-api';
import type { SandboxEvent } from '../../shared/events';
import { callApi } from '../lib/api-client';
import { emptySummary, foldEvent, matchesFilters, NO_FILTERS, type FlowFilters, type FlowPerson, type FlowSummary } from '../lib/flow-model';
import { useConnectionStore } from './connection';
import { personFilterValue, usePeopleStore } from './people';

/** Newest first; among flows started in the same millisecond, the one seen later first. */
const newestFirst = (a: FlowSummary, b: FlowSummary) => b.started - a.started || b.firstSeq - a.firstSeq;

export const useFlowsStore = defineStore('flows', () => {
  const summaries = new Map<string, FlowSummary>();
  const eventsByFlow = new Map<string, SandboxEvent[]>();
  /** Newest first. */
  const flows = shallowRef<FlowSummary[]>([]);
  /**
   * Each flow's place in `flows`, counted from the end: prepending the newest flows leaves it
   * unchanged, so updating a known flow finds its row without a search.
   */
  const placeFromEnd = new Map<string, number>();
  /** Bumped whenever any flow's events grow: the detail view re-reads its flow's events. */
  const eventsVersion = shallowRef(0);
  const filters = reactive<FlowFilters>({ ...NO_FILTERS });

  const facetSets = { pools: new Set<string>(), clients: new Set<string>(), users: new Set<string>(), kinds: new Set<string>() };
  const facetsVersion = shallowRef(0);
  /** The flows each flow started (a hosted login's sign-in, sign-up or reset), by the parent's id. */
  const childIds = new Map<string, Set<string>>();
  /** The refreshes that continue each sign-in, by the sign-in's id. */
  const refreshIds = new Map<string, Set<string>>();
  /** Flows asked for by id (a link, the URL) that the sandbox no longer has. */
  const missing = reactive(new Set<string>());

  const people = usePeopleStore();

  /** Each person as the filters see them, made once per person (the people store replaces a person who changes). */
  const flowPeople = new WeakMap<PersonListItem, FlowPerson>();

  /** The person a flow names, with every name they go by (the flow's own username when the sandbox knows no one by it). */
  function personOf(flow: FlowSummary): FlowPerson | undefined {
    const person = people.personOf(flow);
    if (!person) return undefined;
    let seen = flowPeople.get(person);
    if (!seen) flowPeople.set(person, (seen = { filterValue: personFilterValue(person), label: person.label, identifiers: person.identifiers }));
    return seen;
  }

  const filteredFlows = computed(() => {
    const active = Object.values(filters).some(Boolean);
    if (!active) return flows.value;
    people.version;
    // Only the user filter and search look at the person: the other filters skip the lookup.
    const byPerson = Boolean(filters.user || filters.search);
    return flows.value.filter((flow) => matchesFilters(flow, filters, byPerson ? personOf(flow) : undefined));
  });

  /** The distinct values the filter menus offer; each person once, however many names their flows used. */
  const facets = computed(() => {
    facetsVersion.value;
    people.version;
    const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
    const users = new Map<string, string>();
    for (const key of facetSets.users) {
      const [poolId, username] = key.split('\n') as [string, string];
      const person = people.personOf({ poolId: poolId || null, username });
      if (person) users.set(personFilterValue(person), person.label === person.username ? person.label : `${person.label} (${person.username})`);
      else users.set(username, username);
    }
    const userOptions = [...users].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
    return { pools: sorted(facetSets.pools), clients: sorted(facetSets.clients), users: userOptions, kinds: sorted(facetSets.kinds) };
  });

  function noteFacets(flow: FlowSummary): boolean {
    const before = facetSets.pools.size + facetSets.clients.size + facetSets.users.size + facetSets.kinds.size;
    if (flow.poolId) facetSets.pools.add(flow.poolId);
    if (flow.clientId) facetSets.clients.add(flow.clientId);
    if (flow.username) facetSets.users.add(`${flow.poolId ?? ''}\n${flow.username}`);
    facetSets.kinds.add(flow.kind);
    return facetSets.pools.size + facetSets.clients.size + facetSets.users.size + facetSets.kinds.size !== before;
  }

  function ingest(batch: SandboxEvent[]): void {
    const added = new Set<string>();
    const updated = new Set<string>();
    for (const event of batch) {
      if (!event.flowId) continue;
      const flowId = event.flowId;
      let events = eventsByFlow.get(flowId);
      if (!events) {
        events = [];
        eventsByFlow.set(flowId, events);
      }
      const previous = summaries.get(flowId);
      const newest = events[events.length - 1];
      if (!newest || event.seq > newest.seq) {
        events.push(event);
        summaries.set(flowId, foldEvent(previous ?? emptySummary({ ...event, flowId }), event));
      } else if (events.some((e) => e.seq === event.seq)) {
        continue; // Already here: the flow was fetched on its own before the stream replayed it.
      } else {
        events.splice(events.findIndex((e) => e.seq > event.seq), 0, event);
        summaries.set(flowId, events.reduce(foldEvent, emptySummary({ ...events[0]!, flowId })));
      }
      (previous && !added.has(flowId) ? updated : added).add(flowId);
    }
    if (added.size === 0 && updated.size === 0) return;
    // A hosted login learns who signed in from the sign-in it started.
    for (const id of [...added, ...updated]) {
      const child = summaries.get(id)!;
      const parent = child.parentFlowId ? summaries.get(child.parentFlowId) : undefined;
      if (!parent || parent.username || !child.username) continue;
      summaries.set(parent.id, { ...parent, username: child.username });
      if (!added.has(parent.id)) updated.add(parent.id);
    }
    // A changed flow's events become a new array, so views holding the old one see the change.
    for (const id of [...added, ...updated]) eventsByFlow.set(id, eventsByFlow.get(id)!.slice());
    for (const id of added) noteParent(summaries.get(id)!);
    for (const id of updated) noteParent(summaries.get(id)!);

    let newFacets = false;
    const rows = flows.value.slice();
    for (const id of updated) {
      const summary = summaries.get(id)!;
      rows[rows.length - 1 - placeFromEnd.get(id)!] = summary;
      newFacets = noteFacets(summary) || newFacets;
    }
    const fresh = [...added].map((id) => summaries.get(id)!).sort(newestFirst);
    fresh.forEach((flow) => (newFacets = noteFacets(flow) || newFacets));
    // New flows are almost always the newest: prepend them; sort everything only when they are not.
    const inOrder = fresh.length === 0 || rows.length === 0 || newestFirst(fresh[fresh.length - 1]!, rows[0]!) <= 0;
    const next = fresh.length === 0 ? rows : inOrder ? fresh.concat(rows) : fresh.concat(rows).sort(newestFirst);
    if (!inOrder) placeFromEnd.clear();
    for (let i = next.length - 1 - (inOrder ? rows.length : 0); i >= 0; i--) placeFromEnd.set(next[i]!.id, next.length - 1 - i);
    flows.value = next;
    if (newFacets) triggerRef(facetsVersion);
    triggerRef(eventsVersion);
  }

  function noteParent(flow: FlowSummary): void {
    if (flow.continuesFlowId) {
      if (!refreshIds.has(flow.continuesFlowId)) refreshIds.set(flow.continuesFlowId, new Set());
      refreshIds.get(flow.continuesFlowId)!.add(flow.id);
    }
    if (!flow.parentFlowId) return;
    let children = childIds.get(flow.parentFlowId);
    if (!children) childIds.set(flow.parentFlowId, (children = new Set()));
    children.add(flow.id);
  }

  /** The flows this one started, oldest first. */
  function childrenOf(flowId: string): FlowSummary[] {
    eventsVersion.value;
    return [...(childIds.get(flowId) ?? [])].map((id) => summaries.get(id)!).sort((a, b) => a.firstSeq - b.firstSeq);
  }

  /** The refreshes that continue this sign-in, oldest first. */
  function refreshesOf(flowId: string): FlowSummary[] {
    eventsVersion.value;
    return [...(refreshIds.get(flowId) ?? [])].map((id) => summaries.get(id)!).sort((a, b) => a.firstSeq - b.firstSeq);
  }

  /** The flow's events, oldest first. */
  function eventsOf(flowId: string): SandboxEvent[] {
    eventsVersion.value;
    return eventsByFlow.get(flowId) ?? [];
  }

  /** A flow the stream's history did not hold (its oldest events pruned): fetched on its own. */
  async function loadFlow(flowId: string): Promise<void> {
    await connection.whenHistoryLoaded();
    if (eventsByFlow.has(flowId)) return;
    // The list first: asking for an unknown flow by id would log a 404 in the console.
    const known = await callApi('flows', { query: { limit: 1000 } }).then((list) => list.some((flow) => flow.id === flowId), () => false);
    if (!known) {
      missing.add(flowId);
      return;
    }
    const flow = await callApi('flow', { params: { id: flowId } }).catch(() => undefined);
    if (!flow) missing.add(flowId);
    else if (!eventsByFlow.has(flowId)) ingest(flow.events);
  }

  /** Makes sure an opened flow's events are here, fetching them if the stream no longer holds them. */
  function openFlow(flowId: string | null): void {
    if (flowId) void loadFlow(flowId);
  }

  function clearFilters(): void {
    Object.assign(filters, NO_FILTERS);
  }

  function findFlow(flowId: string): FlowSummary | undefined {
    return summaries.get(flowId);
  }

  const connection = useConnectionStore();
  connection.addEventListener(ingest);

  return {
    flows,
    filters,
    filteredFlows,
    facets,
    eventsVersion,
    missing,
    eventsOf,
    childrenOf,
    refreshesOf,
    findFlow,
    personOf,
    openFlow,
    clearFilters,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useFlowsStore, import.meta.hot));
