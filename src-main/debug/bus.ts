/**
 * The one producer of debugger events. `publish` stores the event (so history survives a
 * restart; the repository bounds the history) and hands it to live subscribers (the SSE stream).
 * No field of an event is larger than FIELD_LIMIT: a 1 MB request is kept as its first 16 KB.
 */
import type { EventData, SandboxEvent, SandboxEventType } from '../../shared/events.js';
import type { EventsRepository } from '../store/repositories/events.js';
import { FIELD_LIMIT, limitSize } from './mask.js';

const ID_LIMIT = 256;

export interface PublishContext {
  flowId?: string | null;
  poolId?: string | null;
}

export type Listener = (event: SandboxEvent) => void;

export class EventBus {
  private listeners = new Set<Listener>();
  private nextSeq: number;

  constructor(
    private readonly events: EventsRepository,
    private readonly now: () => number,
  ) {
    this.nextSeq = events.lastSeq() + 1;
  }

  publish<T extends SandboxEventType>(type: T, data: EventData<T>, context: PublishContext = {}): SandboxEvent {
    const event = {
      seq: this.nextSeq++,
      time: this.now(),
      flowId: limitId(context.flowId),
      poolId: limitId(context.poolId),
      type,
      data: limitFields(data),
    } as SandboxEvent;
    this.events.append(event);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A subscriber's failure is its own; the flow goes on.
      }
    }
    return event;
  }

  /** Subscribes to live events; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The seq of the newest event published. */
  lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Stored events after `seq`, oldest first. */
  since(seq: number, limit = 1_000): SandboxEvent[] {
    return this.events.since(seq, limit);
  }
}

/** A pool id can come straight from a refused request, as long as the request was. */
function limitId(id: string | null | undefined): string | null {
  return id ? (limitSize(id, ID_LIMIT) as string) : null;
}

function limitFields<T extends object>(data: T): T {
  if ((JSON.stringify(data)?.length ?? 0) <= FIELD_LIMIT) return data;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) out[key] = limitSize(value);
  return out as T;
}
