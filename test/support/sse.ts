/** A minimal Server-Sent Events reader over fetch, for tests. */
import type { SandboxEvent } from '../../shared/events.js';

export interface EventReader {
  /** Waits for the next event matching `predicate`. */
  next(predicate?: (event: SandboxEvent) => boolean, timeoutMs?: number): Promise<SandboxEvent>;
  close(): void;
}

export async function openEvents(url: string, headers: Record<string, string> = {}): Promise<EventReader> {
  const controller = new AbortController();
  const response = await fetch(`${url}/_sandbox/api/events`, { headers, signal: controller.signal });
  if (response.status !== 200) throw new Error(`events stream answered ${response.status}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const received: SandboxEvent[] = [];
  let buffer = '';
  let waiting: (() => void) | undefined;

  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (data) received.push(JSON.parse(data));
        }
        waiting?.();
      }
    } catch {
      // aborted
    }
  })();

  return {
    async next(predicate = () => true, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = received.findIndex(predicate);
        if (index >= 0) return received.splice(0, index + 1).pop()!;
        if (Date.now() > deadline) throw new Error('no matching event arrived');
        await new Promise<void>((resolve) => {
          waiting = resolve;
          setTimeout(resolve, 50);
        });
      }
    },
    close: () => controller.abort(),
  };
}
