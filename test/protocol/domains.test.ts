import {
  CreateUserPoolDomainCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
  UpdateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../support/clock.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { storedPools } from '../support/world.js';

const START = Date.UTC(2025, 0, 2, 3, 4, 5);
const clock = testClock(START);
const ACCOUNT = '123456789012';
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/a1b2c3d4-5678-90ab-cdef-example11111';
const OTHER_CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/a1b2c3d4-5678-90ab-cdef-example22222';
const MISSING_POOL = 'us-east-1_Missing00';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ accountId: ACCOUNT }, { clock });
});
afterAll(() => sandbox.close());

/** A pool straight in the store: these tests are about domains, not pool creation. */
const newPool = storedPools(() => sandbox.app.store, 'DomPool');

let prefixCount = 0;
const uniquePrefix = () => `sandbox-test-${++prefixCount}`;

describe('CreateUserPoolDomain: prefix domains', () => {
  it('creates a prefix domain and describes it as Cognito does', async () => {
    clock.time = START;
    const poolId = newPool();
    const created = await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'my-app-login' }));
    expect(created.ManagedLoginVersion).toBe(1);
    expect(created.CloudFrontDomain).toBeUndefined();

    const { DomainDescription } = await sandbox.cognito.send(new DescribeUserPoolDomainCommand({ Domain: 'my-app-login' }));
    expect(DomainDescription).toEqual({
      UserPoolId: poolId,
      AWSAccountId: ACCOUNT,
      Domain: 'my-app-login',
      S3Bucket: 'aws-cognito-prod-iad-assets',
      CloudFrontDistribution: expect.stringMatching(/^d[0-9a-f]{13}\.cloudfront\.net$/),
      Version: '20250102030405',
      Status: 'ACTIVE',
      ManagedLoginVersion: 1,
    });
    expect(sandbox.app.store.domains.domainsOfPool(poolId)).toEqual({ prefix: 'my-app-login' });
  });

  it('names the asset bucket for the pool region', async () => {
    const poolId = newPool('eu-west-1');
    const Domain = uniquePrefix();
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain }));
    const { DomainDescription } = await sandbox.cognito.send(new DescribeUserPoolDomainCommand({ Domain }));
    expect(DomainDescription!.S3Bucket).toBe('aws-cognito-prod-dub-assets');
  });

  it('keeps ManagedLoginVersion 2 when asked', async () => {
    const Domain = uniquePrefix();
    const created = await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: newPool(), Domain, ManagedLoginVersion: 2 }));
    expect(created.ManagedLoginVersion).toBe(2);
    const { DomainDescription } = await sandbox.cognito.send(new DescribeUserPoolDomainCommand({ Domain }));
    expect(DomainDescription!.ManagedLoginVersion).toBe(2);
  });

  it.each(['aws', 'amazon', 'cognito'])('refuses a prefix containing the reserved word %s', async (word) => {
    await expect(
      sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: newPool(), Domain: `my-${word}-login` })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: `Domain cannot contain reserved word: ${word}` });
  });

  it.each(['Upper', '-leading', 'trailing-', 'auth.example.com', 'a'.repeat(64), 'under_score'])(
    'refuses the malformed prefix %s',
    async (Domain) => {
      await expect(sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: newPool(), Domain }))).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message:
          'The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens. ' +
          'Please enter a different name that follows this format: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$',
      });
    },
  );

  it('refuses a name another pool already uses', async () => {
    const Domain = uniquePrefix();
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: newPool(), Domain }));
    await expect(sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: newPool(), Domain }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Domain already associated with another user pool.',
    });
  });

  it('refuses a second prefix domain for the same pool', async () => {
    const poolId = newPool();
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: uniquePrefix() }));
    await expect(
      sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: uniquePrefix() })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'User pool already has a domain configured.' });
  });

  it('refuses Routing on a prefix domain', async () => {
    await expect(
      sandbox.cognito.send(
        new CreateUserPoolDomainCommand({
          UserPoolId: newPool(),
          Domain: uniquePrefix(),
          Routing: { Failover: { SecondaryRegion: 'us-west-2', PrimaryRoute53HealthCheckId: 'hc-1' } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Routing is supported only for custom domains.' });
  });

  it('refuses a ManagedLoginVersion other than 1 or 2', async () => {
    await expect(
      sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: newPool(), Domain: uniquePrefix(), ManagedLoginVersion: 3 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'ManagedLoginVersion must be 1 (hosted UI) or 2 (managed login).' });
  });

  it('refuses managed login in the Lite feature plan', async () => {
    const poolId = newPool('us-east-1', { UserPoolTier: 'LITE' });
    await expect(
      sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: uniquePrefix(), ManagedLoginVersion: 2 })),
    ).rejects.toMatchObject({ name: 'FeatureUnavailableInTierException', message: 'Managed login is not available in the Lite feature plan.' });
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expect(
      sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: MISSING_POOL, Domain: uniquePrefix() })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `User pool ${MISSING_POOL} does not exist.` });
  });

  it('requires Domain and UserPoolId', async () => {
    const r = await rawCall(sandbox.url, 'CreateUserPoolDomain', {});
    expect(r.json).toEqual({
      __type: 'InvalidParameterException',
      message:
        "2 validation errors detected: Value null at 'domain' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'userPoolId' failed to satisfy constraint: Member must not be null",
    });
  });
});

