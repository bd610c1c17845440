import {
  AddCustomAttributesCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolDomainCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  ListTagsForResourceCommand,
  ListUserPoolsCommand,
  SetUserPoolMfaConfigCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUserPoolCommand,
  type CreateUserPoolCommandInput,
  type SetUserPoolMfaConfigCommandInput,
  type UpdateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoClient, rawCall, startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

async function createPool(input: Partial<CreateUserPoolCommandInput> = {}) {
  const { UserPool } = await sandbox.cognito.send(new CreateUserPoolCommand({ PoolName: 'pool', ...input }));
  return UserPool!;
}

async function describePool(id: string) {
  const { UserPool } = await sandbox.cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }));
  return UserPool!;
}

const stringAttribute = (Name: string, MinLength = '0', MaxLength = '2048') => ({
  Name,
  AttributeDataType: 'String',
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
  StringAttributeConstraints: { MinLength, MaxLength },
});
const booleanAttribute = (Name: string) => ({ Name, AttributeDataType: 'Boolean', DeveloperOnlyAttribute: false, Mutable: true, Required: false });

const STANDARD_SCHEMA = [
  { ...stringAttribute('sub', '1'), Mutable: false, Required: true },
  stringAttribute('name'),
  stringAttribute('given_name'),
  stringAttribute('family_name'),
  stringAttribute('middle_name'),
  stringAttribute('nickname'),
  stringAttribute('preferred_username'),
  stringAttribute('profile'),
  stringAttribute('picture'),
  stringAttribute('website'),
  stringAttribute('email'),
  booleanAttribute('email_verified'),
  stringAttribute('gender'),
  stringAttribute('birthdate', '10', '10'),
  stringAttribute('zoneinfo'),
  stringAttribute('locale'),
  stringAttribute('phone_number'),
  booleanAttribute('phone_number_verified'),
  stringAttribute('address'),
  { Name: 'updated_at', AttributeDataType: 'Number', DeveloperOnlyAttribute: false, Mutable: true, Required: false, NumberAttributeConstraints: { MinValue: '0' } },
];

const MISSING_POOL = 'us-east-1_Missing00';

