/**
 * The pools, app clients and users a test stands on, made through the real API (or, for tests
 * about what hangs off a pool, written straight to the store).
 */
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateIdentityProviderCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  type AdminCreateUserCommandInput,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Store } from '../../src-main/store/index.js';
import type { UserPoolConfig } from '../../src-main/store/repositories/user-pools.js';
import { attrs } from './attributes.js';

/** CreateUserPool; answers the pool's id. */
/** An SMS configuration for pools that send SMS (MFA codes, phone verification); the sandbox only records it. */
export const SMS_CONFIGURATION = { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns', ExternalId: 'sandbox' };

export async function createPool(cognito: CognitoIdentityProviderClient, settings: CreateUserPoolCommandInput): Promise<string> {
  const { UserPool } = await cognito.send(new CreateUserPoolCommand(settings));
  return UserPool!.Id!;
}

/** CreateUserPoolClient; answers the client's id and, when it was given one, its secret. */
export async function createClient(
  cognito: CognitoIdentityProviderClient,
  poolId: string,
  settings: Omit<CreateUserPoolClientCommandInput, 'UserPoolId'>,
): Promise<{ clientId: string; clientSecret?: string }> {
  const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ...settings }));
  return { clientId: UserPoolClient!.ClientId!, ...(UserPoolClient!.ClientSecret && { clientSecret: UserPoolClient!.ClientSecret }) };
}

/** AdminCreateUser sending no message (MessageAction SUPPRESS); answers the user as created. */
export async function createSilentUser(
  cognito: CognitoIdentityProviderClient,
  poolId: string,
  username: string,
  attributes?: Record<string, string>,
  extra: Partial<AdminCreateUserCommandInput> = {},
): Promise<UserType> {
  const { User } = await cognito.send(
    new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS', ...(attributes && { UserAttributes: attrs(attributes) }), ...extra }),
  );
  return User!;
}

export interface AdminUserOptions {
  password: string;
  /** Left out of AdminCreateUser when not given. */
  attributes?: Record<string, string>;
  /** false leaves the user in FORCE_CHANGE_PASSWORD with `password` as the temporary one. */
  permanent?: boolean;
}

/** A user as an administrator makes one: createSilentUser, then AdminSetUserPassword (permanent unless told). */
export async function createAdminUser(cognito: CognitoIdentityProviderClient, poolId: string, username: string, options: AdminUserOptions): Promise<void> {
  await createSilentUser(cognito, poolId, username, options.attributes);
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: options.password, Permanent: options.permanent ?? true }));
}

/**
 * Numbered pools written straight to the store (`us-east-1_<prefix>001`, named `pool1`, …), for
 * tests about what hangs off a pool rather than pool creation. `store` is read at each call.
 */
export function storedPools(store: () => Store, prefix: string): (region?: string, config?: UserPoolConfig) => string {
  let count = 0;
  return (region = 'us-east-1', config = {}) => {
    count += 1;
    const id = `${region}_${prefix}${String(count).padStart(3, '0')}`;
    store().pools.insert({ id, name: `pool${count}`, created: 0, modified: 0, config });
    return id;
  };
}

/**
 * A pool with a hosted UI domain, the sandbox's mock SAML IdP ("MockSAML") and Google ("Google",
 * answered by the mock) as identity providers, and a code-flow app client offering both.
 */
export async function createFederatedPool(
  sandbox: { cognito: CognitoIdentityProviderClient; url: string },
  options: { name: string; callbackUrl: string; googleClientId: string; samlIdpInitiated?: boolean },
): Promise<{ poolId: string; clientId: string }> {
  const { cognito } = sandbox;
  const poolId = await createPool(cognito, { PoolName: options.name });
  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `${options.name}-${process.pid}` }));
  const metadata = await (await fetch(`${sandbox.url}/_mock-idp/saml/metadata`)).text();
  const samlDetails = { MetadataFile: metadata, ...(options.samlIdpInitiated && { IDPInit: 'true' }) };
  await cognito.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'MockSAML', ProviderType: 'SAML', ProviderDetails: samlDetails, AttributeMapping: { email: 'email' } }));
  await cognito.send(
    new CreateIdentityProviderCommand({
      UserPoolId: poolId,
      ProviderName: 'Google',
      ProviderType: 'Google',
      ProviderDetails: { client_id: options.googleClientId, client_secret: `${options.googleClientId}-secret`, authorize_scopes: 'openid email' },
      AttributeMapping: { email: 'email' },
    }),
  );
  const { clientId } = await createClient(cognito, poolId, {
    ClientName: 'web',
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email'],
    CallbackURLs: [options.callbackUrl],
    SupportedIdentityProviders: ['MockSAML', 'Google'],
  });
  return { poolId, clientId };
}
