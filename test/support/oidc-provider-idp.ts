/**
 * panva's oidc-provider started by a test on its own port: an OpenID provider the sandbox did not
 * write, with its development interactions (a login form taking any name, then consent), signing
 * RS256 with a key of the test's. `signIn` plays the browser with fetch (a cookie jar, redirects
 * followed by hand) from the authorize URL the sandbox built to the redirect back at
 * /oauth2/idpresponse, and answers that URL's query.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

export interface OidcProviderIdp {
  issuer: string;
  close(): Promise<void>;
  /** The user's part at the provider, as `login`; answers the query of the redirect back to `returnUrl`. */
  signIn(authorizeUrl: string, login: string, returnUrl: string): Promise<Record<string, string>>;
}

export interface OidcProviderClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

class CookieJar {
  private readonly cookies = new Map<string, string>();

  keep(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export async function startOidcProviderIdp(client: OidcProviderClient): Promise<OidcProviderIdp> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'independent-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['an independent provider cookie key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name'] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id.toLowerCase()}@independent.example`, email_verified: true, name: `${id} Independent`, given_name: id }),
    }),
  });
  server.on('request', provider.callback());

  async function signIn(authorizeUrl: string, login: string, returnUrl: string): Promise<Record<string, string>> {
    const jar = new CookieJar();
    let next: { url: string; method: 'GET' | 'POST'; form?: Record<string, string> } = { url: authorizeUrl, method: 'GET' };
    for (let hop = 0; hop < 12; hop++) {
      const response = await fetch(next.url, {
        method: next.method,
        redirect: 'manual',
        headers: { cookie: jar.header(), ...(next.form && { 'content-type': 'application/x-www-form-urlencoded' }) },
        ...(next.form && { body: new URLSearchParams(next.form).toString() }),
      });
      jar.keep(response);
      const location = response.headers.get('location');
      if (location) {
        const target = new URL(location, next.url);
        if (`${target.origin}${target.pathname}` === returnUrl) return Object.fromEntries(target.searchParams);
        next = { url: target.href, method: 'GET' };
        continue;
      }
      const page = await response.text();
      if (response.status !== 200 || !new URL(next.url).pathname.startsWith('/interaction/')) {
        throw new Error(`oidc-provider answered ${response.status} at ${next.url}: ${page.slice(0, 300)}`);
      }
      next = page.includes('name="login"')
        ? { url: next.url, method: 'POST', form: { prompt: 'login', login, password: 'any password' } }
        : { url: next.url, method: 'POST', form: { prompt: 'consent' } };
    }
    throw new Error('oidc-provider did not send the browser back');
  }

  return {
    issuer,
    signIn,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
