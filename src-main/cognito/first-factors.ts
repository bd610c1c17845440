/**
 * Choice-based sign-in (USER_AUTH): the first factors a user may sign in with, as Cognito offers
 * them in SELECT_CHALLENGE's AvailableChallenges: those the pool's sign-in policy allows
 * (Policies.SignInPolicy.AllowedFirstAuthFactors; PASSWORD is always among them) that the user
 * can use:
 *  - PASSWORD and PASSWORD_SRP: a user with a password;
 *  - EMAIL_OTP: a verified email address;
 *  - SMS_OTP: a verified phone number, in a pool that can send SMS;
 *  - WEB_AUTHN: a registered passkey.
 * A code sent for a passwordless first factor, or a passkey, is the only factor: no MFA follows
 * it, so a pool that requires MFA (MfaConfiguration ON) offers passwords alone (the API reference:
 * passkey sign-in is available when MFA is required only as passkey MFA, which is not built).
 *
 * Assumption where the references are silent: the order of AvailableChallenges follows the pool's
 * AllowedFirstAuthFactors, PASSWORD giving PASSWORD then PASSWORD_SRP.
 */
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredUser } from '../store/repositories/users.js';
import type { Store } from '../store/index.js';
import { attributeMap } from './attributes.js';
import { passkeysEnabled } from './webauthn.js';

export type FirstFactor = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

export const FIRST_FACTORS: readonly FirstFactor[] = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];

export function allowedFirstAuthFactors(pool: UserPool): string[] {
  return pool.config.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
}

/** The user can sign in with a passkey: the pool allows passkeys and the user has registered one. */
function hasPasskey(store: Store, pool: UserPool, user: StoredUser): boolean {
  return passkeysEnabled(pool) && store.webAuthnCredentials.countOf(pool.id, user.sub) > 0;
}

export function availableFirstFactors(store: Store, pool: UserPool, user: StoredUser): FirstFactor[] {
  if (pool.config.MfaConfiguration === 'ON') return user.password ? ['PASSWORD', 'PASSWORD_SRP'] : [];
  const attributes = attributeMap(user.attributes);
  const usable: Record<string, FirstFactor[]> = {
    PASSWORD: user.password ? ['PASSWORD', 'PASSWORD_SRP'] : [],
    EMAIL_OTP: attributes.get('email') && attributes.get('email_verified') === 'true' ? ['EMAIL_OTP'] : [],
    SMS_OTP: attributes.get('phone_number') && attributes.get('phone_number_verified') === 'true' && pool.config.SmsConfiguration ? ['SMS_OTP'] : [],
    WEB_AUTHN: hasPasskey(store, pool, user) ? ['WEB_AUTHN'] : [],
  };
  return allowedFirstAuthFactors(pool).flatMap((factor) => (Object.hasOwn(usable, factor) ? usable[factor]! : []));
}

/** ConfiguredUserAuthFactors (GetUserAuthFactors): the first factors the user has, and a verified software token. */
export type UserAuthFactor = 'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN' | 'SOFTWARE_TOKEN';

export function configuredUserAuthFactors(store: Store, pool: UserPool, user: StoredUser): UserAuthFactor[] {
  const firstFactors = availableFirstFactors(store, pool, user).filter((factor): factor is Exclude<FirstFactor, 'PASSWORD_SRP'> => factor !== 'PASSWORD_SRP');
  return user.mfa?.enabled.includes('SOFTWARE_TOKEN_MFA') ? [...firstFactors, 'SOFTWARE_TOKEN'] : firstFactors;
}
