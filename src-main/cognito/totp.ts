/**
 * Cognito's TOTP software tokens (the guide's "TOTP software token MFA"): RFC 6238 with HMAC-SHA1,
 * 6 digits and 30-second steps, a code of the step before or after accepted for clock skew, and a
 * code accepted once only (RFC 6238 §5.2: a verifier must not accept an OTP a second time).
 * The arithmetic is the `otpauth` package's.
 */
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted on either side of the current one: "within 30 seconds before or after the attempt". */
export const TOTP_WINDOW = 1;
/** 160 bits, RFC 4226's recommended secret length: 32 base32 characters, as Cognito's SecretCode. */
const SECRET_BYTES = 20;

/** Why a code was refused: not the code of any step in the window, or a step already used. */
export type TotpRefusal = 'mismatch' | 'replayed';

export type TotpCheck = { accepted: true; step: number } | { accepted: false; reason: TotpRefusal };

/** A new random shared secret, base32 (A-Z, 2-7), 32 characters. */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The 30-second step `epochMs` falls in. */
export function totpStep(epochMs: number): number {
  return TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp: epochMs });
}

function totpFor(secret: string): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
}

/**
 * Checks `code` against the secret at `now` (epoch ms). A code of a step at or before
 * `lastUsedStep` (the step of the last code accepted) is refused as a replay. On acceptance the
 * caller keeps the returned step as the new `lastUsedStep`.
 */
export function checkTotpCode(secret: string, code: string, now: number, lastUsedStep?: number): TotpCheck {
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code)) return { accepted: false, reason: 'mismatch' };
  const delta = totpFor(secret).validate({ token: code, timestamp: now, window: TOTP_WINDOW });
  if (delta === null) return { accepted: false, reason: 'mismatch' };
  const step = totpStep(now) + delta;
  if (lastUsedStep !== undefined && step <= lastUsedStep) return { accepted: false, reason: 'replayed' };
  return { accepted: true, step };
}

export interface TotpUriParts {
  secret: string;
  /** Who the code is for: the user pool's name, as Cognito's hosted UI labels it. */
  issuer: string;
  /** Whose code it is: the username. */
  label: string;
}

/**
 * `otpauth://totp/ISSUER:LABEL?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`, the key URI
 * authenticator apps scan from a QR code.
 */
export function totpUri({ secret, issuer, label }: TotpUriParts): string {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS }).toString();
}
