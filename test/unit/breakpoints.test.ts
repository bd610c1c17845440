/**
 * debug/breakpoints.ts on its own store: which stops a breakpoint matches, a pause's three ends
 * (the developer, the client disconnecting, a reset), the waiting client's timeout read from its
 * User-Agent, and the flow runner's step limit not running while a flow is paused.
 */
import { fromPromise, setup } from 'xstate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { Breakpoints, ClientDisconnected, type WaitingRequest } from '../../src-main/debug/breakpoints.js';
import { waitingClientOf } from '../../src-main/debug/breakpoints/client-timeout.js';
import { EventBus } from '../../src-main/debug/bus.js';
import { FlowRunner } from '../../src-main/flows/runner.js';
import { randomIds } from '../../src-main/ids.js';
import { Store } from '../../src-main/store/index.js';

const POOL = 'us-east-1_Break1';
const NOW = 1_700_000_000_000;

let store: Store;
let bus: EventBus;
let events: SandboxEvent[];
let request: WaitingRequest | undefined;
let breakpoints: Breakpoints;

beforeEach(async () => {
  store = await Store.open();
  store.db.write((tx) => tx.run("INSERT INTO user_pools (id, name, created, modified, config, mfa_factors) VALUES (?, 'p', 0, 0, '{}', '{}')", [POOL]));
  bus = new EventBus(store.events, () => NOW);
  events = [];
  bus.subscribe((event) => events.push(event));
  request = undefined;
  breakpoints = new Breakpoints({ store, bus, clock: { now: () => NOW }, ids: randomIds }, { currentRequest: () => request, releasedError: () => new Error('released') });
});

afterEach(() => {
  vi.useRealTimers();
  store.close();
});

const stop = (extra: Partial<Parameters<Breakpoints['hold']>[0]> = {}) => ({ point: 'trigger' as const, poolId: POOL, trigger: 'PreSignUp' as const, flowId: 'f1', userName: 'Carol', clientId: 'c1', event: { n: 1 }, ...extra });

describe('matching', () => {
  it('by pool, point and trigger, then optionally user (any case) and client; a switched-off breakpoint matches nothing', () => {
    expect(breakpoints.hold(stop())).toBeUndefined();
    const { breakpoint: forCarol } = breakpoints.add({ poolId: POOL, point: 'trigger', trigger: 'PreSignUp', userName: 'carol', clientId: 'c1' });
    expect(breakpoints.matching(stop())?.id).toBe(forCarol.id);
    expect(breakpoints.matching(stop({ clientId: 'c2' }))).toBeUndefined();
    expect(breakpoints.matching(stop({ userName: 'dave' }))).toBeUndefined();
    expect(breakpoints.matching(stop({ trigger: 'PostConfirmation' }))).toBeUndefined();
    expect(breakpoints.matching(stop({ point: 'tokens' }))).toBeUndefined();
    expect(breakpoints.watches(POOL, 'PreSignUp')).toBe(true);
    breakpoints.setEnabled(forCarol.id, false);
    expect(breakpoints.matching(stop())).toBeUndefined();
    expect(breakpoints.watches(POOL, 'PreSignUp')).toBe(false);
    // Asked again ("Break here next time"), the same breakpoint is switched back on, not doubled.
    expect(breakpoints.add({ poolId: POOL, point: 'trigger', trigger: 'PreSignUp', userName: 'carol', clientId: 'c1' })).toEqual({ breakpoint: { ...forCarol, enabled: true }, created: false });
    expect(breakpoints.add({ poolId: POOL, point: 'trigger', trigger: 'PreSignUp', failWith: 'x' }).created).toBe(true);
    expect(breakpoints.list()).toHaveLength(2);
  });

  it('are read again when a snapshot restore replaces the rows in the store', () => {
    expect(breakpoints.matching(stop())).toBeUndefined();
    store.breakpoints.insert({ id: 'from-snapshot', poolId: POOL, point: 'trigger', trigger: 'PreSignUp', enabled: true, created: 0 });
    bus.publish('snapshot.restored', {} as never);
    expect(breakpoints.matching(stop())?.id).toBe('from-snapshot');
  });

  it('are kept in the store, and go with their pool', () => {
    const { breakpoint: kept } = breakpoints.add({ poolId: POOL, point: 'message', respondWith: undefined });
    expect(store.breakpoints.all()).toEqual([kept]);
    store.pools.delete(POOL);
    expect(breakpoints.list()).toEqual([]);
  });
});

