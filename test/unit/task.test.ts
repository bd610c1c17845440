/**
 * The window's useTask (src-renderer/composables/task.ts): running while the work is under way,
 * the work's error kept and never thrown, done after a success until the next run, a refusal
 * without running, and the run's arguments handed to the work.
 */
import { describe, expect, it } from 'vitest';
import { useTask } from '../../src-renderer/composables/task.js';

/** A promise the test settles itself. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((ok, fail) => ((resolve = ok), (reject = fail)));
  return { promise, resolve, reject };
}

describe('useTask', () => {
  it('starts idle: not running, no error, not done', () => {
    const task = useTask(async () => {});
    expect([task.running.value, task.error.value, task.done.value]).toEqual([false, null, false]);
  });

  it('is running while the work is under way, and done once it went through', async () => {
    const work = deferred();
    const task = useTask(() => work.promise);

    const run = task.run();
    expect(task.running.value).toBe(true);
    expect(task.done.value).toBe(false);

    work.resolve();
    await run;
    expect([task.running.value, task.error.value, task.done.value]).toEqual([false, null, true]);
  });

  it('keeps what the work threw, resolves instead of throwing, and is not done', async () => {
    const refusal = new Error('InvalidParameterException');
    const task = useTask(async () => {
      throw refusal;
    });

    await expect(task.run()).resolves.toBeUndefined();
    expect([task.running.value, task.error.value, task.done.value]).toEqual([false, refusal, false]);
  });

  it('clears the last error when it runs again, and the last success', async () => {
    let outcome: 'fail' | 'succeed' = 'fail';
    const task = useTask(async () => {
      if (outcome === 'fail') throw new Error('first');
    });
    await task.run();
    expect(task.error.value).toBeInstanceOf(Error);

    outcome = 'succeed';
    const second = task.run();
    expect(task.error.value).toBeNull();
    await second;
    expect([task.error.value, task.done.value]).toEqual([null, true]);

    outcome = 'fail';
    const third = task.run();
    expect(task.done.value).toBe(false);
    await third;
    expect([task.error.value instanceof Error, task.done.value]).toEqual([true, false]);
  });

  it('hands the run its arguments to the work', async () => {
    const seen: [string, number][] = [];
    const task = useTask(async (name: string, count: number) => void seen.push([name, count]));
    await task.run('pool', 3);
    expect(seen).toEqual([['pool', 3]]);
  });

  it('fails without running the work: the error given, not done', async () => {
    let ran = false;
    const task = useTask(async () => void (ran = true));
    await task.run();
    expect(task.done.value).toBe(true);

    const problem = new Error('Name the authenticated role.');
    task.fail(problem);
    expect([ran, task.running.value, task.error.value, task.done.value]).toEqual([true, false, problem, false]);
  });
});
