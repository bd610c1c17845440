/**
 * What the admin pages know about MFA beyond the API: the choices their forms offer, how the
 * pool's MFA form becomes a SetUserPoolMfaConfig request, and how a user's edited factors become
 * an AdminSetUserMFAPreference request that names only the factors the developer changed (a
 * factor left out is left as it is, so one Cognito would no longer let the user turn on is not
 * asked for again).
 */
import type * as Cognito from '@aws-sdk/client-cognito-identity-provider';

export type MfaMode = Cognito.UserPoolMfaType;

export const MFA_MODES: { value: MfaMode; label: string; hint: string }[] = [
  { value: 'OFF', label: 'Off', hint: 'No second factor at sign-in.' },
  { value: 'OPTIONAL', label: 'Optional', hint: 'Users who turned a factor on are asked for it.' },
  { value: 'ON', label: 'Required', hint: 'Every user: one without a factor sets one up (MFA_SETUP).' },
];

export interface PoolMfaForm {
  mode: MfaMode;
  sms: boolean;
  smsMessage: string;
  snsCallerArn: string;
  externalId: string;
  totp: boolean;
  email: boolean;
  emailSubject: string;
  emailMessage: string;
}

const orUndefined = (text: string) => (text.trim() ? text : undefined);

/** SetUserPoolMfaConfig as the form says: every factor named, unchecked ones left out (Cognito turns them off). */
export function mfaConfigRequest(poolId: string, form: PoolMfaForm): Cognito.SetUserPoolMfaConfigRequest {
  const snsCallerArn = orUndefined(form.snsCallerArn);
  return {
    UserPoolId: poolId,
    MfaConfiguration: form.mode,
    SmsMfaConfiguration: form.sms
      ? {
          SmsAuthenticationMessage: orUndefined(form.smsMessage),
          SmsConfiguration: snsCallerArn ? { SnsCallerArn: snsCallerArn, ExternalId: orUndefined(form.externalId) } : undefined,
        }
      : undefined,
    SoftwareTokenMfaConfiguration: { Enabled: form.totp },
    EmailMfaConfiguration: form.email ? { Subject: orUndefined(form.emailSubject), Message: orUndefined(form.emailMessage) } : undefined,
  };
}

export type MfaFactor = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';

/** Cognito's order, with the member of AdminSetUserMFAPreference each factor's settings go in. */
export const MFA_FACTORS: { factor: MfaFactor; label: string; member: 'SMSMfaSettings' | 'SoftwareTokenMfaSettings' | 'EmailMfaSettings' }[] = [
  { factor: 'SMS_MFA', label: 'SMS text message', member: 'SMSMfaSettings' },
  { factor: 'SOFTWARE_TOKEN_MFA', label: 'Authenticator app', member: 'SoftwareTokenMfaSettings' },
  { factor: 'EMAIL_OTP', label: 'Email code', member: 'EmailMfaSettings' },
];

/** A user's MFA preference: the factors on, and the preferred one ('' for none). */
export interface MfaPreference {
  enabled: MfaFactor[];
  preferred: MfaFactor | '';
}

export function preferenceOf(user: { UserMFASettingList?: string[]; PreferredMfaSetting?: string }): MfaPreference {
  const known = (name: string | undefined): name is MfaFactor => MFA_FACTORS.some((f) => f.factor === name);
  return { enabled: (user.UserMFASettingList ?? []).filter(known), preferred: known(user.PreferredMfaSetting) ? user.PreferredMfaSetting : '' };
}

/**
 * AdminSetUserMFAPreference for the factors whose state changed from `before` to `after`
 * (undefined when none did).
 */
export function preferenceRequest(
  poolId: string,
  username: string,
  before: MfaPreference,
  after: MfaPreference,
): Cognito.AdminSetUserMFAPreferenceRequest | undefined {
  const request: Cognito.AdminSetUserMFAPreferenceRequest = { UserPoolId: poolId, Username: username };
  let changed = false;
  for (const { factor, member } of MFA_FACTORS) {
    const enabled = after.enabled.includes(factor);
    const preferred = after.preferred === factor;
    if (enabled === before.enabled.includes(factor) && preferred === (before.preferred === factor)) continue;
    request[member] = { Enabled: enabled, PreferredMfa: preferred };
    changed = true;
  }
  return changed ? request : undefined;
}
