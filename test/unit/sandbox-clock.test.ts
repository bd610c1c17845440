/** SandboxClock: real time plus an offset that only goes forward of real time, kept across a restart; providers keep real time. */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ClockOffsetError, describeOffset, MAX_OFFSET_MS, providerClockOf, SandboxClock, systemClock } from '../../src-main/clock.js';
import { Store } from '../../src-main/store/index.js';
import { testClock } from '../support/clock.js';
import { tempDir } from '../support/sandbox.js';

const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOUR_MS = 60 * 60 * 1000;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('SandboxClock', () => {
  it('is real time plus its offset, moved forward, set, and reset', () => {
    const real = testClock(START);
    const clock = new SandboxClock(real);
    expect(clock.now()).toBe(START);
    clock.advance(2 * HOUR_MS);
    expect([clock.now(), clock.offsetMs, clock.realNow()]).toEqual([START + 2 * HOUR_MS, 2 * HOUR_MS, START]);
    real.time += 1_000;
    expect(clock.now()).toBe(START + 2 * HOUR_MS + 1_000);
    clock.setOffset(5);
    expect(clock.now()).toBe(START + 1_005);
    clock.reset();
    expect(clock.offsetMs).toBe(0);
  });

  it('refuses to go before real time, past ten years, or by anything but whole milliseconds', () => {
    const clock = new SandboxClock(testClock(START));
    for (const move of [() => clock.advance(-1), () => clock.advance(1.5), () => clock.advance(Number.NaN), () => clock.setOffset(-1), () => clock.setOffset(MAX_OFFSET_MS + 1)]) {
      expect(move).toThrow(ClockOffsetError);
    }
    clock.setOffset(MAX_OFFSET_MS);
    expect(() => clock.advance(1)).toThrow('The offset may be at most ten years.');
    expect(clock.offsetMs).toBe(MAX_OFFSET_MS);
  });

  it('keeps its offset in the store, so a restarted sandbox goes on at the same sandbox time', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const first = await Store.open({ dir });
    new SandboxClock(testClock(START), first.clockOffset).advance(3 * HOUR_MS);
    first.close();

    const second = await Store.open({ dir });
    const restarted = new SandboxClock(testClock(START + 10_000), second.clockOffset);
    expect(restarted.now()).toBe(START + 10_000 + 3 * HOUR_MS);
    restarted.reset();
    expect(second.clockOffset.read()).toBe(0);
    second.close();
  });

  it('gives identity providers real time, whatever the offset', () => {
    const clock = new SandboxClock(testClock(START));
    clock.advance(HOUR_MS);
    expect(providerClockOf(clock).now()).toBe(START);
    expect(clock.atRealTime().now()).toBe(START);
    expect(providerClockOf(systemClock)).toBe(systemClock);
  });

  it('says how far ahead it runs, for a start that kept an offset', () => {
    expect(describeOffset((2 * 24 * 60 + 3 * 60 + 5) * 60_000)).toMatch(/^the sandbox's clock runs 2 d 3 h 5 min ahead of real time/);
    expect(describeOffset(20_000)).toMatch(/runs 20 s ahead/);
  });
});