describe('CreateUserPool and DescribeUserPool', () => {
  it('creates a pool with Cognito defaults, field by field', async () => {
    const before = Date.now();
    const created = await createPool({ PoolName: 'defaults' });
    const pool = await describePool(created.Id!);

    expect(pool.Id).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    expect(pool.Name).toBe('defaults');
    expect(pool.Arn).toBe(`arn:aws:cognito-idp:us-east-1:000000000000:userpool/${pool.Id}`);
    expect(pool.Policies).toEqual({
      PasswordPolicy: {
        MinimumLength: 8,
        RequireUppercase: true,
        RequireLowercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
        TemporaryPasswordValidityDays: 7,
      },
      SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] },
    });
    expect(pool.DeletionProtection).toBe('INACTIVE');
    expect(pool.LambdaConfig).toEqual({});
    expect(pool.SchemaAttributes).toEqual(STANDARD_SCHEMA);
    expect(pool.VerificationMessageTemplate).toEqual({ DefaultEmailOption: 'CONFIRM_WITH_CODE' });
    expect(pool.UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: [] });
    expect(pool.MfaConfiguration).toBe('OFF');
    expect(pool.EstimatedNumberOfUsers).toBe(0);
    expect(pool.EmailConfiguration).toEqual({ EmailSendingAccount: 'COGNITO_DEFAULT' });
    expect(pool.UserPoolTags).toEqual({});
    expect(pool.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 });
    expect(pool.UserPoolTier).toBe('ESSENTIALS');
    expect(pool.CreationDate).toBeInstanceOf(Date);
    expect(pool.CreationDate!.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(pool.LastModifiedDate).toEqual(pool.CreationDate);
    for (const absent of [
      'AutoVerifiedAttributes',
      'AliasAttributes',
      'UsernameAttributes',
      'SmsVerificationMessage',
      'EmailVerificationMessage',
      'EmailVerificationSubject',
      'SmsAuthenticationMessage',
      'DeviceConfiguration',
      'SmsConfiguration',
      'UserPoolAddOns',
      'UsernameConfiguration',
      'AccountRecoverySetting',
      'Status',
    ] as const) {
      expect(pool, absent).not.toHaveProperty(absent);
    }
    expect(created).toEqual(pool);
  });

  it('takes the region of the request for the pool id and ARN', async () => {
    const west = cognitoClient(sandbox.url, 'eu-west-2');
    try {
      const { UserPool } = await west.send(new CreateUserPoolCommand({ PoolName: 'west' }));
      expect(UserPool!.Id).toMatch(/^eu-west-2_[0-9A-Za-z]{9}$/);
      expect(UserPool!.Arn).toBe(`arn:aws:cognito-idp:eu-west-2:000000000000:userpool/${UserPool!.Id}`);
    } finally {
      west.destroy();
    }
  });

  it('stores every setting it is given and returns it as Cognito does', async () => {
    const pool = await createPool({
      PoolName: 'configured',
      Policies: {
        PasswordPolicy: { MinimumLength: 12, RequireNumbers: true, TemporaryPasswordValidityDays: 3, PasswordHistorySize: 2 },
        SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] },
      },
      DeletionProtection: 'ACTIVE',
      LambdaConfig: {
        PreSignUp: 'arn:aws:lambda:us-east-1:000000000000:function:pre-sign-up',
        PreTokenGeneration: 'arn:aws:lambda:us-east-1:000000000000:function:pre-token',
      },
      AutoVerifiedAttributes: ['email'],
      AliasAttributes: ['email', 'preferred_username'],
      EmailVerificationMessage: 'Code: {####}',
      EmailVerificationSubject: 'Verify',
      VerificationMessageTemplate: { SmsMessage: 'SMS code {####}' },
      SmsAuthenticationMessage: 'Sign in with {####}',
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
      EmailConfiguration: { ReplyToEmailAddress: 'help@example.com' },
      UserPoolTags: { team: 'identity' },
      AdminCreateUserConfig: {
        AllowAdminCreateUserOnly: true,
        InviteMessageTemplate: { EmailSubject: 'Welcome', EmailMessage: 'Hi {username}, your password is {####}' },
      },
      UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' },
      UsernameConfiguration: { CaseSensitive: false },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      UserPoolTier: 'PLUS',
    });
    const described = await describePool(pool.Id!);
    expect(described).toEqual(pool);
    expect(pool.Policies).toEqual({
      PasswordPolicy: {
        MinimumLength: 12,
        RequireUppercase: false,
        RequireLowercase: false,
        RequireNumbers: true,
        RequireSymbols: false,
        PasswordHistorySize: 2,
        TemporaryPasswordValidityDays: 3,
      },
      SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] },
    });
    expect(pool.DeletionProtection).toBe('ACTIVE');
    expect(pool.LambdaConfig).toEqual({
      PreSignUp: 'arn:aws:lambda:us-east-1:000000000000:function:pre-sign-up',
      PreTokenGeneration: 'arn:aws:lambda:us-east-1:000000000000:function:pre-token',
      PreTokenGenerationConfig: { LambdaVersion: 'V1_0', LambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:pre-token' },
    });
    expect(pool.AutoVerifiedAttributes).toEqual(['email']);
    expect(pool.AliasAttributes).toEqual(['email', 'preferred_username']);
    expect(pool.SmsVerificationMessage).toBe('SMS code {####}');
    expect(pool.EmailVerificationMessage).toBe('Code: {####}');
    expect(pool.EmailVerificationSubject).toBe('Verify');
    expect(pool.VerificationMessageTemplate).toEqual({
      SmsMessage: 'SMS code {####}',
      EmailMessage: 'Code: {####}',
      EmailSubject: 'Verify',
      DefaultEmailOption: 'CONFIRM_WITH_CODE',
    });
    expect(pool.SmsAuthenticationMessage).toBe('Sign in with {####}');
    expect(pool.UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: ['email'] });
    expect(pool.DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    expect(pool.EmailConfiguration).toEqual({ ReplyToEmailAddress: 'help@example.com', EmailSendingAccount: 'COGNITO_DEFAULT' });
    expect(pool.UserPoolTags).toEqual({ team: 'identity' });
    expect(pool.AdminCreateUserConfig).toEqual({
      AllowAdminCreateUserOnly: true,
      UnusedAccountValidityDays: 3,
      InviteMessageTemplate: { EmailSubject: 'Welcome', EmailMessage: 'Hi {username}, your password is {####}' },
    });
    expect(pool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'AUDIT' });
    expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(pool.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] });
    expect(pool.UserPoolTier).toBe('PLUS');
  });

  it('fills PreTokenGeneration from PreTokenGenerationConfig', async () => {
    const arn = 'arn:aws:lambda:us-east-1:000000000000:function:v2';
    const pool = await createPool({ LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: arn } } });
    expect(pool.LambdaConfig).toEqual({ PreTokenGeneration: arn, PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: arn } });
  });

  it('takes UnusedAccountValidityDays as the temporary password validity when the policy does not say', async () => {
    const pool = await createPool({ AdminCreateUserConfig: { UnusedAccountValidityDays: 30 } });
    expect(pool.Policies!.PasswordPolicy!.TemporaryPasswordValidityDays).toBe(30);
    expect(pool.AdminCreateUserConfig!.UnusedAccountValidityDays).toBe(30);
  });

  it('merges the Schema: standard attributes made required, custom attributes prefixed', async () => {
    const pool = await createPool({
      UsernameAttributes: ['email'],
      Schema: [
        { Name: 'email', Required: true, Mutable: true },
        { Name: 'birthdate', Mutable: false },
        { Name: 'tenant', AttributeDataType: 'String', Mutable: false, StringAttributeConstraints: { MinLength: '1', MaxLength: '64' } },
        { Name: 'age', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '0', MaxValue: '150' } },
        { Name: 'plan', AttributeDataType: 'String' },
        { Name: 'vip', AttributeDataType: 'Boolean' },
        { Name: 'secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true },
      ],
    });
    expect(pool.UsernameAttributes).toEqual(['email']);
    const byName = new Map(pool.SchemaAttributes!.map((a) => [a.Name, a]));
    expect(pool.SchemaAttributes!.slice(0, 20).map((a) => a.Name)).toEqual(STANDARD_SCHEMA.map((a) => a.Name));
    expect(byName.get('email')).toEqual({ ...stringAttribute('email'), Required: true });
    expect(byName.get('birthdate')).toEqual({ ...stringAttribute('birthdate', '10', '10'), Mutable: false });
    expect(pool.SchemaAttributes!.slice(20)).toEqual([
      { Name: 'custom:tenant', AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: false, Required: false, StringAttributeConstraints: { MinLength: '1', MaxLength: '64' } },
      { Name: 'custom:age', AttributeDataType: 'Number', DeveloperOnlyAttribute: false, Mutable: true, Required: false, NumberAttributeConstraints: { MinValue: '0', MaxValue: '150' } },
      { Name: 'custom:plan', AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: true, Required: false, StringAttributeConstraints: {} },
      { Name: 'custom:vip', AttributeDataType: 'Boolean', DeveloperOnlyAttribute: false, Mutable: true, Required: false },
      { Name: 'dev:custom:secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true, Mutable: true, Required: false, StringAttributeConstraints: {} },
    ]);
  });

  it('allows MFA ON at creation with SMS configured and phone numbers auto-verified', async () => {
    const pool = await createPool({
      MfaConfiguration: 'ON',
      AutoVerifiedAttributes: ['phone_number'],
      SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::000000000000:role/sns', ExternalId: 'x' },
    });
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.SmsConfiguration).toEqual({ SnsCallerArn: 'arn:aws:iam::000000000000:role/sns', ExternalId: 'x' });
  });

  describe('errors', () => {
    const invalid = (message: string) => ({ name: 'InvalidParameterException', message });
    const create = (input: Partial<CreateUserPoolCommandInput>) => sandbox.cognito.send(new CreateUserPoolCommand({ PoolName: 'bad', ...input }));

    it('validates the pool name', async () => {
      await expect(create({ PoolName: 'bad/name' })).rejects.toMatchObject(
        invalid("1 validation error detected: Value 'bad/name' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+"),
      );
      const r = await rawCall(sandbox.url, 'CreateUserPool', {});
      expect(r.json).toEqual({
        __type: 'InvalidParameterException',
        message: "1 validation error detected: Value null at 'poolName' failed to satisfy constraint: Member must not be null",
      });
    });

    it('validates constraints of nested settings', async () => {
      await expect(create({ Policies: { PasswordPolicy: { MinimumLength: 5 } } })).rejects.toMatchObject(
        invalid("1 validation error detected: Value '5' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6"),
      );
      await expect(create({ SmsVerificationMessage: 'no placeholder' })).rejects.toMatchObject(
        invalid("1 validation error detected: Value 'no placeholder' at 'smsVerificationMessage' failed to satisfy constraint: Member must satisfy regular expression pattern: .*\\{####\\}.*"),
      );
      await expect(create({ MfaConfiguration: 'MAYBE' as never })).rejects.toMatchObject(
        invalid("1 validation error detected: Value 'MAYBE' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]"),
      );
    });

    it('refuses aliases together with username attributes', async () => {
      await expect(create({ AliasAttributes: ['email'], UsernameAttributes: ['email'] })).rejects.toMatchObject(
        invalid('Only one of aliasAttributes or usernameAttributes can be set in a user pool.'),
      );
    });

    it('refuses MFA ON or OPTIONAL without SMS and phone verification', async () => {
      const message = 'SMS configuration and Auto verification for phone_number are required when MFA is required/optional';
      await expect(create({ MfaConfiguration: 'ON' })).rejects.toMatchObject(invalid(message));
      await expect(
        create({ MfaConfiguration: 'OPTIONAL', SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::000000000000:role/sns' } }),
      ).rejects.toMatchObject(invalid(message));
    });

    it('validates Schema entries as Cognito does', async () => {
      await expect(create({ Schema: [{ Name: 'tier', AttributeDataType: 'String', Required: true }] })).rejects.toMatchObject(
        invalid('Required custom attributes are not supported currently.'),
      );
      await expect(create({ Schema: [{ Name: 'tier' }] })).rejects.toMatchObject(
        invalid('Invalid AttributeDataType input, consider using the provided AttributeDataType enum.'),
      );
      await expect(create({ Schema: [{ Name: 'email', AttributeDataType: 'Number' }] })).rejects.toMatchObject(
        invalid('You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email'),
      );
      await expect(create({ Schema: [{ Name: 'email', DeveloperOnlyAttribute: true }] })).rejects.toMatchObject(
        invalid('You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email'),
      );
      await expect(
        create({ Schema: [{ Name: 'code', AttributeDataType: 'String', StringAttributeConstraints: { MinLength: '10', MaxLength: '5' } }] }),
      ).rejects.toMatchObject(invalid('user.custom:code: Max length cannot be less than min length.'));
      await expect(
        create({ Schema: [{ Name: 'code', AttributeDataType: 'String', StringAttributeConstraints: { MaxLength: '4096' } }] }),
      ).rejects.toMatchObject(invalid('user.custom:code: String attributes cannot have a length of more than 2048'));
      await expect(
        create({ Schema: [{ Name: 'code', AttributeDataType: 'String', StringAttributeConstraints: { MaxLength: 'ten' } }] }),
      ).rejects.toMatchObject(invalid('Invalid StringAttributeConstraints for schema attribute custom:code'));
      await expect(
        create({ Schema: [{ Name: 'n', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '9', MaxValue: '1' } }] }),
      ).rejects.toMatchObject(invalid('user.custom:n: Max value cannot be less than min value.'));
      await expect(
        create({ Schema: [{ Name: 'dup', AttributeDataType: 'String' }, { Name: 'dup', AttributeDataType: 'Number' }] }),
      ).rejects.toMatchObject(invalid('custom:dup: Existing attribute already has name custom:dup.'));
      await expect(create({ Schema: [{ Name: 'x'.repeat(21), AttributeDataType: 'String' }] })).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: expect.stringContaining("at 'schema.1.member.name' failed to satisfy constraint: Member must have length less than or equal to 20"),
      });
    });

    it('refuses more than 50 Schema entries', async () => {
      const schema = Array.from({ length: 51 }, (_, i) => ({ Name: `a${i}`, AttributeDataType: 'String' as const }));
      await expect(create({ Schema: schema })).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: expect.stringMatching(/^1 validation error detected: Value '.*' at 'schema' failed to satisfy constraint: Member must have length less than or equal to 50$/),
      });
    });

    it('refuses conflicting temporary password validity settings', async () => {
      await expect(
        create({
          Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 3 } },
          AdminCreateUserConfig: { UnusedAccountValidityDays: 5 },
        }),
      ).rejects.toMatchObject(invalid('Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays'));
    });
  });
});

