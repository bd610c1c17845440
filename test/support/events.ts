import type { SandboxEvent } from '../../shared/events.js';
import type { SandboxApp } from '../../src-main/app.js';

/** The debugger events `app` published while `action` ran. */
export async function eventsDuring(app: Pick<SandboxApp, 'bus'>, action: () => Promise<unknown>): Promise<SandboxEvent[]> {
  const events: SandboxEvent[] = [];
  const unsubscribe = app.bus.subscribe((event) => events.push(event));
  try {
    await action();
  } finally {
    unsubscribe();
  }
  return events;
}
