/** What the MFA operations share: the request's factor settings by factor, and saving a user's new settings. */
import type {
  EmailMfaSettingsType,
  SMSMfaSettingsType,
  SoftwareTokenMfaSettingsType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { MfaPreferenceChange } from '../../../../cognito/mfa.js';
import type { StoredUser, UserMfaSettings } from '../../../../store/repositories/users.js';
import { EmailMfaSettingsType as EmailSettings, SMSMfaSettingsType as SmsSettings, SoftwareTokenMfaSettingsType as TokenSettings, WebAuthnMfaSettingsType } from './shapes.js';

export interface MfaPreferenceInput {
  SMSMfaSettings?: SMSMfaSettingsType;
  SoftwareTokenMfaSettings?: SoftwareTokenMfaSettingsType;
  EmailMfaSettings?: EmailMfaSettingsType;
}

/** The members SetUserMFAPreference and AdminSetUserMFAPreference share. */
export const mfaPreferenceMembers = {
  SMSMfaSettings: SmsSettings,
  SoftwareTokenMfaSettings: TokenSettings,
  EmailMfaSettings: EmailSettings,
  WebAuthnMfaSettings: WebAuthnMfaSettingsType,
};

export function preferenceChange(input: MfaPreferenceInput): MfaPreferenceChange {
  return {
    ...(input.SMSMfaSettings && { SMS_MFA: input.SMSMfaSettings }),
    ...(input.SoftwareTokenMfaSettings && { SOFTWARE_TOKEN_MFA: input.SoftwareTokenMfaSettings }),
    ...(input.EmailMfaSettings && { EMAIL_OTP: input.EmailMfaSettings }),
  };
}

export function saveMfaSettings({ store, clock }: Pick<Services, 'store' | 'clock'>, user: StoredUser, mfa: UserMfaSettings | undefined): void {
  const { mfa: _previous, ...rest } = user;
  store.users.save({ ...rest, ...(mfa && { mfa }), modified: clock.now() });
}