describe('DescribeUserPool', () => {
  it("shows the pool's domain prefix once it has one", async () => {
    const created = await createPool();
    expect(created).not.toHaveProperty('Domain');
    const prefix = 'pools-describe-domain';
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: created.Id, Domain: prefix }));
    expect((await describePool(created.Id!)).Domain).toBe(prefix);
  });

  it('keeps every setting and MFA factor across a restart', async () => {
    const dataDir = tempDir();
    const first = await startSandbox({ dataDir });
    const { UserPool } = await first.cognito.send(
      new CreateUserPoolCommand({ PoolName: 'durable', Schema: [{ Name: 'tenant', AttributeDataType: 'String' }], UserPoolTags: { a: 'b' } }),
    );
    await first.cognito.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: UserPool!.Id, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }),
    );
    const before = (await first.cognito.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }))).UserPool;
    await first.close();

    const second = await startSandbox({ dataDir });
    try {
      expect((await second.cognito.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }))).UserPool).toEqual(before);
      const mfa = await second.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: UserPool!.Id }));
      expect(mfa.SoftwareTokenMfaConfiguration).toEqual({ Enabled: true });
    } finally {
      await second.close();
    }
  });
});

describe('DescribeUserPool errors', () => {
  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expect(sandbox.cognito.send(new DescribeUserPoolCommand({ UserPoolId: MISSING_POOL }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool ${MISSING_POOL} does not exist.`,
    });
  });

  it('validates the pool id', async () => {
    await expect(sandbox.cognito.send(new DescribeUserPoolCommand({ UserPoolId: 'not-a-pool-id' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'not-a-pool-id' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
    });
  });
});

describe('DeleteUserPool', () => {
  it('deletes a pool', async () => {
    const pool = await createPool();
    await sandbox.cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));
    await expect(describePool(pool.Id!)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses while deletion protection is active', async () => {
    const pool = await createPool({ DeletionProtection: 'ACTIVE' });
    await expect(sandbox.cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    });
    expect((await describePool(pool.Id!)).Id).toBe(pool.Id);
  });

  it('refuses while the pool has a domain, and deletes it once the domain is gone', async () => {
    const pool = await createPool();
    const Domain = `del-${Date.now()}`;
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.Id, Domain }));
    await expect(sandbox.cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'User pool cannot be deleted. It has a domain configured that should be deleted first.',
    });
    await sandbox.cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool.Id, Domain }));
    await sandbox.cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));
    await expect(describePool(pool.Id!)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expect(sandbox.cognito.send(new DeleteUserPoolCommand({ UserPoolId: MISSING_POOL }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool ${MISSING_POOL} does not exist.`,
    });
  });
});

