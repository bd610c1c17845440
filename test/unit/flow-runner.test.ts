import { assign, fromPromise, setup } from 'xstate';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../src-main/debug/bus.js';
import { AWAITING_CLIENT, FlowRunner } from '../../src-main/flows/runner.js';
import { randomIds } from '../../src-main/ids.js';
import { Store } from '../../src-main/store/index.js';
import type { SandboxEvent } from '../../shared/events.js';

/** A two-step flow: a challenge answered by the client, then an async check. */
const quiz = setup({
  types: {
    context: {} as { answer: string; given?: string },
    input: {} as { answer: string },
    events: {} as { type: 'ANSWER'; value: string },
  },
  actors: { check: fromPromise(async ({ input }: { input: { ok: boolean } }) => input.ok) },
}).createMachine({
  id: 'quiz',
  output: ({ event }) => event.output,
  context: ({ input }) => ({ answer: input.answer }),
  initial: 'asking',
  states: {
    asking: {
      tags: [AWAITING_CLIENT],
      on: { ANSWER: { target: 'checking', actions: assign({ given: ({ event }) => event.value }) } },
    },
    checking: {
      invoke: {
        src: 'check',
        input: ({ context }) => ({ ok: context.given === context.answer }),
        onDone: [{ guard: ({ event }) => event.output, target: 'passed' }, { target: 'failed' }],
      },
    },
    passed: { type: 'final', output: { outcome: 'success' } },
    failed: { type: 'final', output: { outcome: 'failure', reason: 'wrong answer' } },
  },
});

const meta = { kind: 'quiz', poolId: null, clientId: 'c1', username: 'alice', sessionMinutes: 3 };

let now = 1_700_000_000_000;
let store: Store;
let events: SandboxEvent[];
let runner: FlowRunner;

beforeEach(async () => {
  store = await Store.open();
  const bus = new EventBus(store.events, () => now);
  events = [];
  bus.subscribe((e) => events.push(e));
  runner = new FlowRunner({ store, bus, clock: { now: () => now }, ids: randomIds });
});

describe('the flow runner', () => {
  it('persists a flow awaiting the client and resumes it from its Session', async () => {
    const first = await runner.start(quiz, meta, { answer: '42' });
    expect(first.session).toMatch(/^[\w-]{40,}$/);
    expect(first.snapshot.value).toBe('asking');

    const flow = runner.findBySession(first.session!);
    const second = await runner.resume(quiz, flow, 3, { type: 'ANSWER', value: '42' });
    expect(second.output).toEqual({ outcome: 'success' });
    expect(second.session).toBeUndefined();

    const kinds = events.map((e) => e.type);
    expect(kinds[0]).toBe('flow.started');
    expect(kinds.at(-1)).toBe('flow.ended');
    const transitions = events.filter((e) => e.type === 'flow.transitioned').map((e) => (e.data as any).to);
    expect(transitions).toEqual(['asking', 'checking', 'passed']);
    expect(events.every((e) => e.flowId === first.flowId)).toBe(true);
  });

  it('refuses a Session twice', async () => {
    const first = await runner.start(quiz, meta, { answer: '42' });
    await runner.resume(quiz, runner.findBySession(first.session!), 3, { type: 'ANSWER', value: '41' });
    expect(() => runner.findBySession(first.session!)).toThrow('Invalid session for the user.');
  });

  it('refuses an expired Session and ends the flow as expired', async () => {
    const first = await runner.start(quiz, meta, { answer: '42' });
    now += 3 * 60_000 + 1;
    expect(() => runner.findBySession(first.session!)).toThrow('Invalid session for the user, session is expired.');
    expect(store.flows.findById(first.flowId)!.outcome).toBe('expired');
    expect(events.at(-1)).toMatchObject({ type: 'flow.ended', data: { outcome: 'expired' } });
  });

  it('refuses a made-up Session', () => {
    expect(() => runner.findBySession('not-a-session')).toThrow('Invalid session for the user.');
  });

  it('resumes one call at a time: a second call on a flow being resumed is refused as a used Session', async () => {
    const slow = quiz.provide({ actors: { check: fromPromise(async ({ input }: { input: { ok: boolean } }) => new Promise<boolean>((resolve) => setTimeout(() => resolve(input.ok), 20))) } });
    const first = await runner.start(slow, meta, { answer: '42' });
    const flow = runner.findBySession(first.session!);
    const resuming = runner.resume(slow, flow, 3, { type: 'ANSWER', value: '42' });
    await expect(runner.resume(slow, flow, 3, { type: 'ANSWER', value: '42' })).rejects.toThrow('Invalid session for the user.');
    expect((await resuming).output).toEqual({ outcome: 'success' });
    expect(events.filter((e) => e.type === 'flow.ended')).toHaveLength(1);
  });

  it('finds a live flow by id, and not one that has ended', async () => {
    const first = await runner.start(quiz, meta, { answer: '42' });
    expect(runner.findLive(first.flowId)?.id).toBe(first.flowId);
    await runner.resume(quiz, runner.findBySession(first.session!), 3, { type: 'ANSWER', value: '42' });
    expect(runner.findLive(first.flowId)).toBeUndefined();
    expect(runner.findLive(undefined)).toBeUndefined();
  });

  it('takes work queued under one key in turn, a failure not blocking the next; other keys run alongside', async () => {
    const log: string[] = [];
    const step = (name: string, ms: number, fail = false) => async () => {
      log.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`${name} end`);
      if (fail) throw new Error(`${name} failed`);
      return name;
    };
    const results = await Promise.allSettled([
      runner.inTurn('alice', step('a1', 20, true)),
      runner.inTurn('alice', step('a2', 1)),
      runner.inTurn('bob', step('b1', 1)),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a1 failed', 'a2', 'b1']);
    expect(log.indexOf('a2 start')).toBeGreaterThan(log.indexOf('a1 end'));
    expect(log.indexOf('b1 end')).toBeLessThan(log.indexOf('a1 end'));
  });
});
