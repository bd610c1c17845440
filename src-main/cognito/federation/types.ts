/**
 * What a federated login passes between its steps: the request that left for the identity
 * provider, the provider's answer as the browser brought it back, and the identity it vouches for.
 * The protocol modules (OIDC and social: oauth-login.ts; SAML: saml-login.ts) speak to the
 * provider; federated-users.ts turns the identity into a user of the pool.
 */
import type { IdentityProviderTypeType } from '@aws-sdk/client-cognito-identity-provider';
import type { FederationProtocol } from '../../../shared/events.js';
import type { AppClient } from '../app-clients.js';
import type { IdentityProvider } from '../../store/repositories/identity-providers.js';
import type { UserPool } from '../../store/repositories/user-pools.js';

export type { FederationProtocol };

/** The login a protocol step serves: its pool, client and provider, the browser's origin (the pool's domain as reached) and the flow. */
export interface FederationCall {
  pool: UserPool;
  client: AppClient;
  provider: IdentityProvider;
  /** `http://HOST:PORT` as the browser reached the sandbox: /oauth2/idpresponse and /saml2/idpresponse are under it. */
  origin: string;
  flowId: string;
}

/** Where the browser goes to sign in at the provider, and what the login keeps until it comes back. */
export interface IdpRedirect {
  /** The provider's sign-in URL with the request in its query (OIDC/OAuth authorize request, SAML HTTP-Redirect binding). */
  location: string;
  pending: PendingIdpRequest;
}

/** Kept in the login's snapshot while the browser is at the provider; no secrets. */
export interface PendingIdpRequest {
  provider: string;
  protocol: FederationProtocol;
  /** OIDC: the nonce the ID token must carry. */
  nonce?: string;
  /** SAML: the AuthnRequest's ID the response must answer (InResponseTo). */
  requestId?: string;
  /** The redirect URI or assertion consumer URL sent, which the answer must match. */
  returnUrl: string;
  /** Epoch milliseconds the request left. */
  sent: number;
}

/** The provider's answer as the browser brought it to /oauth2/idpresponse (query or Apple's form_post) or /saml2/idpresponse. */
export type IdpResponse =
  | { protocol: 'oidc' | 'oauth2'; code?: string; error?: string; errorDescription?: string; idToken?: string; user?: string }
  | { protocol: 'saml'; samlResponse: string };

/** Who the provider says signed in. */
export interface IdpIdentity {
  providerName: string;
  providerType: IdentityProviderTypeType;
  /** The user's id at the provider: OIDC, Google and Apple `sub`, Facebook `id`, Amazon `user_id`, SAML NameID (case kept). */
  userId: string;
  /** The claims (ID token, then userInfo) or SAML attributes, as the attribute mapping reads them. */
  claims: Record<string, string>;
  /** SAML: what single logout names the session by; `issuer` (the assertion's Issuer, the IdP's entity ID) goes in the user's `identities`. */
  saml?: { nameId: string; nameIdFormat?: string; sessionIndex?: string; issuer?: string };
}

/**
 * A refusal of the provider's answer or of the provider: the app is sent `error` and
 * `error_description` at its redirect URI, as Cognito sends them.
 */
export class FederationError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = 'FederationError';
  }
}
