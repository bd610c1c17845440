/**
 * The independent identity providers of test/support (panva's oidc-provider and a samlify SAML
 * IdP, neither written by the sandbox) played in Chromium: the provider's own login pages for
 * oidc-provider; for samlify, its SSO endpoint served on a port of the test's, where the sandbox's
 * AuthnRequest is read by samlify and answered with a signed response the browser posts back.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { SamlifyIdp } from '../../support/samlify-idp.js';

/** oidc-provider's development interactions: its login form (any name), then its consent. */
export async function signInAtOidcProvider(page: Page, login: string): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

export interface ServedSamlIdp {
  /** The IdP's metadata, its SSO endpoint on the test's port. */
  metadata: string;
  /** The NameID it asserts: mixed case, which Cognito keeps as it is. */
  nameId: string;
  email: string;
  /** The pool it answers for, once it exists. */
  poolId: string;
  close(): Promise<void>;
}

const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A samlify IdP with its SSO endpoint served: a signed response for the pool, posted back to the ACS by a button. */
export async function serveSamlifyIdp(sandboxUrl: string): Promise<ServedSamlIdp> {
  const idp = await SamlifyIdp.create();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const served: ServedSamlIdp = {
    metadata: idp.metadata.replaceAll('https://idp.samlify.test/sso', `${origin}/sso`),
    nameId: 'Independent.User@Example.COM',
    email: 'independent.user@example.com',
    poolId: '',
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  server.on('request', async (req, res) => {
    try {
      const sp = { poolId: served.poolId, acs: `${sandboxUrl}/saml2/idpresponse` };
      const request = await idp.readAuthnRequest(sp, `${origin}${req.url}`);
      const samlResponse = await idp.response(sp, { nameId: served.nameId, attributes: { email: [served.email] }, inResponseTo: request.id });
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>samlify IdP</title>
<form method="post" action="${escape(request.acs)}">
<input type="hidden" name="SAMLResponse" value="${escape(samlResponse)}">
<input type="hidden" name="RelayState" value="${escape(request.relayState ?? '')}">
<button type="submit">Continue to the app</button>
</form>`);
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`samlify refused the request: ${(error as Error).message}`);
    }
  });
  return served;
}
