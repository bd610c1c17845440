/** Time, injectable so tests can move it. Milliseconds since the epoch. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Epoch seconds, as dates travel on the AWS JSON wire. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** Where the sandbox keeps its clock's offset, so a restart goes on at the same sandbox time. */
export interface OffsetKeeper {
  read(): number;
  keep(offsetMs: number): void;
}

/** The farthest the clock may be set ahead of real time: ten years, past every lifetime Cognito has. */
export const MAX_OFFSET_MS = 10 * 365 * 24 * 60 * 60 * 1000;

export class ClockOffsetError extends Error {}

/**
 * The sandbox's clock: real time plus an offset the developer moves forward ("time travel"), so
 * that codes, Sessions, tokens, temporary passwords and lockouts expire without waiting. Like
 * Cognito's own time it never goes before real time: the offset is 0 or more. Going back to real
 * time (`reset`) is allowed; what was issued at a later sandbox time then simply lives longer.
 *
 * `real` is what the sandbox calls real time: the machine's clock, or the clock a test injected.
 */
export class SandboxClock implements Clock {
  private offset: number;

  constructor(
    private readonly real: Clock = systemClock,
    private readonly keeper?: OffsetKeeper,
  ) {
    const kept = keeper?.read() ?? 0;
    this.offset = Number.isSafeInteger(kept) && kept >= 0 && kept <= MAX_OFFSET_MS ? kept : 0;
  }

  now(): number {
    return this.real.now() + this.offset;
  }

  /** Real time, without the offset. */
  realNow(): number {
    return this.real.now();
  }

  /** A clock that keeps this one's real time, at no offset (what identity providers keep: providerClockOf). */
  atRealTime(): SandboxClock {
    return new SandboxClock(this.real);
  }

  get offsetMs(): number {
    return this.offset;
  }

  /** Moves the clock `ms` forward (a whole number of milliseconds, 0 or more). */
  advance(ms: number): void {
    if (!Number.isSafeInteger(ms) || ms < 0) throw new ClockOffsetError('The clock moves forward only, by a whole number of milliseconds.');
    this.setOffset(this.offset + ms);
  }

  /** Sets the offset from real time (0 to MAX_OFFSET_MS). */
  setOffset(offsetMs: number): void {
    if (!Number.isSafeInteger(offsetMs) || offsetMs < 0) throw new ClockOffsetError('The offset is a whole number of milliseconds, 0 or more: the sandbox never goes before real time.');
    if (offsetMs > MAX_OFFSET_MS) throw new ClockOffsetError('The offset may be at most ten years.');
    this.keeper?.keep(offsetMs);
    this.offset = offsetMs;
  }

  /** Back to real time. */
  reset(): void {
    this.setOffset(0);
  }
}

/**
 * The clock identity providers keep: real time, whatever offset the sandbox's clock has. A
 * provider (Google, a SAML IdP, the built-in mocks) is outside the sandbox and stamps what it
 * issues with real time, so what it sends is judged by real time too.
 */
export function providerClockOf(clock: Clock): Clock {
  return clock instanceof SandboxClock ? clock.atRealTime() : clock;
}

/** `2 d 3 h 5 min` ahead: how a start says the clock kept an offset from the last run. */
export function describeOffset(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  const parts = [
    [Math.floor(minutes / 1440), 'd'],
    [Math.floor((minutes % 1440) / 60), 'h'],
    [minutes % 60, 'min'],
  ] as const;
  const text = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}`).join(' ');
  return `the sandbox's clock runs ${text || `${Math.round(offsetMs / 1000)} s`} ahead of real time (time travel, kept from the last run; DELETE /_sandbox/api/clock goes back)`;
}
