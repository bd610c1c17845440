import { computed, onBeforeUnmount, ref } from 'vue';
import { useClockStore } from '../stores/clock';

/**
 * The sandbox's time now (the browser's clock plus the sandbox clock's offset: time travel),
 * ticking every `everyMs` while the component is mounted.
 */
export function useNow(everyMs = 1_000) {
  const clock = useClockStore();
  const tick = ref(Date.now());
  const timer = setInterval(() => (tick.value = Date.now()), everyMs);
  onBeforeUnmount(() => clearInterval(timer));
  return computed(() => tick.value + clock.offsetMs);
}
