/**
 * What a card loads from the sandbox (a user's devices or sessions, a pool's import jobs) and the
 * actions its rows take: which row's action is running, what the last load or action threw, and
 * a fresh load after each action went through. Neither `load` nor `act` throws; of loads that
 * overlap, the newest answer is the one kept, whichever arrives last.
 */
import { ref, shallowRef, type Ref } from 'vue';

export interface RemoteList<T> {
  /** The last load's answer (`initial` until one went through). */
  data: Ref<T>;
  /** True once a load has answered, whether or not it went through. */
  loaded: Readonly<Ref<boolean>>;
  error: Ref<unknown>;
  /** The key of the action under way (a row's id, or a name such as `create`). */
  busyKey: Readonly<Ref<string | null>>;
  load: () => Promise<void>;
  act: (key: string, action: () => Promise<unknown>) => Promise<void>;
}

export function useRemoteList<T>(initial: T, fetch: () => Promise<T>): RemoteList<T> {
  const data = shallowRef(initial) as Ref<T>;
  const loaded = ref(false);
  const error = ref<unknown>(null);
  const busyKey = ref<string | null>(null);

  /** Loads asked for so far: only the newest one's answer is kept. */
  let asked = 0;

  async function load(): Promise<void> {
    const mine = ++asked;
    try {
      const answer = await fetch();
      // An older load answering late (the card's first, slow under load, after an action's) would put back what the action changed.
      if (mine !== asked) return;
      data.value = answer;
      error.value = null;
    } catch (caught) {
      if (mine === asked) error.value = caught;
    } finally {
      loaded.value = true;
    }
  }

  async function act(key: string, action: () => Promise<unknown>): Promise<void> {
    busyKey.value = key;
    error.value = null;
    try {
      await action();
      await load();
    } catch (caught) {
      error.value = caught;
    } finally {
      busyKey.value = null;
    }
  }

  return { data, loaded, error, busyKey, load, act };
}
