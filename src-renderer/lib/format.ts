/** How times, durations and sizes read in the window. */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `14:03:22.481`: wall-clock time with milliseconds, as a debugger shows it. */
export function clockTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** `2024-05-01 14:03:22`. */
export function dateTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `0.8 ms`, `12 ms`, `1.24 s`, `3 min 5 s`. */
export function duration(ms: number): string {
  if (ms < 10) return `${Math.round(ms * 10) / 10} ms`;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1_000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** Seconds left until an epoch-seconds deadline, as `59 min 12 s`, or how long ago it passed. */
export function untilDeadline(deadlineSeconds: number, nowMs: number): { text: string; passed: boolean } {
  const left = deadlineSeconds * 1_000 - nowMs;
  const span = Math.abs(left);
  const hours = Math.floor(span / 3_600_000);
  const minutes = Math.floor((span % 3_600_000) / 60_000);
  const seconds = Math.floor((span % 60_000) / 1_000);
  const text = hours ? `${hours} h ${minutes} min` : minutes ? `${minutes} min ${seconds} s` : `${seconds} s`;
  return { text, passed: left <= 0 };
}

/** `just now`, `5 s ago`, `3 min ago`, then the date. */
export function ago(epochMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - epochMs) / 1_000));
  if (seconds < 3) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)} h ago`;
  return dateTime(epochMs);
}

const counts = new Intl.NumberFormat('en-US');
/** `12,345` (one shared formatter: `toLocaleString` builds a new one per call). */
export function count(n: number): string {
  return counts.format(n);
}

/** `1 user`, `2 users`, `1,204 users`; `plural(3, 'identity', 'identities')` where adding an s is wrong. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}
