/**
 * Users from identity providers (cognito/federation/federated-users.ts), driven with hand-built
 * identities as the hosted login hands them over once a provider's answer is checked, then
 * looked at through the AWS SDK: `{Provider}_{id}` users with status EXTERNAL_PROVIDER and the
 * `identities` attribute, the attribute mapping at the first and later sign-ins, the refusals
 * (a required attribute not sent, a disabled user, a pre sign-up function), the triggers a
 * federated sign-in runs, the ID token's `identities` claim, and InitiateAuth /
 * AdminInitiateAuth refusing federated users while their refresh tokens still work.
 */
import {
  AdminDisableUserCommand,
  AdminInitiateAuthCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  UpdateUserPoolCommand,
  type LambdaConfigType,
} from '@aws-sdk/client-cognito-identity-provider';
import fs from 'node:fs';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { findAppClient } from '../../src-main/cognito/app-clients.js';
import { testClock } from '../support/clock.js';
import { eventsDuring } from '../support/events.js';
import { adminGetUser, attributesOf, corp, federatedWorld, google, okta, SAML_EMAIL, SAML_ISSUER, signInAs, type FederatedWorld } from '../support/federated-users.js';
import { startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';
import { arn, fixture, invoked } from '../support/triggers.js';
import { createAdminUser } from '../support/world.js';

const START = Date.UTC(2025, 4, 6, 7, 8, 9);
const clock = testClock(START);
let sandbox: TestSandbox;

beforeAll(async () => {
  const configFile = path.join(tempDir('federated-users-'), 'sandbox.json');
  const lambdaHandlers = { 'returns-event': fixture('returns-event.cjs'), throws: fixture('throws.cjs'), 'auto-verify-only': fixture('auto-verify-only.cjs') };
  fs.writeFileSync(configFile, JSON.stringify({ lambdaHandlers }));
  sandbox = await startSandbox({ configFile }, { clock });
});
afterAll(() => sandbox?.close());

const refusal = (type: string, message: string) => expect.objectContaining({ type, message });
const mappedEvents = (events: SandboxEvent[]) => events.filter((e): e is Extract<SandboxEvent, { type: 'federation.mapped' }> => e.type === 'federation.mapped');

async function usernames(world: FederatedWorld): Promise<string[]> {
  const { Users } = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: world.poolId }));
  return (Users ?? []).map((user) => user.Username!).sort();
}

describe('a first sign-in', () => {
  it('makes the {Provider}_{id} user: EXTERNAL_PROVIDER, enabled, its identities, its mapped attributes', async () => {
    const world = await federatedWorld(sandbox);
    clock.time = START;
    const events = await eventsDuring(sandbox.app, () => signInAs(sandbox, world, okta('00u1abc', { email: 'jane@example.com', email_verified: 'true', given_name: 'Jane' })));

    const user = await adminGetUser(sandbox, world, 'Okta_00u1abc');
    expect(user).toMatchObject({ Username: 'Okta_00u1abc', UserStatus: 'EXTERNAL_PROVIDER', Enabled: true });
    const attributes = attributesOf(user.UserAttributes);
    expect(user.UserAttributes!.map((a) => a.Name)).toEqual(['sub', 'identities', 'email', 'email_verified', 'given_name']);
    expect(attributes).toMatchObject({ email: 'jane@example.com', email_verified: 'true', given_name: 'Jane' });
    expect(JSON.parse(attributes.identities!)).toEqual([
      { userId: '00u1abc', providerName: 'Okta', providerType: 'OIDC', issuer: null, primary: true, dateCreated: START },
    ]);

    const [mapped] = mappedEvents(events);
    expect(mapped!.data).toEqual({
      provider: 'Okta',
      mapping: [
        { attribute: 'username', claim: 'sub', after: '00u1abc' },
        { attribute: 'email', claim: 'email', after: 'jane@example.com' },
        { attribute: 'email_verified', claim: 'email_verified', after: 'true' },
        { attribute: 'given_name', claim: 'given_name', after: 'Jane' },
      ],
      user: { username: 'Okta_00u1abc', sub: attributes.sub, status: 'EXTERNAL_PROVIDER', created: true },
    });
    expect(mapped!.flowId).toBe('federated-test');
  });

  it('leaves a mapped email unverified when email_verified is not mapped', async () => {
    const world = await federatedWorld(sandbox);
    await signInAs(sandbox, world, google('1170000001', { email: 'g@example.com', name: 'Gee', email_verified: 'true' }));
    const user = await adminGetUser(sandbox, world, 'Google_1170000001');
    expect(attributesOf(user.UserAttributes)).toMatchObject({ email: 'g@example.com', email_verified: 'false', name: 'Gee' });
  });

  it('takes the username from the claim the username mapping names', async () => {
    const world = await federatedWorld(sandbox, { oktaMapping: { username: 'employee_id', email: 'email' } });
    await signInAs(sandbox, world, okta('00u2', { employee_id: 'E-42', email: 'e@example.com' }));
    const user = await adminGetUser(sandbox, world, 'Okta_E-42');
    expect(JSON.parse(attributesOf(user.UserAttributes).identities!)[0]).toMatchObject({ userId: 'E-42', providerName: 'Okta' });
  });

  it('refuses a new user the provider sends no required attribute for, and makes nobody', async () => {
    const world = await federatedWorld(sandbox);
    await expect(signInAs(sandbox, world, okta('00u3', { given_name: 'No Mail' }))).rejects.toEqual(
      refusal('InvalidParameterException', 'Invalid user attributes: email: The attribute is required'),
    );
    await expect(signInAs(sandbox, world, corp('nomail@corp.example'))).rejects.toEqual(
      refusal('InvalidParameterException', 'Invalid SAML response received: Invalid user attributes: email: The attribute is required'),
    );
    expect(await usernames(world)).toEqual([]);
  });
});