describe('CreateUserPoolDomain: custom domains', () => {
  it('creates a custom domain with its certificate and a CloudFront target', async () => {
    clock.time = START + 60_000;
    const poolId = newPool();
    const created = await sandbox.cognito.send(
      new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: CERT } }),
    );
    expect(created.CloudFrontDomain).toMatch(/^d[0-9a-f]{13}\.cloudfront\.net$/);
    expect(created.ManagedLoginVersion).toBe(1);

    const { DomainDescription } = await sandbox.cognito.send(new DescribeUserPoolDomainCommand({ Domain: 'auth.example.com' }));
    expect(DomainDescription).toEqual({
      UserPoolId: poolId,
      AWSAccountId: ACCOUNT,
      Domain: 'auth.example.com',
      S3Bucket: 'aws-cognito-prod-iad-assets',
      CloudFrontDistribution: created.CloudFrontDomain,
      Version: '20250102030505',
      Status: 'ACTIVE',
      CustomDomainConfig: { CertificateArn: CERT },
      ManagedLoginVersion: 1,
    });
  });

  it('lets a pool have one prefix and one custom domain, and reports both', async () => {
    const poolId = newPool();
    const prefix = uniquePrefix();
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: prefix }));
    await sandbox.cognito.send(
      new CreateUserPoolDomainCommand({
        UserPoolId: poolId,
        Domain: 'login.example.org',
        CustomDomainConfig: { CertificateArn: CERT, SecurityPolicy: 'TLS_V1_2_2021' },
        Routing: { Failover: { SecondaryRegion: 'us-west-2', PrimaryRoute53HealthCheckId: 'hc-1' } },
      }),
    );
    expect(sandbox.app.store.domains.domainsOfPool(poolId)).toEqual({ prefix, custom: 'login.example.org' });
    const { DomainDescription } = await sandbox.cognito.send(new DescribeUserPoolDomainCommand({ Domain: 'login.example.org' }));
    expect(DomainDescription).toMatchObject({
      CustomDomainConfig: { CertificateArn: CERT, SecurityPolicy: 'TLS_V1_2_2021' },
      Routing: { Failover: { SecondaryRegion: 'us-west-2', PrimaryRoute53HealthCheckId: 'hc-1' } },
    });
    await expect(
      sandbox.cognito.send(
        new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'other.example.org', CustomDomainConfig: { CertificateArn: CERT } }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'User pool already has a domain configured.' });
  });

  it.each([
    'arn:aws:acm:eu-west-1:123456789012:certificate/a1b2c3d4',
    'arn:aws:iam::123456789012:server-certificate/example',
  ])('refuses the certificate %s', async (CertificateArn) => {
    await expect(
      sandbox.cognito.send(
        new CreateUserPoolDomainCommand({ UserPoolId: newPool(), Domain: 'auth.example.net', CustomDomainConfig: { CertificateArn } }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain.",
    });
  });

  it.each(['localhost', 'Auth.Example.com', 'auth..example.com', '-auth.example.com'])('refuses the custom domain %s', async (Domain) => {
    await expect(
      sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: newPool(), Domain, CustomDomainConfig: { CertificateArn: CERT } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringMatching(/^The domain name is not valid\./) });
  });

  it('validates CustomDomainConfig against the model', async () => {
    await expect(
      sandbox.cognito.send(
        new CreateUserPoolDomainCommand({
          UserPoolId: newPool(),
          Domain: 'auth.example.net',
          CustomDomainConfig: { CertificateArn: CERT, SecurityPolicy: 'SSL_V3' as never },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'SSL_V3' at 'customDomainConfig.securityPolicy' failed to satisfy constraint: " +
        'Member must satisfy enum value set: [TLS_V1, TLS_V1_2_2021, TLS_V1_3_2025]',
    });
  });
});

