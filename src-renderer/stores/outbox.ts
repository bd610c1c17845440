/**
 * The outbox, Mailpit style: every email and SMS the sandbox "sent", codes included (the
 * `message.sent` event masks them; `GET /_sandbox/api/outbox` is where they are read in clear).
 * Loaded once, then refreshed whenever a `message.sent` event arrives.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { OutboxMessage } from '../../shared/debugger-api';
import type { SandboxEvent } from '../../shared/events';
import { callApi } from '../lib/api-client';
import { useConnectionStore } from './connection';

const FIRST_LOAD = 1_000;
const REFRESH_LOAD = 100;

export const useOutboxStore = defineStore('outbox', () => {
  /** Newest first. */
  const messages = shallowRef<OutboxMessage[]>([]);
  const search = ref('');
  const selectedId = ref<number | null>(null);
  const loaded = ref(false);

  const filteredMessages = computed(() => {
    const needle = search.value.trim().toLowerCase();
    if (!needle) return messages.value;
    return messages.value.filter((m) =>
      [m.destination, m.subject, m.body, m.purpose, m.username, m.poolId].some((text) => text?.toLowerCase().includes(needle)),
    );
  });
  const selectedMessage = computed(() => messages.value.find((m) => m.id === selectedId.value) ?? null);
  const unseenIds = ref(new Set<number>());

  async function fetchNewest(limit: number): Promise<void> {
    const newestLast = await callApi('outbox', { query: { limit } }).catch(() => undefined);
    if (!newestLast) return;
    const known = new Set(messages.value.map((m) => m.id));
    const fresh = newestLast.filter((m) => !known.has(m.id)).reverse();
    if (fresh.length === 0) return;
    if (loaded.value) unseenIds.value = new Set([...unseenIds.value, ...fresh.map((m) => m.id)]);
    messages.value = [...fresh, ...messages.value].sort((a, b) => b.id - a.id);
  }

  async function load(): Promise<void> {
    await fetchNewest(FIRST_LOAD);
    loaded.value = true;
  }

  let refreshing: Promise<void> | undefined;
  let refreshAgain = false;
  /** One refresh at a time; events arriving meanwhile ask for one more. */
  function refresh(): void {
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = fetchNewest(REFRESH_LOAD).finally(() => {
      refreshing = undefined;
      if (refreshAgain) {
        refreshAgain = false;
        refresh();
      }
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

  function messagesOfFlow(flowId: string): OutboxMessage[] {
    return messages.value.filter((m) => m.flowId === flowId);
  }

  useConnectionStore().addEventListener((batch: SandboxEvent[]) => {
    if (batch.some((event) => event.type === 'message.sent')) refresh();
  });

  return { messages, search, selectedId, loaded, unseenIds, filteredMessages, selectedMessage, load, selectMessage, messagesOfFlow };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useOutboxStore, import.meta.hot));
