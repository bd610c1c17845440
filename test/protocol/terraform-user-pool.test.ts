/**
 * The calls the Terraform AWS provider (hashicorp/aws, internal/service/cognitoidp/user_pool.go)
 * makes for `aws_cognito_user_pool` and its MFA settings, in its order, asserting what its read
 * sets into state comes back as it was sent (a field that drifts makes every plan show a change):
 *   create: CreateUserPool (no MfaConfiguration), then SetUserPoolMfaConfig when
 *           mfa_configuration is not OFF (or web_authn_configuration is set);
 *   read:   DescribeUserPool (Policies.PasswordPolicy and .SignInPolicy, SchemaAttributes,
 *           CreationDate and LastModifiedDate are dereferenced: they must be there), then
 *           GetUserPoolMfaConfig (mfa_configuration, software_token_mfa_configuration,
 *           web_authn_configuration);
 *   update: SetUserPoolMfaConfig first, then UpdateUserPool with MfaConfiguration among the
 *           other settings, AddCustomAttributes for added schema entries, TagResource /
 *           UntagResource for tags;
 *   delete: DeleteUserPool (ResourceNotFoundException taken as gone); the next read's
 *           ResourceNotFoundException removes it from state.
 */
import {
  AddCustomAttributesCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  ListTagsForResourceCommand,
  SetUserPoolMfaConfigCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';

let sandbox: TestSandbox;
let cognito: CognitoIdentityProviderClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  cognito = sandbox.cognito;
});
afterAll(async () => {
  await sandbox?.close();
});

/** What `resourceUserPoolRead` reads: both calls, and the members it dereferences without a nil check. */
async function read(UserPoolId: string): Promise<{ pool: UserPoolType; mfa: Awaited<ReturnType<typeof readMfa>> }> {
  const { UserPool: pool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId }));
  expect(pool!.Policies).toBeDefined();
  expect(pool!.CreationDate).toBeInstanceOf(Date);
  expect(pool!.LastModifiedDate).toBeInstanceOf(Date);
  expect(pool!.SchemaAttributes!.length).toBeGreaterThan(0);
  return { pool: pool!, mfa: await readMfa(UserPoolId) };
}

async function readMfa(UserPoolId: string) {
  const { $metadata, ...mfa } = await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId }));
  void $metadata;
  return mfa;
}

const passwordPolicy = {
  MinimumLength: 12,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: false,
  RequireUppercase: true,
  TemporaryPasswordValidityDays: 3,
  PasswordHistorySize: 0,
};

