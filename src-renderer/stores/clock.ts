/**
 * The sandbox's clock as the window knows it (time travel): its offset from real time, read at
 * start (`GET /_sandbox/api/clock`) and from each `clock.changed` event, and what expired at the
 * last jump. Every time the window compares with "now" uses `now()` (the sandbox's time), not the
 * browser's: countdowns, token expiry, code states.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ClockJump } from '../../shared/debugger-api';
import type { EventData, SandboxEvent } from '../../shared/events';
import { callApi } from '../lib/api-client';
import { useConnectionStore } from './connection';

export type LastJump = EventData<'clock.changed'>;

export const useClockStore = defineStore('clock', () => {
  const offsetMs = ref(0);
  const lastJump = shallowRef<LastJump | null>(null);
  const moving = ref(false);

  /** The sandbox's time now, by the browser's clock plus the sandbox's offset. */
  function now(): number {
    return Date.now() + offsetMs.value;
  }

  async function load(): Promise<void> {
    const state = await callApi('clock').catch(() => undefined);
    if (state) offsetMs.value = state.offsetMs;
  }

  function took(jump: ClockJump | LastJump): void {
    offsetMs.value = jump.offsetMs;
    lastJump.value = { now: jump.now, offsetMs: jump.offsetMs, expired: jump.expired, ...(jump.omitted !== undefined && { omitted: jump.omitted }) };
  }

  async function move(body: { advanceSeconds: number } | 'real-time'): Promise<void> {
    moving.value = true;
    try {
      took(body === 'real-time' ? await callApi('resetClock') : await callApi('moveClock', { body }));
    } finally {
      moving.value = false;
    }
  }

  useConnectionStore().addEventListener((batch: SandboxEvent[]) => {
    for (const event of batch) if (event.type === 'clock.changed') took(event.data);
  });

  return { offsetMs, lastJump, moving, now, load, move };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useClockStore, import.meta.hot));
