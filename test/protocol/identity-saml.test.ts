/**
 * SAML logins of identity pools through @aws-sdk/client-cognito-identity over HTTP: the built-in
 * mock SAML IdP's IdP-initiated response addressed to AWS (fetched from its page as a user copies
 * it), and responses of an independent SAML IdP built with samlify, each trusted through a user
 * pool's SAML identity provider of the IAM SAML provider ARN's name. GetId, then
 * GetCredentialsForIdentity with the same response; STS GetCallerIdentity says which role the
 * credentials are for. Then every refusal: unreadable, unsigned, another key, expired, not for
 * AWS, solicited, unknown provider, too large, the classic flow.
 */
import {
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  SetIdentityPoolRolesCommand,
  type CognitoIdentityClient,
  type Credentials,
} from '@aws-sdk/client-cognito-identity';
import { CreateIdentityProviderCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { eventsDuring } from '../support/events.js';
import { identityClient, stsClient } from '../support/identity.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { SamlifyIdp, unsignedResponse } from '../support/samlify-idp.js';
import { createPool } from '../support/world.js';

const ACCOUNT = '123456789012';
const AWS_AUDIENCE = 'urn:amazon:webservices';
const AWS_SIGNIN = 'https://signin.aws.amazon.com/saml';
const ROLE_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/Role';
const samlProvider = (name: string) => `arn:aws:iam::${ACCOUNT}:saml-provider/${name}`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const MOCK_ARN = samlProvider('MockSAML');
const SAMLIFY_ARN = samlProvider('Samlify');
/** The samlify IdP's responses as addressed to AWS (samlify's SP side is only a container for these). */
const AWS_SP = { poolId: 'us-east-1_unused', acs: AWS_SIGNIN };

let sandbox: TestSandbox;
let identity: CognitoIdentityClient;
let samlify: SamlifyIdp;
let identityPoolId: string;

const mock = (path: string) => `${sandbox.url}/_mock-idp/saml/${path}`;

async function samlProviderIn(userPoolId: string, name: string, metadata: string): Promise<void> {
  await sandbox.cognito.send(new CreateIdentityProviderCommand({ UserPoolId: userPoolId, ProviderName: name, ProviderType: 'SAML', ProviderDetails: { MetadataFile: metadata } }));
}

async function identityPoolFor(samlProviderArns: string[]): Promise<string> {
  const { IdentityPoolId } = await identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'saml', AllowUnauthenticatedIdentities: false, SamlProviderARNs: samlProviderArns }));
  await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId, Roles: { authenticated: role('AuthRole'), unauthenticated: role('GuestRole') } }));
  return IdentityPoolId!;
}

beforeAll(async () => {
  sandbox = await startSandbox({ accountId: ACCOUNT });
  identity = identityClient(sandbox.url);
  samlify = await SamlifyIdp.create();
  const userPoolId = await createPool(sandbox.cognito, { PoolName: 'corporate' });
  await samlProviderIn(userPoolId, 'MockSAML', await (await fetch(mock('metadata'))).text());
  await samlProviderIn(userPoolId, 'Samlify', samlify.metadata);
  identityPoolId = await identityPoolFor([MOCK_ARN, SAMLIFY_ARN]);
});
afterAll(async () => {
  identity.destroy();
  await sandbox.close();
});

/** The mock IdP's IdP-initiated sign-in to AWS as `person`: the page it answers, and the response it shows to copy. */
async function mockAwsResponse(person: string): Promise<{ page: string; samlResponse: string }> {
  const people = await fetch(mock(`idp-initiated?sp=${encodeURIComponent(AWS_AUDIENCE)}`));
  expect(people.status).toBe(200);
  expect(await people.text()).toContain(`data-person="${person}"`);
  const answer = await fetch(mock('idp-initiated'), { method: 'POST', body: new URLSearchParams({ sp: AWS_AUDIENCE, person }) });
  expect(answer.status).toBe(200);
  const page = await answer.text();
  const samlResponse = /<textarea[^>]*data-saml-response[^>]*>([^<]+)<\/textarea>/.exec(page)?.[1];
  expect(samlResponse).toBeDefined();
  return { page, samlResponse: samlResponse! };
}

async function callerArn(credentials: Credentials): Promise<string> {
  const sts = stsClient(sandbox.url, { accessKeyId: credentials.AccessKeyId!, secretAccessKey: credentials.SecretKey!, sessionToken: credentials.SessionToken! });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn!;
  } finally {
    sts.destroy();
  }
}

/** GetId, then GetCredentialsForIdentity with the same logins: the enhanced flow. */
async function enhancedFlow(logins: Record<string, string>, customRoleArn?: string, poolId = identityPoolId) {
  const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }));
  const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins, ...(customRoleArn && { CustomRoleArn: customRoleArn }) }));
  return { identityId: IdentityId!, credentials: Credentials!, assumed: await callerArn(Credentials!) };
}

