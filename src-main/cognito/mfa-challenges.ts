/**
 * Which MFA step a sign-in takes once the password is right, as Cognito decides it from the
 * pool's MfaConfiguration and the user's factors (mfa.ts):
 *  - MfaConfiguration OFF: none;
 *  - a preferred factor, or the only one: that factor's challenge (SMS_MFA, EMAIL_OTP,
 *    SOFTWARE_TOKEN_MFA);
 *  - several and none preferred: SELECT_MFA_TYPE, the user chooses;
 *  - none: with MFA OPTIONAL no step; with MFA ON, Cognito falls back on a factor the user can
 *    receive without setting anything up (SMS to their phone number, then email to their
 *    address, where the pool has the factor on), else MFA_SETUP.
 *
 * Assumption where the reference is silent: the fallback order for required MFA (SMS, then email).
 */
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredUser } from '../store/repositories/users.js';
import { attributeMap } from './attributes.js';
import { challengeableFactors, factorToChallenge, factorsToSetUp, poolMfaFactors, type MfaFactor } from './mfa.js';

export type { MfaFactor } from './mfa.js';

export type MfaStep =
  | { step: 'none' }
  | { step: 'challenge'; factor: MfaFactor }
  | { step: 'select'; factors: MfaFactor[] }
  | { step: 'setup'; factors: MfaFactor[] };

/** The factor required MFA falls back on for a user who set none up. */
function fallbackFactor(pool: UserPool, user: StoredUser): MfaFactor | undefined {
  const attributes = attributeMap(user.attributes);
  const pooled = poolMfaFactors(pool);
  if (pooled.includes('SMS_MFA') && attributes.get('phone_number')) return 'SMS_MFA';
  if (pooled.includes('EMAIL_OTP') && attributes.get('email')) return 'EMAIL_OTP';
  return undefined;
}

export function mfaStepFor(pool: UserPool, user: StoredUser): MfaStep {
  const mode = pool.config.MfaConfiguration ?? 'OFF';
  if (mode === 'OFF') return { step: 'none' };
  const factor = factorToChallenge(pool, user);
  if (factor) return { step: 'challenge', factor };
  const factors = challengeableFactors(pool, user);
  if (factors.length > 1) return { step: 'select', factors };
  if (mode === 'OPTIONAL') return { step: 'none' };
  const fallback = fallbackFactor(pool, user);
  return fallback ? { step: 'challenge', factor: fallback } : { step: 'setup', factors: factorsToSetUp(pool, user) };
}
