/**
 * The STS stand-in and the Cognito Identity issuer over HTTP, with the real @aws-sdk/client-sts:
 * AssumeRoleWithWebIdentity's parameters validated as STS validates them, its token refusals,
 * GetCallerIdentity for issued credentials, the query protocol's refusals (no Action, an unknown
 * one, no Version, a 2 MB body, JSON posted as a form) in STS's XML shape, never a 500 or a hang,
 * and the issuer's discovery document and JWKS verifying a token it signed.
 */
import { CreateIdentityPoolCommand, GetIdCommand, GetOpenIdTokenCommand, SetIdentityPoolRolesCommand, type CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, type AssumeRoleWithWebIdentityCommandOutput, type STSClient } from '@aws-sdk/client-sts';
import { ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { SignJWT, createRemoteJWKSet, decodeJwt, generateKeyPair, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueCredentials } from '../../src-main/cognito/identity/credentials.js';
import { signOpenIdToken } from '../../src-main/cognito/identity/openid-token.js';
import { eventsDuring } from '../support/events.js';
import { identityClient, role, stsClient } from '../support/identity.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';

const POOL = 'us-east-1:4b1c0f1e-6a0e-4f51-9b7b-2f1c3d4e5f60';
const IDENTITY = 'us-east-1:9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const VERSION = 'Version=2011-06-15';

let offset = 0;
let sandbox: TestSandbox;
let sts: STSClient;
let identity: CognitoIdentityClient;
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock: { now: () => Date.now() + offset } });
  sts = stsClient(sandbox.url);
  identity = identityClient(sandbox.url);
});
afterAll(async () => {
  sts.destroy();
  identity.destroy();
  await sandbox.close();
});
beforeEach(() => {
  offset = 0;
});

/** What the SDK makes of a refusal: its name, status and message. */
async function refusal(promise: Promise<unknown>): Promise<{ name: string; status?: number; message: string; requestId?: string }> {
  const error = (await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
  return { name: error.name, status: error.$metadata?.httpStatusCode, message: error.message, requestId: error.$metadata?.requestId };
}

/** A form POSTed to `/` as STS's query protocol sends it. */
async function postForm(body: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; requestId: string | null; text: string }> {
  const response = await fetch(sandbox.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  return { status: response.status, type: response.headers.get('content-type'), requestId: response.headers.get('x-amzn-requestid'), text: await response.text() };
}

function errorXml(code: string, message: string, requestId: string): string {
  return [
    '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
    '  <Error>',
    '    <Type>Sender</Type>',
    `    <Code>${code}</Code>`,
    `    <Message>${message}</Message>`,
    '  </Error>',
    `  <RequestId>${requestId}</RequestId>`,
    '</ErrorResponse>',
    '',
  ].join('\n');
}

const assume = (input: Partial<{ RoleArn: string; RoleSessionName: string; WebIdentityToken: string; DurationSeconds: number; Policy: string }>) =>
  sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role('ClassicRole'), RoleSessionName: 'app1', WebIdentityToken: 'abcd', ...input }));

const openIdToken = async (durationSeconds = 600) =>
  (await signOpenIdToken(sandbox.app.services, { identityPoolId: POOL, identityId: IDENTITY, amr: ['unauthenticated'], durationSeconds, origin: sandbox.url })).token;

