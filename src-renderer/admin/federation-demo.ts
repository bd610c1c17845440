/**
 * The federation demo: a pool named "federation-demo" with a domain, an app client whose hosted
 * login calls back to the sandbox's own callback page (which redeems the code and shows the
 * tokens), and one identity provider of each kind wired to the built-in mocks as the debugger
 * API lists them (OIDC, SAML, Google, Facebook, Login with Amazon, Sign in with Apple, whose
 * private key is made here), all in the client's SupportedIdentityProviders beside COGNITO. Made
 * through the Cognito API like any client's calls; pressed again, it reuses the pool and client
 * and wires the providers afresh (the sandbox's address may have changed since).
 */
import { sandboxCallbackUrl } from '../lib/try-it';
import { cognito, collectPages, type AppClient, type UserPool } from './cognito-api';
import { clientUpdate } from './admin-model';
import { PROVIDER_TYPES, type ProviderType } from './idp-model';
import { listMocks, mockWiring } from './mock-wiring';

export const FEDERATION_DEMO = {
  poolName: 'federation-demo',
  clientName: 'federation-demo-app',
  domainPrefix: 'federation-demo',
} as const;

export interface FederationDemo {
  pool: UserPool;
  client: AppClient;
  providers: { name: string; type: ProviderType }[];
}

async function demoPool(): Promise<string> {
  const pools = await collectPages(async (token) => {
    const page = await cognito('ListUserPools', { MaxResults: 60, NextToken: token });
    return { items: page.UserPools ?? [], next: page.NextToken };
  });
  const existing = pools.find((pool) => pool.Name === FEDERATION_DEMO.poolName);
  if (existing) return existing.Id!;
  const created = await cognito('CreateUserPool', { PoolName: FEDERATION_DEMO.poolName, AutoVerifiedAttributes: ['email'] });
  return created.UserPool!.Id!;
}

/** The pool's domain, made when it has none; a taken prefix gets a random suffix. */
async function ensureDomain(poolId: string): Promise<void> {
  const pool = (await cognito('DescribeUserPool', { UserPoolId: poolId })).UserPool!;
  if (pool.Domain || pool.CustomDomain) return;
  try {
    await cognito('CreateUserPoolDomain', { UserPoolId: poolId, Domain: FEDERATION_DEMO.domainPrefix });
  } catch {
    const suffix = Array.from(crypto.getRandomValues(new Uint8Array(3)), (byte) => byte.toString(16).padStart(2, '0')).join('');
    await cognito('CreateUserPoolDomain', { UserPoolId: poolId, Domain: `${FEDERATION_DEMO.domainPrefix}-${suffix}` });
  }
}

/** Each kind of provider, created or wired afresh to its mock, with the mock's name for it and its mapping. */
async function wireProviders(poolId: string): Promise<{ name: string; type: ProviderType }[]> {
  const existing = new Set(
    await collectPages(async (token) => {
      const page = await cognito('ListIdentityProviders', { UserPoolId: poolId, MaxResults: 60, NextToken: token });
      return { items: (page.Providers ?? []).map((p) => p.ProviderName!), next: page.NextToken };
    }),
  );
  const mocks = await listMocks();
  const wired: { name: string; type: ProviderType }[] = [];
  for (const { type } of PROVIDER_TYPES) {
    const mock = await mockWiring(type, mocks);
    const provider = { UserPoolId: poolId, ProviderName: mock.providerName, ProviderDetails: mock.providerDetails, AttributeMapping: mock.attributeMapping };
    if (existing.has(mock.providerName)) await cognito('UpdateIdentityProvider', provider);
    else await cognito('CreateIdentityProvider', { ...provider, ProviderType: type });
    wired.push({ name: mock.providerName, type });
  }
  return wired;
}

/** The client settings the demo needs, on top of what the client has. */
function demoClientSettings(callbackUrl: string, providers: readonly string[], client?: AppClient) {
  return {
    ClientName: FEDERATION_DEMO.clientName,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code' as const],
    AllowedOAuthScopes: ['openid', 'email', 'profile'],
    CallbackURLs: [...new Set([...(client?.CallbackURLs ?? []), callbackUrl])],
    SupportedIdentityProviders: ['COGNITO', ...providers],
    ExplicitAuthFlows: client?.ExplicitAuthFlows ?? ['ALLOW_USER_SRP_AUTH' as const, 'ALLOW_REFRESH_TOKEN_AUTH' as const],
  };
}

async function demoClient(poolId: string, providers: readonly string[]): Promise<AppClient> {
  const clients = await collectPages(async (token) => {
    const page = await cognito('ListUserPoolClients', { UserPoolId: poolId, MaxResults: 60, NextToken: token });
    return { items: page.UserPoolClients ?? [], next: page.NextToken };
  });
  const callbackUrl = sandboxCallbackUrl(location);
  const existing = clients.find((client) => client.ClientName === FEDERATION_DEMO.clientName);
  if (!existing) {
    return (await cognito('CreateUserPoolClient', { UserPoolId: poolId, GenerateSecret: false, ...demoClientSettings(callbackUrl, providers) })).UserPoolClient!;
  }
  const client = (await cognito('DescribeUserPoolClient', { UserPoolId: poolId, ClientId: existing.ClientId! })).UserPoolClient!;
  return (await cognito('UpdateUserPoolClient', clientUpdate(client, demoClientSettings(callbackUrl, providers, client)))).UserPoolClient!;
}

export async function createFederationDemo(): Promise<FederationDemo> {
  const poolId = await demoPool();
  await ensureDomain(poolId);
  const providers = await wireProviders(poolId);
  const client = await demoClient(
    poolId,
    providers.map((p) => p.name),
  );
  const pool = (await cognito('DescribeUserPool', { UserPoolId: poolId })).UserPool!;
  return { pool, client, providers };
}