describe('aws_cognito_user_pool as Terraform manages it', () => {
  it('create, read, update, read, delete: every field set reads back the same', async () => {
    // create
    const { UserPool: created } = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: 'tf-pool',
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, InviteMessageTemplate: { EmailSubject: 'Welcome', EmailMessage: 'Hi {username}, {####}' } },
        AutoVerifiedAttributes: ['email'],
        UsernameAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        DeletionProtection: 'INACTIVE',
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
        EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
        Policies: { PasswordPolicy: passwordPolicy, SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } },
        Schema: [
          { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true, StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' } },
          { Name: 'tenant', AttributeDataType: 'String', Mutable: true, DeveloperOnlyAttribute: false, StringAttributeConstraints: { MinLength: '1', MaxLength: '64' } },
        ],
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
        VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_LINK', EmailMessageByLink: 'Click {##here##}', EmailSubjectByLink: 'Verify' },
        UserPoolTags: { env: 'test' },
      }),
    );
    const UserPoolId = created!.Id!;
    await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));

    // read
    let { pool, mfa } = await read(UserPoolId);
    expect(pool.Name).toBe('tf-pool');
    expect(pool.Arn).toBe(`arn:aws:cognito-idp:us-east-1:${pool.Arn!.split(':')[4]}:userpool/${UserPoolId}`);
    expect(pool.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] });
    expect(pool.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true, InviteMessageTemplate: { EmailSubject: 'Welcome', EmailMessage: 'Hi {username}, {####}' } });
    expect(pool.AutoVerifiedAttributes).toEqual(['email']);
    expect(pool.UsernameAttributes).toEqual(['email']);
    expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(pool.DeletionProtection).toBe('INACTIVE');
    expect(pool.DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    expect(pool.EmailConfiguration).toEqual({ EmailSendingAccount: 'COGNITO_DEFAULT' });
    expect(pool.Policies!.PasswordPolicy).toEqual(passwordPolicy);
    expect(pool.Policies!.SignInPolicy).toEqual({ AllowedFirstAuthFactors: ['PASSWORD'] });
    expect(pool.SchemaAttributes).toContainEqual({
      Name: 'custom:tenant', AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: true, Required: false, StringAttributeConstraints: { MinLength: '1', MaxLength: '64' },
    });
    expect(pool.SchemaAttributes!.find((a) => a.Name === 'email')).toMatchObject({ Required: true, Mutable: true });
    expect(pool.UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: ['email'] });
    expect(pool.VerificationMessageTemplate).toMatchObject({ DefaultEmailOption: 'CONFIRM_WITH_LINK', EmailMessageByLink: 'Click {##here##}', EmailSubjectByLink: 'Verify' });
    expect(pool.UserPoolTags).toEqual({ env: 'test' });
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    expect(mfa.MfaConfiguration).toBe('OPTIONAL');
    expect(mfa.SoftwareTokenMfaConfiguration).toEqual({ Enabled: true });

    // update: MFA first, then the rest (MfaConfiguration sent again), a schema entry added, tags changed
    await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true }, WebAuthnConfiguration: { RelyingPartyId: 'app.example.com', UserVerification: 'required' } }));
    await cognito.send(
      new UpdateUserPoolCommand({
        UserPoolId,
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }, { Name: 'verified_phone_number', Priority: 2 }] },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
        AutoVerifiedAttributes: ['email'],
        DeletionProtection: 'ACTIVE',
        EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
        EmailVerificationSubject: 'Your code',
        EmailVerificationMessage: 'Code: {####}',
        MfaConfiguration: 'ON',
        Policies: { PasswordPolicy: { ...passwordPolicy, MinimumLength: 14 }, SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } },
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: [] },
        VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE', EmailMessage: 'Code: {####}', EmailSubject: 'Your code' },
      }),
    );
    await cognito.send(new AddCustomAttributesCommand({ UserPoolId, CustomAttributes: [{ Name: 'plan', AttributeDataType: 'String', Mutable: true }] }));
    await cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { env: 'prod', team: 'auth' } }));
    await cognito.send(new UntagResourceCommand({ ResourceArn: pool.Arn, TagKeys: ['team'] }));

    // read
    ({ pool, mfa } = await read(UserPoolId));
    expect(pool.AccountRecoverySetting!.RecoveryMechanisms).toHaveLength(2);
    expect(pool.AdminCreateUserConfig!.AllowAdminCreateUserOnly).toBe(false);
    expect(pool.DeletionProtection).toBe('ACTIVE');
    expect(pool.EmailVerificationSubject).toBe('Your code');
    expect(pool.EmailVerificationMessage).toBe('Code: {####}');
    expect(pool.Policies!.PasswordPolicy!.MinimumLength).toBe(14);
    expect(pool.UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: [] });
    expect(pool.VerificationMessageTemplate).toMatchObject({ DefaultEmailOption: 'CONFIRM_WITH_CODE', EmailMessage: 'Code: {####}', EmailSubject: 'Your code' });
    expect(pool.SchemaAttributes!.map((a) => a.Name)).toEqual(expect.arrayContaining(['custom:tenant', 'custom:plan']));
    expect(pool.UsernameAttributes).toEqual(['email']);
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.UserPoolTags).toEqual({ env: 'prod' });
    expect((await cognito.send(new ListTagsForResourceCommand({ ResourceArn: pool.Arn }))).Tags).toEqual({ env: 'prod' });
    expect(mfa).toEqual({
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      WebAuthnConfiguration: { RelyingPartyId: 'app.example.com', UserVerification: 'required' },
    });

    // delete: refused while deletion protection is on, as Terraform then reports
    await expect(cognito.send(new DeleteUserPoolCommand({ UserPoolId }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await cognito.send(new UpdateUserPoolCommand({ UserPoolId, DeletionProtection: 'INACTIVE', AutoVerifiedAttributes: ['email'] }));
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId }));
    await expect(cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(cognito.send(new DeleteUserPoolCommand({ UserPoolId }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('SMS MFA: created with the SMS configuration, MFA ON through SetUserPoolMfaConfig, then turned OFF; the SMS configuration stays for verification', async () => {
    const SmsConfiguration = { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns', ExternalId: 'tf-external', SnsRegion: 'us-east-1' };
    const { UserPool } = await cognito.send(
      new CreateUserPoolCommand({ PoolName: 'tf-sms', AutoVerifiedAttributes: ['phone_number'], SmsConfiguration, SmsAuthenticationMessage: 'Code {####}' }),
    );
    const UserPoolId = UserPool!.Id!;
    await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsConfiguration, SmsAuthenticationMessage: 'Code {####}' } }));
    let { pool, mfa } = await read(UserPoolId);
    expect(pool.SmsConfiguration).toEqual(SmsConfiguration);
    expect(pool.SmsAuthenticationMessage).toBe('Code {####}');
    expect(mfa.MfaConfiguration).toBe('ON');
    expect(mfa.SmsMfaConfiguration).toEqual({ SmsConfiguration, SmsAuthenticationMessage: 'Code {####}' });
    expect(mfa.SoftwareTokenMfaConfiguration).toBeUndefined();

    // mfa_configuration = "OFF": the SMS configuration is left out of SetUserPoolMfaConfig, kept in UpdateUserPool.
    await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: 'OFF' }));
    await cognito.send(new UpdateUserPoolCommand({ UserPoolId, MfaConfiguration: 'OFF', AutoVerifiedAttributes: ['phone_number'], SmsConfiguration, SmsAuthenticationMessage: 'Code {####}' }));
    ({ pool, mfa } = await read(UserPoolId));
    expect(pool.MfaConfiguration).toBe('OFF');
    expect(pool.SmsConfiguration).toEqual(SmsConfiguration);
    expect(mfa.MfaConfiguration).toBe('OFF');
    expect(mfa.SmsMfaConfiguration).toBeUndefined();
    await expect(
      cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: 'OFF', SmsMfaConfiguration: { SmsConfiguration } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: "Invalid MFA configuration given, can't turn off MFA and configure an MFA together." });
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId }));
  });

  it('a pool created with MFA OFF reads no software_token_mfa_configuration (the plan stays empty)', async () => {
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'tf-plain' }));
    const { pool, mfa } = await read(UserPool!.Id!);
    expect(mfa).toEqual({ MfaConfiguration: 'OFF' });
    expect(pool.MfaConfiguration).toBe('OFF');
    expect(pool.Policies!.PasswordPolicy).toBeDefined();
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId: UserPool!.Id! }));
  });

  it('refuses what Terraform would send wrongly: MFA ON with no factor, a schema entry changed by AddCustomAttributes', async () => {
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'tf-refusals', Schema: [{ Name: 'tenant', AttributeDataType: 'String' }] }));
    const UserPoolId = UserPool!.Id!;
    await expect(cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: 'ON' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.',
    });
    await expect(cognito.send(new AddCustomAttributesCommand({ UserPoolId, CustomAttributes: [{ Name: 'tenant', AttributeDataType: 'Number' }] }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId }));
  });
});