const SNS = { SnsCallerArn: 'arn:aws:iam::000000000000:role/sns', ExternalId: 'ext' };
const invalid = (message: string) => ({ name: 'InvalidParameterException', message });
const notFound = (message: string) => ({ name: 'ResourceNotFoundException', message });

describe('UpdateUserPool', () => {
  const update = (input: UpdateUserPoolCommandInput) => sandbox.cognito.send(new UpdateUserPoolCommand(input));

  it('changes the settings it is given and resets the ones it omits to their defaults', async () => {
    const created = await createPool({
      PoolName: 'to-update',
      Policies: { PasswordPolicy: { MinimumLength: 20 } },
      LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:000000000000:function:pre' },
      AutoVerifiedAttributes: ['email'],
      VerificationMessageTemplate: { EmailSubject: 'Hello' },
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] },
      DeletionProtection: 'ACTIVE',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      UserPoolTags: { keep: 'me' },
      UserPoolTier: 'PLUS',
      AliasAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      Schema: [{ Name: 'tenant', AttributeDataType: 'String' }],
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await update({ UserPoolId: created.Id, EmailVerificationSubject: 'New subject', MfaConfiguration: 'OFF' });
    const pool = await describePool(created.Id!);

    expect(pool.Name).toBe('to-update');
    expect(pool.Policies!.PasswordPolicy).toEqual({
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 7,
    });
    expect(pool.LambdaConfig).toEqual({});
    expect(pool).not.toHaveProperty('AutoVerifiedAttributes');
    expect(pool.VerificationMessageTemplate).toEqual({ EmailSubject: 'New subject', DefaultEmailOption: 'CONFIRM_WITH_CODE' });
    expect(pool.EmailVerificationSubject).toBe('New subject');
    expect(pool).not.toHaveProperty('DeviceConfiguration');
    expect(pool.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 });
    expect(pool).not.toHaveProperty('AccountRecoverySetting');
    expect(pool.DeletionProtection).toBe('INACTIVE');
    expect(pool).not.toHaveProperty('UserPoolAddOns');
    // Immutable, or left alone unless named.
    expect(pool.UserPoolTags).toEqual({ keep: 'me' });
    expect(pool.UserPoolTier).toBe('PLUS');
    expect(pool.AliasAttributes).toEqual(['email']);
    expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(pool.SchemaAttributes).toEqual(created.SchemaAttributes);
    expect(pool.CreationDate).toEqual(created.CreationDate);
    expect(pool.LastModifiedDate!.getTime()).toBeGreaterThan(created.LastModifiedDate!.getTime());
  });

  it('renames the pool and replaces tags when asked', async () => {
    const created = await createPool({ UserPoolTags: { a: '1' } });
    await update({ UserPoolId: created.Id, PoolName: 'renamed', UserPoolTags: { b: '2' }, DeletionProtection: 'ACTIVE' });
    const pool = await describePool(created.Id!);
    expect(pool.Name).toBe('renamed');
    expect(pool.UserPoolTags).toEqual({ b: '2' });
    expect(pool.DeletionProtection).toBe('ACTIVE');
  });

  it('turns MFA on with SMS, and refuses MFA without any factor', async () => {
    const created = await createPool();
    await expect(update({ UserPoolId: created.Id, MfaConfiguration: 'OPTIONAL' })).rejects.toMatchObject(
      invalid('SMS configuration and Auto verification for phone_number are required when MFA is required/optional'),
    );
    await update({ UserPoolId: created.Id, MfaConfiguration: 'OPTIONAL', SmsConfiguration: SNS, AutoVerifiedAttributes: ['phone_number'] });
    expect((await describePool(created.Id!)).MfaConfiguration).toBe('OPTIONAL');
    const mfa = await sandbox.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: created.Id }));
    expect(mfa.MfaConfiguration).toBe('OPTIONAL');
    expect(mfa.SmsMfaConfiguration).toEqual({ SmsConfiguration: SNS });
  });

  it('keeps MFA on through an update when TOTP is the factor', async () => {
    const created = await createPool();
    await sandbox.cognito.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: created.Id, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }),
    );
    await update({ UserPoolId: created.Id, MfaConfiguration: 'ON' });
    expect((await describePool(created.Id!)).MfaConfiguration).toBe('ON');
  });

  it('answers errors for unknown pools and bad input', async () => {
    await expect(update({ UserPoolId: MISSING_POOL })).rejects.toMatchObject(notFound(`User pool ${MISSING_POOL} does not exist.`));
    await expect(update({ UserPoolId: 'bad id' })).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const created = await createPool();
    await expect(
      update({ UserPoolId: created.Id, UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } }),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      update({ UserPoolId: created.Id, Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['EMAIL_OTP'] } } }),
    ).rejects.toMatchObject(invalid('AllowedFirstAuthFactors must include PASSWORD.'));
  });
});

