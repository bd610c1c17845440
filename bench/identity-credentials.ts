/**
 * `npx tsx bench/identity-credentials.ts [--root DIR] [--count 500]` (part of `npm run bench`):
 * identity-pool credentials per second against the headless server as its own process, as Amplify's
 * fetchAuthSession asks for them: GetId then GetCredentialsForIdentity with a user pool ID token
 * (each checked: signature, issuer, audience, expiry), the role chosen by a Rules mapping on the
 * user's groups; and for guests (GetId without logins, then credentials for the unauthenticated
 * role). 8 in flight.
 */
import { call, fmt, measure, option, printFigures, startServer, stopServer, type Figure } from './support.js';

const CONCURRENCY = 8;
const COUNT = Number(option('--count', '500'));
const WARMUP = 20;
const USERS = 20;
const IDENTITY = 'AWSCognitoIdentityService';
const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

async function world(url: string) {
  const { UserPool } = await call(url, 'CreateUserPool', { PoolName: 'bench-identity' });
  const poolId = UserPool.Id as string;
  const { UserPoolClient } = await call(url, 'CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  const clientId = UserPoolClient.ClientId as string;
  const providerName = `cognito-idp.us-east-1.amazonaws.com/${poolId}`;
  await call(url, 'CreateGroup', { UserPoolId: poolId, GroupName: 'admins' });
  const { IdentityPoolId } = await call(
    url,
    'CreateIdentityPool',
    { IdentityPoolName: 'bench', AllowUnauthenticatedIdentities: true, CognitoIdentityProviders: [{ ProviderName: providerName, ClientId: clientId }] },
    IDENTITY,
  );
  await call(
    url,
    'SetIdentityPoolRoles',
    {
      IdentityPoolId,
      Roles: { authenticated: role('AuthRole'), unauthenticated: role('GuestRole') },
      RoleMappings: {
        [`${providerName}:${clientId}`]: {
          Type: 'Rules',
          AmbiguousRoleResolution: 'AuthenticatedRole',
          RulesConfiguration: { Rules: [{ Claim: 'cognito:groups', MatchType: 'Contains', Value: 'admins', RoleARN: role('AdminRole') }] },
        },
      },
    },
    IDENTITY,
  );
  const logins: Array<Record<string, string>> = [];
  for (let i = 0; i < USERS; i++) {
    const username = `user${i}`;
    await call(url, 'AdminCreateUser', { UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS' });
    await call(url, 'AdminSetUserPassword', { UserPoolId: poolId, Username: username, Password: 'Passw0rd!', Permanent: true });
    if (i % 2 === 0) await call(url, 'AdminAddUserToGroup', { UserPoolId: poolId, Username: username, GroupName: 'admins' });
    const { AuthenticationResult } = await call(url, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!' } });
    logins.push({ [providerName]: AuthenticationResult.IdToken });
  }
  return { identityPoolId: IdentityPoolId as string, logins };
}

async function credentials(url: string, identityPoolId: string, logins?: Record<string, string>): Promise<void> {
  const { IdentityId } = await call(url, 'GetId', { IdentityPoolId: identityPoolId, ...(logins && { Logins: logins }) }, IDENTITY);
  await call(url, 'GetCredentialsForIdentity', { IdentityId, ...(logins && { Logins: logins }) }, IDENTITY);
}

const server = await startServer(undefined);
try {
  const { url } = server;
  const pid = server.child.pid!;
  const { identityPoolId, logins } = await world(url);
  for (let i = 0; i < WARMUP; i++) await credentials(url, identityPoolId, logins[i % USERS]);
  const signedIn = await measure(COUNT, pid, CONCURRENCY, (i) => credentials(url, identityPoolId, logins[i % USERS]));
  const guests = await measure(COUNT, pid, CONCURRENCY, () => credentials(url, identityPoolId));
  const one = await measure(Math.min(COUNT, 200), pid, 1, (i) => credentials(url, identityPoolId, logins[i % USERS]));
  const figures: Figure[] = [
    { what: `signed-in users: GetId + GetCredentialsForIdentity (${CONCURRENCY} in flight)`, figure: `${fmt(signedIn.perSecond)} per s, ${fmt(signedIn.serverCpuMs, 1)} ms server CPU each`, aim: '≥ 100 per s', met: signedIn.perSecond >= 100 },
    { what: '  latency p50 / p95', figure: `${fmt(signedIn.p50, 1)} / ${fmt(signedIn.p95, 1)} ms` },
    { what: '  one at a time, p50 / p95', figure: `${fmt(one.p50, 1)} / ${fmt(one.p95, 1)} ms`, aim: 'p95 < 50 ms', met: one.p95 < 50 },
    { what: `guests: GetId + GetCredentialsForIdentity (${CONCURRENCY} in flight)`, figure: `${fmt(guests.perSecond)} per s, ${fmt(guests.serverCpuMs, 1)} ms server CPU each`, aim: '≥ 100 per s', met: guests.perSecond >= 100 },
    { what: '  latency p50 / p95', figure: `${fmt(guests.p50, 1)} / ${fmt(guests.p95, 1)} ms` },
  ];
  printFigures(`Identity-pool credentials, as Amplify's fetchAuthSession asks for them (${COUNT} each)`, figures);
} finally {
  await stopServer(server);
}
