/**
 * The people flows name: each user with every name they go by (email, phone, username, sub,
 * preferred username), so a flow is labelled as a person recognises them and found by any of
 * those names. Asked of the sandbox again (debounced) whenever a flow starts or ends: sign-up
 * creates the user, a confirmation or an attribute change renames them.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { shallowRef, triggerRef } from 'vue';
import type { PersonListItem } from '../../shared/debugger-api';
import type { SandboxEvent } from '../../shared/events';
import { callApi } from '../lib/api-client';
import { useConnectionStore } from './connection';

const REFRESH_AFTER_MS = 250;
const nameKey = (poolId: string, name: string) => `${poolId}\n${name.toLowerCase()}`;

/** The user filter's value for a person: never a username (those are filtered by as they are). */
export const personFilterValue = (person: Pick<PersonListItem, 'poolId' | 'sub'>) => `person:${person.poolId}/${person.sub}`;

export const usePeopleStore = defineStore('people', () => {
  let byName = new Map<string, PersonListItem>();
  /** Bumped when the people change: labels, search and the user filter re-read them. */
  const version = shallowRef(0);
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function refresh(): Promise<void> {
    const people = await callApi('people').catch(() => undefined);
    if (!people) return;
    const next = new Map<string, PersonListItem>();
    for (const person of people) {
      for (const name of [...person.identifiers, ...person.flowNames]) next.set(nameKey(person.poolId, name), person);
    }
    byName = next;
    triggerRef(version);
  }

  function refreshSoon(): void {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void refresh();
    }, REFRESH_AFTER_MS);
  }

  /** The person a flow's username stands for in its pool, when the sandbox still has them. */
  function personOf(flow: { poolId: string | null; username: string | null }): PersonListItem | undefined {
    version.value;
    return flow.poolId && flow.username ? byName.get(nameKey(flow.poolId, flow.username)) : undefined;
  }

  const connection = useConnectionStore();
  connection.addEventListener((batch: SandboxEvent[]) => {
    if (batch.some((event) => event.type === 'flow.started' || event.type === 'flow.ended')) refreshSoon();
  });

  return { version, personOf, refresh };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePeopleStore, import.meta.hot));