describe('ListUserPools', () => {
  it('pages through every pool with NextToken', async () => {
    const isolated = await startSandbox();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const { UserPool } = await isolated.cognito.send(
          new CreateUserPoolCommand({ PoolName: `list-${i}`, LambdaConfig: i === 0 ? { PreSignUp: 'arn:aws:lambda:us-east-1:000000000000:function:p' } : undefined }),
        );
        ids.push(UserPool!.Id!);
      }
      const seen: string[] = [];
      let token: string | undefined;
      const pageSizes: number[] = [];
      do {
        const page = await isolated.cognito.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: token }));
        pageSizes.push(page.UserPools!.length);
        seen.push(...page.UserPools!.map((p) => p.Id!));
        token = page.NextToken;
      } while (token);
      expect(pageSizes).toEqual([2, 2, 1]);
      expect(seen).toEqual(ids);

      const { UserPools, NextToken } = await isolated.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      expect(NextToken).toBeUndefined();
      expect(Object.keys(UserPools![0]!).sort()).toEqual(['CreationDate', 'Id', 'LambdaConfig', 'LastModifiedDate', 'Name']);
      expect(UserPools![0]).toMatchObject({ Id: ids[0], Name: 'list-0', LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:000000000000:function:p' } });
      expect(UserPools![1]!.LambdaConfig).toEqual({});
      expect(UserPools![0]!.CreationDate).toBeInstanceOf(Date);
    } finally {
      await isolated.close();
    }
  });

  it('requires MaxResults between 1 and 60', async () => {
    const r = await rawCall(sandbox.url, 'ListUserPools', {});
    expect(r.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
    });
    await expect(sandbox.cognito.send(new ListUserPoolsCommand({ MaxResults: 61 }))).rejects.toMatchObject(
      invalid("1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60"),
    );
    await expect(sandbox.cognito.send(new ListUserPoolsCommand({ MaxResults: 0 }))).rejects.toMatchObject(
      invalid("1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"),
    );
  });

  it('refuses a token it did not issue', async () => {
    await expect(sandbox.cognito.send(new ListUserPoolsCommand({ MaxResults: 5, NextToken: 'garbage' }))).rejects.toMatchObject(
      invalid('Invalid pagination token.'),
    );
  });
});