describe('SAML users and the case of their NameID', () => {
  it('keeps the NameID as sent in identities, with the IdP as issuer, and the username as it is in a case-sensitive pool', async () => {
    const world = await federatedWorld(sandbox);
    await signInAs(sandbox, world, corp('Carlos@Corp.example', { [SAML_EMAIL]: 'carlos@corp.example' }));
    await signInAs(sandbox, world, corp('carlos@corp.example', { [SAML_EMAIL]: 'carlos@corp.example' }));
    expect(await usernames(world)).toEqual(['Corp_Carlos@Corp.example', 'Corp_carlos@corp.example']);
    const user = await adminGetUser(sandbox, world, 'Corp_Carlos@Corp.example');
    expect(JSON.parse(attributesOf(user.UserAttributes).identities!)).toEqual([
      { userId: 'Carlos@Corp.example', providerName: 'Corp', providerType: 'SAML', issuer: SAML_ISSUER, primary: true, dateCreated: expect.any(Number) },
    ]);
  });

  it("takes the issuer from the provider's metadata when the identity does not name it", async () => {
    const world = await federatedWorld(sandbox);
    const provider = sandbox.app.store.identityProviders.find(world.poolId, 'Corp')!;
    const metadata = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.corp.example/saml">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>MIIBsigning</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.corp.example/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
    sandbox.app.store.identityProviders.save({ ...provider, details: { MetadataFile: metadata } });
    const { saml, ...identity } = corp('dana', { [SAML_EMAIL]: 'dana@corp.example' });
    await signInAs(sandbox, world, { ...identity, saml: { nameId: saml!.nameId } });
    const user = await adminGetUser(sandbox, world, 'Corp_dana');
    expect(JSON.parse(attributesOf(user.UserAttributes).identities!)[0].issuer).toBe('https://idp.corp.example/saml');
  });

  it('lower-cases the username in a case-insensitive pool, and refuses another NameID that differs only by case', async () => {
    const world = await federatedWorld(sandbox, { pool: { UsernameConfiguration: { CaseSensitive: false } } });
    await signInAs(sandbox, world, corp('Carlos@Corp.example', { [SAML_EMAIL]: 'carlos@corp.example' }));
    expect(await usernames(world)).toEqual(['corp_carlos@corp.example']);
    const user = await adminGetUser(sandbox, world, 'CORP_CARLOS@CORP.EXAMPLE');
    expect(JSON.parse(attributesOf(user.UserAttributes).identities!)[0].userId).toBe('Carlos@Corp.example');

    await expect(signInAs(sandbox, world, corp('carlos@corp.example', { [SAML_EMAIL]: 'carlos@corp.example' }))).rejects.toEqual(
      refusal('InvalidParameterException', 'Invalid ProviderName/Username combination.'),
    );
    // The same NameID signs in again as the same user.
    const again = await signInAs(sandbox, world, corp('Carlos@Corp.example', { [SAML_EMAIL]: 'carlos@corp.example' }));
    expect(again.username).toBe('corp_carlos@corp.example');
  });
});