describe('AssumeRoleWithWebIdentity: parameters validated as STS validates them', () => {
  it('lists every violation in one ValidationError, the token never echoed', async () => {
    const error = await refusal(assume({ RoleSessionName: 'a', WebIdentityToken: 'abc', DurationSeconds: 899 }));
    expect(error).toMatchObject({ name: 'ValidationError', status: 400, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(error.message).toBe(
      '3 validation errors detected: ' +
        "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; " +
        "Value at 'webIdentityToken' failed to satisfy constraint: Member must have length greater than or equal to 4; " +
        "Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
  });

  it("checks RoleSessionName's pattern and length, DurationSeconds' range, the token's length and RoleArn's", async () => {
    expect((await refusal(assume({ RoleSessionName: 'my session' }))).message).toBe(
      "1 validation error detected: Value 'my session' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
    expect((await refusal(assume({ RoleSessionName: 's'.repeat(65) }))).message).toBe(
      `1 validation error detected: Value '${'s'.repeat(65)}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
    expect((await refusal(assume({ DurationSeconds: 43_201 }))).message).toBe(
      "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
    expect((await refusal(assume({ WebIdentityToken: 'x'.repeat(20_001) }))).message).toBe(
      "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length less than or equal to 20000",
    );
    expect((await refusal(assume({ RoleArn: 'arn:aws:iam::1:role' }))).message).toBe(
      "1 validation error detected: Value 'arn:aws:iam::1:role' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
    );
    expect(await refusal(assume({ RoleArn: 'arn:aws:iam::123456789012:user/bob' }))).toMatchObject({ name: 'ValidationError', status: 400, message: 'Request ARN is invalid' });
    expect(await refusal(assume({ Policy: '{"Version":' }))).toMatchObject({
      name: 'MalformedPolicyDocumentException',
      status: 400,
      message: 'The policy is not in the valid JSON format.',
    });
  });

  it('refuses missing parameters, a DurationSeconds that is no number, a bad PolicyArns arn (raw forms)', async () => {
    const missing = await postForm(`Action=AssumeRoleWithWebIdentity&${VERSION}`);
    expect(missing.status).toBe(400);
    expect(missing.text).toBe(
      errorXml(
        'ValidationError',
        '3 validation errors detected: ' +
          "Value null at 'roleArn' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'webIdentityToken' failed to satisfy constraint: Member must not be null",
        missing.requestId!,
      ),
    );
    const fields = `RoleArn=${encodeURIComponent(role('R'))}&RoleSessionName=s1&WebIdentityToken=abcd`;
    const notANumber = await postForm(`Action=AssumeRoleWithWebIdentity&${VERSION}&${fields}&DurationSeconds=1h`);
    expect(notANumber.text).toContain(
      "<Message>1 validation error detected: Value '1h' at 'durationSeconds' failed to satisfy constraint: Member must be an integer</Message>",
    );
    const policyArn = await postForm(`Action=AssumeRoleWithWebIdentity&${VERSION}&${fields}&PolicyArns.member.1.arn=arn:aws:iam::aws:policy/ReadOnlyAccess&PolicyArns.member.2.arn=short`);
    expect(policyArn.text).toContain(
      "<Message>1 validation error detected: Value 'short' at 'policyArns.2.member.arn' failed to satisfy constraint: Member must have length greater than or equal to 20</Message>",
    );
  });
});

describe('AssumeRoleWithWebIdentity: the token', () => {
  it('refuses what is no JWT, a token signed with a foreign key, and an expired one', async () => {
    expect(await refusal(assume({ WebIdentityToken: 'not-a-jwt-at-all' }))).toMatchObject({ name: 'InvalidIdentityTokenException', status: 400 });

    const genuine = await openIdToken();
    const { privateKey } = await generateKeyPair('RS512');
    const foreign = await new SignJWT(decodeJwt(genuine)).setProtectedHeader({ kid: 'us-east-11', typ: 'JWS', alg: 'RS512' }).sign(privateKey);
    expect(await refusal(assume({ WebIdentityToken: foreign }))).toMatchObject({ name: 'InvalidIdentityTokenException', status: 400 });

    offset = 601_000;
    const expired = await refusal(assume({ WebIdentityToken: genuine }));
    expect(expired).toMatchObject({ name: 'ExpiredTokenException', status: 400 });
    expect(expired.message).toMatch(/Token expired/);
  });

  it('answers credentials for a token of the issuer, in the shape the SDK reads', async () => {
    const answer = await assume({ WebIdentityToken: await openIdToken(), RoleSessionName: 'guest-session', DurationSeconds: 900 });
    expect(answer.$metadata.httpStatusCode).toBe(200);
    expect(answer.Credentials!.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(answer.Credentials!.SecretAccessKey).toHaveLength(40);
    expect(answer.Credentials!.Expiration).toBeInstanceOf(Date);
    expect(Math.abs(answer.Credentials!.Expiration!.getTime() - (Date.now() + 900_000))).toBeLessThan(5_000);
    expect(answer.AssumedRoleUser).toEqual({ Arn: 'arn:aws:sts::123456789012:assumed-role/ClassicRole/guest-session', AssumedRoleId: expect.stringMatching(/^AROA[A-Z0-9]{17}:guest-session$/) });
    expect(answer.SubjectFromWebIdentityToken).toBe(IDENTITY);
    expect(answer.Audience).toBe(POOL);
    expect(answer.Provider).toEqual(expect.any(String));
  });
  it('trades a real GetOpenIdToken token (classic flow, a guest) for credentials, in one flow the debugger shows', async () => {
    const { IdentityPoolId } = await identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'classic', AllowUnauthenticatedIdentities: true, AllowClassicFlow: true }));
    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId, Roles: { unauthenticated: role('GuestRole'), authenticated: role('AuthRole') } }));
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId }));
    const { Token } = await identity.send(new GetOpenIdTokenCommand({ IdentityId }));
    expect(decodeJwt(Token!)).toMatchObject({ sub: IdentityId, aud: IdentityPoolId, amr: ['unauthenticated'] });

    let answer: AssumeRoleWithWebIdentityCommandOutput | undefined;
    const events = await eventsDuring(sandbox.app, async () => {
      answer = await assume({ WebIdentityToken: Token!, RoleArn: role('ClassicGuest'), RoleSessionName: 'guest@app', DurationSeconds: 7200 });
    });
    expect(answer!.SubjectFromWebIdentityToken).toBe(IdentityId);
    expect(answer!.Audience).toBe(IdentityPoolId);
    expect(answer!.AssumedRoleUser!.Arn).toBe('arn:aws:sts::123456789012:assumed-role/ClassicGuest/guest@app');
    expect(Math.abs(answer!.Credentials!.Expiration!.getTime() - (Date.now() + 7_200_000))).toBeLessThan(5_000);

    const called = events.find((e) => e.type === 'api.called')!;
    const issued = events.find((e) => e.type === 'identity.credentialsIssued')!;
    expect(called.flowId).toBeTruthy();
    expect(issued.flowId).toBe(called.flowId);
    expect(called.poolId).toBe(IdentityPoolId);
    expect(called.data).toMatchObject({
      service: 'AWSSecurityTokenServiceV20110615',
      operation: 'AssumeRoleWithWebIdentity',
      status: 200,
      response: { Credentials: { AccessKeyId: answer!.Credentials!.AccessKeyId, SecretAccessKey: '***', SessionToken: expect.stringMatching(/… \[cut \d+ of \d+ characters\]$/) } },
    });
    const text = JSON.stringify(events);
    for (const secret of [Token!, answer!.Credentials!.SecretAccessKey!, answer!.Credentials!.SessionToken!]) expect(text).not.toContain(secret);

    const caller = stsClient(sandbox.url, { accessKeyId: answer!.Credentials!.AccessKeyId!, secretAccessKey: answer!.Credentials!.SecretAccessKey!, sessionToken: answer!.Credentials!.SessionToken! });
    try {
      expect(await caller.send(new GetCallerIdentityCommand({}))).toMatchObject({ Arn: answer!.AssumedRoleUser!.Arn, UserId: answer!.AssumedRoleUser!.AssumedRoleId, Account: '123456789012' });
    } finally {
      caller.destroy();
    }
  });
});

describe('GetCallerIdentity', () => {
  const signedWith = (credentials: { AccessKeyId: string; SecretKey: string; SessionToken: string }) =>
    stsClient(sandbox.url, { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretKey, sessionToken: credentials.SessionToken });

  it('names the assumed role of credentials the sandbox issued', async () => {
    const { credentials, assumedRoleArn, assumedRoleId } = issueCredentials(sandbox.app.services, {
      identityPoolId: POOL,
      identityId: IDENTITY,
      roleArn: role('AuthRole'),
      sessionName: 'CognitoIdentityCredentials',
      durationSeconds: 3600,
      via: 'GetCredentialsForIdentity',
    });
    const client = signedWith(credentials);
    try {
      const answer = await client.send(new GetCallerIdentityCommand({}));
      expect(answer).toMatchObject({ Arn: assumedRoleArn, UserId: assumedRoleId, Account: '123456789012' });
      expect(assumedRoleArn).toBe('arn:aws:sts::123456789012:assumed-role/AuthRole/CognitoIdentityCredentials');

      offset = 3_600_000;
      expect(await refusal(client.send(new GetCallerIdentityCommand({})))).toMatchObject({
        name: 'ExpiredToken',
        status: 403,
        message: 'The security token included in the request is expired',
      });
    } finally {
      client.destroy();
    }
  });

  it('refuses credentials it did not issue, a session token not theirs, and an unsigned request', async () => {
    expect(await refusal(sts.send(new GetCallerIdentityCommand({})))).toEqual({
      name: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
      requestId: expect.any(String),
    });
    const { credentials } = issueCredentials(sandbox.app.services, {
      identityPoolId: POOL,
      identityId: IDENTITY,
      roleArn: role('AuthRole'),
      sessionName: 's1',
      durationSeconds: 3600,
      via: 'GetCredentialsForIdentity',
    });
    const stolen = signedWith({ ...credentials, SessionToken: Buffer.from('another token').toString('base64') });
    try {
      expect(await refusal(stolen.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    } finally {
      stolen.destroy();
    }
    const unsigned = await postForm(`Action=GetCallerIdentity&${VERSION}`);
    expect(unsigned.status).toBe(403);
    expect(unsigned.text).toBe(errorXml('MissingAuthenticationToken', 'Request is missing Authentication Token', unsigned.requestId!));
  });
});

describe('the query protocol: hostile input answered in STS shape', () => {
  it('answers no Action, an unknown one, a missing or wrong Version, and an action it does not run', async () => {
    const cases: Array<[string, number, string, string]> = [
      ['', 400, 'MissingAction', 'Missing Action'],
      [`${VERSION}`, 400, 'MissingAction', 'Missing Action'],
      [`Action=Frobnicate&${VERSION}`, 400, 'InvalidAction', 'Could not find operation Frobnicate for version 2011-06-15'],
      ['Action=GetCallerIdentity', 400, 'InvalidAction', 'Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED'],
      ['Action=GetCallerIdentity&Version=2099-01-01', 400, 'InvalidAction', 'Could not find operation GetCallerIdentity for version 2099-01-01'],
      [
        `Action=AssumeRole&${VERSION}`,
        400,
        'UnsupportedOperation',
        "AssumeRole is not implemented by Cognito Sandbox's STS stand-in, which answers AssumeRoleWithWebIdentity and GetCallerIdentity.",
      ],
      [`Action=${encodeURIComponent('<x a="1">&')}&${VERSION}`, 400, 'InvalidAction', 'Could not find operation &lt;x a="1"&gt;&amp; for version 2011-06-15'],
    ];
    for (const [body, status, code, message] of cases) {
      const answer = await postForm(body);
      expect([body, answer.status, answer.type]).toEqual([body, status, 'text/xml; charset=utf-8']);
      expect(answer.text).toBe(errorXml(code, message, answer.requestId!));
    }
  });

  it('answers JSON posted as a form with MissingAction, and lets a form with X-Amz-Target through to the AWS JSON API', async () => {
    const json = await postForm(JSON.stringify({ Action: 'GetCallerIdentity', Version: '2011-06-15' }));
    expect(json.status).toBe(400);
    expect(json.text).toBe(errorXml('MissingAction', 'Missing Action', json.requestId!));

    const targeted = await postForm('Action=GetCallerIdentity', { 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools' });
    expect(targeted.status).toBe(400);
    expect(JSON.parse(targeted.text)).toMatchObject({ __type: 'SerializationException' });
    expect((await sandbox.cognito.send(new ListUserPoolsCommand({ MaxResults: 1 }))).$metadata.httpStatusCode).toBe(200);
  });

  it('answers a 2 MB body with RequestEntityTooLarge, and goes on answering', async () => {
    const huge = await postForm(`Action=AssumeRoleWithWebIdentity&${VERSION}&WebIdentityToken=${'a'.repeat(2 * 1024 * 1024)}`);
    expect(huge.status).toBe(413);
    expect(huge.text).toBe(errorXml('RequestEntityTooLarge', 'Request body is larger than 1048576 bytes.', huge.requestId!));
    const large = await postForm(`Action=AssumeRoleWithWebIdentity&${VERSION}&RoleArn=${encodeURIComponent(role('R'))}&RoleSessionName=s1&WebIdentityToken=${'a'.repeat(500_000)}`);
    expect(large.status).toBe(400);
    expect(large.text).toContain('Member must have length less than or equal to 20000');
    expect(await refusal(assume({ RoleSessionName: 'a' }))).toMatchObject({ name: 'ValidationError' });
  });

  it('answers an unreadable body in STS shape', async () => {
    const answer = await postForm('Action=GetCallerIdentity', { 'content-type': 'application/x-www-form-urlencoded; charset=klingon' });
    expect(answer.status).toBe(404);
    expect(answer.text).toBe(errorXml('MalformedQueryString', 'The request body could not be read as a query string.', answer.requestId!));
  });
});

describe('the debugger', () => {
  it('shows each STS call as api.called, the token shortened', async () => {
    const token = await openIdToken();
    const events = await eventsDuring(sandbox.app, () => refusal(assume({ WebIdentityToken: token, RoleSessionName: 'a' })));
    const called = events.find((e) => e.type === 'api.called');
    expect(called).toMatchObject({
      data: {
        service: 'AWSSecurityTokenServiceV20110615',
        operation: 'AssumeRoleWithWebIdentity',
        status: 400,
        error: { type: 'ValidationError' },
        request: { RoleArn: role('ClassicRole'), RoleSessionName: 'a', WebIdentityToken: expect.stringMatching(/^.{24}… \[cut \d+ of \d+ characters\]$/) },
      },
    });
    expect(JSON.stringify(called)).not.toContain(token);
  });
});

describe("the Cognito Identity issuer's discovery and keys", () => {
  it('leads a verifier (jose createRemoteJWKSet) to the key that verifies its token', async () => {
    const discovery = (await (await fetch(`${sandbox.url}/_cognito-identity/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: `${sandbox.url}/_cognito-identity`,
      jwks_uri: `${sandbox.url}/_cognito-identity/.well-known/jwks_uri`,
      id_token_signing_alg_values_supported: ['RS512'],
    });
    const token = await openIdToken();
    const keys = createRemoteJWKSet(new URL(String(discovery.jwks_uri)));
    const { payload, protectedHeader } = await jwtVerify(token, keys, { issuer: String(discovery.issuer), audience: POOL });
    expect(payload).toMatchObject({ sub: IDENTITY, aud: POOL, amr: ['unauthenticated'] });
    expect(protectedHeader).toEqual({ kid: 'us-east-11', typ: 'JWS', alg: 'RS512' });

    const { privateKey } = await generateKeyPair('RS512');
    const foreign = await new SignJWT(payload).setProtectedHeader(protectedHeader).sign(privateKey);
    await expect(jwtVerify(foreign, keys)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });
});
