/**
 * Time travel: moving the sandbox's clock (clock.ts SandboxClock) and what follows a jump. Every
 * deadline is checked against the clock when it is used, so codes, tokens, temporary passwords
 * and lockouts expire by themselves; what this adds is that flows waiting for the client whose
 * Session the jump passed end `expired` at once, as their timer would have ended them, and that
 * the jump is published as `clock.changed` with the list of what expired in it.
 */
import type { ClockChanged } from '../../shared/events.js';
import type { BaseServices } from '../base-services.js';
import type { SandboxClock } from '../clock.js';
import { expiredBetween } from '../cognito/expiry.js';
import type { FlowRunner } from './runner.js';

export type TimeTravelServices = Pick<BaseServices, 'store' | 'bus'> & { clock: SandboxClock; runner: FlowRunner };

/** Forward by a number of milliseconds, to an offset from real time, or back to real time. */
export type ClockMove = { advanceMs: number } | { offsetMs: number } | { realTime: true };

/** Moves the clock (ClockOffsetError for a move it refuses), ends the waiting flows the jump expired, and publishes the jump. */
export function moveClock(services: TimeTravelServices, move: ClockMove): ClockChanged['data'] {
  const { clock } = services;
  const before = clock.now();
  if ('advanceMs' in move) clock.advance(move.advanceMs);
  else if ('offsetMs' in move) clock.setOffset(move.offsetMs);
  else clock.reset();
  const now = clock.now();
  // Listed before the flows end: ending a flow clears its Session's deadline.
  const { expired, omitted } = expiredBetween(services, before, now);
  services.runner.clockMoved();
  const data: ClockChanged['data'] = { now, offsetMs: clock.offsetMs, expired, ...(omitted > 0 && { omitted }) };
  services.bus.publish('clock.changed', data);
  return data;
}
