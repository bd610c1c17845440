/**
 * Amplify v6, unmodified, with an identity pool: fetchAuthSession gives guest credentials and an
 * identity id before sign-in, and authenticated ones after it (Amplify calls GetId and
 * GetCredentialsForIdentity at identityPoolEndpoint); the credentials sign an S3 client's request
 * with SigV4, which a stand-in S3 endpoint records.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { SetIdentityPoolRolesCommand, CreateIdentityPoolCommand, DescribeIdentityCommand } from '@aws-sdk/client-cognito-identity';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityClient, PASSWORD, role, stsClient, userPoolWorld } from '../support/identity.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser } from '../support/world.js';

let sandbox: TestSandbox;
let s3Endpoint: http.Server;
const s3Requests: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  s3Endpoint = http.createServer((req, res) => {
    s3Requests.push(req.headers);
    req.resume();
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.end('<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>photos</Name><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>');
  });
  await new Promise<void>((resolve) => s3Endpoint.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => s3Endpoint.close(resolve));
  await sandbox.close();
});

describe('Amplify v6 with identityPoolId and identityPoolEndpoint', () => {
  it('fetches guest credentials, then the signed-in user credentials, which sign an S3 request', async () => {
    const world = await userPoolWorld(sandbox.cognito, 'amplify-identity');
    await createAdminUser(sandbox.cognito, world.poolId, 'amy', { password: PASSWORD });
    const identity = identityClient(sandbox.url);
    const { IdentityPoolId } = await identity.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'amplify app',
        AllowUnauthenticatedIdentities: true,
        CognitoIdentityProviders: [{ ProviderName: world.providerName, ClientId: world.clientId }],
      }),
    );
    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId, Roles: { authenticated: role('AuthRole'), unauthenticated: role('GuestRole') } }));

    Amplify.configure({
      Auth: {
        Cognito: {
          userPoolId: world.poolId,
          userPoolClientId: world.clientId,
          userPoolEndpoint: sandbox.url,
          identityPoolId: IdentityPoolId!,
          identityPoolEndpoint: sandbox.url,
          allowGuestAccess: true,
        },
      },
    });

    const guest = await fetchAuthSession();
    expect(guest.tokens).toBeUndefined();
    expect(guest.identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(guest.credentials!.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);

    expect(await signIn({ username: 'amy', password: PASSWORD })).toMatchObject({ isSignedIn: true });
    const session = await fetchAuthSession();
    expect(session.tokens?.idToken?.payload['cognito:username']).toBe('amy');
    expect(session.identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    const { accessKeyId, secretAccessKey, sessionToken, expiration } = session.credentials!;
    expect(accessKeyId).not.toBe(guest.credentials!.accessKeyId);
    expect(expiration!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);

    // Amplify keeps the guest's identity id and presents the user's login with it
    // (GetCredentialsForIdentity): the new login is linked to that identity, which is now authenticated.
    expect(session.identityId).toBe(guest.identityId);
    const described = await identity.send(new DescribeIdentityCommand({ IdentityId: session.identityId! }));
    expect(described.Logins).toEqual([world.providerName]);

    const sts = stsClient(sandbox.url, { accessKeyId, secretAccessKey, sessionToken: sessionToken! });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:sts::123456789012:assumed-role/AuthRole/CognitoIdentityCredentials');
    sts.destroy();

    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${(s3Endpoint.address() as AddressInfo).port}`,
      forcePathStyle: true,
      credentials: { accessKeyId, secretAccessKey, sessionToken: sessionToken! },
      maxAttempts: 1,
    });
    await s3.send(new ListObjectsV2Command({ Bucket: 'photos' }));
    s3.destroy();
    const signed = s3Requests.at(-1)!;
    expect(signed.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${accessKeyId}/\\d{8}/us-east-1/s3/aws4_request, SignedHeaders=[^,]*x-amz-security-token`));
    expect(signed['x-amz-security-token']).toBe(sessionToken);

    await signOut();
    identity.destroy();
  });
});
