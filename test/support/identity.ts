/**
 * Identity-pool test helpers: real Cognito Identity and STS clients pointed at the sandbox, and a
 * user pool user's ID token got by signing in (USER_PASSWORD_AUTH) through the real SDK.
 */
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { AdminAddUserToGroupCommand, CreateGroupCommand, InitiateAuthCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { STSClient } from '@aws-sdk/client-sts';
import { createAdminUser, createClient, createPool } from './world.js';

export const PASSWORD = 'Passw0rd!';

export function identityClient(url: string, region = 'us-east-1'): CognitoIdentityClient {
  return new CognitoIdentityClient({ region, endpoint: url, credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' }, maxAttempts: 1 });
}

/** An STS client; `credentials` default to the caller's own (AssumeRoleWithWebIdentity needs none). */
export function stsClient(url: string, credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, region = 'us-east-1'): STSClient {
  return new STSClient({ region, endpoint: url, credentials: credentials ?? { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' }, maxAttempts: 1 });
}

export interface UserPoolWorld {
  poolId: string;
  clientId: string;
  /** The identity pool's login key for this user pool. */
  providerName: string;
}

/** A user pool with an app client allowing USER_PASSWORD_AUTH and SRP (Amplify's sign-in). */
export async function userPoolWorld(cognito: CognitoIdentityProviderClient, name = 'identity-users'): Promise<UserPoolWorld> {
  const poolId = await createPool(cognito, { PoolName: name });
  const { clientId } = await createClient(cognito, poolId, { ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  return { poolId, clientId, providerName: `cognito-idp.us-east-1.amazonaws.com/${poolId}` };
}

/** Makes the user (in the groups given, each created if new with its RoleArn) and answers the ID token of a sign-in. */
export async function signedInIdToken(
  cognito: CognitoIdentityProviderClient,
  world: UserPoolWorld,
  username: string,
  groups: Array<{ name: string; roleArn?: string; precedence?: number }> = [],
): Promise<string> {
  await createAdminUser(cognito, world.poolId, username, { password: PASSWORD });
  for (const group of groups) {
    await cognito
      .send(new CreateGroupCommand({ UserPoolId: world.poolId, GroupName: group.name, ...(group.roleArn && { RoleArn: group.roleArn }), ...(group.precedence !== undefined && { Precedence: group.precedence }) }))
      .catch((error) => {
        if (error.name !== 'GroupExistsException') throw error;
      });
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: world.poolId, Username: username, GroupName: group.name }));
  }
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({ ClientId: world.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }),
  );
  return AuthenticationResult!.IdToken!;
}

export const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
