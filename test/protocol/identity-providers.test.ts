import {
  CreateIdentityProviderCommand,
  DeleteIdentityProviderCommand,
  DescribeIdentityProviderCommand,
  GetIdentityProviderByIdentifierCommand,
  ListIdentityProvidersCommand,
  UpdateIdentityProviderCommand,
  type CreateIdentityProviderCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import * as x509 from '@peculiar/x509';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../support/clock.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { storedPools } from '../support/world.js';

const START = Date.UTC(2025, 0, 2, 3, 4, 5);
const clock = testClock(START);
const MISSING_POOL = 'us-east-1_Missing00';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
});
afterAll(() => sandbox.close());

/** A pool straight in the store: these tests are about identity providers, not pool creation. */
const newPool = storedPools(() => sandbox.app.store, 'IdpPool');

const create = (input: Omit<CreateIdentityProviderCommandInput, 'UserPoolId'>, UserPoolId: string) =>
  sandbox.cognito.send(new CreateIdentityProviderCommand({ UserPoolId, ...input }));

const oidcDetails = {
  client_id: 'oidc-client',
  client_secret: 'oidc-secret',
  authorize_scopes: 'openid email profile',
  attributes_request_method: 'GET',
  /** Never resolves: the provider is kept without the endpoints its discovery document would name. */
  oidc_issuer: 'https://idp.example.invalid/',
};

const googleDetails = { client_id: '1example.apps.googleusercontent.com', client_secret: 'google-secret', authorize_scopes: 'email profile openid' };

