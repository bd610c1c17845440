/**
 * What a pre token generation function changed in a token's claims: the names it added, those
 * whose value it overrode (cognito:groups and cognito:roles included) and those it suppressed.
 * The `token.issued` event carries it, so the window can mark each claim.
 */
import type { ClaimsChanged } from '../../shared/events.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Undefined when nothing changed. */
export function claimsChangedBetween(before: Record<string, unknown>, after: Record<string, unknown>): ClaimsChanged | undefined {
  const added = Object.keys(after).filter((name) => !(name in before));
  const overridden = Object.keys(after).filter((name) => name in before && !same(before[name], after[name]));
  const suppressed = Object.keys(before).filter((name) => !(name in after));
  return added.length + overridden.length + suppressed.length ? { added, overridden, suppressed } : undefined;
}