describe('AddCustomAttributes', () => {
  const add = (UserPoolId: string, CustomAttributes: CreateUserPoolCommandInput['Schema']) =>
    sandbox.cognito.send(new AddCustomAttributesCommand({ UserPoolId, CustomAttributes }));

  it('appends prefixed custom attributes to the schema', async () => {
    const created = await createPool({ Schema: [{ Name: 'first', AttributeDataType: 'String' }] });
    await add(created.Id!, [
      { Name: 'level', AttributeDataType: 'Number', Mutable: false },
      { Name: 'joined', AttributeDataType: 'DateTime' },
    ]);
    const pool = await describePool(created.Id!);
    expect(pool.SchemaAttributes!.map((a) => a.Name).slice(20)).toEqual(['custom:first', 'custom:level', 'custom:joined']);
    expect(pool.SchemaAttributes!.at(-2)).toEqual({
      Name: 'custom:level',
      AttributeDataType: 'Number',
      DeveloperOnlyAttribute: false,
      Mutable: false,
      Required: false,
      NumberAttributeConstraints: {},
    });
    expect(pool.SchemaAttributes!.at(-1)).toEqual({ Name: 'custom:joined', AttributeDataType: 'DateTime', DeveloperOnlyAttribute: false, Mutable: true, Required: false });
  });

  it('refuses duplicates, required attributes and more than 50 custom attributes', async () => {
    const created = await createPool({ Schema: [{ Name: 'taken', AttributeDataType: 'String' }] });
    await expect(add(created.Id!, [{ Name: 'taken', AttributeDataType: 'String' }])).rejects.toMatchObject(
      invalid('custom:taken: Existing attribute already has name custom:taken.'),
    );
    await expect(add(created.Id!, [{ Name: 'req', AttributeDataType: 'String', Required: true }])).rejects.toMatchObject(
      invalid('Required custom attributes are not supported currently.'),
    );
    await add(created.Id!, Array.from({ length: 25 }, (_, i) => ({ Name: `a${i}`, AttributeDataType: 'String' as const })));
    await add(created.Id!, Array.from({ length: 24 }, (_, i) => ({ Name: `b${i}`, AttributeDataType: 'String' as const })));
    await expect(add(created.Id!, [{ Name: 'one-too-many', AttributeDataType: 'String' }])).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'A user pool can have at most 50 custom attributes.',
    });
    const pool = await describePool(created.Id!);
    expect(pool.SchemaAttributes!.length).toBe(20 + 50);
  });

  it('validates the request', async () => {
    await expect(add(MISSING_POOL, [{ Name: 'x', AttributeDataType: 'String' }])).rejects.toMatchObject(
      notFound(`User pool ${MISSING_POOL} does not exist.`),
    );
    const created = await createPool();
    await expect(add(created.Id!, [])).rejects.toMatchObject(
      invalid("1 validation error detected: Value '[]' at 'customAttributes' failed to satisfy constraint: Member must have length greater than or equal to 1"),
    );
  });
});