const metadata = `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://saml.example.com/entity">
  <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://sp.example.com/not-the-idp"/>
  </md:SPSSODescriptor>
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://saml.example.com/slo/post"/>
    <md:SingleLogoutService Location='https://saml.example.com/slo/redirect' Binding='urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect'/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://saml.example.com/sso/post"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://saml.example.com/sso/redirect?tenant=a&amp;x=1"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

describe('CreateIdentityProvider: OIDC', () => {
  it('creates the provider without endpoints when its issuer cannot be read (sign-in discovers them)', async () => {
    clock.time = START;
    const poolId = newPool();
    const { IdentityProvider } = await create({ ProviderName: 'Corporate', ProviderType: 'OIDC', ProviderDetails: oidcDetails }, poolId);
    const expected = {
      UserPoolId: poolId,
      ProviderName: 'Corporate',
      ProviderType: 'OIDC',
      ProviderDetails: { ...oidcDetails, attributes_url_add_attributes: 'false' },
      AttributeMapping: { username: 'sub' },
      IdpIdentifiers: [],
      LastModifiedDate: new Date(START),
      CreationDate: new Date(START),
    };
    expect(IdentityProvider).toEqual(expected);
    const described = await sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corporate' }));
    expect(described.IdentityProvider).toEqual(expected);
  });

  it('keeps endpoints the caller gives, an explicit mapping, identifiers and an ACR mapping', async () => {
    const details = {
      ...oidcDetails,
      authorize_url: 'https://login.example.com/authorize',
      token_url: 'https://login.example.com/token',
      attributes_url: 'https://login.example.com/userinfo',
      jwks_uri: 'https://login.example.com/keys',
    };
    const { IdentityProvider } = await create(
      {
        ProviderName: 'Okta',
        ProviderType: 'OIDC',
        ProviderDetails: details,
        AttributeMapping: { email: 'email', username: 'preferred_username' },
        IdpIdentifiers: ['example.com', 'example.org'],
        AcrMapping: { Level1: 'pwd', Level2: 'mfa' },
      },
      newPool(),
    );
    expect(IdentityProvider).toMatchObject({
      ProviderDetails: { ...details, attributes_url_add_attributes: 'false' },
      AttributeMapping: { email: 'email', username: 'preferred_username' },
      IdpIdentifiers: ['example.com', 'example.org'],
      AcrMapping: { Level1: 'pwd', Level2: 'mfa' },
    });
  });

  it.each(['client_id', 'client_secret', 'authorize_scopes', 'attributes_request_method', 'oidc_issuer'])(
    'requires %s',
    async (key) => {
      const details: Record<string, string> = { ...oidcDetails };
      delete details[key];
      await expect(create({ ProviderName: 'Corporate', ProviderType: 'OIDC', ProviderDetails: details }, newPool())).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: `${key} is required in ProviderDetails of a OIDC identity provider.`,
      });
    },
  );

  it('refuses an attributes_request_method other than GET or POST, and an issuer that is not a URL', async () => {
    await expect(
      create({ ProviderName: 'Corporate', ProviderType: 'OIDC', ProviderDetails: { ...oidcDetails, attributes_request_method: 'PUT' } }, newPool()),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'attributes_request_method must be GET or POST.' });
    await expect(
      create({ ProviderName: 'Corporate', ProviderType: 'OIDC', ProviderDetails: { ...oidcDetails, oidc_issuer: 'not a url' } }, newPool()),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'oidc_issuer must be a URL.' });
  });

  it('refuses an ACR mapping with a key other than Level1..Level4', async () => {
    await expect(
      create({ ProviderName: 'Corporate', ProviderType: 'OIDC', ProviderDetails: oidcDetails, AcrMapping: { Level5: 'x' } }, newPool()),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'AcrMapping keys are Level1 to Level4, not Level5.' });
  });

  it.each(['Google', 'COGNITO', 'Cognito'])('refuses the reserved name %s', async (ProviderName) => {
    await expect(create({ ProviderName, ProviderType: 'OIDC', ProviderDetails: oidcDetails }, newPool())).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `Provider ${ProviderName} cannot be of type OIDC.`,
    });
  });
});

describe('CreateIdentityProvider: social providers', () => {
  it('describes Google with the built-in mock\'s endpoints at the origin reached, the real issuer, and maps username to sub', async () => {
    const poolId = newPool();
    const { IdentityProvider } = await create({ ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: googleDetails }, poolId);
    expect(IdentityProvider).toMatchObject({
      ProviderDetails: {
        ...googleDetails,
        attributes_url: `${sandbox.url}/_mock-idp/google/v1/userinfo`,
        attributes_url_add_attributes: 'false',
        authorize_url: `${sandbox.url}/_mock-idp/google/o/oauth2/v2/auth`,
        jwks_uri: `${sandbox.url}/_mock-idp/google/oauth2/v3/certs`,
        oidc_issuer: 'https://accounts.google.com',
        token_request_method: 'POST',
        token_url: `${sandbox.url}/_mock-idp/google/token`,
      },
      AttributeMapping: { username: 'sub' },
    });
  });

  it('describes Google with its real endpoints once the caller points it at a URL outside the mocks', async () => {
    const details = { ...googleDetails, token_url: 'https://oauth2.googleapis.com/token' };
    const { IdentityProvider } = await create({ ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: details }, newPool());
    expect(IdentityProvider!.ProviderDetails).toEqual({
      ...details,
      attributes_url: 'https://people.googleapis.com/v1/people/me?personFields=',
      attributes_url_add_attributes: 'true',
      authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
      oidc_issuer: 'https://accounts.google.com',
      token_request_method: 'POST',
    });
  });

  it('names a social provider for its type', async () => {
    await expect(
      create({ ProviderName: 'NameOfGP', ProviderType: 'Google', ProviderDetails: googleDetails }, newPool()),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Provider NameOfGP cannot be of type Google.' });
  });

  it('uses Facebook API v17.0 by default and the version asked for otherwise', async () => {
    const details = { client_id: 'fb', client_secret: 'fb-secret', authorize_scopes: 'public_profile, email' };
    const byDefault = await create({ ProviderName: 'Facebook', ProviderType: 'Facebook', ProviderDetails: details }, newPool());
    expect(byDefault.IdentityProvider).toMatchObject({
      ProviderDetails: {
        ...details,
        api_version: 'v17.0',
        attributes_url: `${sandbox.url}/_mock-idp/facebook/v17.0/me?fields=`,
        attributes_url_add_attributes: 'true',
        authorize_url: `${sandbox.url}/_mock-idp/facebook/v17.0/dialog/oauth`,
        token_request_method: 'GET',
        token_url: `${sandbox.url}/_mock-idp/facebook/v17.0/oauth/access_token`,
      },
      AttributeMapping: { username: 'id' },
    });
    const pinned = await create(
      { ProviderName: 'Facebook', ProviderType: 'Facebook', ProviderDetails: { ...details, api_version: 'v20.0' } },
      newPool(),
    );
    expect(pinned.IdentityProvider!.ProviderDetails).toMatchObject({
      api_version: 'v20.0',
      authorize_url: `${sandbox.url}/_mock-idp/facebook/v20.0/dialog/oauth`,
    });
  });

  it('describes Login with Amazon with its endpoints', async () => {
    const details = { client_id: 'amzn1.application-oa2-client.1', client_secret: 'amzn-secret', authorize_scopes: 'profile postal_code' };
    const { IdentityProvider } = await create({ ProviderName: 'LoginWithAmazon', ProviderType: 'LoginWithAmazon', ProviderDetails: details }, newPool());
    expect(IdentityProvider).toMatchObject({
      ProviderDetails: {
        ...details,
        attributes_url: `${sandbox.url}/_mock-idp/amazon/user/profile`,
        attributes_url_add_attributes: 'false',
        authorize_url: `${sandbox.url}/_mock-idp/amazon/ap/oa`,
        token_request_method: 'POST',
        token_url: `${sandbox.url}/_mock-idp/amazon/auth/o2/token`,
      },
      AttributeMapping: { username: 'user_id' },
    });
  });

  it('never shows the Sign in with Apple private key, but keeps it', async () => {
    const poolId = newPool();
    const details = { client_id: 'com.example.cognito', team_id: 'TEAM', key_id: 'KEY', private_key: '-----BEGIN PRIVATE KEY-----x', authorize_scopes: 'email name' };
    const { IdentityProvider } = await create({ ProviderName: 'SignInWithApple', ProviderType: 'SignInWithApple', ProviderDetails: details }, poolId);
    expect(IdentityProvider!.ProviderDetails).toEqual({
      client_id: 'com.example.cognito',
      team_id: 'TEAM',
      key_id: 'KEY',
      authorize_scopes: 'email name',
      attributes_url_add_attributes: 'false',
      authorize_url: `${sandbox.url}/_mock-idp/apple/auth/authorize`,
      jwks_uri: `${sandbox.url}/_mock-idp/apple/auth/keys`,
      oidc_issuer: 'https://appleid.apple.com',
      token_request_method: 'POST',
      token_url: `${sandbox.url}/_mock-idp/apple/auth/token`,
    });
    expect(sandbox.app.store.identityProviders.find(poolId, 'SignInWithApple')!.details.private_key).toBe(details.private_key);
  });

  it('requires the Sign in with Apple key', async () => {
    await expect(
      create(
        { ProviderName: 'SignInWithApple', ProviderType: 'SignInWithApple', ProviderDetails: { client_id: 'c', team_id: 't', key_id: 'k', authorize_scopes: 'email' } },
        newPool(),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'private_key is required in ProviderDetails of a SignInWithApple identity provider.' });
  });

  it('refuses AcrMapping on a social provider', async () => {
    await expect(
      create({ ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: googleDetails, AcrMapping: { Level1: 'x' } }, newPool()),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'AcrMapping is supported only by OIDC identity providers.' });
  });
});

describe('CreateIdentityProvider: SAML', () => {
  it('reads the redirect endpoints from a metadata file and maps nothing by default', async () => {
    const details = { MetadataFile: metadata, IDPSignout: 'true', IDPInit: 'false', RequestSigningAlgorithm: 'rsa-sha256' };
    const { IdentityProvider } = await create({ ProviderName: 'Corp-SAML', ProviderType: 'SAML', ProviderDetails: details }, newPool());
    expect(IdentityProvider).toMatchObject({
      ProviderDetails: {
        ...details,
        SSORedirectBindingURI: 'https://saml.example.com/sso/redirect?tenant=a&x=1',
        SLORedirectBindingURI: 'https://saml.example.com/slo/redirect',
      },
      AttributeMapping: {},
    });
  });

  it("reads a metadata URL at once (the built-in mock's is accepted) and shows its redirect endpoints without fetching it again", async () => {
    const poolId = newPool();
    const MetadataURL = `${sandbox.url}/_mock-idp/saml/metadata`;
    const since = sandbox.app.bus.lastSeq();
    const { IdentityProvider } = await create({ ProviderName: 'Url-SAML', ProviderType: 'SAML', ProviderDetails: { MetadataURL }, IdpIdentifiers: ['url-saml'] }, poolId);
    const shown = { MetadataURL, SSORedirectBindingURI: `${sandbox.url}/_mock-idp/saml/sso`, SLORedirectBindingURI: `${sandbox.url}/_mock-idp/saml/slo` };
    expect(IdentityProvider!.ProviderDetails).toEqual(shown);
    const lane = () => sandbox.app.bus.since(since).flatMap((event) => (event.type === 'http.exchanged' && event.data.lane === 'idp' ? [event.data] : []));
    expect(lane()).toMatchObject([{ method: 'GET', path: MetadataURL, status: 200 }]);

    const described = await sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Url-SAML' }));
    expect(described.IdentityProvider!.ProviderDetails).toEqual(shown);
    const byIdentifier = await sandbox.cognito.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: poolId, IdpIdentifier: 'url-saml' }));
    expect(byIdentifier.IdentityProvider!.ProviderDetails).toEqual(shown);
    expect(lane()).toHaveLength(1);
  });

  it('refuses a metadata URL it cannot read, and stores nothing', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/missing') res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>');
      else if (req.url === '/html') res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in</body></html>');
      else if (req.url === '/json') res.writeHead(200, { 'content-type': 'application/json' }).end('{"issuer":"x"}');
      else res.writeHead(200, { 'content-type': 'application/xml' }).end(metadata.replace(/IDPSSODescriptor/g, 'SPSSODescriptor'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const poolId = newPool();
    try {
      for (const url of [`${base}/missing`, `${base}/html`, `${base}/json`, `${base}/sp-only`, 'http://127.0.0.1:9/nothing-listens-here', 'ftp://saml.example.com/metadata', 'not a url']) {
        await expect(create({ ProviderName: 'Url-SAML', ProviderType: 'SAML', ProviderDetails: { MetadataURL: url } }, poolId), url).rejects.toMatchObject({
          name: 'InvalidParameterException',
          message: `Error retrieving metadata from ${url}`,
          $metadata: { httpStatusCode: 400 },
        });
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await expect(sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Url-SAML' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses an update to a metadata URL it cannot read, and keeps the provider as it was', async () => {
    const poolId = newPool();
    const MetadataURL = `${sandbox.url}/_mock-idp/saml/metadata`;
    const { IdentityProvider: before } = await create({ ProviderName: 'Url-SAML', ProviderType: 'SAML', ProviderDetails: { MetadataURL } }, poolId);
    const unreadable = `${sandbox.url}/_mock-idp/saml/no-such-metadata`;
    await expect(
      sandbox.cognito.send(new UpdateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Url-SAML', ProviderDetails: { MetadataURL: unreadable } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: `Error retrieving metadata from ${unreadable}` });
    const described = await sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Url-SAML' }));
    expect(described.IdentityProvider).toEqual(before);
  });

  it('shows the encryption certificate Cognito gives the provider when EncryptedResponses is true, from the moment it is created', async () => {
    const poolId = newPool();
    const { IdentityProvider: encrypted } = await create(
      { ProviderName: 'Sealed', ProviderType: 'SAML', ProviderDetails: { MetadataFile: metadata, EncryptedResponses: 'true' } },
      poolId,
    );
    const certificate = encrypted!.ProviderDetails!.ActiveEncryptionCertificate!;
    expect(certificate).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const parsed = new x509.X509Certificate(Buffer.from(certificate, 'base64'));
    expect(parsed.publicKey.algorithm.name).toBe('RSASSA-PKCS1-v1_5');
    const kept = sandbox.app.store.samlSpKeys.encryptionKey(poolId, 'Sealed')!;
    expect(new x509.X509Certificate(kept.certificate).equal(parsed)).toBe(true);
    const described = await sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Sealed' }));
    expect(described.IdentityProvider!.ProviderDetails).toEqual(encrypted!.ProviderDetails);

    const { IdentityProvider: plain } = await create({ ProviderName: 'Open', ProviderType: 'SAML', ProviderDetails: { MetadataFile: metadata, EncryptedResponses: 'false' } }, poolId);
    expect(plain!.ProviderDetails).not.toHaveProperty('ActiveEncryptionCertificate');
    const { IdentityProvider: sealedLater } = await sandbox.cognito.send(
      new UpdateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Open', ProviderDetails: { MetadataFile: metadata, EncryptedResponses: 'true' } }),
    );
    const own = sealedLater!.ProviderDetails!.ActiveEncryptionCertificate;
    expect(own).toMatch(/^MII/);
    expect(own).not.toBe(certificate);
    const { IdentityProvider: unsealed } = await sandbox.cognito.send(
      new UpdateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Sealed', ProviderDetails: { MetadataFile: metadata } }),
    );
    expect(unsealed!.ProviderDetails).not.toHaveProperty('ActiveEncryptionCertificate');
  });

  it.each([
    [{}, 'SAML identity providers need exactly one of MetadataURL and MetadataFile.'],
    [{ MetadataURL: 'https://saml.example.com/metadata', MetadataFile: metadata }, 'SAML identity providers need exactly one of MetadataURL and MetadataFile.'],
    [{ MetadataFile: '<html>not metadata</html>' }, 'MetadataFile is not SAML metadata of an identity provider with an HTTP-Redirect SingleSignOnService.'],
    [{ MetadataFile: metadata.replace(/HTTP-Redirect" Location="https:\/\/saml.example.com\/sso/, 'SOAP" Location="x') }, 'MetadataFile is not SAML metadata of an identity provider with an HTTP-Redirect SingleSignOnService.'],
    [{ MetadataFile: metadata, IDPSignout: 'yes' }, 'IDPSignout must be true or false.'],
    [{ MetadataFile: metadata, EncryptedResponses: 'TRUE' }, 'EncryptedResponses must be true or false.'],
    [{ MetadataFile: metadata, RequestSigningAlgorithm: 'rsa-sha1' }, 'RequestSigningAlgorithm must be rsa-sha256.'],
  ])('refuses the details %j', async (ProviderDetails, message) => {
    await expect(create({ ProviderName: 'Corp-SAML', ProviderType: 'SAML', ProviderDetails }, newPool())).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message,
    });
  });
});

describe('CreateIdentityProvider: names, identifiers and validation', () => {
  it('refuses a name the pool already has with DuplicateProviderException', async () => {
    const poolId = newPool();
    await create({ ProviderName: 'Corporate', ProviderType: 'OIDC', ProviderDetails: oidcDetails }, poolId);
    await expect(create({ ProviderName: 'Corporate', ProviderType: 'OIDC', ProviderDetails: oidcDetails }, poolId)).rejects.toMatchObject({
      name: 'DuplicateProviderException',
      message: `Corporate already exists for tenant ${poolId}.`,
    });
  });

  it('keeps IdpIdentifiers unique across the pool', async () => {
    const poolId = newPool();
    await create({ ProviderName: 'First', ProviderType: 'OIDC', ProviderDetails: oidcDetails, IdpIdentifiers: ['example.com'] }, poolId);
    await expect(
      create({ ProviderName: 'Second', ProviderType: 'OIDC', ProviderDetails: oidcDetails, IdpIdentifiers: ['other.com', 'example.com'] }, poolId),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'IdpIdentifier example.com is already used by identity provider First.' });
    await expect(
      create({ ProviderName: 'Second', ProviderType: 'OIDC', ProviderDetails: oidcDetails, IdpIdentifiers: ['dup.com', 'dup.com'] }, poolId),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Duplicate IdpIdentifier: dup.com.' });
    const other = await create({ ProviderName: 'Second', ProviderType: 'OIDC', ProviderDetails: oidcDetails, IdpIdentifiers: ['example.com'] }, newPool());
    expect(other.IdentityProvider!.IdpIdentifiers).toEqual(['example.com']);
  });

  it('validates the request against the model', async () => {
    const r = await rawCall(sandbox.url, 'CreateIdentityProvider', {
      UserPoolId: newPool(),
      ProviderName: '_x',
      ProviderType: 'Twitter',
      ProviderDetails: {},
      IdpIdentifiers: ['bad/identifier'],
    });
    expect(r.json).toEqual({
      __type: 'InvalidParameterException',
      message:
        "3 validation errors detected: Value '_x' at 'providerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+; " +
        "Value 'Twitter' at 'providerType' failed to satisfy constraint: Member must satisfy enum value set: [Facebook, SAML, SignInWithApple, LoginWithAmazon, OIDC, Google]; " +
        "Value 'bad/identifier' at 'idpIdentifiers.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=.@-]+",
    });
  });

  it('requires ProviderDetails', async () => {
    const r = await rawCall(sandbox.url, 'CreateIdentityProvider', { UserPoolId: newPool(), ProviderName: 'Corporate', ProviderType: 'OIDC' });
    expect(r.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'providerDetails' failed to satisfy constraint: Member must not be null",
    });
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expect(create({ ProviderName: 'Corporate', ProviderType: 'OIDC', ProviderDetails: oidcDetails }, MISSING_POOL)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool ${MISSING_POOL} does not exist.`,
    });
  });
});

