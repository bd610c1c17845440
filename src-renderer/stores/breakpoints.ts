/**
 * The breakpoints (`GET /_sandbox/api/breakpoints`) and the flows paused at them
 * (`GET /_sandbox/api/paused`): asked once, then again whenever a flow pauses or resumes (a pause
 * may also end without the window: the client disconnected, a reset) or a reset clears the pools.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { Breakpoint, BreakpointBody, PausedFlow, ResumeBody } from '../../shared/breakpoints';
import type { SandboxEvent } from '../../shared/events';
import { callApi } from '../lib/api-client';
import { useConnectionStore } from './connection';

export const useBreakpointsStore = defineStore('breakpoints', () => {
  const breakpoints = shallowRef<Breakpoint[]>([]);
  /** Oldest first. */
  const paused = shallowRef<PausedFlow[]>([]);

  const pausedByFlow = computed(() => {
    const byFlow = new Map<string, PausedFlow>();
    for (const flow of paused.value) if (flow.flowId) byFlow.set(flow.flowId, flow);
    return byFlow;
  });

  async function refreshPaused(): Promise<void> {
    paused.value = (await callApi('paused').catch(() => undefined))?.paused ?? paused.value;
  }

  async function refreshBreakpoints(): Promise<void> {
    breakpoints.value = (await callApi('breakpoints').catch(() => undefined))?.breakpoints ?? breakpoints.value;
  }

  function load(): Promise<unknown> {
    return Promise.all([refreshPaused(), refreshBreakpoints()]);
  }

  async function add(body: BreakpointBody): Promise<Breakpoint> {
    const { breakpoint } = await callApi('addBreakpoint', { body });
    // The same breakpoint asked again is the one there already.
    const known = breakpoints.value.some((one) => one.id === breakpoint.id);
    breakpoints.value = known ? breakpoints.value.map((one) => (one.id === breakpoint.id ? breakpoint : one)) : [...breakpoints.value, breakpoint];
    return breakpoint;
  }

  async function setEnabled(id: string, enabled: boolean): Promise<void> {
    const { breakpoint } = await callApi('switchBreakpoint', { params: { id }, body: { enabled } });
    breakpoints.value = breakpoints.value.map((one) => (one.id === id ? breakpoint : one));
  }

  async function remove(id: string): Promise<void> {
    await callApi('removeBreakpoint', { params: { id } });
    breakpoints.value = breakpoints.value.filter((one) => one.id !== id);
  }

  async function resume(pauseId: string, body: ResumeBody): Promise<void> {
    await callApi('resumePaused', { params: { pauseId }, body });
    paused.value = paused.value.filter((flow) => flow.pauseId !== pauseId);
  }

  useConnectionStore().addEventListener((batch: SandboxEvent[]) => {
    if (batch.some((event) => event.type === 'flow.paused' || event.type === 'flow.resumed')) void refreshPaused();
    if (batch.some((event) => event.type === 'api.called' && !event.data.error && event.data.operation === 'DeleteUserPool')) void refreshBreakpoints();
  });

  return { breakpoints, paused, pausedByFlow, load, refreshPaused, refreshBreakpoints, add, setEnabled, remove, resume };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useBreakpointsStore, import.meta.hot));
