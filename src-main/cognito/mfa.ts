/**
 * A user's MFA settings and Cognito's rules for them: which factors the user has on and prefers,
 * their TOTP software token, which factors sign-in can challenge them with, and how
 * SetUserMFAPreference, SetUserSettings, AssociateSoftwareToken and VerifySoftwareToken change
 * them. Every function here is pure: it answers the new settings (or throws Cognito's error) and
 * the caller saves them.
 *
 * The factor rules:
 *  - SMS_MFA needs the pool's SMS factor and a phone_number;
 *  - EMAIL_OTP needs the pool's email factor and an email;
 *  - SOFTWARE_TOKEN_MFA needs a verified software token, and stays usable when the pool turns TOTP
 *    off later ("If your users have set up TOTP, they can use it for MFA, even if you deactivate
 *    TOTP for the user pool later", the guide's TOTP considerations).
 *
 * Software tokens: AssociateSoftwareToken hands out a pending secret; the token in use (if any)
 * stays in use until VerifySoftwareToken accepts a code from the pending one, which then replaces
 * it ("Amazon Cognito disassociates an existing software token when you verify the new token in
 * a VerifySoftwareToken API request", the AssociateSoftwareToken reference). Verifying does not
 * turn SOFTWARE_TOKEN_MFA on: SetUserMFAPreference does.
 *
 * Assumptions where the references are silent (messages marked so below):
 *  - a settings object without Enabled leaves the factor as it was, except that PreferredMfa true
 *    turns it on; Enabled false with PreferredMfa true turns it off (and not preferred);
 *  - turning a factor on is checked only when the request asks for it on (Enabled or PreferredMfa
 *    true), so a user can still drop a preference on a factor they could no longer turn on;
 *  - SMS_MFA is not checked against the pool's factors (Cognito accepts SetUserMFAPreference for
 *    SMS in a TOTP-only pool), EMAIL_OTP is;
 *  - with MfaConfiguration ON, turning every factor off is accepted: sign-in still requires MFA.
 */
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredSoftwareToken, StoredUser, UserMfaSettings } from '../store/repositories/users.js';
import { attributeMap } from './attributes.js';
import { EnableSoftwareTokenMFAException, InvalidParameterException, SoftwareTokenMFANotFoundException } from './errors.js';
import { enabledMfaFactors } from './pool-config.js';
import { checkTotpCode, type TotpRefusal } from './totp.js';

export type MfaFactor = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';

/** Cognito's order in UserMFASettingList, MFAS_CAN_CHOOSE and MFAS_CAN_SETUP. */
export const MFA_FACTORS: readonly MfaFactor[] = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'];

/** One factor's part of SetUserMFAPreference (SMSMfaSettings, SoftwareTokenMfaSettings, EmailMfaSettings). */
export interface FactorPreference {
  Enabled?: boolean;
  PreferredMfa?: boolean;
}

/** A SetUserMFAPreference request by factor; a factor left out is left as it is. */
export type MfaPreferenceChange = Partial<Record<MfaFactor, FactorPreference>>;

/** The factors the pool has on (SetUserPoolMfaConfig), in Cognito's order. */
export function poolMfaFactors(pool: UserPool): MfaFactor[] {
  const on = enabledMfaFactors(pool);
  const byFactor: Record<MfaFactor, boolean> = { SMS_MFA: on.sms, SOFTWARE_TOKEN_MFA: on.softwareToken, EMAIL_OTP: on.email };
  return MFA_FACTORS.filter((factor) => byFactor[factor]);
}

function hasAttribute(user: StoredUser, name: string): boolean {
  return !!attributeMap(user.attributes).get(name);
}

/** The verified software token sign-in checks codes against, if any. */
export function verifiedSoftwareToken(user: StoredUser): StoredSoftwareToken | undefined {
  return user.mfa?.softwareToken;
}

/** Whether the user could be challenged with `factor` in this pool, were it on. */
function usable(pool: UserPool, user: StoredUser, factor: MfaFactor): boolean {
  if (factor === 'SOFTWARE_TOKEN_MFA') return verifiedSoftwareToken(user) !== undefined;
  const inPool = poolMfaFactors(pool).includes(factor);
  return inPool && hasAttribute(user, factor === 'SMS_MFA' ? 'phone_number' : 'email');
}

/**
 * The factors sign-in can challenge this user with in this pool: those the user has on and can
 * use (see the rules above), in Cognito's order. Several and none preferred is SELECT_MFA_TYPE's
 * MFAS_CAN_CHOOSE.
 */
