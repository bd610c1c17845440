/**
 * Identity providers the sandbox did not write, started by a test on their own ports: panva's
 * oidc-provider with its development interactions (a login form taking any name, then consent),
 * and a SAML 2.0 IdP built with samlify that answers the sandbox's AuthnRequest (HTTP-Redirect)
 * with a signed response posted back to the ACS URL. They prove the sandbox's relying party and
 * service provider against independent implementations, not only against its own mocks.
 */
import { webcrypto } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as x509 from '@peculiar/x509';
import Provider from 'oidc-provider';
import type { Page } from 'playwright-core';
import * as samlify from 'samlify';

export interface IndependentIdp {
  close(): Promise<void>;
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

const closer = (server: http.Server) => () => new Promise<void>((resolve) => server.close(() => resolve()));

export interface IndependentOidcProvider extends IndependentIdp {
  issuer: string;
  /** The account the login form signs in as (oidc-provider's development login takes any name). */
  subject: string;
  /** The user's part at the provider: its login form, then its consent. */
  signIn(page: Page): Promise<void>;
}

export async function startIndependentOidcProvider(client: { clientId: string; clientSecret: string; redirectUri: string }): Promise<IndependentOidcProvider> {
  const server = http.createServer();
  const issuer = await listen(server);
  const subject = 'Independent-User-1';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id.toLowerCase()}@independent.example`, email_verified: true }),
    }),
  });
  server.on('request', provider.callback());
  return {
    issuer,
    subject,
    close: closer(server),
    async signIn(page) {
      await page.locator('input[name="login"]').fill(subject);
      await page.locator('input[name="password"]').fill('any password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
    },
  };
}

export interface IndependentSamlIdp extends IndependentIdp {
  metadata: string;
  /** The NameID it asserts: mixed case, which Cognito keeps as it is. */
  nameId: string;
  /** The SP entity ID it answers for (`urn:amazon:cognito:sp:{poolId}`): set once the pool exists. */
  audience: string;
  signIn(page: Page): Promise<void>;
}

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

async function signingIdentity(): Promise<{ key: string; certificate: string }> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Independent samlify IdP',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
    keys,
    signingAlgorithm: algorithm,
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
  return { key, certificate: certificate.toString('pem') };
}

export async function startIndependentSamlIdp(options: { acsUrl: string }): Promise<IndependentSamlIdp> {
  // The sandbox's SP checks the XML itself; samlify's own schema check is not what is tested here.
  samlify.setSchemaValidator({ validate: () => Promise.resolve('skipped') });
  const server = http.createServer();
  const origin = await listen(server);
  const { key, certificate } = await signingIdentity();
  const idp = samlify.IdentityProvider({
    entityID: `${origin}/metadata`,
    signingCert: certificate,
    privateKey: key,
    wantAuthnRequestsSigned: false,
    nameIDFormat: ['urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'],
    singleSignOnService: [{ Binding: REDIRECT, Location: `${origin}/sso` }],
  });
  const state = {
    metadata: idp.getMetadata(),
    nameId: 'Independent.User@Example.COM',
    audience: '',
  };
  const serviceProvider = () =>
    samlify.ServiceProvider({
      entityID: state.audience,
      wantAssertionsSigned: true,
      wantMessageSigned: true,
      assertionConsumerService: [{ Binding: POST, Location: options.acsUrl }],
    });

  server.on('request', async (req, res) => {
    const url = new URL(req.url!, origin);
    if (url.pathname !== '/sso') return void res.writeHead(404).end();
    try {
      const sp = serviceProvider();
      const query = Object.fromEntries(url.searchParams);
      const request = (await idp.parseLoginRequest(sp, 'redirect', { query, octetString: url.search.slice(1) })) as unknown as Parameters<typeof idp.createLoginResponse>[1];
      const response = (await idp.createLoginResponse(sp, request, 'post', { email: state.nameId }, { relayState: query.RelayState })) as { context: string; entityEndpoint: string };
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>samlify IdP</title>
<form method="post" action="${response.entityEndpoint}">
<input type="hidden" name="SAMLResponse" value="${response.context}">
<input type="hidden" name="RelayState" value="${query.RelayState ?? ''}">
<button type="submit">Continue to the app</button>
</form>`);
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`samlify IdP refused the request: ${(error as Error).message}`);
    }
  });

  return Object.assign(state, {
    close: closer(server),
    async signIn(page: Page) {
      await page.getByRole('button', { name: 'Continue to the app' }).click();
    },
  });
}