const loginChecks = (events: SandboxEvent[]) => events.filter((e): e is Extract<SandboxEvent, { type: 'identity.loginChecked' }> => e.type === 'identity.loginChecked');

async function refusal(call: Promise<unknown>): Promise<{ name: string; message: string }> {
  const error = await call.then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error, 'the call was refused').toBeDefined();
  return { name: error!.name, message: error!.message };
}

const refusedGetId = (logins: Record<string, string>, poolId = identityPoolId) => refusal(identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins })));

describe("the mock SAML IdP's IdP-initiated sign-in to AWS", () => {
  it('shows the signed response for urn:amazon:webservices, with the seeded role for the MockSAML provider, and a form posting it to AWS sign-in', async () => {
    const { page, samlResponse } = await mockAwsResponse('jane.doe');
    const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
    expect(xml).toContain(`Destination="${AWS_SIGNIN}"`);
    expect(xml).toContain(`Recipient="${AWS_SIGNIN}"`);
    expect(xml).toContain(`<saml:Audience>${AWS_AUDIENCE}</saml:Audience>`);
    expect(xml).not.toContain('InResponseTo');
    expect(xml).toContain(`${role('SamlUser')},${MOCK_ARN}`);
    expect(page).toContain(`<form name="aws" method="post" action="${AWS_SIGNIN}">`);
    expect(page).toContain(`data-role-pair>${role('SamlUser')},${MOCK_ARN}<`);
  });

  it('refuses an sp that is neither a user pool nor AWS, and leaves the user pool IdP-initiated sign-in as it was', async () => {
    const bad = await fetch(mock('idp-initiated?sp=urn:example:someone'));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('urn:amazon:webservices');
    const answer = await fetch(mock('idp-initiated'), { method: 'POST', body: new URLSearchParams({ sp: 'urn:amazon:cognito:sp:us-east-1_Abc123', person: 'jane.doe' }) });
    const page = await answer.text();
    expect(page).toContain(`action="${sandbox.url}/saml2/idpresponse"`);
    expect(page).not.toContain('data-saml-response');
  });
});