describe('DescribeUserPoolDomain', () => {
  it('answers an empty DomainDescription for an unknown domain', async () => {
    const r = await rawCall(sandbox.url, 'DescribeUserPoolDomain', { Domain: 'no-such-domain' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ DomainDescription: {} });
    const { DomainDescription } = await sandbox.cognito.send(new DescribeUserPoolDomainCommand({ Domain: 'no-such-domain' }));
    expect(DomainDescription).toEqual({});
  });

  it('requires Domain', async () => {
    const r = await rawCall(sandbox.url, 'DescribeUserPoolDomain', {});
    expect(r.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'domain' failed to satisfy constraint: Member must not be null",
    });
  });
});

describe('UpdateUserPoolDomain', () => {
  it('replaces the certificate of a custom domain and keeps its CloudFront target', async () => {
    const poolId = newPool();
    const created = await sandbox.cognito.send(
      new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'sso.example.com', CustomDomainConfig: { CertificateArn: CERT } }),
    );
    const updated = await sandbox.cognito.send(
      new UpdateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'sso.example.com', CustomDomainConfig: { CertificateArn: OTHER_CERT } }),
    );
    expect(updated.CloudFrontDomain).toBe(created.CloudFrontDomain);
    expect(updated.ManagedLoginVersion).toBe(1);
    const { DomainDescription } = await sandbox.cognito.send(new DescribeUserPoolDomainCommand({ Domain: 'sso.example.com' }));
    expect(DomainDescription!.CustomDomainConfig).toEqual({ CertificateArn: OTHER_CERT });
  });

  it('changes the managed login version of a prefix domain', async () => {
    const poolId = newPool();
    const Domain = uniquePrefix();
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain }));
    const updated = await sandbox.cognito.send(new UpdateUserPoolDomainCommand({ UserPoolId: poolId, Domain, ManagedLoginVersion: 2 }));
    expect(updated).toMatchObject({ ManagedLoginVersion: 2 });
    expect(updated.CloudFrontDomain).toBeUndefined();
    const { DomainDescription } = await sandbox.cognito.send(new DescribeUserPoolDomainCommand({ Domain }));
    expect(DomainDescription!.ManagedLoginVersion).toBe(2);
  });

  it('refuses CustomDomainConfig on a prefix domain', async () => {
    const poolId = newPool();
    const Domain = uniquePrefix();
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain }));
    await expect(
      sandbox.cognito.send(new UpdateUserPoolDomainCommand({ UserPoolId: poolId, Domain, CustomDomainConfig: { CertificateArn: CERT } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'CustomDomainConfig applies only to custom domains.' });
  });

  it('refuses a domain that is unknown or belongs to another pool', async () => {
    const Domain = uniquePrefix();
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: newPool(), Domain }));
    for (const request of [
      { UserPoolId: newPool(), Domain },
      { UserPoolId: newPool(), Domain: 'never-created' },
    ]) {
      await expect(sandbox.cognito.send(new UpdateUserPoolDomainCommand({ ...request, ManagedLoginVersion: 2 }))).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: 'No such domain or user pool exists.',
      });
    }
  });
});

describe('DeleteUserPoolDomain', () => {
  it('deletes the domain, which frees the name for another pool', async () => {
    const poolId = newPool();
    const Domain = uniquePrefix();
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain }));
    await sandbox.cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: poolId, Domain }));
    const { DomainDescription } = await sandbox.cognito.send(new DescribeUserPoolDomainCommand({ Domain }));
    expect(DomainDescription).toEqual({});
    expect(sandbox.app.store.domains.domainsOfPool(poolId)).toEqual({});

    const other = newPool();
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain }));
    const again = await sandbox.cognito.send(new DescribeUserPoolDomainCommand({ Domain }));
    expect(again.DomainDescription!.UserPoolId).toBe(other);
  });

  it('refuses a domain of another pool, an unknown domain and an unknown pool', async () => {
    const Domain = uniquePrefix();
    const owner = newPool();
    await sandbox.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: owner, Domain }));
    for (const request of [
      { UserPoolId: newPool(), Domain },
      { UserPoolId: owner, Domain: 'never-created' },
      { UserPoolId: MISSING_POOL, Domain },
    ]) {
      await expect(sandbox.cognito.send(new DeleteUserPoolDomainCommand(request))).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: 'No such domain or user pool exists.',
      });
    }
    const { DomainDescription } = await sandbox.cognito.send(new DescribeUserPoolDomainCommand({ Domain }));
    expect(DomainDescription!.UserPoolId).toBe(owner);
  });
});
