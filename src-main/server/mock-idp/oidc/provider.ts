/**
 * The mock OIDC provider: panva's oidc-provider (the reference implementation, certified), set up
 * as a small IdP for the sandbox's pools.
 *
 * - Issuer `{origin}/_mock-idp/oidc`. oidc-provider has one issuer per instance, and the origin
 *   is whatever the browser reached (localhost, 127.0.0.1, a `{prefix}.localhost` domain, HTTP or
 *   HTTPS port), so one instance is built per origin on first use (oidc.ts caches them): each
 *   one's discovery, tokens and `iss` agree with the URL the relying party was given.
 * - Clients: the stored OIDC identity providers whose oidc_issuer is this mock (adapter.ts), with
 *   client_secret_basic or client_secret_post, whichever the request uses (oidc-provider
 *   registers one method per client: the client's method is read from the request), the secret of
 *   any pool's provider with that client_id, and any `/oauth2/idpresponse` on a loopback host as
 *   redirect URI.
 * - Accounts: the `oidc` people of the directory; claims for the scopes openid, email, profile,
 *   phone, address, in the ID token too (as most IdPs do, and as Cognito's mapping expects).
 * - Interactions: the mock's own login page (a person each sign-in: no single sign-on session
 *   skips it); consent is implied (the grant covers what was asked).
 * - Keys: one RS256 key, kept in the store; cookies signed with a key derived from it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Configuration, ErrorOut, KoaContextWithOIDC } from 'oidc-provider';
import type { Store } from '../../../store/index.js';
import { wireClaims } from '../claims.js';
import { html } from '../../hosted-ui/html.js';
import { mockSigningKey } from '../keys.js';
import { isIdpResponseUri, MOCK_IDP_BASE, requestersOf } from '../requesters.js';
import { adapterFactory } from './adapter.js';

export const OIDC_MOCK_PATH = `${MOCK_IDP_BASE}/oidc`;

type OidcProviderModule = typeof import('oidc-provider');
type Provider = InstanceType<OidcProviderModule['default']>;

const SCOPE_CLAIMS = {
  openid: ['sub'],
  email: ['email', 'email_verified'],
  profile: [
    'name',
    'family_name',
    'given_name',
    'middle_name',
    'nickname',
    'preferred_username',
    'profile',
    'picture',
    'website',
    'gender',
    'birthdate',
    'zoneinfo',
    'locale',
    'updated_at',
  ],
  phone: ['phone_number', 'phone_number_verified'],
  address: ['address'],
};

function sameSecret(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

/** The method the token request authenticates with: a Basic header, else the form's client_secret. */
function requestedAuthMethod(ctx: KoaContextWithOIDC | undefined): 'client_secret_basic' | 'client_secret_post' {
  return ctx?.get('authorization').startsWith('Basic ') ? 'client_secret_basic' : 'client_secret_post';
}

async function renderError(ctx: KoaContextWithOIDC, out: ErrorOut): Promise<void> {
  ctx.type = 'html';
  ctx.body = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mock OIDC: the request was refused</title></head>
<body><main data-mock-idp="oidc"><h1>Mock OIDC refused the request</h1>
${Object.entries(out).map(([key, value]) => html`<p><strong>${key}</strong>: <span data-error="${key}">${String(value)}</span></p>`)}
</main></body></html>`.text;
}

function configuration(store: Store, origin: string, module: OidcProviderModule, privateJwk: object): Configuration {
  const { Check, base } = module.interactionPolicy;
  const policy = base();
  policy.remove('consent');
  policy
    .get('login')!
    .checks.add(
      new Check('choose_person', 'The mock asks whom to sign in as on every sign-in', (ctx) =>
        ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT,
      ),
    );
  const cookieKey = createHash('sha256').update('mock-oidc-cookies').update(JSON.stringify(privateJwk)).digest('base64url');
  return {
    adapter: adapterFactory(store, origin),
    jwks: { keys: [privateJwk as never] },
    cookies: {
      keys: [cookieKey],
      names: { session: 'mock_oidc_session', interaction: 'mock_oidc_interaction', resume: 'mock_oidc_resume' },
    },
    findAccount: (_ctx, sub) => {
      const person = store.mockIdpPeople.find('oidc', sub);
      if (!person) return undefined;
      return { accountId: sub, claims: () => ({ ...wireClaims(person.claims), sub }) };
    },
    claims: SCOPE_CLAIMS,
    scopes: Object.keys(SCOPE_CLAIMS),
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    pkce: { required: () => false },
    features: { devInteractions: { enabled: false } },
    interactions: {
      policy,
      url: (_ctx, interaction) => `${OIDC_MOCK_PATH}/interaction/${interaction.uid}`,
    },
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.account!.accountId });
      grant.addOIDCScope(ctx.oidc.requestParamOIDCScopes);
      grant.addOIDCClaims(ctx.oidc.requestParamClaims);
      await grant.save();
      return grant;
    },
    clientBasedCORS: () => false,
    renderError,
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 300,
      IdToken: 3600,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
  };
}

/** Lets the stored providers' rules in where oidc-provider's client model has fixed ones. */
function acceptStoredClients(provider: Provider, store: Store, module: OidcProviderModule): void {
  const client = provider.Client.prototype as unknown as Record<string, unknown>;
  client.redirectUriAllowed = (uri: string) => isIdpResponseUri(uri);
  client.compareClientSecret = async function compare(this: { clientId: string }, secret: string) {
    return requestersOf(store, 'oidc', this.clientId).some((stored) => sameSecret(stored.details.client_secret, secret));
  };
  Object.defineProperty(client, 'clientAuthMethod', { get: () => requestedAuthMethod(module.default.ctx) });
}

export async function buildOidcProvider(store: Store, origin: string): Promise<Provider> {
  const module = await import('oidc-provider');
  const key = await mockSigningKey(store, 'oidc');
  const provider = new module.default(`${origin}${OIDC_MOCK_PATH}`, configuration(store, origin, module, key.privateJwk));
  acceptStoredClients(provider, store, module);
  provider.on('server_error', (_ctx, error) => console.error('[mock-idp oidc] server error:', error));
  return provider;
}
