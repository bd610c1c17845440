/**
 * The two flows picked in the flow list to compare: its "Compare" mode (a checkbox per row) or
 * Ctrl/Cmd-click on rows. A third pick lets the first go.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref } from 'vue';

export const useCompareStore = defineStore('compare', () => {
  const picking = ref(false);
  /** Oldest pick first. */
  const picked = ref<string[]>([]);
  const ready = computed(() => picked.value.length === 2);

  function toggle(flowId: string): void {
    picking.value = true;
    picked.value = picked.value.includes(flowId) ? picked.value.filter((id) => id !== flowId) : [...picked.value, flowId].slice(-2);
  }

  function isPicked(flowId: string): boolean {
    return picked.value.includes(flowId);
  }

  function stop(): void {
    picking.value = false;
    picked.value = [];
  }

  return { picking, picked, ready, toggle, isPicked, stop };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCompareStore, import.meta.hot));
