/**
 * What the dashboard counts, kept in memory: the stored history is read once (the first time
 * the dashboard asks), a page at a time with the server free between pages (100,000 events take
 * seconds to read, which no request should wait behind), and every event published after is
 * added as it comes. Each answer first checks the stored history's bounds, so a history that was
 * pruned, emptied (a reset) or replaced is followed.
 */
import type { SandboxEvent } from '../../shared/events.js';
import type { EventStatsRepository, StatsEventRow } from '../store/repositories/event-stats.js';
import type { EventFact } from './stats.js';
import type { EventBus } from './bus.js';

/** Events read per page while the history is read. */
const PAGE = 1_000;
/** How many events are added between two checks of what the history has pruned. */
const TRIM_EVERY = 1_000;

interface Indexed extends EventFact {
  seq: number;
}

/** An event's row as the repository would read it back, for those the dashboard reads. */
function rowOf(event: SandboxEvent): StatsEventRow | undefined {
  const base = { seq: event.seq, time: event.time, flowId: event.flowId, operation: null, ms: null, origin: null, errorType: null, outcome: null, trigger: null, kind: null };
  switch (event.type) {
    case 'api.called':
      return { ...base, type: event.type, operation: event.data.operation, ms: event.data.ms, origin: event.data.origin ?? null, errorType: event.data.error?.type ?? null };
    case 'flow.started':
      return { ...base, type: event.type, kind: event.data.kind };
    case 'flow.ended':
      return { ...base, type: event.type, outcome: event.data.outcome };
    case 'trigger.returned':
      return { ...base, type: event.type, trigger: event.data.trigger, errorType: event.data.error?.type ?? null };
    default:
      return undefined;
  }
}

export class StatsIndex {
  private facts: Indexed[] = [];
  /** The kind of each flow started and not yet ended: a flow.ended is counted by its flow's kind. */
  private kinds = new Map<string, string>();
  /** Set once the history is read: from then on published events are added as they come. */
  private built = false;
  private building: Promise<void> | undefined;
  /** The lowest stored seq when the history was read: an older one showing up later means it was replaced. */
  private readFrom = 0;
  private lastSeq = 0;
  private addedSinceTrim = 0;

  constructor(
    private readonly repository: EventStatsRepository,
    private readonly flush: () => void,
    bus: Pick<EventBus, 'subscribe'>,
  ) {
    bus.subscribe((event) => {
      if (!this.built || event.seq <= this.lastSeq) return;
      const row = rowOf(event);
      if (row) this.add(row);
      this.lastSeq = event.seq;
      // Pruned events are let go of as the history is, whether or not the dashboard asks.
      if (row && ++this.addedSinceTrim >= TRIM_EVERY) this.trimToStored();
    });
  }

  /** The facts of the stored history, oldest first, brought in line with it first. The answer is not to be changed. */
  async current(): Promise<readonly EventFact[]> {
    this.flush();
    const bounds = this.repository.seqBounds();
    if (!bounds) {
      this.reset();
      this.built = true;
    } else if (!this.built || bounds.min < this.readFrom || bounds.max < this.lastSeq) {
      await (this.building ??= this.readHistory().finally(() => (this.building = undefined)));
    } else {
      this.trimToStored();
    }
    return this.facts;
  }

  /** The oldest stored event's time (null when there is none). */
  oldestTime(): number | null {
    return this.repository.seqBounds()?.oldestTime ?? null;
  }

  private trimToStored(): void {
    this.addedSinceTrim = 0;
    const min = this.repository.seqBounds()?.min;
    if (min !== undefined && this.facts.length > 0 && this.facts[0]!.seq < min) this.facts = this.facts.filter((fact) => fact.seq >= min);
  }

  private reset(): void {
    this.facts = [];
    this.kinds.clear();
  }

  private async readHistory(): Promise<void> {
    this.built = false;
    this.reset();
    this.readFrom = this.repository.seqBounds()?.min ?? 0;
    let after = 0;
    for (;;) {
      this.flush();
      const page = this.repository.rows(after, PAGE);
      if (page.length === 0) break;
      for (const row of page) this.add(row);
      after = page.at(-1)!.seq;
      await new Promise((resolve) => setImmediate(resolve));
    }
    // In the tick the last page came back empty: every event published from here on comes through the bus.
    this.lastSeq = Math.max(after, this.repository.seqBounds()?.max ?? 0);
    this.built = true;
  }

  private add(row: StatsEventRow): void {
    if (row.type === 'flow.started') {
      if (row.flowId && row.kind) this.kinds.set(row.flowId, row.kind);
      return;
    }
    const flowKind = row.type === 'flow.ended' && row.flowId ? (this.kinds.get(row.flowId) ?? null) : null;
    if (row.type === 'flow.ended' && row.flowId) this.kinds.delete(row.flowId);
    this.facts.push({
      seq: row.seq,
      time: row.time,
      type: row.type,
      flowKind,
      outcome: row.outcome,
      operation: row.operation,
      ms: row.ms,
      fromWindow: row.origin === 'window',
      errorType: row.errorType,
      trigger: row.trigger,
    });
  }
}