describe('a later sign-in', () => {
  it('writes the mapping again on the same user: changed values, email unverified again, unsent claims left alone', async () => {
    const world = await federatedWorld(sandbox, { oktaMapping: { username: 'sub', email: 'email', given_name: 'given_name', family_name: 'family_name' } });
    const first = await signInAs(sandbox, world, okta('00u4', { email: 'x@example.com', given_name: 'Xavier', family_name: 'Ray' }));
    sandbox.app.store.users.save({ ...first, attributes: first.attributes.map((a) => (a.Name === 'email_verified' ? { ...a, Value: 'true' } : a)) });
    clock.time = START + 60_000;

    const events = await eventsDuring(sandbox.app, () => signInAs(sandbox, world, okta('00u4', { email: 'x@example.com', given_name: 'Xav' })));
    const user = await adminGetUser(sandbox, world, 'Okta_00u4');
    expect(attributesOf(user.UserAttributes)).toMatchObject({ sub: first.sub, email: 'x@example.com', email_verified: 'false', given_name: 'Xav', family_name: 'Ray' });
    expect(user.UserLastModifiedDate!.getTime()).toBe(START + 60_000);
    expect(mappedEvents(events)[0]!.data).toMatchObject({
      mapping: [
        { attribute: 'username', claim: 'sub', after: '00u4' },
        { attribute: 'email', claim: 'email', before: 'x@example.com', after: 'x@example.com' },
        { attribute: 'given_name', claim: 'given_name', before: 'Xavier', after: 'Xav' },
        { attribute: 'family_name', claim: 'family_name', before: 'Ray', after: 'Ray', skipped: 'the provider sent no family_name' },
        { attribute: 'email_verified', claim: '', before: 'true', after: 'false' },
      ],
      user: { username: 'Okta_00u4', status: 'EXTERNAL_PROVIDER', created: false },
    });
    expect(await usernames(world)).toEqual(['Okta_00u4']);
  });

  it('refuses a disabled user', async () => {
    const world = await federatedWorld(sandbox);
    await signInAs(sandbox, world, okta('00u5', { email: 'd@example.com' }));
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: world.poolId, Username: 'Okta_00u5' }));
    await expect(signInAs(sandbox, world, okta('00u5', { email: 'd@example.com' }))).rejects.toEqual(refusal('NotAuthorizedException', 'User is disabled.'));
  });
});

