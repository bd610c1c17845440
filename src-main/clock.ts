/** Time, injectable so tests can move it. Milliseconds since the epoch. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Epoch seconds, as dates travel on the AWS JSON wire. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