describe('SAML logins of an identity pool', () => {
  it("gives the mock's person an identity and credentials for the role the assertion offers, the same response used for GetId and GetCredentialsForIdentity", async () => {
    const { samlResponse } = await mockAwsResponse('jane.doe');
    let flow: Awaited<ReturnType<typeof enhancedFlow>> | undefined;
    const events = await eventsDuring(sandbox.app, async () => {
      flow = await enhancedFlow({ [MOCK_ARN]: samlResponse });
    });
    expect(flow!.credentials.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(flow!.assumed).toMatch(new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/SamlUser/`));

    const checked = loginChecks(events);
    expect(checked).toHaveLength(2);
    for (const event of checked) {
      expect(event.data).toMatchObject({ provider: MOCK_ARN, kind: 'saml', passed: true, subject: 'jane.doe', claims: { email: 'jane@example.com', [ROLE_ATTRIBUTE]: `${role('SamlUser')},${MOCK_ARN}` } });
      expect(event.data.checks.every((check) => check.passed)).toBe(true);
      expect(event.data.checks.map((check) => check.check)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Signature/), `Audience is ${AWS_AUDIENCE}`, expect.stringMatching(/^Roles offered/)]),
      );
    }
    const decided = events.find((e): e is Extract<SandboxEvent, { type: 'identity.roleResolved' }> => e.type === 'identity.roleResolved');
    expect(decided?.data).toMatchObject({ decidedBy: 'saml', roleArn: role('SamlUser') });

    // The same person again: the same identity.
    const again = await mockAwsResponse('jane.doe');
    expect((await identity.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: { [MOCK_ARN]: again.samlResponse } }))).IdentityId).toBe(flow!.identityId);
  });

  it("checks an independent IdP's response against its metadata: its roles for this provider only, CustomRoleArn choosing among several, multi-valued attributes as arrays", async () => {
    const attributes = {
      [ROLE_ATTRIBUTE]: [`${role('Reader')},${SAMLIFY_ARN}`, `${SAMLIFY_ARN},${role('Editor')}`, `${role('Elsewhere')},${samlProvider('Other')}`],
      groups: ['staff', 'editors'],
      email: ['sam@example.net'],
    };
    const response = () => samlify.response(AWS_SP, { nameId: 'Sam.Independent', audience: AWS_AUDIENCE, attributes });

    const events = await eventsDuring(sandbox.app, async () => {
      const picked = await enhancedFlow({ [SAMLIFY_ARN]: await response() }, role('Editor'));
      expect(picked.assumed).toMatch(/:assumed-role\/Editor\//);
    });
    expect(loginChecks(events)[0]!.data).toMatchObject({ subject: 'Sam.Independent', claims: { groups: ['staff', 'editors'], email: 'sam@example.net' } });

    expect((await enhancedFlow({ [SAMLIFY_ARN]: await response() }, role('Reader'))).assumed).toMatch(/:assumed-role\/Reader\//);
    // Two roles and no CustomRoleArn: the pool's authenticated role.
    expect((await enhancedFlow({ [SAMLIFY_ARN]: await response() })).assumed).toMatch(/:assumed-role\/AuthRole\//);
    // A role offered for another provider is not this login's to choose.
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: { [SAMLIFY_ARN]: await response() } }));
    const refused = await refusal(identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [SAMLIFY_ARN]: await response() }, CustomRoleArn: role('Elsewhere') })));
    expect(refused.name).toBe('NotAuthorizedException');
  });

  it('trusts, among user pools with a SAML provider of the same name, the one whose entity ID is the Issuer', async () => {
    const other = await SamlifyIdp.create('https://other-idp.example/metadata');
    await samlProviderIn(await createPool(sandbox.cognito, { PoolName: 'subsidiary' }), 'MockSAML', other.metadata);
    const fromOther = await other.response(AWS_SP, { nameId: 'sub.user', audience: AWS_AUDIENCE, attributes: { [ROLE_ATTRIBUTE]: [`${role('Subsidiary')},${MOCK_ARN}`] } });
    expect((await enhancedFlow({ [MOCK_ARN]: fromOther })).assumed).toMatch(/:assumed-role\/Subsidiary\//);
    expect((await enhancedFlow({ [MOCK_ARN]: (await mockAwsResponse('jane.doe')).samlResponse })).assumed).toMatch(/:assumed-role\/SamlUser\//);
    // Signed by the other IdP's key but naming the mock as its Issuer: checked against the mock's certificate, and refused.
    const posing = await other.response(AWS_SP, { nameId: 'sub.user', audience: AWS_AUDIENCE, issuer: `${sandbox.url}/_mock-idp/saml` });
    expect(await refusedGetId({ [MOCK_ARN]: posing })).toEqual({ name: 'NotAuthorizedException', message: "Invalid login token. Couldn't verify signed token." });
  });

  it('takes a response signed on the response only, or on the assertion only', async () => {
    for (const sign of ['response', 'assertion'] as const) {
      const samlResponse = await samlify.response(AWS_SP, { nameId: `signed-${sign}`, audience: AWS_AUDIENCE, sign, attributes: { [ROLE_ATTRIBUTE]: [`${role('Reader')},${SAMLIFY_ARN}`] } });
      expect((await enhancedFlow({ [SAMLIFY_ARN]: samlResponse })).assumed).toMatch(/:assumed-role\/Reader\//);
    }
  });
});

describe('SAML logins refused', () => {
  const aws = { audience: AWS_AUDIENCE, nameId: 'mallory' };

  it.each([
    ['not base64', '%%% not base64 %%%', /^Invalid login token\. Not a valid SAML response\.$/],
    ['not XML', Buffer.from('hello, not XML').toString('base64'), /^Invalid login token\. Not a valid SAML response\.$/],
    ['another SAML message', Buffer.from('<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1" Version="2.0"/>').toString('base64'), /Not a valid SAML response/],
    ['a DTD', Buffer.from('<!DOCTYPE x [<!ENTITY a "aaaa">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&a;</samlp:Response>').toString('base64'), /Not a valid SAML response/],
  ])('refuses a response that is %s', async (_what, token, message) => {
    const events = await eventsDuring(sandbox.app, async () => {
      const refused = await refusedGetId({ [MOCK_ARN]: token });
      expect(refused.name).toBe('NotAuthorizedException');
      expect(refused.message).toMatch(message);
    });
    const checked = loginChecks(events)[0]!.data;
    expect(checked).toMatchObject({ kind: 'saml', passed: false, error: { type: 'NotAuthorizedException' } });
    expect(checked.checks.at(-1)).toMatchObject({ passed: false, check: expect.stringMatching(/^SAMLResponse is readable/) });
  });

  it('refuses an unsigned response, and one signed by another key', async () => {
    const unsigned = unsignedResponse({ poolId: 'x', acs: AWS_SIGNIN, issuer: samlify.entityId, nameId: 'mallory' });
    expect(await refusedGetId({ [SAMLIFY_ARN]: unsigned })).toEqual({ name: 'NotAuthorizedException', message: "Invalid login token. Couldn't verify signed token." });
    const impostor = await samlify.impostor();
    const forged = await impostor.response(AWS_SP, aws);
    expect(await refusedGetId({ [SAMLIFY_ARN]: forged })).toEqual({ name: 'NotAuthorizedException', message: "Invalid login token. Couldn't verify signed token." });
  });

  it('refuses an expired response and one not valid yet', async () => {
    const expired = await samlify.response(AWS_SP, { ...aws, issued: Date.now() - 60 * 60_000 });
    const refused = await refusedGetId({ [SAMLIFY_ARN]: expired });
    expect(refused.name).toBe('NotAuthorizedException');
    expect(refused.message).toMatch(/^Invalid login token\. Token expired: \d+ >= \d+$/);
    const early = await samlify.response(AWS_SP, { ...aws, issued: Date.now() + 60 * 60_000 });
    expect((await refusedGetId({ [SAMLIFY_ARN]: early })).message).toMatch(/^Invalid login token\. Token used before its NotBefore/);
  });

  it("refuses a response addressed to a user pool, not to AWS: audience, recipient, destination", async () => {
    const forPool = await samlify.response(AWS_SP, { ...aws, audience: 'urn:amazon:cognito:sp:us-east-1_Abc123' });
    expect(await refusedGetId({ [SAMLIFY_ARN]: forPool })).toEqual({ name: 'NotAuthorizedException', message: 'Invalid login token. Incorrect token audience.' });
    const recipient = await samlify.response(AWS_SP, { ...aws, recipient: `${sandbox.url}/saml2/idpresponse` });
    expect(await refusedGetId({ [SAMLIFY_ARN]: recipient })).toEqual({ name: 'NotAuthorizedException', message: 'Invalid login token. Incorrect token recipient.' });
    const destination = await samlify.response(AWS_SP, { ...aws, destination: `${sandbox.url}/saml2/idpresponse` });
    expect((await refusedGetId({ [SAMLIFY_ARN]: destination })).message).toMatch(/^Invalid login token\. Incorrect token destination/);
  });

  it('refuses a solicited response (InResponseTo), a failed status, and an issuer that is not the provider', async () => {
    const solicited = await samlify.response(AWS_SP, { ...aws, inResponseTo: '_request1' });
    expect((await refusedGetId({ [SAMLIFY_ARN]: solicited })).message).toMatch(/^Invalid login token\. The SAML response must be unsolicited/);
    const failed = await samlify.response(AWS_SP, { ...aws, status: 'urn:oasis:names:tc:SAML:2.0:status:Responder' });
    expect((await refusedGetId({ [SAMLIFY_ARN]: failed })).message).toMatch(/^Invalid login token\. The SAML response does not report a successful sign-in/);
    const { samlResponse: mockResponse } = await mockAwsResponse('jane.doe');
    // The mock's response under the samlify provider's ARN: its Issuer is not Samlify's entity ID.
    expect(await refusedGetId({ [SAMLIFY_ARN]: mockResponse })).toEqual({ name: 'NotAuthorizedException', message: "Invalid login token. Issuer doesn't match providerName" });
  });

  it('refuses a SAML provider ARN no user pool has a SAML identity provider for', async () => {
    const nobody = samlProvider('Nobody');
    const poolId = await identityPoolFor([nobody]);
    const { samlResponse } = await mockAwsResponse('jane.doe');
    const refused = await refusedGetId({ [nobody]: samlResponse }, poolId);
    expect(refused.name).toBe('NotAuthorizedException');
    expect(refused.message).toContain('Nobody');
    expect(refused.message).toContain(nobody);
    // A provider ARN the identity pool does not list is no provider of it (its token, no JWT, refused as such first, as for any unknown key).
    expect(await refusedGetId({ [MOCK_ARN]: samlResponse }, poolId)).toEqual({ name: 'NotAuthorizedException', message: 'Invalid login token. Not a valid OpenId Connect identity token.' });
  });

  it('answers a response over the token limit with ValidationException, and a body over the AWS JSON limit with RequestEntityTooLargeException', async () => {
    const big = await refusedGetId({ [MOCK_ARN]: 'A'.repeat(50_001) });
    expect(big.name).toBe('ValidationException');
    const huge = await rawCall(sandbox.url, 'AWSCognitoIdentityService.GetId', JSON.stringify({ IdentityPoolId: identityPoolId, Logins: { [MOCK_ARN]: 'A'.repeat(1_100_000) } }));
    expect(huge.status).toBe(413);
    expect(huge.json.__type).toBe('RequestEntityTooLargeException');
  });

  it('takes SAML logins in the enhanced flow only: GetOpenIdToken refuses them', async () => {
    const { samlResponse } = await mockAwsResponse('jane.doe');
    const logins = { [MOCK_ARN]: samlResponse };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: logins }));
    const refused = await refusal(identity.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins })));
    expect(refused).toEqual({ name: 'NotAuthorizedException', message: 'Invalid login token. SAML logins are supported by the enhanced flow only (GetCredentialsForIdentity).' });
  });
});
