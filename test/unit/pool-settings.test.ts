import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INVITE_MESSAGES,
  DEFAULT_PASSWORD_POLICY,
  DEFAULT_VERIFICATION_MESSAGES,
  enabledMfaFactors,
  inviteMessagesOf,
  isUsernameCaseSensitive,
  passwordPolicyOf,
  requiredAttributeNames,
  verificationMessagesOf,
} from '../../src-main/cognito/pool-config.js';
import { buildSchema } from '../../src-main/cognito/schema.js';
import { buildPoolSettings } from '../../src-main/server/aws-json/operations/pools/settings.js';
import type { UserPool } from '../../src-main/store/repositories/user-pools.js';

function pool(config: UserPool['config'], mfaFactors?: UserPool['mfaFactors']): UserPool {
  return { id: 'us-east-1_abcdefghi', name: 'p', created: 0, modified: 0, config, mfaFactors };
}

describe('buildPoolSettings', () => {
  it('fills the defaults Cognito applies', () => {
    expect(buildPoolSettings({})).toEqual({
      Policies: { PasswordPolicy: DEFAULT_PASSWORD_POLICY, SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } },
      DeletionProtection: 'INACTIVE',
      LambdaConfig: {},
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: [] },
      MfaConfiguration: 'OFF',
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
      UserPoolTier: 'ESSENTIALS',
    });
  });

  it('lets the template win over the legacy message fields and mirrors it back', () => {
    const settings = buildPoolSettings({
      SmsVerificationMessage: 'legacy {####}',
      VerificationMessageTemplate: { SmsMessage: 'template {####}' },
    });
    expect(settings.SmsVerificationMessage).toBe('template {####}');
    expect(settings.VerificationMessageTemplate?.SmsMessage).toBe('template {####}');
  });

  it('refuses a mismatched PreTokenGeneration pair and senders without a KMS key', () => {
    expect(() =>
      buildPoolSettings({
        LambdaConfig: {
          PreTokenGeneration: 'arn:aws:lambda:us-east-1:000000000000:function:a',
          PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:b' },
        },
      }),
    ).toThrow(/must be the same function/);
    expect(() =>
      buildPoolSettings({ LambdaConfig: { CustomSMSSender: { LambdaVersion: 'V1_0', LambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:s' } } }),
    ).toThrow(/KMSKeyID is required/);
  });

  it('checks recovery mechanisms and developer email settings', () => {
    expect(() =>
      buildPoolSettings({ AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }, { Name: 'admin_only', Priority: 2 }] } }),
    ).toThrow('admin_only cannot be combined with another recovery mechanism.');
    expect(() =>
      buildPoolSettings({ AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }, { Name: 'verified_phone_number', Priority: 1 }] } }),
    ).toThrow('RecoveryMechanisms must have unique names and unique priorities.');
    expect(() => buildPoolSettings({ EmailConfiguration: { EmailSendingAccount: 'DEVELOPER' } })).toThrow(
      'SourceArn is required when EmailSendingAccount is DEVELOPER.',
    );
  });
});

describe('pool-config accessors', () => {
  it('gives the complete password policy and the required attributes', () => {
    const p = pool({ Policies: { PasswordPolicy: { MinimumLength: 10 } }, SchemaAttributes: buildSchema([{ Name: 'email', Required: true }]) });
    expect(passwordPolicyOf(p)).toEqual({ ...DEFAULT_PASSWORD_POLICY, MinimumLength: 10 });
    expect(requiredAttributeNames(p)).toEqual(['sub', 'email']);
  });

  it('falls back to Cognito defaults for messages and case sensitivity', () => {
    const p = pool({ VerificationMessageTemplate: { EmailSubject: 'Mine', DefaultEmailOption: 'CONFIRM_WITH_LINK' } });
    expect(verificationMessagesOf(p)).toEqual({ ...DEFAULT_VERIFICATION_MESSAGES, EmailSubject: 'Mine', DefaultEmailOption: 'CONFIRM_WITH_LINK' });
    expect(inviteMessagesOf(p)).toEqual(DEFAULT_INVITE_MESSAGES);
    expect(isUsernameCaseSensitive(p)).toBe(true);
    expect(isUsernameCaseSensitive(pool({ UsernameConfiguration: { CaseSensitive: false } }))).toBe(false);
  });

  it('reports the enabled MFA factors', () => {
    expect(enabledMfaFactors(pool({}))).toEqual({ sms: false, softwareToken: false, email: false });
    expect(enabledMfaFactors(pool({}, { softwareToken: true, email: {} }))).toEqual({ sms: false, softwareToken: true, email: true });
  });
});
