/**
 * Time travel, at `/_sandbox/api/clock`:
 * - `GET`: the sandbox's time, its offset from real time, and whether it is at real time;
 * - `POST` `{advanceSeconds}` (more than 0) or `{offsetMs}` (0 or more): moves the clock forward,
 *   or to an offset from real time; answers the clock and what expired in the jump (also
 *   published as `clock.changed`);
 * - `DELETE`: back to real time.
 *
 * Cognito's time never goes back, so neither does the sandbox's below real time: a negative
 * offset or jump is refused (400). Setting a smaller offset, or going back to real time, is
 * allowed: it is how a developer leaves time travel; what was issued at the later time then
 * lives that much longer. The offset is at most ten years. The mock identity providers keep
 * real time (clock.ts providerClockOf).
 */
import type { Request, Response } from 'express';
import type { ClockJump, ClockState, ErrorBody } from '../../../shared/debugger-api.js';
import { ClockOffsetError, MAX_OFFSET_MS, type SandboxClock } from '../../clock.js';
import { moveClock, type ClockMove } from '../../flows/time-travel.js';
import type { Services } from '../../services.js';
import { jsonBodyReader, type ApiHandler } from './route.js';

const bodyOf = jsonBodyReader('1kb');
const MAX_ADVANCE_SECONDS = MAX_OFFSET_MS / 1000;

type ClockServices = Pick<Services, 'store' | 'bus' | 'clock' | 'flows'>;

function badRequest(res: Response<ErrorBody>, message: string): void {
  res.status(400).json({ error: 'bad_request', message });
}

const stateOf = (clock: SandboxClock): ClockState => ({ now: clock.now(), offsetMs: clock.offsetMs, real: clock.offsetMs === 0 });

/** The move a body asks for, or why it is refused. */
export function clockMoveOf(body: unknown): ClockMove | string {
  const usage = 'The body must be {"advanceSeconds": N} (N more than 0) or {"offsetMs": N} (a whole number, 0 or more).';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return usage;
  const keys = Object.keys(body);
  if (keys.length !== 1) return usage;
  const { advanceSeconds, offsetMs } = body as { advanceSeconds?: unknown; offsetMs?: unknown };
  if (keys[0] === 'advanceSeconds') {
    if (typeof advanceSeconds !== 'number' || !Number.isFinite(advanceSeconds)) return 'advanceSeconds must be a number.';
    if (advanceSeconds <= 0) return 'advanceSeconds must be more than 0: the sandbox\'s clock moves forward only (DELETE /clock goes back to real time).';
    if (advanceSeconds > MAX_ADVANCE_SECONDS) return `advanceSeconds may be at most ${MAX_ADVANCE_SECONDS} (ten years).`;
    return { advanceMs: Math.max(1, Math.round(advanceSeconds * 1000)) };
  }
  if (keys[0] === 'offsetMs') {
    if (typeof offsetMs !== 'number' || !Number.isSafeInteger(offsetMs)) return 'offsetMs must be a whole number of milliseconds.';
    if (offsetMs < 0) return 'offsetMs must be 0 or more: the sandbox never goes before real time.';
    if (offsetMs > MAX_OFFSET_MS) return `offsetMs may be at most ${MAX_OFFSET_MS} (ten years).`;
    return { offsetMs };
  }
  return usage;
}

function jump(services: ClockServices, move: ClockMove): ClockJump {
  const data = moveClock({ ...services, runner: services.flows.runner }, move);
  return { ...data, real: data.offsetMs === 0 };
}

export function getClock({ clock }: Pick<Services, 'clock'>): ApiHandler<'clock'> {
  return (_req, res) => res.json(stateOf(clock));
}

export function postClock(services: ClockServices): ApiHandler<'moveClock'> {
  return async (req, res) => {
    const answer = res as Response<ErrorBody>;
    if (!req.is('application/json')) return badRequest(answer, 'The body must be JSON (Content-Type: application/json).');
    const body = await bodyOf(req as Request, res as Response);
    const move = body === undefined ? 'The body is not readable JSON of at most 1 KB.' : clockMoveOf(body);
    if (typeof move === 'string') return badRequest(answer, move);
    try {
      res.json(jump(services, move));
    } catch (error) {
      if (error instanceof ClockOffsetError) return badRequest(answer, error.message);
      throw error;
    }
  };
}

export function deleteClock(services: ClockServices): ApiHandler<'resetClock'> {
  return (_req, res) => res.json(jump(services, { realTime: true }));
}
