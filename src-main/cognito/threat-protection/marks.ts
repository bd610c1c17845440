/**
 * The developer's risk marks (the sandbox's deterministic stand-in for Cognito's risk model):
 * the next sign-in of a user, from an IP address, or with a device key, rated LOW / MEDIUM / HIGH
 * and consumed by the sign-in it applies to; and compromised passwords, kept until removed (as a
 * SHA-256 hash and a hint of their first and last characters).
 */
import { createHash } from 'node:crypto';
import type { Store } from '../../store/index.js';
import type { RiskMark, RiskMarkKind } from '../../store/repositories/threat-protection.js';
import type { RiskLevel } from './risk-configuration.js';

export const passwordDigest = (password: string): string => createHash('sha256').update(password, 'utf8').digest('hex');

export function passwordHint(password: string): string {
  const chars = [...password];
  return chars.length <= 2 ? '•'.repeat(chars.length) : `${chars[0]}${'•'.repeat(Math.min(chars.length - 2, 8))}${chars[chars.length - 1]}`;
}

export function isCompromisedPassword(store: Pick<Store, 'riskMarks'>, poolId: string, password: string): boolean {
  return store.riskMarks.find(poolId, 'password', passwordDigest(password)) !== undefined;
}

export interface SignInMarks {
  /** The highest level marked, if any. */
  level?: RiskLevel;
  /** Each mark that applied, in words. */
  reasons: string[];
  /** The marks to consume. */
  ids: string[];
}

const ORDER: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH'];
const NAMES: Readonly<Record<Exclude<RiskMarkKind, 'password'>, string>> = { user: 'the user', ip: 'the IP address', device: 'the device' };

/** The marks that apply to a sign-in of `usernameKey`, from `ip`, presenting `deviceKey`. */
export function marksForSignIn(store: Pick<Store, 'riskMarks'>, poolId: string, targets: { usernameKey: string; ip?: string; deviceKey?: string }): SignInMarks {
  const candidates: [Exclude<RiskMarkKind, 'password'>, string | undefined][] = [
    ['user', targets.usernameKey],
    ['ip', targets.ip],
    ['device', targets.deviceKey],
  ];
  const found = candidates
    .map(([kind, target]) => (target ? store.riskMarks.find(poolId, kind, target) : undefined))
    .filter((mark): mark is RiskMark => mark?.level !== undefined);
  const level = found.map((mark) => mark.level as RiskLevel).sort((a, b) => ORDER.indexOf(b) - ORDER.indexOf(a))[0];
  return {
    ...(level && { level }),
    reasons: found.map((mark) => `the developer marked the next sign-in of ${NAMES[mark.kind as Exclude<RiskMarkKind, 'password'>]} ${mark.target} as ${mark.level}`),
    ids: found.map((mark) => mark.id),
  };
}
