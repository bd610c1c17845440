import { randomInt } from 'node:crypto';

/** A six-digit one-time code, as Cognito sends for verification and password reset. */
export function oneTimeCode(): string {
  return String(randomInt(1_000_000)).padStart(6, '0');
}
