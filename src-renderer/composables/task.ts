/**
 * One piece of async work a component runs on demand (a save, a delete), with what its template
 * shows of it: whether it is running, what the last run threw, and whether the last run went
 * through. A run's error lands in `error`; `run` itself never throws.
 */
import { ref, type Ref } from 'vue';

export interface Task<Args extends unknown[]> {
  /** True while a run is under way. */
  running: Readonly<Ref<boolean>>;
  /** What the last run threw (or `fail` was given); null while running and after a success. */
  error: Readonly<Ref<unknown>>;
  /** True after a run went through, until the next run (or `fail`). */
  done: Readonly<Ref<boolean>>;
  run: (...args: Args) => Promise<void>;
  /** Ends the task as failed without running the work: the component's own check refused it. */
  fail: (error: unknown) => void;
}

export function useTask<Args extends unknown[]>(work: (...args: Args) => Promise<unknown>): Task<Args> {
  const running = ref(false);
  const error = ref<unknown>(null);
  const done = ref(false);

  async function run(...args: Args): Promise<void> {
    running.value = true;
    error.value = null;
    done.value = false;
    try {
      await work(...args);
      done.value = true;
    } catch (caught) {
      error.value = caught;
    } finally {
      running.value = false;
    }
  }

  function fail(refusal: unknown): void {
    done.value = false;
    error.value = refusal;
  }

  return { running, error, done, run, fail };
}
