/**
 * `GET /_sandbox/api/events`: Server-Sent Events. Stored history first (after `Last-Event-ID`,
 * or `?since=SEQ`), then live events as they are published. Each message's id is the event's
 * seq, so a reconnecting EventSource resumes where it left off.
 *
 * `GET /_sandbox/api/events/history?after=SEQ&limit=N`: the stored history as JSON pages. A page
 * of thousands of events is one message to parse instead of thousands, so a window loads a large
 * history this way and then opens the stream after its last seq.
 */
import type { Response } from 'express';
import type { SandboxEvent } from '../../../shared/events.js';
import type { Services } from '../../services.js';
import { integerQuery, type ApiHandler } from './route.js';

const HEARTBEAT_MS = 15_000;

function frame(event: SandboxEvent): string {
  return `id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`;
}

export function eventHistory(services: Pick<Services, 'bus'>): ApiHandler<'eventHistory'> {
  return (req, res) => {
    const after = integerQuery(req.query, 'after', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
    const limit = integerQuery(req.query, 'limit', { min: 1, max: 10_000, fallback: 1_000 });
    res.json(services.bus.since(after, limit));
  };
}

/**
 * Where a stream resumes: after the event the client names, if it names one that exists. An id
 * that is not a whole number starts from the beginning; one past the newest event (from another
 * sandbox, or made up) resumes after the newest, so live events still arrive.
 */
function resumePoint(lastEventId: unknown, newest: number): number {
  const id = typeof lastEventId === 'string' && /^\d{1,16}$/.test(lastEventId) ? Number(lastEventId) : 0;
  return Math.min(id, newest);
}

export function eventStream(services: Pick<Services, 'bus'>): ApiHandler<'events'> {
  return (req, res) => {
    let lastSent = resumePoint(req.headers['last-event-id'] ?? req.query.since, services.bus.lastSeq());

    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 1000\n\n');

    const send = (event: SandboxEvent) => {
      if (event.seq <= lastSent) return;
      lastSent = event.seq;
      res.write(frame(event));
    };
    let replaying = true;
    let closed = false;
    // Subscribed before replaying; what is published meanwhile is stored, so the replay reaches it.
    const unsubscribe = services.bus.subscribe((event) => replaying || send(event));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
    });
    void replayHistory(services, res, { lastSent: () => lastSent, send, closed: () => closed, caughtUp: () => (replaying = false) });
  };
}

/**
 * The stored history, a page at a time, each page written once the client has taken the one
 * before: 100,000 events (50 MB) neither hold the server for seconds (the window's other
 * requests, the app's calls) nor wait in its memory, and the first rows reach the window at once.
 * `caughtUp` is called in the same tick as a page comes back empty, so no event published after
 * it is missed by both the replay and the live stream.
 */
async function replayHistory(
  services: Pick<Services, 'bus'>,
  res: Response,
  stream: { lastSent(): number; send(event: SandboxEvent): void; closed(): boolean; caughtUp(): void },
): Promise<void> {
  for (let batch = services.bus.since(stream.lastSent()); batch.length > 0; batch = services.bus.since(stream.lastSent())) {
    batch.forEach(stream.send);
    await (res.writableNeedDrain ? drainedOrClosed(res) : new Promise((resolve) => setImmediate(resolve)));
    if (stream.closed()) return;
  }
  stream.caughtUp();
}

function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
