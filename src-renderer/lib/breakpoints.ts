/** Breakpoints and paused flows in words, for the Breakpoints view and the flow's banner. */
import type { Breakpoint, PausedFlow } from '../../shared/breakpoints';

/** `Paused at PreSignUp`, `Paused before the tokens are signed`, `Paused before the message is sent`. */
export function pauseTitle(paused: Pick<PausedFlow, 'point' | 'trigger'>): string {
  if (paused.point === 'trigger') return `Paused at ${paused.trigger}`;
  return paused.point === 'tokens' ? 'Paused before the tokens are signed' : 'Paused before the message is sent';
}

/** Where a breakpoint stops, in words: `before PreSignUp`, `before token issue`, `before a message is sent`. */
export function breakpointWhere(breakpoint: Pick<Breakpoint, 'point' | 'trigger'>): string {
  if (breakpoint.point === 'trigger') return `before ${breakpoint.trigger}`;
  return breakpoint.point === 'tokens' ? 'before token issue' : 'before a message is sent';
}

/** Whose flows it stops: `every user and client`, `user carol`, `user carol through client 1abc…`. */
export function breakpointWho(breakpoint: Pick<Breakpoint, 'userName' | 'clientId'>): string {
  const parts = [breakpoint.userName && `user ${breakpoint.userName}`, breakpoint.clientId && `client ${breakpoint.clientId}`].filter(Boolean);
  return parts.length ? parts.join(' through ') : 'every user and client';
}

/** `gives up in 0:42`, `has given up`, `waits as long as the flow is paused`. */
export function secondsLeftText(givesUpAt: number | null, now: number): string {
  if (givesUpAt === null) return 'waits as long as the flow is paused';
  const left = Math.ceil((givesUpAt - now) / 1000);
  if (left <= 0) return 'has given up on its request';
  return `gives up in ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}
