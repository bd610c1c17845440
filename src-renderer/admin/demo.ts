/**
 * The demo a first-time user signs in with: a pool named "demo" (email as username), an app
 * client without a secret that allows USER_PASSWORD_AUTH, USER_SRP_AUTH and refresh, and a
 * confirmed user with a known password. Made through the same API any client uses, and reused
 * rather than duplicated when the button is pressed again.
 */
import { cognito, collectPages } from './cognito-api';

export const DEMO = {
  poolName: 'demo',
  clientName: 'demo-app',
  username: 'demo@example.com',
  /** Meets Cognito's default password policy and needs no quoting in a shell. */
  password: 'Sandbox-Demo-1',
} as const;

export interface Demo {
  region: string;
  poolId: string;
  clientId: string;
  username: string;
  password: string;
}

async function demoPool(): Promise<string> {
  const pools = await collectPages(async (token) => {
    const page = await cognito('ListUserPools', { MaxResults: 60, NextToken: token });
    return { items: page.UserPools ?? [], next: page.NextToken };
  });
  const existing = pools.find((pool) => pool.Name === DEMO.poolName);
  if (existing) return existing.Id!;
  const created = await cognito('CreateUserPool', {
    PoolName: DEMO.poolName,
    UsernameAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
  });
  return created.UserPool!.Id!;
}

async function demoClient(poolId: string): Promise<string> {
  const clients = await collectPages(async (token) => {
    const page = await cognito('ListUserPoolClients', { UserPoolId: poolId, MaxResults: 60, NextToken: token });
    return { items: page.UserPoolClients ?? [], next: page.NextToken };
  });
  const existing = clients.find((client) => client.ClientName === DEMO.clientName);
  if (existing) return existing.ClientId!;
  const created = await cognito('CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: DEMO.clientName,
    GenerateSecret: false,
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  return created.UserPoolClient!.ClientId!;
}

/** Creates the user unless it exists, then sets the known password (which confirms it). */
async function demoUser(poolId: string): Promise<void> {
  const { Users } = await cognito('ListUsers', { UserPoolId: poolId, Filter: `email = "${DEMO.username}"`, Limit: 1 });
  if (!Users?.length) {
    await cognito('AdminCreateUser', {
      UserPoolId: poolId,
      Username: DEMO.username,
      MessageAction: 'SUPPRESS',
      TemporaryPassword: DEMO.password,
      UserAttributes: [
        { Name: 'email', Value: DEMO.username },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
  }
  await cognito('AdminSetUserPassword', { UserPoolId: poolId, Username: DEMO.username, Password: DEMO.password, Permanent: true });
}

export async function createDemo(): Promise<Demo> {
  const poolId = await demoPool();
  const clientId = await demoClient(poolId);
  await demoUser(poolId);
  return { region: poolId.split('_')[0]!, poolId, clientId, username: DEMO.username, password: DEMO.password };
}

/** Signs the demo user in with the AWS SDK for JavaScript v3. */
export function sdkSnippet(demo: Demo, endpoint: string): string {
  return `import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';

const cognito = new CognitoIdentityProviderClient({
  region: '${demo.region}',
  endpoint: '${endpoint}',
});

const { AuthenticationResult } = await cognito.send(
  new InitiateAuthCommand({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: '${demo.clientId}',
    AuthParameters: {
      USERNAME: '${demo.username}',
      PASSWORD: '${demo.password}',
    },
  }),
);
console.log(AuthenticationResult.IdToken);
`;
}

/** The same sign-in with the AWS CLI. */
export function cliSnippet(demo: Demo, endpoint: string): string {
  return `aws cognito-idp initiate-auth \\
  --endpoint-url ${endpoint} --region ${demo.region} \\
  --client-id ${demo.clientId} \\
  --auth-flow USER_PASSWORD_AUTH \\
  --auth-parameters USERNAME=${demo.username},PASSWORD=${demo.password}
`;
}
