import { onBeforeUnmount, ref } from 'vue';

/** The current time, ticking every `everyMs` while the component is mounted. */
export function useNow(everyMs = 1_000) {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), everyMs);
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}
