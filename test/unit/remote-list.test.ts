/** The window's cards' lists (src-renderer/composables/remote-list.ts): overlapping loads keep the newest answer. */
import { describe, expect, it } from 'vitest';
import { useRemoteList } from '../../src-renderer/composables/remote-list.js';

/** A fetch whose answers the test hands out, in any order. */
function controlledFetch() {
  const pending: ((value: string[]) => void)[] = [];
  const fetch = () => new Promise<string[]>((resolve) => pending.push(resolve));
  return { fetch, answer: (index: number, value: string[]) => pending[index]!(value) };
}

describe('useRemoteList', () => {
  it('keeps the newest load when an older one answers after it (the first load, slow, after an action\'s)', async () => {
    const { fetch, answer } = controlledFetch();
    const list = useRemoteList<string[]>([], fetch);
    const first = list.load();
    const second = list.load();
    answer(1, ['job-1']);
    await second;
    answer(0, []);
    await first;
    expect(list.data.value).toEqual(['job-1']);
    expect(list.loaded.value).toBe(true);
  });

  it('keeps a failure only from the newest load', async () => {
    let calls = 0;
    const list = useRemoteList<string[]>([], async () => {
      calls += 1;
      if (calls === 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('old');
      }
      return ['fresh'];
    });
    await Promise.all([list.load(), list.load()]);
    expect(list.data.value).toEqual(['fresh']);
    expect(list.error.value).toBeNull();
  });
});
