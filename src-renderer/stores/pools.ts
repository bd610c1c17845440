/**
 * The pools and app clients that exist (`GET /_sandbox/api/pools`), for the first-run snippets.
 * Refreshed when an API call creates or deletes one.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { SandboxEvent } from '../../shared/events';
import { useConnectionStore } from './connection';

export interface PoolInfo {
  id: string;
  name: string;
  created: number;
  clients: { id: string; name: string; hasSecret: boolean; authFlows: string[] }[];
}

const CHANGES_POOLS = /^(Create|Delete|Update)UserPool(Client)?$/;

export const usePoolsStore = defineStore('pools', () => {
  const pools = shallowRef<PoolInfo[]>([]);

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
    const response = await fetch('/_sandbox/api/pools');
    if (response.ok) pools.value = (await response.json()) as PoolInfo[];
  }

  useConnectionStore().addEventListener((batch: SandboxEvent[]) => {
    if (batch.some((e) => e.type === 'api.called' && !e.data.error && CHANGES_POOLS.test(e.data.operation))) void refresh();
  });

  return { pools, snippetTarget, refresh };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePoolsStore, import.meta.hot));
