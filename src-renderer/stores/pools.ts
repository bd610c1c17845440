/**
 * The pools and app clients that exist (`GET /_sandbox/api/pools`), for the first-run snippets.
 * Refreshed when an API call creates or deletes one.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { PoolListItem } from '../../shared/debugger-api';
import type { SandboxEvent } from '../../shared/events';
import { callApi } from '../lib/api-client';
import { useConnectionStore } from './connection';

const CHANGES_POOLS = /^(Create|Delete|Update)UserPool(Client)?$/;

export const usePoolsStore = defineStore('pools', () => {
  const pools = shallowRef<PoolListItem[]>([]);

  /** The pool and client a snippet should use: the newest pool that has a client without a secret. */
  const snippetTarget = computed(() => {
    const newestFirst = [...pools.value].sort((a, b) => b.created - a.created);
    for (const pool of newestFirst) {
      const client = pool.clients.find((c) => !c.hasSecret);
      if (client) return { poolId: pool.id, clientId: client.id };
    }
    return newestFirst[0] ? { poolId: newestFirst[0].id, clientId: undefined } : undefined;
  });

  async function refresh(): Promise<void> {
    pools.value = await callApi('pools').catch(() => pools.value);
  }

  useConnectionStore().addEventListener((batch: SandboxEvent[]) => {
    if (batch.some((e) => e.type === 'api.called' && !e.data.error && CHANGES_POOLS.test(e.data.operation))) void refresh();
  });

  return { pools, snippetTarget, refresh };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePoolsStore, import.meta.hot));