describe('DescribeIdentityProvider', () => {
  it('answers ResourceNotFoundException for an unknown provider and an unknown pool', async () => {
    const poolId = newPool();
    await expect(
      sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Nope' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `Identity provider Nope for tenantId ${poolId} does not exist.` });
    await expect(
      sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: MISSING_POOL, ProviderName: 'Nope' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `User pool ${MISSING_POOL} does not exist.` });
  });
});

describe('UpdateIdentityProvider', () => {
  let poolId: string;
  beforeAll(async () => {
    clock.time = START;
    poolId = newPool();
    await create(
      { ProviderName: 'Corporate', ProviderType: 'OIDC', ProviderDetails: oidcDetails, AttributeMapping: { email: 'email', username: 'sub' }, IdpIdentifiers: ['corp.com'] },
      poolId,
    );
    await create({ ProviderName: 'Partner', ProviderType: 'OIDC', ProviderDetails: oidcDetails, IdpIdentifiers: ['partner.com'] }, poolId);
  });

  it('replaces the members it is given, keeps the others and moves LastModifiedDate', async () => {
    clock.time = START + 5_000;
    const details = { ...oidcDetails, oidc_issuer: 'https://new-idp.example.invalid', client_secret: 'rotated' };
    const { IdentityProvider } = await sandbox.cognito.send(
      new UpdateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corporate', ProviderDetails: details, IdpIdentifiers: ['corp.com', 'corp.net'] }),
    );
    expect(IdentityProvider).toMatchObject({
      ProviderDetails: { ...details, attributes_url_add_attributes: 'false' },
      AttributeMapping: { email: 'email', username: 'sub' },
      IdpIdentifiers: ['corp.com', 'corp.net'],
      CreationDate: new Date(START),
      LastModifiedDate: new Date(START + 5_000),
    });
    const described = await sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corporate' }));
    expect(described.IdentityProvider).toEqual(IdentityProvider);
  });

  it('replaces the attribute mapping', async () => {
    const { IdentityProvider } = await sandbox.cognito.send(
      new UpdateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corporate', AttributeMapping: { given_name: 'given_name' } }),
    );
    expect(IdentityProvider!.AttributeMapping).toEqual({ given_name: 'given_name' });
  });

  it('checks new details against the provider type', async () => {
    await expect(
      sandbox.cognito.send(new UpdateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corporate', ProviderDetails: { client_id: 'only' } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'client_secret is required in ProviderDetails of a OIDC identity provider.' });
  });

  it("refuses another provider's identifier", async () => {
    await expect(
      sandbox.cognito.send(new UpdateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corporate', IdpIdentifiers: ['partner.com'] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'IdpIdentifier partner.com is already used by identity provider Partner.' });
  });

  it('answers ResourceNotFoundException for an unknown provider', async () => {
    await expect(
      sandbox.cognito.send(new UpdateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Nope', AttributeMapping: {} })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `Identity provider Nope in User Pool ${poolId} does not exist.` });
  });
});

describe('DeleteIdentityProvider', () => {
  it('deletes the provider, which frees its name and identifiers', async () => {
    const poolId = newPool();
    await create({ ProviderName: 'Corporate', ProviderType: 'OIDC', ProviderDetails: oidcDetails, IdpIdentifiers: ['corp.com'] }, poolId);
    await sandbox.cognito.send(new DeleteIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corporate' }));
    await expect(
      sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Corporate' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const again = await create({ ProviderName: 'Corporate', ProviderType: 'OIDC', ProviderDetails: oidcDetails, IdpIdentifiers: ['corp.com'] }, poolId);
    expect(again.IdentityProvider!.IdpIdentifiers).toEqual(['corp.com']);
  });

  it('answers ResourceNotFoundException for an unknown provider', async () => {
    const poolId = newPool();
    await expect(
      sandbox.cognito.send(new DeleteIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Nope' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `Identity provider Nope for tenantId ${poolId} does not exist.` });
  });
});

describe('GetIdentityProviderByIdentifier', () => {
  it('finds the provider by one of its identifiers', async () => {
    const poolId = newPool();
    await create({ ProviderName: 'Corp-SAML', ProviderType: 'SAML', ProviderDetails: { MetadataFile: metadata }, IdpIdentifiers: ['corp.com', 'corp.co.uk'] }, poolId);
    await create({ ProviderName: 'Partner', ProviderType: 'OIDC', ProviderDetails: oidcDetails, IdpIdentifiers: ['partner.com'] }, poolId);
    const { IdentityProvider } = await sandbox.cognito.send(
      new GetIdentityProviderByIdentifierCommand({ UserPoolId: poolId, IdpIdentifier: 'corp.co.uk' }),
    );
    expect(IdentityProvider).toMatchObject({ ProviderName: 'Corp-SAML', ProviderType: 'SAML', IdpIdentifiers: ['corp.com', 'corp.co.uk'] });
    await expect(
      sandbox.cognito.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: poolId, IdpIdentifier: 'unknown.com' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Identity provider with identifier unknown.com for tenantId ${poolId} does not exist.`,
    });
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expect(
      sandbox.cognito.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: MISSING_POOL, IdpIdentifier: 'corp.com' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `User pool ${MISSING_POOL} does not exist.` });
  });
});

describe('ListIdentityProviders', () => {
  let poolId: string;
  const names = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];
  beforeAll(async () => {
    clock.time = START;
    poolId = newPool();
    for (const ProviderName of [...names].reverse()) {
      await create({ ProviderName, ProviderType: 'OIDC', ProviderDetails: oidcDetails }, poolId);
    }
  });

  async function listAll(MaxResults?: number): Promise<{ names: string[]; pageSizes: number[] }> {
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let NextToken: string | undefined;
    do {
      const page = await sandbox.cognito.send(new ListIdentityProvidersCommand({ UserPoolId: poolId, MaxResults, NextToken }));
      seen.push(...page.Providers!.map((p) => p.ProviderName!));
      pageSizes.push(page.Providers!.length);
      NextToken = page.NextToken;
    } while (NextToken);
    return { names: seen, pageSizes };
  }

  it('lists ProviderDescriptions in name order', async () => {
    const page = await sandbox.cognito.send(new ListIdentityProvidersCommand({ UserPoolId: poolId }));
    expect(page.Providers!.map((p) => p.ProviderName)).toEqual(names);
    expect(page.Providers![0]).toEqual({ ProviderName: 'Alpha', ProviderType: 'OIDC', LastModifiedDate: new Date(START), CreationDate: new Date(START) });
    expect(page.NextToken).toBeUndefined();
  });

  it('pages with MaxResults and NextToken', async () => {
    expect(await listAll(2)).toEqual({ names, pageSizes: [2, 2, 1] });
    expect(await listAll(5)).toEqual({ names, pageSizes: [5] });
  });

  it('refuses MaxResults outside 1..60 and a foreign token', async () => {
    await expect(sandbox.cognito.send(new ListIdentityProvidersCommand({ UserPoolId: poolId, MaxResults: 61 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    });
    const first = await sandbox.cognito.send(new ListIdentityProvidersCommand({ UserPoolId: poolId, MaxResults: 1 }));
    await expect(
      sandbox.cognito.send(new ListIdentityProvidersCommand({ UserPoolId: newPool(), NextToken: first.NextToken })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid pagination token.' });
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expect(sandbox.cognito.send(new ListIdentityProvidersCommand({ UserPoolId: MISSING_POOL }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool ${MISSING_POOL} does not exist.`,
    });
  });
});

describe('providerNames (the contract app clients use)', () => {
  it('lists the names of the pool providers', async () => {
    const poolId = newPool();
    await create({ ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: googleDetails }, poolId);
    await create({ ProviderName: 'Corporate', ProviderType: 'OIDC', ProviderDetails: oidcDetails }, poolId);
    expect(sandbox.app.store.identityProviders.providerNames(poolId)).toEqual(['Corporate', 'Google']);
    expect(sandbox.app.store.identityProviders.providerNames(newPool())).toEqual([]);
  });
});