describe('GetUserPoolMfaConfig and SetUserPoolMfaConfig', () => {
  const set = (input: SetUserPoolMfaConfigCommandInput) => sandbox.cognito.send(new SetUserPoolMfaConfigCommand(input));
  const get = (UserPoolId: string) => sandbox.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId }));
  const strip = <T extends { $metadata?: unknown }>({ $metadata, ...rest }: T) => rest;

  it('reports MFA off for a new pool', async () => {
    const created = await createPool();
    expect(strip(await get(created.Id!))).toEqual({ MfaConfiguration: 'OFF' });
  });

  it('turns on TOTP, SMS, email and passkey settings and reports them', async () => {
    const created = await createPool();
    const answer = await set({
      UserPoolId: created.Id,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your code: {####}', SmsConfiguration: SNS },
      EmailMfaConfiguration: { Subject: 'Sign-in code', Message: 'Code {####}' },
      WebAuthnConfiguration: { RelyingPartyId: 'example.com', UserVerification: 'required' },
    });
    const expected = {
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your code: {####}', SmsConfiguration: SNS },
      EmailMfaConfiguration: { Subject: 'Sign-in code', Message: 'Code {####}' },
      WebAuthnConfiguration: { RelyingPartyId: 'example.com', UserVerification: 'required' },
    };
    expect(strip(answer)).toEqual(expected);
    expect(strip(await get(created.Id!))).toEqual(expected);
    const pool = await describePool(created.Id!);
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.SmsAuthenticationMessage).toBe('Your code: {####}');
    expect(pool.SmsConfiguration).toEqual(SNS);
  });

  it('turns off the factors a later call leaves out', async () => {
    const created = await createPool();
    await set({ UserPoolId: created.Id, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: { Subject: 'S' } });
    await set({ UserPoolId: created.Id, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
    expect(strip(await get(created.Id!))).toEqual({ MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
    await set({ UserPoolId: created.Id, MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: false } });
    expect(strip(await get(created.Id!))).toEqual({ MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: false } });
  });

  it("enforces Cognito's rules between MfaConfiguration and the factors", async () => {
    const created = await createPool();
    await expect(set({ UserPoolId: created.Id, MfaConfiguration: 'ON' })).rejects.toMatchObject(
      invalid('Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.'),
    );
    await expect(set({ UserPoolId: created.Id, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: false } })).rejects.toMatchObject(
      invalid('Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.'),
    );
    await expect(set({ UserPoolId: created.Id, MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: true } })).rejects.toMatchObject(
      invalid("Invalid MFA configuration given, can't turn off MFA and configure an MFA together."),
    );
    await expect(set({ UserPoolId: created.Id, SmsMfaConfiguration: { SmsConfiguration: SNS } })).rejects.toMatchObject(
      invalid("Invalid MFA configuration given, can't turn off MFA and configure an MFA together."),
    );
    await expect(set({ UserPoolId: created.Id, MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsAuthenticationMessage: 'no code' } })).rejects.toMatchObject(
      invalid(
        "1 validation error detected: Value 'no code' at 'smsMfaConfiguration.smsAuthenticationMessage' failed to satisfy constraint: Member must satisfy regular expression pattern: .*\\{####\\}.*",
      ),
    );
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expect(get(MISSING_POOL)).rejects.toMatchObject(notFound(`User pool ${MISSING_POOL} does not exist.`));
    await expect(set({ UserPoolId: MISSING_POOL, MfaConfiguration: 'OFF' })).rejects.toMatchObject(notFound(`User pool ${MISSING_POOL} does not exist.`));
  });
});