describe('federated users and the user pools API', () => {
  it('lists them with status EXTERNAL_PROVIDER, and finds them by that status', async () => {
    const world = await federatedWorld(sandbox);
    await createAdminUser(sandbox.cognito, world.poolId, 'native', { password: 'Passw0rd!', attributes: { email: 'n@example.com' } });
    await signInAs(sandbox, world, google('118', { email: 'g@example.com' }));
    const { Users } = await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: world.poolId, Filter: 'cognito:user_status = "EXTERNAL_PROVIDER"' }));
    expect(Users!.map((u) => [u.Username, u.UserStatus])).toEqual([['Google_118', 'EXTERNAL_PROVIDER']]);
    expect(attributesOf(Users![0]!.Attributes).identities).toContain('"providerName":"Google"');
  });

  it('refuses them at InitiateAuth and AdminInitiateAuth, whatever the flow', async () => {
    const world = await federatedWorld(sandbox);
    await signInAs(sandbox, world, okta('00u6', { email: 'p@example.com' }));
    const name = 'NotAuthorizedException';
    await expect(
      sandbox.cognito.send(new InitiateAuthCommand({ ClientId: world.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'Okta_00u6', PASSWORD: 'anything1' } })),
    ).rejects.toMatchObject({ name, message: 'User is not authorized to get auth details.' });
    await expect(
      sandbox.cognito.send(new InitiateAuthCommand({ ClientId: world.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'Okta_00u6', SRP_A: 'a'.repeat(768) } })),
    ).rejects.toMatchObject({ name, message: 'User is not authorized to get auth details.' });
    await expect(
      sandbox.cognito.send(
        new AdminInitiateAuthCommand({
          UserPoolId: world.poolId,
          ClientId: world.clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'Okta_00u6', PASSWORD: 'anything1' },
        }),
      ),
    ).rejects.toMatchObject({ name, message: 'User is not authorized to get auth details.' });
  });

  it('issues ID tokens carrying identities as an array of strings, and refreshes them through InitiateAuth', async () => {
    const world = await federatedWorld(sandbox);
    clock.time = START;
    const user = await signInAs(sandbox, world, google('119', { email: 't@example.com' }));
    const { store, services } = sandbox.app;
    const pool = store.pools.findById(world.poolId)!;
    const client = findAppClient(store, world.clientId)!;
    const tokens = await services.tokens.issue({ pool, client, user, origin: sandbox.url, oauth: { scopes: ['openid', 'email'] } });
    const expected = [{ userId: '119', providerName: 'Google', providerType: 'Google', issuer: null, primary: 'true', dateCreated: String(START) }];
    expect(decodeJwt(tokens.IdToken!)).toMatchObject({ 'cognito:username': 'Google_119', identities: expected });

    const refreshed = await sandbox.cognito.send(
      new InitiateAuthCommand({ ClientId: world.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } }),
    );
    expect(decodeJwt(refreshed.AuthenticationResult!.IdToken!)).toMatchObject({ sub: user.sub, identities: expected });
  });

  it('shows identities, as the attribute string, to GetUser and userInfo, whatever the client reads', async () => {
    const world = await federatedWorld(sandbox, { client: { ReadAttributes: ['email'] } });
    const user = await signInAs(sandbox, world, google('122', { email: 'u@example.com' }));
    const { store, services } = sandbox.app;
    const pool = store.pools.findById(world.poolId)!;
    const client = findAppClient(store, world.clientId)!;
    const tokens = await services.tokens.issue({ pool, client, user, origin: sandbox.url, oauth: { scopes: ['openid', 'aws.cognito.signin.user.admin'] } });
    const identities = attributesOf(user.attributes).identities;

    const { UserAttributes } = await sandbox.cognito.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }));
    expect(attributesOf(UserAttributes)).toEqual({ sub: user.sub, identities, email: 'u@example.com' });
    const info = await (await fetch(`${sandbox.url}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.AccessToken}` } })).json();
    expect(info).toEqual({ sub: user.sub, identities, email: 'u@example.com', username: 'Google_122' });
  });
});

