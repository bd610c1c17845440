/**
 * The outbox, Mailpit style: every email and SMS the sandbox "sent", codes included (the
 * `message.sent` event masks them; `GET /_sandbox/api/outbox` is where they are read in clear),
 * each with what its code is for and what became of it. Loaded once, then refreshed whenever a
 * message is sent, a flow ends or an API call is made (a code may have been used): the newest
 * messages are asked again, their code states replaced.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { OutboxEntry } from '../../shared/debugger-api';
import type { SandboxEvent } from '../../shared/events';
import { callApi } from '../lib/api-client';
import { useConnectionStore } from './connection';

const FIRST_LOAD = 1_000;
const REFRESH_LOAD = 100;
const REFRESH_PAUSE_MS = 250;
/** Events after which the newest messages are asked again: a code may have been sent, used, or expired (a clock jump). */
const MAY_CHANGE_CODES = new Set<SandboxEvent['type']>(['message.sent', 'flow.ended', 'api.called', 'clock.changed']);

export const useOutboxStore = defineStore('outbox', () => {
  /** Newest first. */
  const messages = shallowRef<OutboxEntry[]>([]);
  const search = ref('');
  const clearing = ref(false);
  const selectedId = ref<number | null>(null);
  const loaded = ref(false);

  const filteredMessages = computed(() => {
    const needle = search.value.trim().toLowerCase();
    if (!needle) return messages.value;
    return messages.value.filter((m) =>
      [m.destination, m.subject, m.body, m.purpose, m.for, m.username, m.poolId].some((text) => text?.toLowerCase().includes(needle)),
    );
  });
  const selectedMessage = computed(() => messages.value.find((m) => m.id === selectedId.value) ?? null);
  const unseenIds = ref(new Set<number>());

  async function fetchNewest(limit: number): Promise<void> {
    const newestLast = await callApi('outbox', { query: { limit } }).catch(() => undefined);
    if (!newestLast) return;
    const known = new Set(messages.value.map((m) => m.id));
    const fresh = newestLast.filter((m) => !known.has(m.id)).reverse();
    if (loaded.value && fresh.length) unseenIds.value = new Set([...unseenIds.value, ...fresh.map((m) => m.id)]);
    const answered = new Map(newestLast.map((m) => [m.id, m]));
    messages.value = [...fresh, ...messages.value.map((m) => answered.get(m.id) ?? m)].sort((a, b) => b.id - a.id);
  }

  async function load(): Promise<void> {
    await fetchNewest(FIRST_LOAD);
    loaded.value = true;
  }

  let refreshing: Promise<void> | undefined;
  let refreshAgain = false;
  /** One refresh at a time; events arriving meanwhile ask for one more, a moment later (a busy app's calls ask often). */
  function refresh(): void {
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = fetchNewest(REFRESH_LOAD).finally(() => {
      setTimeout(() => {
        refreshing = undefined;
        if (refreshAgain) {
          refreshAgain = false;
          refresh();
        }
      }, REFRESH_PAUSE_MS);
    });
  }

  function selectMessage(id: number | null): void {
    selectedId.value = id;
    if (id !== null && unseenIds.value.has(id)) {
      const rest = new Set(unseenIds.value);
      rest.delete(id);
      unseenIds.value = rest;
    }
  }

  function forgetAll(): void {
    messages.value = [];
    unseenIds.value = new Set();
    selectedId.value = null;
  }

  /** Empties the outbox on the server ("Delete all"), then here. */
  async function clearAll(): Promise<void> {
    clearing.value = true;
    try {
      await callApi('clearOutbox');
      forgetAll();
    } finally {
      clearing.value = false;
    }
  }

  function messagesOfFlow(flowId: string): OutboxEntry[] {
    return messages.value.filter((m) => m.flowId === flowId);
  }

  const connection = useConnectionStore();
  connection.addEventListener((batch: SandboxEvent[]) => {
    // Any window's "Delete all", heard live, empties this one too; messages sent after it come back
    // with the refresh. (History replayed at load is older than what load() reads.)
    if (connection.historyLoaded && batch.some((event) => event.type === 'outbox.cleared')) forgetAll();
    if (batch.some((event) => MAY_CHANGE_CODES.has(event.type))) refresh();
  });

  return { messages, search, selectedId, loaded, unseenIds, clearing, filteredMessages, selectedMessage, load, selectMessage, clearAll, messagesOfFlow };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useOutboxStore, import.meta.hot));
