import { Secret, TOTP, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { checkTotpCode, newTotpSecret, totpStep, totpUri } from '../../src-main/cognito/totp.js';

/** RFC 6238 Appendix B's SHA-1 secret, "12345678901234567890", in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SECOND = 1000;
const STEP = 30 * SECOND;
const NOW = Date.UTC(2025, 0, 2, 3, 4, 5);

const codeAt = (secret: string, epochMs: number) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: epochMs });

describe('TOTP codes (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  it('accepts the RFC 6238 test vectors, cut to six digits', () => {
    // Appendix B's 8-digit values 94287082, 07081804, 14050471, 89005924, 69279037: the last six digits.
    const vectors: [number, string][] = [
      [59, '287082'],
      [1111111109, '081804'],
      [1111111111, '050471'],
      [1234567890, '005924'],
      [2000000000, '279037'],
    ];
    for (const [seconds, code] of vectors) {
      expect(checkTotpCode(RFC_SECRET, code, seconds * SECOND)).toEqual({ accepted: true, step: Math.floor(seconds / 30) });
    }
  });

  it('accepts the codes of the step before and after, not two steps away', () => {
    const secret = newTotpSecret();
    expect(checkTotpCode(secret, codeAt(secret, NOW - STEP), NOW)).toEqual({ accepted: true, step: totpStep(NOW) - 1 });
    expect(checkTotpCode(secret, codeAt(secret, NOW + STEP), NOW)).toEqual({ accepted: true, step: totpStep(NOW) + 1 });
    expect(checkTotpCode(secret, codeAt(secret, NOW - 2 * STEP), NOW)).toEqual({ accepted: false, reason: 'mismatch' });
    expect(checkTotpCode(secret, codeAt(secret, NOW + 2 * STEP), NOW)).toEqual({ accepted: false, reason: 'mismatch' });
  });

  it('refuses a code again once accepted, and any code of an earlier step, but takes the next step’s', () => {
    const secret = newTotpSecret();
    const first = checkTotpCode(secret, codeAt(secret, NOW), NOW);
    expect(first).toEqual({ accepted: true, step: totpStep(NOW) });
    const used = totpStep(NOW);
    expect(checkTotpCode(secret, codeAt(secret, NOW), NOW + 5 * SECOND, used)).toEqual({ accepted: false, reason: 'replayed' });
    expect(checkTotpCode(secret, codeAt(secret, NOW - STEP), NOW, used)).toEqual({ accepted: false, reason: 'replayed' });
    expect(checkTotpCode(secret, codeAt(secret, NOW + STEP), NOW + STEP, used)).toEqual({ accepted: true, step: used + 1 });
  });

  it('refuses codes that are not six digits, and another secret’s code', () => {
    const secret = newTotpSecret();
    const code = codeAt(secret, NOW);
    for (const wrong of [code.slice(1), `${code}0`, 'abcdef', '', ` ${code.slice(1)}`]) {
      expect(checkTotpCode(secret, wrong, NOW)).toEqual({ accepted: false, reason: 'mismatch' });
    }
    expect(checkTotpCode(newTotpSecret(), code, NOW)).toMatchObject({ accepted: false });
  });

  it('makes secrets of 32 base32 characters, a new one each time', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => newTotpSecret()));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  });
});

describe('the otpauth:// key URI', () => {
  it('names the pool as issuer and the username as label, and carries the secret and the parameters', () => {
    const uri = totpUri({ secret: RFC_SECRET, issuer: 'my pool', label: 'alice@example.com' });
    expect(uri.startsWith('otpauth://totp/my%20pool:alice%40example.com?')).toBe(true);
    const parsed = URI.parse(uri) as TOTP;
    expect(parsed).toBeInstanceOf(TOTP);
    expect(parsed).toMatchObject({ issuer: 'my pool', label: 'alice@example.com', algorithm: 'SHA1', digits: 6, period: 30 });
    expect(parsed.secret.base32).toBe(RFC_SECRET);
    expect(new URL(uri).searchParams.get('issuer')).toBe('my pool');
  });
});