export function challengeableFactors(pool: UserPool, user: StoredUser): MfaFactor[] {
  const enabled = new Set(user.mfa?.enabled ?? []);
  return MFA_FACTORS.filter((factor) => enabled.has(factor) && usable(pool, user, factor));
}

/** The user's preferred factor, when sign-in can challenge them with it. */
export function preferredFactor(pool: UserPool, user: StoredUser): MfaFactor | undefined {
  return challengeableFactors(pool, user).find((factor) => factor === user.mfa?.preferred);
}

/**
 * The factor sign-in challenges with without asking: the preferred one, else the only one; none
 * when the user has none, or several and no preference (SELECT_MFA_TYPE).
 */
export function factorToChallenge(pool: UserPool, user: StoredUser): MfaFactor | undefined {
  const factors = challengeableFactors(pool, user);
  return preferredFactor(pool, user) ?? (factors.length === 1 ? factors[0] : undefined);
}

/** MFA_SETUP's MFAS_CAN_SETUP: the pool's factors the user does not use yet. */
export function factorsToSetUp(pool: UserPool, user: StoredUser): MfaFactor[] {
  const using = new Set(challengeableFactors(pool, user));
  return poolMfaFactors(pool).filter((factor) => !using.has(factor));
}

/** Settings in Cognito's order, or none when nothing is left in them. */
function settings(enabled: ReadonlySet<string>, preferred: string | undefined, mfa: UserMfaSettings | undefined): UserMfaSettings | undefined {
  const next: UserMfaSettings = {
    enabled: MFA_FACTORS.filter((factor) => enabled.has(factor)),
    ...(preferred !== undefined && { preferred }),
    ...(mfa?.softwareToken && { softwareToken: mfa.softwareToken }),
    ...(mfa?.pendingSoftwareToken && { pendingSoftwareToken: mfa.pendingSoftwareToken }),
  };
  const empty = next.enabled.length === 0 && !next.preferred && !next.softwareToken && !next.pendingSoftwareToken;
  return empty ? undefined : next;
}

// ---- Turning factors on and off ----

/** Assumed message: Cognito's for SMS and TOTP, by analogy for email. */
const noDeliveryConfig = (factor: MfaFactor) => new InvalidParameterException(`User does not have delivery config set to turn on ${factor}`);

/** Throws Cognito's error when the user cannot turn `factor` on. */
function checkCanTurnOn(pool: UserPool, user: StoredUser, factor: MfaFactor): void {
  if (factor === 'SOFTWARE_TOKEN_MFA') {
    if (verifiedSoftwareToken(user)) return;
    if (user.mfa?.pendingSoftwareToken) throw new InvalidParameterException('User has not verified software token mfa');
    throw noDeliveryConfig(factor);
  }
  if (factor === 'EMAIL_OTP' && !poolMfaFactors(pool).includes('EMAIL_OTP')) {
    // Assumed message.
    throw new InvalidParameterException('Email MFA is not enabled for the user pool.');
  }
  if (!hasAttribute(user, factor === 'SMS_MFA' ? 'phone_number' : 'email')) throw noDeliveryConfig(factor);
}

/**
 * The settings after SetUserMFAPreference / AdminSetUserMFAPreference: each factor given is turned
 * on or off and (un)preferred; one factor at most may be preferred; a factor turned off is no
 * longer preferred.
 */
export function withMfaPreference(pool: UserPool, user: StoredUser, change: MfaPreferenceChange): UserMfaSettings | undefined {
  if (MFA_FACTORS.filter((factor) => change[factor]?.PreferredMfa === true).length > 1) {
    // Assumed message.
    throw new InvalidParameterException('Only one MFA factor can be set as preferred.');
  }
  const enabled = new Set(user.mfa?.enabled ?? []);
  let preferred = user.mfa?.preferred;
  for (const factor of MFA_FACTORS) {
    const asked = change[factor];
    if (!asked) continue;
    const on = asked.Enabled ?? (asked.PreferredMfa === true || enabled.has(factor));
    if (on && (asked.Enabled === true || asked.PreferredMfa === true)) checkCanTurnOn(pool, user, factor);
    if (on) enabled.add(factor);
    else enabled.delete(factor);
    if (on && asked.PreferredMfa === true) preferred = factor;
    else if (preferred === factor && (!on || asked.PreferredMfa === false)) preferred = undefined;
  }
  return settings(enabled, preferred, user.mfa);
}

export interface LegacyMfaOption {
  DeliveryMedium?: string;
  AttributeName?: string;
}

/**
 * The settings after SetUserSettings / AdminSetUserSettings: an SMS option to the phone number
 * turns SMS MFA on, an empty list turns it off (and off its preference). Only that option exists.
 */
