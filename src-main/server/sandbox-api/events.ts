/**
 * `GET /_sandbox/api/events`: Server-Sent Events. Stored history first (after `Last-Event-ID`,
 * or `?since=SEQ`), then live events as they are published. Each message's id is the event's
 * seq, so a reconnecting EventSource resumes where it left off.
 */
import type { SandboxEvent } from '../../../shared/events.js';
import type { Services } from '../../services.js';
import type { ApiHandler } from './route.js';

const HEARTBEAT_MS = 15_000;

function frame(event: SandboxEvent): string {
  return `id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`;
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
    // Subscribe before replaying, so nothing published during the replay is missed.
    const queued: SandboxEvent[] = [];
    let replaying = true;
    const unsubscribe = services.bus.subscribe((event) => (replaying ? queued.push(event) : send(event)));
    for (let batch = services.bus.since(lastSent); batch.length > 0; batch = services.bus.since(lastSent)) {
      batch.forEach(send);
    }
    replaying = false;
    queued.forEach(send);

    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  };
}