describe('TagResource, UntagResource and ListTagsForResource', () => {
  const tags = async (ResourceArn: string) => (await sandbox.cognito.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags;

  it('adds, lists and removes tags, visible as UserPoolTags', async () => {
    const pool = await createPool({ UserPoolTags: { env: 'dev' } });
    expect(await tags(pool.Arn!)).toEqual({ env: 'dev' });
    await sandbox.cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { team: 'auth', env: 'test' } }));
    expect(await tags(pool.Arn!)).toEqual({ env: 'test', team: 'auth' });
    expect((await describePool(pool.Id!)).UserPoolTags).toEqual({ env: 'test', team: 'auth' });
    await sandbox.cognito.send(new UntagResourceCommand({ ResourceArn: pool.Arn, TagKeys: ['env', 'absent'] }));
    expect(await tags(pool.Arn!)).toEqual({ team: 'auth' });
    expect((await describePool(pool.Id!)).UserPoolTags).toEqual({ team: 'auth' });
  });

  it('refuses more than 50 tags', async () => {
    const pool = await createPool({ UserPoolTags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])) });
    await expect(sandbox.cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { extra: 'v' } }))).rejects.toMatchObject(
      invalid('A user pool can have at most 50 tags.'),
    );
  });

  it('answers ResourceNotFoundException for an ARN that names no pool', async () => {
    const arn = `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${MISSING_POOL}`;
    const message = `Resource ${arn} does not exist.`;
    await expect(tags(arn)).rejects.toMatchObject(notFound(message));
    await expect(sandbox.cognito.send(new TagResourceCommand({ ResourceArn: arn, Tags: { a: 'b' } }))).rejects.toMatchObject(notFound(message));
    await expect(sandbox.cognito.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['a'] }))).rejects.toMatchObject(notFound(message));
    const pool = await createPool();
    const otherAccount = pool.Arn!.replace('000000000000', '111111111111');
    await expect(tags(otherAccount)).rejects.toMatchObject(notFound(`Resource ${otherAccount} does not exist.`));
    await expect(tags('not-an-arn-at-all-really')).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
