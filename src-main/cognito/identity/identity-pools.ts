/**
 * The identity pool a request names (by id or by ARN), or the exception Cognito answers when there
 * is none, and the pool as DescribeIdentityPool shows it.
 */
import type { IdentityPool as IdentityPoolType } from '@aws-sdk/client-cognito-identity';
import type { Store } from '../../store/index.js';
import { ResourceNotFoundException } from '../errors.js';
import type { IdentityPool } from './types.js';

/** The pool, or Cognito's ResourceNotFoundException for an unknown id. */
export function requireIdentityPool(store: Pick<Store, 'identityPools'>, identityPoolId: string): IdentityPool {
  const pool = store.identityPools.find(identityPoolId);
  if (!pool) throw new ResourceNotFoundException(`IdentityPool '${identityPoolId}' not found.`);
  return pool;
}

/** The region an identity pool lives in: its id's prefix (`us-east-1:…`). */
export function identityPoolRegion(identityPoolId: string): string {
  return identityPoolId.slice(0, identityPoolId.indexOf(':'));
}

/** `arn:aws:cognito-identity:REGION:ACCOUNT:identitypool/IDENTITY_POOL_ID`. */
export function identityPoolArn(identityPoolId: string, accountId: string): string {
  return `arn:aws:cognito-identity:${identityPoolRegion(identityPoolId)}:${accountId}:identitypool/${identityPoolId}`;
}

const IDENTITY_POOL_ARN = /^arn:aws:cognito-identity:([a-z0-9-]+):\d{12}:identitypool\/([\w-]+:[0-9a-f-]+)$/;

/** The identity pool id an ARN names (its region the id's own), or undefined for any other ARN. */
export function identityPoolOfArn(arn: string): string | undefined {
  const match = IDENTITY_POOL_ARN.exec(arn);
  if (!match || identityPoolRegion(match[2]!) !== match[1]) return undefined;
  return match[2];
}

/** A role mapping's key for a user pool app client: `cognito-idp.{region}.amazonaws.com/{userPoolId}:{clientId}`. */
export function userPoolRoleMappingKey(providerName: string, clientId: string): string {
  return `${providerName}:${clientId}`;
}

/**
 * The pool as CreateIdentityPool, DescribeIdentityPool and UpdateIdentityPool answer it: members
 * never set are left out (AllowClassicFlow, DeveloperProviderName, empty provider lists), while
 * SupportedLoginProviders and IdentityPoolTags are always there, empty or not.
 */
export function describeIdentityPool(pool: IdentityPool): IdentityPoolType {
  return {
    IdentityPoolId: pool.IdentityPoolId,
    IdentityPoolName: pool.IdentityPoolName,
    AllowUnauthenticatedIdentities: pool.AllowUnauthenticatedIdentities,
    ...(pool.AllowClassicFlow !== undefined && { AllowClassicFlow: pool.AllowClassicFlow }),
    SupportedLoginProviders: pool.SupportedLoginProviders,
    ...(pool.DeveloperProviderName !== undefined && { DeveloperProviderName: pool.DeveloperProviderName }),
    ...(pool.OpenIdConnectProviderARNs.length > 0 && { OpenIdConnectProviderARNs: pool.OpenIdConnectProviderARNs }),
    ...(pool.CognitoIdentityProviders.length > 0 && {
      CognitoIdentityProviders: pool.CognitoIdentityProviders.map((provider) => ({
        ProviderName: provider.ProviderName,
        ClientId: provider.ClientId,
        ServerSideTokenCheck: provider.ServerSideTokenCheck ?? false,
      })),
    }),
    ...(pool.SamlProviderARNs.length > 0 && { SamlProviderARNs: pool.SamlProviderARNs }),
    IdentityPoolTags: pool.IdentityPoolTags,
  };
}
