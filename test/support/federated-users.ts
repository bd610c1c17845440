/**
 * What the federated-user tests share: a pool wired to identity providers (OIDC and Google made
 * through the API; a SAML one written to the store, its metadata being beside the point here),
 * and `signInAs`, which hands an identity straight to `signInFederatedUser` as the hosted login
 * does once a provider's answer is checked. The identity is input data here: the provider
 * protocols have their own tests.
 */
import {
  AdminGetUserCommand,
  CreateIdentityProviderCommand,
  type AdminGetUserCommandOutput,
  type CreateUserPoolCommandInput,
  type CreateUserPoolClientCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { findAppClient } from '../../src-main/cognito/app-clients.js';
import { signInFederatedUser } from '../../src-main/cognito/federation/federated-users.js';
import type { IdpIdentity } from '../../src-main/cognito/federation/types.js';
import type { StoredUser } from '../../src-main/store/repositories/users.js';
import type { TestSandbox } from './sandbox.js';
import { createClient, createPool } from './world.js';

export const OIDC_DETAILS = {
  client_id: 'okta-client',
  client_secret: 'okta-secret',
  authorize_scopes: 'openid email profile',
  attributes_request_method: 'GET',
  oidc_issuer: 'https://okta.example.com',
};
export const GOOGLE_DETAILS = { client_id: '1example.apps.googleusercontent.com', client_secret: 'google-secret', authorize_scopes: 'email profile openid' };
export const SAML_EMAIL = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
export const SAML_ISSUER = 'https://saml.example.com/entity';

export interface FederatedWorld {
  poolId: string;
  clientId: string;
}

export interface WorldOptions {
  pool?: Omit<CreateUserPoolCommandInput, 'PoolName'>;
  client?: Omit<CreateUserPoolClientCommandInput, 'UserPoolId' | 'ClientName'>;
  /** Okta (OIDC) AttributeMapping. */
  oktaMapping?: Record<string, string>;
  /** Google AttributeMapping. */
  googleMapping?: Record<string, string>;
  /** Corp (SAML) AttributeMapping. */
  corpMapping?: Record<string, string>;
}

let worlds = 0;

/** A pool (email required by default) with an app client and three providers: Okta (OIDC), Google and Corp (SAML). */
export async function federatedWorld(sandbox: TestSandbox, options: WorldOptions = {}): Promise<FederatedWorld> {
  const { cognito } = sandbox;
  worlds += 1;
  const poolId = await createPool(cognito, {
    PoolName: `federated-${worlds}`,
    Schema: [{ Name: 'email', Required: true, Mutable: true }],
    ...options.pool,
  });
  const provider = (ProviderName: string, ProviderType: 'OIDC' | 'Google', ProviderDetails: Record<string, string>, AttributeMapping?: Record<string, string>) =>
    cognito.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName, ProviderType, ProviderDetails, ...(AttributeMapping && { AttributeMapping }) }));
  await provider('Okta', 'OIDC', OIDC_DETAILS, options.oktaMapping ?? { username: 'sub', email: 'email', email_verified: 'email_verified', given_name: 'given_name' });
  await provider('Google', 'Google', GOOGLE_DETAILS, options.googleMapping ?? { username: 'sub', email: 'email', name: 'name' });
  sandbox.app.store.identityProviders.insert({
    poolId,
    name: 'Corp',
    type: 'SAML',
    details: { MetadataURL: 'https://saml.example.com/metadata' },
    attributeMapping: options.corpMapping ?? { email: SAML_EMAIL },
    idpIdentifiers: [],
    created: 0,
    modified: 0,
  });
  const { clientId } = await createClient(cognito, poolId, {
    ClientName: 'web',
    SupportedIdentityProviders: ['COGNITO', 'Okta', 'Google', 'Corp'],
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    ...options.client,
  });
  return { poolId, clientId };
}

/** An OIDC identity at Okta: `sub` and the claims. */
export const okta = (sub: string, claims: Record<string, string> = {}): IdpIdentity => ({ providerName: 'Okta', providerType: 'OIDC', userId: sub, claims: { sub, ...claims } });

/** A Google identity. */
export const google = (sub: string, claims: Record<string, string> = {}): IdpIdentity => ({ providerName: 'Google', providerType: 'Google', userId: sub, claims: { sub, ...claims } });

/** A SAML identity at Corp: the NameID and the assertion's attributes. */
export const corp = (nameId: string, attributes: Record<string, string> = {}): IdpIdentity => ({
  providerName: 'Corp',
  providerType: 'SAML',
  userId: nameId,
  claims: attributes,
  saml: { nameId, issuer: SAML_ISSUER },
});

/** The federated sign-in of `identity` at `world`'s pool, as the hosted login runs it. */
export function signInAs(sandbox: TestSandbox, world: FederatedWorld, identity: IdpIdentity, flowId = 'federated-test'): Promise<StoredUser> {
  const { store, services } = sandbox.app;
  const pool = store.pools.findById(world.poolId)!;
  const client = findAppClient(store, world.clientId)!;
  const provider = store.identityProviders.find(pool.id, identity.providerName)!;
  return signInFederatedUser(services, { pool, client, provider, identity, flowId, awsSdkVersion: 'aws-sdk-unknown-unknown', origin: sandbox.url });
}

export function adminGetUser(sandbox: TestSandbox, world: FederatedWorld, Username: string): Promise<AdminGetUserCommandOutput> {
  return sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: world.poolId, Username }));
}

/** The attributes as a name → value object. */
export const attributesOf = (list: { Name?: string; Value?: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((list ?? []).map((a) => [a.Name!, a.Value!]));
