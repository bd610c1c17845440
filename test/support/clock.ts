/** A clock to inject into the sandbox (`startSandbox({}, { clock })`), moved by setting `time`. */
export interface TestClock {
  time: number;
  now(): number;
}

/** A clock standing at `start` (epoch milliseconds) until the test moves it. */
export function testClock(start: number): TestClock {
  const clock: TestClock = { time: start, now: () => clock.time };
  return clock;
}
