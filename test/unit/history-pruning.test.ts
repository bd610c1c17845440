import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src-main/config/args.js';
import { EventBus } from '../../src-main/debug/bus.js';
import { Db } from '../../src-main/store/db.js';
import { EventsRepository, historyLimitsFor } from '../../src-main/store/repositories/events.js';
import { FlowsRepository, type StoredFlow } from '../../src-main/store/repositories/flows.js';
import type { SandboxEvent } from '../../shared/events.js';

async function history(maxEvents: number) {
  const db = await Db.open();
  const events = new EventsRepository(db, { maxEvents });
  const bus = new EventBus(events, () => 1);
  const flows = new FlowsRepository(db);
  return { db, events, bus, flows };
}

function storedFlow(id: string, ended: boolean): StoredFlow {
  return {
    id,
    poolId: 'p',
    clientId: null,
    kind: 'sign-in',
    username: 'u',
    state: 'done',
    snapshot: ended ? null : '{}',
    sessionHash: null,
    sessionExpires: ended ? null : 1_000,
    created: 1,
    updated: 1,
    ended: ended ? 1 : null,
    outcome: ended ? 'success' : null,
  };
}

/** A flow of `steps` transitions, ended: flow.started, the transitions, flow.ended. */
function endedFlow(h: Awaited<ReturnType<typeof history>>, id: string, steps = 2): void {
  h.flows.save(storedFlow(id, true));
  h.bus.publish('flow.started', { kind: 'sign-in', machine: 'signIn' }, { flowId: id, poolId: 'p' });
  for (let i = 0; i < steps; i++) h.bus.publish('flow.transitioned', { from: null, to: `s${i}`, event: 'e' }, { flowId: id, poolId: 'p' });
  h.bus.publish('flow.ended', { outcome: 'success' }, { flowId: id, poolId: 'p' });
}

function byFlow(events: SandboxEvent[]): Map<string | null, SandboxEvent[]> {
  const grouped = new Map<string | null, SandboxEvent[]>();
  for (const event of events) grouped.set(event.flowId, [...(grouped.get(event.flowId) ?? []), event]);
  return grouped;
}

describe('pruning the debugger history', () => {
  it('prunes whole flows, oldest first: every flow kept still starts and ends', async () => {
    const h = await history(100);
    for (let i = 0; i < 60; i++) {
      endedFlow(h, `flow-${i}`);
      h.events.flush();
    }
    const kept = byFlow(h.events.since(0, 10_000));
    expect(h.events.since(0, 10_000).length).toBeLessThanOrEqual(100);
    expect(kept.size).toBeGreaterThan(10);
    for (const [id, events] of kept) {
      expect(events.map((e) => e.type), String(id)).toEqual(['flow.started', 'flow.transitioned', 'flow.transitioned', 'flow.ended']);
    }
    // The newest kept, the oldest gone, their stored rows with them.
    expect(kept.has('flow-59')).toBe(true);
    expect(kept.has('flow-0')).toBe(false);
    expect(h.flows.findById('flow-0')).toBeUndefined();
    expect(h.flows.findById('flow-59')).toBeDefined();
  });

  it('prunes a flow whole even when its events are interleaved with newer flows', async () => {
    const h = await history(100);
    h.flows.save(storedFlow('long', true));
    h.bus.publish('flow.started', { kind: 'sign-in', machine: 'signIn' }, { flowId: 'long', poolId: 'p' });
    for (let i = 0; i < 30; i++) endedFlow(h, `short-${i}`);
    h.bus.publish('flow.ended', { outcome: 'success' }, { flowId: 'long', poolId: 'p' });
    h.events.flush();
    const kept = byFlow(h.events.since(0, 10_000));
    expect(kept.has('long')).toBe(false);
    expect(kept.size).toBeGreaterThan(0);
    for (const events of kept.values()) expect(events[0]!.type).toBe('flow.started');
  });

  it('prunes events of no flow oldest first, alongside flows', async () => {
    const h = await history(100);
    for (let i = 0; i < 300; i++) {
      h.bus.publish('api.called', { service: 's', operation: `Op${i}`, request: {}, status: 200, ms: 1, requestId: 'r' });
      if (i % 10 === 0) endedFlow(h, `flow-${i}`);
    }
    h.events.flush();
    const kept = h.events.since(0, 10_000);
    expect(kept.length).toBeLessThanOrEqual(100);
    expect(kept.at(-1)!.seq).toBe(h.bus.lastSeq());
    const loose = kept.filter((e) => e.flowId === null).map((e) => e.seq);
    expect(loose).toEqual([...loose].sort((a, b) => a - b));
    expect(loose.at(-1)).toBe(h.bus.lastSeq());
  });

  it('never prunes a pinned flow nor one still running', async () => {
    const h = await history(100);
    endedFlow(h, 'pinned');
    h.db.write((tx) => tx.run('INSERT INTO flow_pins (flow_id, pinned) VALUES (?, 1)', ['pinned']));
    h.flows.save(storedFlow('running', false));
    h.bus.publish('flow.started', { kind: 'sign-in', machine: 'signIn' }, { flowId: 'running', poolId: 'p' });
    for (let i = 0; i < 80; i++) endedFlow(h, `flow-${i}`);
    h.events.flush();
    const kept = byFlow(h.events.since(0, 10_000));
    expect(kept.get('pinned')?.length).toBe(4);
    expect(kept.get('running')?.length).toBe(1);
    expect(kept.has('flow-0')).toBe(false);
    expect(h.flows.findById('pinned')).toBeDefined();
  });

  it('brings a history over a lowered bound within it at opening, whole flows at a time', async () => {
    const h = await history(10_000);
    for (let i = 0; i < 50; i++) endedFlow(h, `flow-${i}`);
    h.events.flush();
    const reopened = new EventsRepository(h.db, { maxEvents: 21 });
    const kept = byFlow(reopened.since(0, 10_000));
    expect([...kept.keys()]).toEqual(['flow-45', 'flow-46', 'flow-47', 'flow-48', 'flow-49']);
    expect(reopened.bounds().maxEvents).toBe(21);
  });
});

describe('--history-events', () => {
  it('sets the bound', () => {
    expect(parseArgs(['--history-events', '500']).historyEvents).toBe(500);
    expect(parseArgs(['--history-events=100000']).historyEvents).toBe(100_000);
    expect(parseArgs([]).historyEvents).toBeUndefined();
  });

  it('keeps that many realistic events: the byte bound grows with it', async () => {
    const keep = 24_000;
    const request = { ClientId: 'c'.repeat(26), AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'someone@example.com', SRP_A: 'a'.repeat(512) } };
    const fill = (events: EventsRepository) => {
      const bus = new EventBus(events, () => 1);
      for (let i = 0; i < keep; i++) bus.publish('api.called', { service: 's', operation: 'InitiateAuth', request, status: 200, ms: 1, requestId: `r${i}` }, { flowId: null, poolId: 'p' });
      events.flush();
      return events.since(0, keep + 1).length;
    };
    expect(fill(new EventsRepository(await Db.open(), historyLimitsFor(keep)))).toBe(keep);
    expect(fill(new EventsRepository(await Db.open(), { maxEvents: keep }))).toBeLessThan(keep);
  });

  it('refuses what is not a sensible count', () => {
    for (const bad of ['0', '-5', '12.5', 'lots', '99']) expect(() => parseArgs(['--history-events', bad])).toThrow(UsageError);
    expect(() => parseArgs(['--history-events'])).toThrow(UsageError);
  });
});