export function withLegacyMfaOptions(user: StoredUser, options: readonly LegacyMfaOption[]): UserMfaSettings | undefined {
  for (const option of options) {
    if (option.AttributeName !== 'phone_number') throw new InvalidParameterException('Only phone_number attribute is currently supported as a MFA option.');
    // Assumed message.
    if (option.DeliveryMedium !== 'SMS') throw new InvalidParameterException('Only SMS is currently supported as a MFA option delivery medium.');
  }
  const enabled = new Set(user.mfa?.enabled ?? []);
  let preferred = user.mfa?.preferred;
  if (options.length > 0) {
    if (!hasAttribute(user, 'phone_number')) throw noDeliveryConfig('SMS_MFA');
    enabled.add('SMS_MFA');
  } else {
    enabled.delete('SMS_MFA');
    if (preferred === 'SMS_MFA') preferred = undefined;
  }
  return settings(enabled, preferred, user.mfa);
}

// ---- Software tokens ----

/** AssociateSoftwareToken and VerifySoftwareToken need the pool's TOTP factor on. */
export function checkPoolHasSoftwareTokenMfa(pool: UserPool): void {
  if (!enabledMfaFactors(pool).softwareToken) throw new SoftwareTokenMFANotFoundException();
}

/**
 * The settings after AssociateSoftwareToken handed out `secret`: it waits for verification; a
 * previous pending secret is forgotten, the token in use stays until the new one is verified.
 */
export function withSoftwareTokenAssociated(user: StoredUser, secret: string, now: number): UserMfaSettings {
  const mfa = user.mfa ?? { enabled: [] };
  return { ...mfa, pendingSoftwareToken: { secret, associated: now } };
}

/**
 * The settings after VerifySoftwareToken accepted `code` (at `now`, epoch ms): the pending secret
 * becomes the token in use, or, with nothing pending, the token in use is verified again (its
 * device name renewed). A wrong or replayed code is EnableSoftwareTokenMFAException, as Cognito
 * answers VerifySoftwareToken; nothing to verify, SoftwareTokenMFANotFoundException.
 */
export function withSoftwareTokenVerified(user: StoredUser, code: string, now: number, friendlyDeviceName?: string): UserMfaSettings {
  const pending = user.mfa?.pendingSoftwareToken;
  const current = user.mfa?.softwareToken;
  const secret = pending?.secret ?? current?.secret;
  if (secret === undefined) throw new SoftwareTokenMFANotFoundException('Software Token MFA does not exist for the user.');
  // A pending secret is new: no code from it has been used yet.
  const check = checkTotpCode(secret, code, now, pending ? undefined : current?.lastUsedStep);
  if (!check.accepted) throw new EnableSoftwareTokenMFAException();
  const name = friendlyDeviceName ?? (pending ? undefined : current?.friendlyDeviceName);
  const { pendingSoftwareToken: _verified, ...rest } = user.mfa!;
  const associated = pending?.associated ?? current?.associated;
  return {
    ...rest,
    softwareToken: {
      secret,
      verified: now,
      lastUsedStep: check.step,
      ...(associated !== undefined && { associated }),
      ...(name !== undefined && { friendlyDeviceName: name }),
    },
  };
}

export type SoftwareTokenCodeCheck = { accepted: true; mfa: UserMfaSettings } | { accepted: false; reason: TotpRefusal | 'no-token' };

/**
 * A SOFTWARE_TOKEN_MFA answer at sign-in: the code checked against the verified token (one step
 * of skew either side, each code once). On acceptance, the settings to save (they record the
 * step used, so the same code cannot sign in twice). Save them in the same synchronous turn as
 * the user was read, or two answers racing could both pass.
 */
export function acceptSoftwareTokenCode(user: StoredUser, code: string, now: number): SoftwareTokenCodeCheck {
  const token = verifiedSoftwareToken(user);
  if (!token) return { accepted: false, reason: 'no-token' };
  const check = checkTotpCode(token.secret, code, now, token.lastUsedStep);
  if (!check.accepted) return check;
  return { accepted: true, mfa: { ...user.mfa!, softwareToken: { ...token, lastUsedStep: check.step } } };
}

/**
 * The settings after AdminDeleteSoftwareToken: no token (in use or pending), SOFTWARE_TOKEN_MFA
 * off and no longer preferred.
 */
export function withoutSoftwareToken(user: StoredUser): UserMfaSettings | undefined {
  const enabled = new Set(user.mfa?.enabled ?? []);
  enabled.delete('SOFTWARE_TOKEN_MFA');
  const preferred = user.mfa?.preferred === 'SOFTWARE_TOKEN_MFA' ? undefined : user.mfa?.preferred;
  return settings(enabled, preferred, undefined);
}