describe('the triggers of a federated sign-in', () => {
  async function worldWithTriggers(LambdaConfig: LambdaConfigType): Promise<FederatedWorld> {
    const world = await federatedWorld(sandbox);
    await sandbox.cognito.send(new UpdateUserPoolCommand({ UserPoolId: world.poolId, LambdaConfig }));
    return world;
  }

  it('runs PreSignUp_ExternalProvider with the mapped attributes before the user is made, then post confirmation', async () => {
    const world = await worldWithTriggers({ PreSignUp: arn('returns-event'), PostConfirmation: arn('returns-event') });
    const events = await eventsDuring(sandbox.app, () => signInAs(sandbox, world, okta('00u7', { email: 'f@example.com', given_name: 'Fed' })));
    const [preSignUp, postConfirmation, ...rest] = invoked(events);
    expect(rest).toEqual([]);
    expect(preSignUp!.data.event).toEqual({
      version: '1',
      triggerSource: 'PreSignUp_ExternalProvider',
      region: 'us-east-1',
      userPoolId: world.poolId,
      userName: 'Okta_00u7',
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: world.clientId },
      request: { userAttributes: { email: 'f@example.com', given_name: 'Fed', email_verified: 'false' }, validationData: null },
      response: { autoConfirmUser: false, autoVerifyPhone: false, autoVerifyEmail: false },
    });
    const confirmed = postConfirmation!.data.event as { triggerSource: string; userName: string; request: { userAttributes: Record<string, string> } };
    expect(confirmed.triggerSource).toBe('PostConfirmation_ConfirmSignUp');
    expect(confirmed.userName).toBe('Okta_00u7');
    expect(confirmed.request.userAttributes).toMatchObject({ 'cognito:user_status': 'EXTERNAL_PROVIDER', email: 'f@example.com' });
    expect(JSON.parse(confirmed.request.userAttributes.identities!)[0]).toMatchObject({ userId: '00u7', primary: true });

    // A later sign-in is no sign-up.
    const later = await eventsDuring(sandbox.app, () => signInAs(sandbox, world, okta('00u7', { email: 'f@example.com' })));
    expect(invoked(later)).toEqual([]);
  });

  it('lets a pre sign-up function verify the email (autoConfirmUser is not needed: the user is EXTERNAL_PROVIDER anyway)', async () => {
    const world = await worldWithTriggers({ PreSignUp: arn('auto-verify-only') });
    await signInAs(sandbox, world, google('120', { email: 'v@example.com' }));
    const user = await adminGetUser(sandbox, world, 'Google_120');
    expect(user.UserStatus).toBe('EXTERNAL_PROVIDER');
    expect(attributesOf(user.UserAttributes).email_verified).toBe('true');
  });

  it('refuses the sign-in when the pre sign-up function throws, and makes nobody', async () => {
    const world = await worldWithTriggers({ PreSignUp: arn('throws') });
    await expect(signInAs(sandbox, world, google('121', { email: 'r@example.com' }))).rejects.toEqual(
      refusal('UserLambdaValidationException', 'PreSignUp failed with error Cannot register users with username less than the minimum length of 5.'),
    );
    expect(await usernames(world)).toEqual([]);
  });

  it('runs pre authentication before the mapping and post authentication after it, on later sign-ins only', async () => {
    const world = await worldWithTriggers({ PreAuthentication: arn('returns-event'), PostAuthentication: arn('returns-event') });
    const first = await eventsDuring(sandbox.app, () => signInAs(sandbox, world, okta('00u8', { email: 'a@example.com', given_name: 'Old' })));
    expect(invoked(first)).toEqual([]);

    const later = await eventsDuring(sandbox.app, () => signInAs(sandbox, world, okta('00u8', { email: 'a@example.com', given_name: 'New' })));
    const [pre, post, ...rest] = invoked(later);
    expect(rest).toEqual([]);
    const preEvent = pre!.data.event as { triggerSource: string; userName: string; callerContext: object; request: { userAttributes: Record<string, string>; validationData: unknown } };
    expect(preEvent).toMatchObject({
      triggerSource: 'PreAuthentication_Authentication',
      userName: 'Okta_00u8',
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: world.clientId },
      request: { validationData: null },
    });
    expect(preEvent.request.userAttributes).toMatchObject({ given_name: 'Old', 'cognito:user_status': 'EXTERNAL_PROVIDER' });
    const postEvent = post!.data.event as { triggerSource: string; request: { userAttributes: Record<string, string>; newDeviceUsed: boolean } };
    expect(postEvent.triggerSource).toBe('PostAuthentication_Authentication');
    expect(postEvent.request).toMatchObject({ newDeviceUsed: false, userAttributes: { given_name: 'New' } });
  });

  it('refuses the sign-in when pre authentication throws, and writes nothing', async () => {
    const world = await federatedWorld(sandbox);
    await signInAs(sandbox, world, okta('00u9', { email: 'b@example.com', given_name: 'Kept' }));
    await sandbox.cognito.send(new UpdateUserPoolCommand({ UserPoolId: world.poolId, LambdaConfig: { PreAuthentication: arn('throws') } }));
    await expect(signInAs(sandbox, world, okta('00u9', { email: 'b@example.com', given_name: 'Changed' }))).rejects.toEqual(
      refusal('UserLambdaValidationException', 'PreAuthentication failed with error Cannot register users with username less than the minimum length of 5.'),
    );
    const user = await adminGetUser(sandbox, world, 'Okta_00u9');
    expect(attributesOf(user.UserAttributes).given_name).toBe('Kept');
  });
});
