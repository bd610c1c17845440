/**
 * Where a password-recovery code goes, by the pool's AccountRecoverySetting (shared with
 * ForgotPassword): the highest-priority mechanism the user qualifies for. Without the setting,
 * Cognito's legacy rule applies: a verified phone number first, then a verified email.
 */
import type { RecoveryOptionType } from '@aws-sdk/client-cognito-identity-provider';
import type { MessageChannel } from '../../shared/debugger-api.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredUser } from '../store/repositories/users.js';
import { attributeMap } from './attributes.js';

export interface RecoveryDestination {
  channel: MessageChannel;
  attribute: 'email' | 'phone_number';
  destination: string;
}

const LEGACY_MECHANISMS: RecoveryOptionType[] = [
  { Priority: 1, Name: 'verified_phone_number' },
  { Priority: 2, Name: 'verified_email' },
];

/** 'admin_only' when only an administrator may recover the account; undefined when the user has no verified destination. */
export function recoveryDestination(pool: UserPool, user: StoredUser): RecoveryDestination | 'admin_only' | undefined {
  const configured = pool.config.AccountRecoverySetting?.RecoveryMechanisms;
  const mechanisms = [...(configured ?? LEGACY_MECHANISMS)].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0));
  const attributes = attributeMap(user.attributes);
  // With a configured setting, a user with SMS MFA cannot recover by SMS.
  const smsAllowed = !configured || !user.mfa?.enabled.includes('SMS_MFA');
  for (const mechanism of mechanisms) {
    if (mechanism.Name === 'admin_only') return 'admin_only';
    const email = attributes.get('email');
    if (mechanism.Name === 'verified_email' && email && attributes.get('email_verified') === 'true') {
      return { channel: 'EMAIL', attribute: 'email', destination: email };
    }
    const phoneNumber = attributes.get('phone_number');
    if (mechanism.Name === 'verified_phone_number' && smsAllowed && phoneNumber && attributes.get('phone_number_verified') === 'true') {
      return { channel: 'SMS', attribute: 'phone_number', destination: phoneNumber };
    }
  }
  return undefined;
}
