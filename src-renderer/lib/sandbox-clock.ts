/**
 * The sandbox clock's words in the window (time travel): its offset from real time, the clock
 * control's label, and each thing a jump expired. Pure functions of the server's numbers.
 */
import type { ExpiredItem } from '../../shared/events';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `+2 h 5 min`, `+7 d`, `+1 d 3 h`, `+30 s`: the largest two units that are not zero. */
export function offsetText(offsetMs: number): string {
  if (offsetMs < MINUTE_MS) return `+${Math.round(offsetMs / 1_000)} s`;
  const parts = [
    [Math.floor(offsetMs / DAY_MS), 'd'],
    [Math.floor((offsetMs % DAY_MS) / HOUR_MS), 'h'],
    [Math.floor((offsetMs % HOUR_MS) / MINUTE_MS), 'min'],
  ] as const;
  const first = parts.findIndex(([n]) => n > 0);
  return `+${parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(' ')}`;
}

/** `Tue 14:32`, in the window's time zone. */
export function weekdayTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${WEEKDAYS[d.getDay()]} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** What the clock control says: `Real time`, or `+2 h 5 min · Tue 14:32`. */
export function clockLabel(offsetMs: number, sandboxNow: number): string {
  return offsetMs === 0 ? 'Real time' : `${offsetText(offsetMs)} · ${weekdayTime(sandboxNow)}`;
}

const KIND_LABELS: Record<ExpiredItem['kind'], string> = {
  code: 'Code',
  'temporary-password': 'Temporary password',
  'passkey-registration': 'Passkey registration',
  session: 'Session',
  'authorization-code': 'Authorization code',
  'refresh-token': 'Refresh token',
  'access-token': 'Access token',
  'id-token': 'ID token',
  lockout: 'Lockout ended',
  'hosted-session': 'Hosted UI session',
  credentials: 'AWS credentials',
};

export function expiredKindLabel(kind: ExpiredItem['kind']): string {
  return KIND_LABELS[kind] ?? kind;
}

/** The amounts the panel's buttons jump by, in seconds. */
export const QUICK_JUMPS: readonly { label: string; seconds: number }[] = [
  { label: '+5 min', seconds: 5 * 60 },
  { label: '+1 h', seconds: 60 * 60 },
  { label: '+1 day', seconds: 24 * 60 * 60 },
  { label: '+7 days', seconds: 7 * 24 * 60 * 60 },
];

export const CUSTOM_UNITS = { minutes: 60, hours: 60 * 60, days: 24 * 60 * 60 } as const;
export type CustomUnit = keyof typeof CUSTOM_UNITS;
