/**
 * What AWS CDK's aws-cognito constructs call through their AwsCustomResource (an SDK call whose
 * answer is flattened to dotted paths, one of which the stack reads), besides the
 * CloudFormation resources themselves (whose handlers are not public: the Terraform tests cover
 * the same Create/Describe/Update/Delete operations):
 *   UserPoolClient.userPoolClientSecret -> DescribeUserPoolClient, `UserPoolClient.ClientSecret`;
 *   UserPoolDomain.cloudFrontEndpoint   -> DescribeUserPoolDomain, `DomainDescription.CloudFrontDistribution`
 *                                          (a Route 53 alias target: a CloudFront host name).
 */
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolDomainCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';

let sandbox: TestSandbox;
let cognito: CognitoIdentityProviderClient;
let UserPoolId: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  cognito = sandbox.cognito;
  UserPoolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'cdk-pool' }))).UserPool!.Id!;
});
afterAll(async () => {
  await sandbox?.close();
});

/** AwsCustomResource's flattening of an answer: every leaf under its dotted path. */
function flatten(value: unknown, prefix = ''): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || value instanceof Date) return { [prefix]: value };
  return Object.assign({}, ...Object.entries(value).map(([key, child]) => flatten(child, prefix ? `${prefix}.${key}` : key)));
}

it('userPoolClientSecret: UserPoolClient.ClientSecret of DescribeUserPoolClient is the secret the client was made with', async () => {
  const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'cdk-client', GenerateSecret: true }));
  const answer = flatten(await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: UserPoolClient!.ClientId })));
  expect(answer['UserPoolClient.ClientSecret']).toBe(UserPoolClient!.ClientSecret);
  const publicClient = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'cdk-public' }));
  const publicAnswer = flatten(await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: publicClient.UserPoolClient!.ClientId })));
  // The custom resource fails the deployment when the path is missing: a public client has no secret.
  expect(publicAnswer).not.toHaveProperty(['UserPoolClient.ClientSecret']);
});

it('cloudFrontEndpoint: DomainDescription.CloudFrontDistribution of DescribeUserPoolDomain is a CloudFront host name, for a prefix and a custom domain', async () => {
  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId, Domain: 'cdk-prefix' }));
  const prefix = flatten(await cognito.send(new DescribeUserPoolDomainCommand({ Domain: 'cdk-prefix' })));
  expect(prefix['DomainDescription.CloudFrontDistribution']).toMatch(/^[a-z0-9]+\.cloudfront\.net$/);
  await cognito.send(
    new CreateUserPoolDomainCommand({ UserPoolId, Domain: 'auth.cdk.example.com', CustomDomainConfig: { CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123' } }),
  );
  const custom = flatten(await cognito.send(new DescribeUserPoolDomainCommand({ Domain: 'auth.cdk.example.com' })));
  expect(custom['DomainDescription.CloudFrontDistribution']).toMatch(/^[a-z0-9]+\.cloudfront\.net$/);
  expect(custom['DomainDescription.CustomDomainConfig.CertificateArn']).toBe('arn:aws:acm:us-east-1:123456789012:certificate/abc-123');
  const missing = flatten(await cognito.send(new DescribeUserPoolDomainCommand({ Domain: 'cdk-nowhere' })));
  expect(missing).not.toHaveProperty(['DomainDescription.CloudFrontDistribution']);
});
