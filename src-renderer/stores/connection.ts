/**
 * The one live connection to the sandbox: an EventSource on `/_sandbox/api/events`. The stored
 * history comes first as JSON pages (`/events/history`: one message per thousands of events, where
 * the stream would make each event a message of its own), then the stream opens after them. It reconnects
 * and resumes after the last event it saw (Last-Event-ID, which the browser sends itself on its
 * own retries; `?since=` when we reopen after an error closed the source), and hands events to
 * listeners in batches: a lone live event at once, a burst (the stored history, a load test)
 * in batches at most a frame apart, so the window renders once per frame however fast they come.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { SandboxEvent } from '../../shared/events';
import { callApi, openEventStream, streamEvent } from '../lib/api-client';

export type EventsListener = (events: SandboxEvent[]) => void;

const REOPEN_DELAY_MS = 1_000;
/** At most one batch per frame's worth of time: a lone event goes out at once, a stream in ~60 batches a second. */
const MIN_FLUSH_GAP_MS = 16;
/** Events per history page: about 2.5 MB of JSON, parsed in a few tens of milliseconds. */
const HISTORY_PAGE = 5_000;
/** The first page is small, so the first rows show at once. */
const FIRST_HISTORY_PAGE = 500;

export const useConnectionStore = defineStore('connection', () => {
  const status = ref<'connecting' | 'open' | 'closed'>('closed');
  const lastSeq = ref(0);
  /** Set once the stored history has been delivered (the first quiet moment after opening). */
  const historyLoaded = ref(false);
  const isConnected = computed(() => status.value === 'open');

  const listeners = new Set<EventsListener>();
  let source: EventSource | undefined;
  let pending: SandboxEvent[] = [];
  let flushScheduled = false;
  let lastFlush = -Infinity;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let historyTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set while the history pages load, before the stream opens; cleared by close(). */
  let loadingHistory = false;

  function addEventListener(listener: EventsListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  function flush(): void {
    flushScheduled = false;
    lastFlush = performance.now();
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    for (const listener of listeners) {
      try {
        listener(batch);
      } catch (error) {
        console.warn('[connection] an events listener failed', error);
      }
    }
  }

  function receive(message: MessageEvent<string>): void {
    const event = streamEvent(message);
    if (event.seq <= lastSeq.value) return;
    lastSeq.value = event.seq;
    pending.push(event);
    if (!flushScheduled) {
      flushScheduled = true;
      setTimeout(flush, Math.max(0, lastFlush + MIN_FLUSH_GAP_MS - performance.now()));
    }
    markHistoryLoadedWhenQuiet();
  }

  /** History arrives as one burst; the first 150 ms without a message ends it. */
  function markHistoryLoadedWhenQuiet(): void {
    if (historyLoaded.value) return;
    clearTimeout(historyTimer);
    historyTimer = setTimeout(() => (historyLoaded.value = true), 150);
  }

  /** Each page of the stored history goes to the listeners as one batch, the page after it fetched meanwhile. */
  async function loadHistory(): Promise<void> {
    loadingHistory = true;
    try {
      let page = await callApi('eventHistory', { query: { after: lastSeq.value, limit: FIRST_HISTORY_PAGE } });
      while (page.length > 0 && loadingHistory) {
        const next = callApi('eventHistory', { query: { after: page[page.length - 1]!.seq, limit: HISTORY_PAGE } });
        pending.push(...page.filter((event) => event.seq > lastSeq.value));
        lastSeq.value = Math.max(lastSeq.value, page[page.length - 1]!.seq);
        flush();
        page = await next;
      }
    } catch (error) {
      // The stream replays whatever the pages did not bring.
      console.warn('[connection] the history pages failed; the stream brings the history instead', error);
    }
  }

  async function open(): Promise<void> {
    if (source || loadingHistory) return;
    clearTimeout(reopenTimer);
    status.value = 'connecting';
    if (lastSeq.value === 0) {
      await loadHistory();
      if (!loadingHistory) return;
      loadingHistory = false;
    }
    source = openEventStream(lastSeq.value > 0 ? lastSeq.value : undefined);
    source.onopen = () => {
      status.value = 'open';
      markHistoryLoadedWhenQuiet();
    };
    source.onmessage = receive;
    source.onerror = () => {
      // The browser retries by itself while the source is CONNECTING; once CLOSED it gives up.
      if (source?.readyState === EventSource.CLOSED) {
        source = undefined;
        status.value = 'closed';
        reopenTimer = setTimeout(open, REOPEN_DELAY_MS);
      } else {
        status.value = 'connecting';
      }
    };
  }

  /** Resolves once the stored history has been delivered. */
  function whenHistoryLoaded(): Promise<void> {
    if (historyLoaded.value) return Promise.resolve();
    return new Promise((resolve) => {
      const stop = watch(historyLoaded, (loaded) => {
        if (!loaded) return;
        stop();
        resolve();
      });
    });
  }

  function close(): void {
    loadingHistory = false;
    clearTimeout(reopenTimer);
    source?.close();
    source = undefined;
    status.value = 'closed';
  }

  return { status, lastSeq, historyLoaded, isConnected, addEventListener, whenHistoryLoaded, open, close };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useConnectionStore, import.meta.hot));