describe('a pause', () => {
  it('waits for the developer, and says so in the flow', async () => {
    breakpoints.add({ poolId: POOL, point: 'trigger', trigger: 'PreSignUp' });
    const held = breakpoints.hold(stop())!;
    const [paused] = breakpoints.paused();
    expect(breakpoints.isPaused('f1')).toBe(true);
    expect(paused).toMatchObject({ flowId: 'f1', event: { n: 1 }, clientGivesUpAt: null, client: { name: 'none' } });
    breakpoints.resume(paused!.pauseId, { action: 'edit', event: { n: 2 } });
    expect(await held).toMatchObject({ action: 'edit', event: { n: 2 }, canned: false, pauseId: paused!.pauseId });
    expect(events.map((event) => [event.type, event.flowId])).toEqual([
      ['flow.paused', 'f1'],
      ['flow.resumed', 'f1'],
    ]);
    expect(breakpoints.isPaused('f1')).toBe(false);
  });

  it('ends when its client disconnects: ClientDisconnected, published as abandoned', async () => {
    const controller = new AbortController();
    request = { headers: { userAgent: 'Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux' }, arrived: NOW - 5_000, disconnected: controller.signal };
    breakpoints.add({ poolId: POOL, point: 'trigger', trigger: 'PreSignUp' });
    const held = breakpoints.hold(stop())!;
    expect(breakpoints.paused()[0]).toMatchObject({ client: { name: 'boto3', timeoutMs: 60_000 }, clientGivesUpAt: NOW + 55_000 });
    controller.abort();
    await expect(held).rejects.toBeInstanceOf(ClientDisconnected);
    expect(events.at(-1)!.data).toMatchObject({ action: 'abandoned' });
    expect(breakpoints.paused()).toEqual([]);
  });

  it('is released by a reset with the error the sandbox answers then', async () => {
    breakpoints.add({ poolId: POOL, point: 'message' });
    const held = [breakpoints.hold(stop({ point: 'message' }))!, breakpoints.hold(stop({ point: 'message', flowId: 'f2' }))!].map((one) => one.catch((error: Error) => error));
    expect(await breakpoints.releaseAll()).toBe(2);
    for (const one of held) expect(await one).toMatchObject({ message: 'released' });
    expect(events.filter((event) => event.type === 'flow.resumed').map((event) => event.data)).toMatchObject([{ action: 'released' }, { action: 'released' }]);
  });

  it('a canned breakpoint answers at once, without pausing', async () => {
    breakpoints.add({ poolId: POOL, point: 'trigger', trigger: 'PreSignUp', failWith: 'No' });
    expect(await breakpoints.hold(stop())).toMatchObject({ action: 'fail', message: 'No', canned: true });
    expect(events).toEqual([]);
  });
});

describe('the waiting client', () => {
  it.each([
    ['Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.8 lang/python#3.12', undefined, 'boto3', 60_000],
    ['aws-cli/2.15.0 md/awscrt#0.19.19 ua/2.0 os/linux#6.8', undefined, 'AWS CLI', 60_000],
    ['aws-sdk-js/3.614.0 ua/2.1 os/linux#6.8 lang/js md/nodejs#20.19.0', 'aws-sdk-js/3.614.0', 'AWS SDK for JavaScript v3', null],
    ['Mozilla/5.0 (X11; Linux x86_64) Chrome/125.0 Safari/537.36', 'aws-amplify/6.3.4 auth/4 framework/0', 'Amplify', null],
    ['Mozilla/5.0 (X11; Linux x86_64) Chrome/125.0 Safari/537.36', 'aws-amplify/5.0.4 js', 'amazon-cognito-identity-js', null],
    ['aws-sdk-nodejs/2.1500.0 linux/v20.19.0 callback', undefined, 'AWS SDK for JavaScript v2', 120_000],
    ['aws-sdk-java/2.25.0 Linux/6.8 OpenJDK_64-Bit_Server_VM/21', undefined, 'AWS SDK for Java v2', 30_000],
    [undefined, undefined, 'unknown', null],
  ])('%s / %s is %s, giving up after %s ms', (userAgent, amzUserAgent, name, timeoutMs) => {
    expect(waitingClientOf({ userAgent, amzUserAgent })).toMatchObject({ name, timeoutMs });
  });
});

describe('the flow runner while a flow is paused', () => {
  const machine = (wait: () => Promise<unknown>) =>
    setup({ actors: { work: fromPromise(wait) } }).createMachine({
      id: 'paused-step',
      output: ({ event }) => event.output,
      initial: 'working',
      states: {
        working: { invoke: { src: 'work', onDone: 'done' } },
        done: { type: 'final', output: { outcome: 'success' } },
      },
    });
  const meta = { kind: 'paused-step', poolId: POOL, clientId: null, username: null, sessionMinutes: 3 };

  it("does not end a step paused past the runner's 30-second limit; a step that is not paused still times out", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    breakpoints.add({ poolId: POOL, point: 'tokens' });
    const runner = new FlowRunner({ store, bus, clock: { now: () => NOW }, ids: randomIds, breakpoints });
    let flowId = '';
    const paused = runner.start(
      machine(async () => {
        flowId = events.find((event) => event.type === 'flow.started')!.flowId!;
        return breakpoints.hold({ point: 'tokens', poolId: POOL, flowId, event: {} });
      }),
      meta,
      {},
    );
    await vi.advanceTimersByTimeAsync(95_000);
    expect(breakpoints.isPaused(flowId)).toBe(true);
    breakpoints.resume(breakpoints.paused()[0]!.pauseId, { action: 'continue' });
    expect((await paused).output).toEqual({ outcome: 'success' });

    const stuck = runner.start(machine(() => new Promise(() => {})), meta, {}).catch((error: Error) => error);
    await vi.advanceTimersByTimeAsync(30_001);
    expect(await stuck).toMatchObject({ message: 'Timeout of 30000 ms exceeded' });
  });
});
