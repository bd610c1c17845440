/**
 * The MFA a risky sign-in is challenged with (MFA_IF_CONFIGURED, MFA_REQUIRED), whatever the
 * pool's MfaConfiguration and the user's MFA preference: "Adaptive Authentication adds MFA based
 * on risk level for users who don't have an MFA type enabled at the user level". A user has a
 * factor configured when they have MFA on (their own factors first), else a verified software
 * token, or a phone number or email address where the pool has that factor on ("You don't have
 * to verify phone numbers to use them for SMS as a second authentication factor").
 */
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { attributeMap } from '../attributes.js';
import { challengeableFactors, factorToChallenge, MFA_FACTORS, poolMfaFactors, verifiedSoftwareToken, type MfaFactor } from '../mfa.js';
import type { MfaStep } from '../mfa-challenges.js';

function configuredFactors(pool: UserPool, user: StoredUser): MfaFactor[] {
  const attributes = attributeMap(user.attributes);
  const pooled = poolMfaFactors(pool);
  const has: Record<MfaFactor, boolean> = {
    SOFTWARE_TOKEN_MFA: verifiedSoftwareToken(user) !== undefined,
    SMS_MFA: pooled.includes('SMS_MFA') && !!attributes.get('phone_number'),
    EMAIL_OTP: pooled.includes('EMAIL_OTP') && !!attributes.get('email'),
  };
  return MFA_FACTORS.filter((factor) => has[factor]);
}

/** The MFA step for a risky sign-in, or undefined when the user has no factor to be challenged with. */
export function riskMfaStep(pool: UserPool, user: StoredUser): Exclude<MfaStep, { step: 'none' } | { step: 'setup' }> | undefined {
  const own = challengeableFactors(pool, user);
  if (own.length > 0) {
    const factor = factorToChallenge(pool, user);
    return factor ? { step: 'challenge', factor } : { step: 'select', factors: own };
  }
  const factors = configuredFactors(pool, user);
  if (factors.length === 0) return undefined;
  return factors.length === 1 ? { step: 'challenge', factor: factors[0]! } : { step: 'select', factors };
}
