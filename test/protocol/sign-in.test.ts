import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminResetUserPasswordCommand,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { secretHash } from '../../src-main/cognito/secret-hash.js';
import { N } from '../../src-main/auth/srp.js';
import { formatTimestamp } from '../../src-main/auth/srp-server.js';
import type { SandboxEvent } from '../../shared/events.js';
import { attrs } from '../support/attributes.js';
import { testClock } from '../support/clock.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';
import { srpClient as srpAgainst } from '../support/srp-client.js';


const START = Date.UTC(2025, 0, 2, 3, 4, 5);
const clock = testClock(START);
const PASSWORD = 'Passw0rd!';
const NEW_PASSWORD = 'N3w-Passw0rd!';
const ALL_FLOWS: CreateUserPoolClientCommandInput['ExplicitAuthFlows'] = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];

let sandbox: TestSandbox;
let events: SandboxEvent[];
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
  sandbox.app.bus.subscribe((event) => events.push(event));
});
afterAll(() => sandbox.close());
beforeEach(() => {
  clock.time = START;
  events = [];
});

const newPool = (settings: Partial<CreateUserPoolCommandInput> = {}) => createPool(sandbox.cognito, { PoolName: 'sign-in', ...settings });

const newClient = (poolId: string, settings: Partial<CreateUserPoolClientCommandInput> = {}) =>
  createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ALL_FLOWS, ...settings });

/** A user made the way an administrator makes one: AdminCreateUser, then AdminSetUserPassword. */
const newUser = (poolId: string, username: string, options: { attributes?: Record<string, string>; permanent?: boolean; password?: string } = {}) =>
  createAdminUser(sandbox.cognito, poolId, username, { ...options, password: options.password ?? PASSWORD, attributes: options.attributes ?? {} });

/** A pool, a client with every password flow, and a confirmed user `alice`. */
async function world(pool: Partial<CreateUserPoolCommandInput> = {}, client: Partial<CreateUserPoolClientCommandInput> = {}) {
  const poolId = await newPool(pool);
  const { clientId, clientSecret: secret } = await newClient(poolId, client);
  await newUser(poolId, 'alice', { attributes: { email: 'alice@example.com', email_verified: 'true' } });
  return { poolId, clientId, secret };
}

function passwordAuth(clientId: string, USERNAME: string, PASSWORD: string, extra: Record<string, string> = {}) {
  return sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD, ...extra } }));
}

/** The SRP client, proving at the test clock's time unless told otherwise. */
async function srpClient(poolId: string) {
  const client = await srpAgainst(poolId);
  return { A: client.A, prove: (parameters: Record<string, string>, password: string, timestamp = formatTimestamp(clock.time)) => client.prove(parameters, password, timestamp) };
}

async function srpStart(poolId: string, clientId: string, username: string, extra: Record<string, string> = {}) {
  const client = await srpClient(poolId);
  const initiated = await sandbox.cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username, SRP_A: client.A, ...extra } }),
  );
  return { client, initiated };
}

async function srpSignIn(poolId: string, clientId: string, username: string, password: string, extra: Record<string, string> = {}) {
  const { client, initiated } = await srpStart(poolId, clientId, username, extra);
  const responses = await client.prove(initiated.ChallengeParameters!, password);
  return sandbox.cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: initiated.Session,
      ChallengeResponses: { ...responses, ...extra },
    }),
  );
}

function expectTokens(answer: InitiateAuthCommandOutput, withRefreshToken = true) {
  expect(answer.ChallengeName).toBeUndefined();
  expect(answer.Session).toBeUndefined();
  expect(answer.ChallengeParameters).toEqual({});
  const result = answer.AuthenticationResult!;
  expect(result).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600 });
  expect(result.AccessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(result.IdToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  if (withRefreshToken) expect(result.RefreshToken).toMatch(/^[\w-]+(\.[\w-]+){4}$/);
  else expect(result.RefreshToken).toBeUndefined();
  return result;
}

const rejects = (promise: Promise<unknown>, name: string, message: string) => expect(promise).rejects.toMatchObject({ name, message });
const incorrect = (promise: Promise<unknown>) => rejects(promise, 'NotAuthorizedException', 'Incorrect username or password.');

describe('USER_PASSWORD_AUTH', () => {
  it('signs a user in with ID, access and refresh tokens', async () => {
    const { clientId } = await world();
    const result = expectTokens(await passwordAuth(clientId, 'alice', PASSWORD));
    expect(decodeJwt(result.AccessToken!)).toMatchObject({ username: 'alice', token_use: 'access', client_id: clientId });
  });

  it('refuses a wrong password, and an unknown user as Cognito does without PreventUserExistenceErrors', async () => {
    const { clientId } = await world();
    await incorrect(passwordAuth(clientId, 'alice', 'Wr0ng-password'));
    await rejects(passwordAuth(clientId, 'nobody', PASSWORD), 'UserNotFoundException', 'User does not exist.');
  });

  it('answers an unknown user exactly as a wrong password with PreventUserExistenceErrors ENABLED', async () => {
    const { clientId } = await world({}, { PreventUserExistenceErrors: 'ENABLED' });
    await incorrect(passwordAuth(clientId, 'nobody', PASSWORD));
    await incorrect(passwordAuth(clientId, 'alice', 'Wr0ng-password'));
  });

  it('signs in with a verified email alias and in a case-insensitive pool with any case', async () => {
    const { clientId } = await world({ AliasAttributes: ['email'], UsernameConfiguration: { CaseSensitive: false } });
    const byAlias = expectTokens(await passwordAuth(clientId, 'Alice@Example.com', PASSWORD));
    expect(decodeJwt(byAlias.IdToken!)['cognito:username']).toBe('alice');
    expectTokens(await passwordAuth(clientId, 'ALICE', PASSWORD));
  });

  it('needs the flow enabled on the client', async () => {
    const { clientId } = await world({}, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await rejects(passwordAuth(clientId, 'alice', PASSWORD), 'InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client');
    const legacy = await world({}, { ExplicitAuthFlows: ['USER_PASSWORD_AUTH'] });
    expectTokens(await passwordAuth(legacy.clientId, 'alice', PASSWORD));
  });

  it('needs USERNAME and PASSWORD', async () => {
    const { clientId } = await world();
    await rejects(
      sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { PASSWORD } })),
      'InvalidParameterException',
      'Missing required parameter USERNAME',
    );
    await rejects(
      sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice' } })),
      'InvalidParameterException',
      'Missing required parameter PASSWORD',
    );
    await rejects(
      sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH' })),
      'InvalidParameterException',
      'Missing required parameter USERNAME',
    );
  });
});

describe('InitiateAuth requests Cognito refuses', () => {
  it('names an unknown client', async () => {
    await rejects(passwordAuth('unknownclient0000000000000', 'alice', PASSWORD), 'ResourceNotFoundException', 'User pool client unknownclient0000000000000 does not exist.');
  });

  it('keeps the admin password flows to AdminInitiateAuth', async () => {
    const { clientId } = await world();
    for (const AuthFlow of ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'] as const) {
      await rejects(
        sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow, AuthParameters: { USERNAME: 'alice', PASSWORD } })),
        'InvalidParameterException',
        'Initiate Auth method not supported.',
      );
    }
  });

  it('refuses USER_AUTH on a client without ALLOW_USER_AUTH', async () => {
    const { clientId } = await world({}, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await rejects(
      sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'alice' } })),
      'InvalidParameterException',
      'Auth flow not enabled for this client',
    );
  });

  it('validates AuthFlow against the enum', async () => {
    const { clientId } = await world();
    const r = await rawCall(sandbox.url, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'MAGIC', AuthParameters: {} });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      __type: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'MAGIC' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: " +
        '[USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH]',
    });
  });
});

describe('user status at sign-in', () => {
  it('refuses a disabled user', async () => {
    const { poolId, clientId } = await world();
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    await rejects(passwordAuth(clientId, 'alice', PASSWORD), 'NotAuthorizedException', 'User is disabled.');
  });

  it('refuses an unconfirmed user once the password is right', async () => {
    const { poolId, clientId } = await world();
    const store = sandbox.app.store;
    const user = store.users.findBySub(poolId, (await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).UserAttributes!.find((a) => a.Name === 'sub')!.Value!)!;
    // SignUp belongs to another area; its result, an UNCONFIRMED user with a password, is set up directly.
    store.users.save({ ...user, status: 'UNCONFIRMED' });
    await incorrect(passwordAuth(clientId, 'alice', 'Wr0ng-password'));
    await rejects(passwordAuth(clientId, 'alice', PASSWORD), 'UserNotConfirmedException', 'User is not confirmed.');
  });

  it('requires a reset after AdminResetUserPassword, hidden as a wrong password under PreventUserExistenceErrors', async () => {
    const { poolId, clientId } = await world();
    await sandbox.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'alice' }));
    await rejects(passwordAuth(clientId, 'alice', PASSWORD), 'PasswordResetRequiredException', 'Password reset required for the user');
    const hiding = await newClient(poolId, { PreventUserExistenceErrors: 'ENABLED' });
    await incorrect(passwordAuth(hiding.clientId, 'alice', PASSWORD));
  });

  it('refuses a temporary password past its validity', async () => {
    const poolId = await newPool({ Policies: { PasswordPolicy: { MinimumLength: 8, TemporaryPasswordValidityDays: 2 } } });
    const { clientId } = await newClient(poolId);
    await newUser(poolId, 'tempo', { permanent: false });
    clock.time = START + 2 * 86_400_000 + 1_000;
    await rejects(passwordAuth(clientId, 'tempo', PASSWORD), 'NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.');
  });
});

describe('NEW_PASSWORD_REQUIRED', () => {
  async function temporaryUser(pool: Partial<CreateUserPoolCommandInput> = {}, client: Partial<CreateUserPoolClientCommandInput> = {}, attributes: Record<string, string> = {}) {
    const poolId = await newPool(pool);
    const { clientId } = await newClient(poolId, client);
    await sandbox.cognito.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'newbie', TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS', UserAttributes: attrs(attributes) }),
    );
    return { poolId, clientId };
  }

  function answer(clientId: string, Session: string | undefined, responses: Record<string, string>) {
    return sandbox.cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session, ChallengeResponses: { USERNAME: 'newbie', ...responses } }),
    );
  }

  it('follows a temporary password, then sets the new one and confirms the user', async () => {
    const { poolId, clientId } = await temporaryUser({}, {}, { email: 'newbie@example.com', email_verified: 'true' });
    const challenge = await passwordAuth(clientId, 'newbie', PASSWORD);
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(challenge.Session!.length).toBeGreaterThanOrEqual(20);
    expect(challenge.AuthenticationResult).toBeUndefined();
    expect(challenge.ChallengeParameters).toEqual({
      USER_ID_FOR_SRP: 'newbie',
      requiredAttributes: '[]',
      userAttributes: JSON.stringify({ email: 'newbie@example.com', email_verified: 'true' }),
    });

    expectTokens(await answer(clientId, challenge.Session, { NEW_PASSWORD }));
    const user = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'newbie' }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expectTokens(await passwordAuth(clientId, 'newbie', NEW_PASSWORD));
    await incorrect(passwordAuth(clientId, 'newbie', PASSWORD));
  });

  it('asks for the required attributes the user lacks and takes them as userAttributes.<name>', async () => {
    const schema = [{ Name: 'name', AttributeDataType: 'String' as const, Required: true, Mutable: true }];
    const { poolId, clientId } = await temporaryUser({ Schema: schema });
    const first = await passwordAuth(clientId, 'newbie', PASSWORD);
    expect(JSON.parse(first.ChallengeParameters!.requiredAttributes!)).toEqual(['userAttributes.name']);
    await rejects(answer(clientId, first.Session, { NEW_PASSWORD }), 'InvalidParameterException', 'Invalid attributes given, name is missing');

    const second = await passwordAuth(clientId, 'newbie', PASSWORD);
    expectTokens(await answer(clientId, second.Session, { NEW_PASSWORD, 'userAttributes.name': 'New Bie', 'userAttributes.given_name': 'New' }));
    const user = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'newbie' }));
    expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'name', Value: 'New Bie' }, { Name: 'given_name', Value: 'New' }]));
  });

  it('refuses a required attribute that already has a value, and one the client may not write', async () => {
    const schema = [{ Name: 'email', AttributeDataType: 'String' as const, Required: true, Mutable: true }];
    const { clientId } = await temporaryUser({ Schema: schema }, { WriteAttributes: ['email', 'name'] }, { email: 'newbie@example.com' });
    const first = await passwordAuth(clientId, 'newbie', PASSWORD);
    await rejects(answer(clientId, first.Session, { NEW_PASSWORD, 'userAttributes.email': 'newbie@example.com' }), 'NotAuthorizedException', 'Cannot modify an already provided email');
    const second = await passwordAuth(clientId, 'newbie', PASSWORD);
    await rejects(
      answer(clientId, second.Session, { NEW_PASSWORD, 'userAttributes.family_name': 'Bie' }),
      'NotAuthorizedException',
      'A client attempted to write unauthorized attribute',
    );
  });

  it('applies the password policy to the new password', async () => {
    const { clientId } = await temporaryUser();
    const challenge = await passwordAuth(clientId, 'newbie', PASSWORD);
    await rejects(answer(clientId, challenge.Session, { NEW_PASSWORD: 'Sh0rt!' }), 'InvalidPasswordException', 'Password did not conform with policy: Password not long enough');
  });

  it('needs NEW_PASSWORD', async () => {
    const { clientId } = await temporaryUser();
    const challenge = await passwordAuth(clientId, 'newbie', PASSWORD);
    await rejects(answer(clientId, challenge.Session, {}), 'InvalidParameterException', 'Missing required parameter NEW_PASSWORD');
    // A request refused before the flow ran leaves the Session usable.
    expectTokens(await answer(clientId, challenge.Session, { NEW_PASSWORD }));
  });

  it('follows SRP too, and AdminRespondToAuthChallenge answers it', async () => {
    const { poolId, clientId } = await temporaryUser();
    const verified = await srpSignIn(poolId, clientId, 'newbie', PASSWORD);
    expect(verified.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const done = await sandbox.cognito.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: verified.Session,
        ChallengeResponses: { USERNAME: 'newbie', NEW_PASSWORD },
      }),
    );
    expectTokens(done);
  });
});

describe('USER_SRP_AUTH', () => {
  it('answers PASSWORD_VERIFIER with SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP and USERNAME, then signs in on the proof', async () => {
    const { poolId, clientId } = await world();
    const { client, initiated } = await srpStart(poolId, clientId, 'alice');
    expect(initiated.ChallengeName).toBe('PASSWORD_VERIFIER');
    const parameters = initiated.ChallengeParameters!;
    expect(Object.keys(parameters).sort()).toEqual(['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
    expect(parameters).toMatchObject({ USERNAME: 'alice', USER_ID_FOR_SRP: 'alice' });
    expect(parameters.SRP_B).toMatch(/^[0-9a-f]+$/);
    expect(parameters.SALT).toMatch(/^[0-9a-f]+$/);
    expect(Buffer.from(parameters.SECRET_BLOCK!, 'base64').length).toBeGreaterThanOrEqual(64);

    const responses = await client.prove(parameters, PASSWORD);
    expectTokens(await sandbox.cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: initiated.Session, ChallengeResponses: responses })));
  });

  it('sends the real username as USER_ID_FOR_SRP when the user typed an alias or an email username', async () => {
    const aliased = await world({ AliasAttributes: ['email'] });
    const { initiated } = await srpStart(aliased.poolId, aliased.clientId, 'alice@example.com');
    expect(initiated.ChallengeParameters).toMatchObject({ USER_ID_FOR_SRP: 'alice', USERNAME: 'alice' });
    expectTokens(await srpSignIn(aliased.poolId, aliased.clientId, 'alice@example.com', PASSWORD));

    const poolId = await newPool({ UsernameAttributes: ['email'] });
    const { clientId } = await newClient(poolId);
    await newUser(poolId, 'bob@example.com');
    const { initiated: byEmail } = await srpStart(poolId, clientId, 'bob@example.com');
    const sub = (await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'bob@example.com' }))).Username;
    expect(byEmail.ChallengeParameters).toMatchObject({ USER_ID_FOR_SRP: sub, USERNAME: sub });
    expectTokens(await srpSignIn(poolId, clientId, 'bob@example.com', PASSWORD));
  });

  it('refuses a wrong password at PASSWORD_VERIFIER', async () => {
    const { poolId, clientId } = await world();
    await incorrect(srpSignIn(poolId, clientId, 'alice', 'Wr0ng-password'));
  });

  it('refuses a proof with a stale timestamp or another secret block', async () => {
    const { poolId, clientId } = await world();
    const stale = await srpStart(poolId, clientId, 'alice');
    const old = await stale.client.prove(stale.initiated.ChallengeParameters!, PASSWORD, formatTimestamp(clock.time - 10 * 60_000));
    await incorrect(sandbox.cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: stale.initiated.Session, ChallengeResponses: old })));

    const swapped = await srpStart(poolId, clientId, 'alice');
    const other = await srpStart(poolId, clientId, 'alice');
    const proof = await swapped.client.prove({ ...swapped.initiated.ChallengeParameters!, SECRET_BLOCK: other.initiated.ChallengeParameters!.SECRET_BLOCK! }, PASSWORD);
    await incorrect(sandbox.cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: swapped.initiated.Session, ChallengeResponses: proof })));
  });

  it('plays an unknown user along with the same salt and user id on every try when existence errors are prevented', async () => {
    const { poolId, clientId } = await world({}, { PreventUserExistenceErrors: 'ENABLED' });
    const first = (await srpStart(poolId, clientId, 'nobody')).initiated;
    const second = (await srpStart(poolId, clientId, 'nobody')).initiated;
    expect(first.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(second.ChallengeParameters!.SALT).toBe(first.ChallengeParameters!.SALT);
    expect(second.ChallengeParameters!.USER_ID_FOR_SRP).toBe(first.ChallengeParameters!.USER_ID_FOR_SRP);
    expect(first.ChallengeParameters!.USER_ID_FOR_SRP).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(second.ChallengeParameters!.SRP_B).not.toBe(first.ChallengeParameters!.SRP_B);
    const other = (await srpStart(poolId, clientId, 'somebody')).initiated;
    expect(other.ChallengeParameters!.SALT).not.toBe(first.ChallengeParameters!.SALT);
    await incorrect(srpSignIn(poolId, clientId, 'nobody', PASSWORD));
  });

  it('says an unknown user does not exist without PreventUserExistenceErrors', async () => {
    const { poolId, clientId } = await world();
    await rejects(srpStart(poolId, clientId, 'nobody'), 'UserNotFoundException', 'User does not exist.');
  });

  it('refuses an SRP_A that is 0 mod N, and a missing one', async () => {
    const { clientId } = await world();
    for (const SRP_A of [N.toString(16), '0']) {
      await rejects(
        sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'alice', SRP_A } })),
        'InvalidParameterException',
        'Invalid SRP_A value.',
      );
    }
    await rejects(
      sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'alice' } })),
      'InvalidParameterException',
      'Missing required parameter SRP_A',
    );
  });

  it('needs every PASSWORD_VERIFIER response', async () => {
    const { poolId, clientId } = await world();
    const { client, initiated } = await srpStart(poolId, clientId, 'alice');
    const { PASSWORD_CLAIM_SIGNATURE: _dropped, ...responses } = await client.prove(initiated.ChallengeParameters!, PASSWORD);
    await rejects(
      sandbox.cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: initiated.Session, ChallengeResponses: responses })),
      'InvalidParameterException',
      'Missing required parameter PASSWORD_CLAIM_SIGNATURE',
    );
  });

  it('needs the flow enabled on the client (legacy lists keep SRP unless CUSTOM_AUTH_FLOW_ONLY)', async () => {
    const { poolId, clientId } = await world({}, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await rejects(srpStart(poolId, clientId, 'alice'), 'InvalidParameterException', 'USER_SRP_AUTH is not enabled for the client.');
    const legacy = await newClient(poolId, { ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH'] });
    expectTokens(await srpSignIn(poolId, legacy.clientId, 'alice', PASSWORD));
    const customOnly = await newClient(poolId, { ExplicitAuthFlows: ['CUSTOM_AUTH_FLOW_ONLY'] });
    await rejects(srpStart(poolId, customOnly.clientId, 'alice'), 'InvalidParameterException', 'USER_SRP_AUTH is not enabled for the client.');
  });
});

describe('AdminInitiateAuth', () => {
  const adminAuth = (poolId: string, clientId: string, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH' | 'ADMIN_NO_SRP_AUTH' | 'USER_PASSWORD_AUTH', password = PASSWORD) =>
    sandbox.cognito.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow, AuthParameters: { USERNAME: 'alice', PASSWORD: password } }));

  it('signs in with ADMIN_USER_PASSWORD_AUTH and its legacy name ADMIN_NO_SRP_AUTH', async () => {
    const { poolId, clientId } = await world();
    expectTokens(await adminAuth(poolId, clientId, 'ADMIN_USER_PASSWORD_AUTH'));
    expectTokens(await adminAuth(poolId, clientId, 'ADMIN_NO_SRP_AUTH'));
    await incorrect(adminAuth(poolId, clientId, 'ADMIN_USER_PASSWORD_AUTH', 'Wr0ng-password'));
    const legacy = await newClient(poolId, { ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH'] });
    expectTokens(await adminAuth(poolId, legacy.clientId, 'ADMIN_NO_SRP_AUTH'));
  });

  it('runs SRP too, answered through AdminRespondToAuthChallenge', async () => {
    const { poolId, clientId } = await world();
    const client = await srpClient(poolId);
    const initiated = await sandbox.cognito.send(
      new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'alice', SRP_A: client.A } }),
    );
    const responses = await client.prove(initiated.ChallengeParameters!, PASSWORD);
    expectTokens(
      await sandbox.cognito.send(
        new AdminRespondToAuthChallengeCommand({ UserPoolId: poolId, ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: initiated.Session, ChallengeResponses: responses }),
      ),
    );
  });

  it('refuses a flow the client does not enable, USER_PASSWORD_AUTH, and a client or pool that does not match', async () => {
    const { poolId, clientId } = await world({}, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await rejects(adminAuth(poolId, clientId, 'ADMIN_USER_PASSWORD_AUTH'), 'InvalidParameterException', 'Auth flow not enabled for this client');
    await rejects(adminAuth(poolId, clientId, 'USER_PASSWORD_AUTH'), 'InvalidParameterException', 'Initiate Auth method not supported.');
    const otherPool = await newPool();
    await rejects(adminAuth(otherPool, clientId, 'ADMIN_USER_PASSWORD_AUTH'), 'ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
    await rejects(adminAuth('us-east-1_Missing00', clientId, 'ADMIN_USER_PASSWORD_AUTH'), 'ResourceNotFoundException', 'User pool us-east-1_Missing00 does not exist.');
  });
});

describe('Sessions', () => {
  async function awaitingNewPassword(client: Partial<CreateUserPoolClientCommandInput> = {}) {
    const poolId = await newPool();
    const { clientId } = await newClient(poolId, client);
    await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'newbie', TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS' }));
    await newUser(poolId, 'other');
    const challenge = await passwordAuth(clientId, 'newbie', PASSWORD);
    return { poolId, clientId, session: challenge.Session! };
  }

  const respond = (clientId: string, Session: string | undefined, USERNAME = 'newbie', ChallengeName: 'NEW_PASSWORD_REQUIRED' | 'PASSWORD_VERIFIER' = 'NEW_PASSWORD_REQUIRED') =>
    sandbox.cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName, Session, ChallengeResponses: { USERNAME, NEW_PASSWORD } }));
  const invalid = (promise: Promise<unknown>) => rejects(promise, 'NotAuthorizedException', 'Invalid session for the user.');

  it('are single use', async () => {
    const { clientId, session } = await awaitingNewPassword();
    expectTokens(await respond(clientId, session));
    await invalid(respond(clientId, session));
  });

  it('are used once even when presented twice at the same time', async () => {
    const { clientId, session } = await awaitingNewPassword();
    const outcomes = await Promise.allSettled([respond(clientId, session), respond(clientId, session)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { name: 'NotAuthorizedException', message: 'Invalid session for the user.' } });
  });

  it('expire after the client’s AuthSessionValidity (3 minutes by default)', async () => {
    const fresh = await awaitingNewPassword();
    clock.time += 3 * 60_000;
    await rejects(respond(fresh.clientId, fresh.session), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');
    await invalid(respond(fresh.clientId, fresh.session));

    clock.time = START;
    const longer = await awaitingNewPassword({ AuthSessionValidity: 10 });
    clock.time += 9 * 60_000;
    expectTokens(await respond(longer.clientId, longer.session));
  });

  it('belong to the client and the user they were handed to', async () => {
    const { poolId, clientId, session } = await awaitingNewPassword();
    const other = await newClient(poolId);
    await invalid(respond(other.clientId, session));
    await invalid(respond(clientId, session, 'other'));
    const otherPool = await newPool();
    await rejects(
      sandbox.cognito.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: otherPool,
          ClientId: clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: session,
          ChallengeResponses: { USERNAME: 'newbie', NEW_PASSWORD },
        }),
      ),
      'ResourceNotFoundException',
      `User pool client ${clientId} does not exist.`,
    );
    // Refusals that come before the flow runs leave the Session to its rightful owner.
    expectTokens(await respond(clientId, session));
  });

  it('end when answered with another challenge', async () => {
    const { clientId, session } = await awaitingNewPassword();
    await invalid(respond(clientId, session, 'newbie', 'PASSWORD_VERIFIER'));
    await invalid(respond(clientId, session));
  });

  it('are required, and unknown ones refused', async () => {
    const { clientId } = await awaitingNewPassword();
    await rejects(respond(clientId, undefined), 'InvalidParameterException', 'Missing required parameter Session');
    await invalid(respond(clientId, 'made-up-session-made-up-session'));
  });

  it('end when the proof fails', async () => {
    const { poolId, clientId } = await world();
    const { client, initiated } = await srpStart(poolId, clientId, 'alice');
    const wrong = await client.prove(initiated.ChallengeParameters!, 'Wr0ng-password');
    const answer = (responses: Record<string, string>) =>
      sandbox.cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: initiated.Session, ChallengeResponses: responses }));
    await incorrect(answer(wrong));
    await invalid(answer(await client.prove(initiated.ChallengeParameters!, PASSWORD)));
  });
});

describe('SECRET_HASH', () => {
  it('is required and checked on every call of a client with a secret', async () => {
    const { poolId, clientId, secret } = await world({}, { GenerateSecret: true });
    const hash = (username: string) => secretHash(secret!, username, clientId);
    await rejects(passwordAuth(clientId, 'alice', PASSWORD), 'NotAuthorizedException', `Client ${clientId} is configured with secret but SECRET_HASH was not received`);
    await rejects(passwordAuth(clientId, 'alice', PASSWORD, { SECRET_HASH: hash('bob') }), 'NotAuthorizedException', `Unable to verify secret hash for client ${clientId}`);
    const signedIn = expectTokens(await passwordAuth(clientId, 'alice', PASSWORD, { SECRET_HASH: hash('alice') }));

    const { client, initiated } = await srpStart(poolId, clientId, 'alice', { SECRET_HASH: hash('alice') });
    const responses = await client.prove(initiated.ChallengeParameters!, PASSWORD);
    const respond = (extra: Record<string, string>) =>
      sandbox.cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: initiated.Session, ChallengeResponses: { ...responses, ...extra } }));
    await rejects(respond({}), 'NotAuthorizedException', `Client ${clientId} is configured with secret but SECRET_HASH was not received`);
    await rejects(respond({ SECRET_HASH: 'bm90IGl0' }), 'NotAuthorizedException', `Unable to verify secret hash for client ${clientId}`);
    expectTokens(await respond({ SECRET_HASH: hash('alice') }));

    const refresh = (extra: Record<string, string>) =>
      sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: signedIn.RefreshToken!, ...extra } }));
    await rejects(refresh({}), 'NotAuthorizedException', `Client ${clientId} is configured with secret but SECRET_HASH was not received`);
    expectTokens(await refresh({ SECRET_HASH: hash('alice') }), false);
  });

  it('may be computed over the alias the user typed', async () => {
    const { clientId, secret } = await world({ AliasAttributes: ['email'] }, { GenerateSecret: true });
    expectTokens(await passwordAuth(clientId, 'alice@example.com', PASSWORD, { SECRET_HASH: secretHash(secret!, 'alice@example.com', clientId) }));
  });
});

describe('REFRESH_TOKEN_AUTH', () => {
  const refresh = (clientId: string, REFRESH_TOKEN: string, AuthFlow: 'REFRESH_TOKEN_AUTH' | 'REFRESH_TOKEN' = 'REFRESH_TOKEN_AUTH') =>
    sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow, AuthParameters: { REFRESH_TOKEN } }));

  it('issues new ID and access tokens, no refresh token, keeping auth_time', async () => {
    const { clientId } = await world();
    const first = expectTokens(await passwordAuth(clientId, 'alice', PASSWORD));
    clock.time += 10 * 60_000;
    const refreshed = expectTokens(await refresh(clientId, first.RefreshToken!), false);
    const [before, after] = [decodeJwt(first.IdToken!), decodeJwt(refreshed.IdToken!)];
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.iat).toBe(before.iat! + 600);
    expect(decodeJwt(refreshed.AccessToken!)).toMatchObject({ auth_time: before.auth_time, origin_jti: decodeJwt(first.AccessToken!).origin_jti });
    expectTokens(await refresh(clientId, first.RefreshToken!, 'REFRESH_TOKEN'), false);
  });

  it('refuses an unknown token, another client’s, and a disabled or deleted user’s', async () => {
    const { poolId, clientId } = await world();
    const { RefreshToken } = expectTokens(await passwordAuth(clientId, 'alice', PASSWORD));
    await rejects(refresh(clientId, 'not-a-refresh-token'), 'NotAuthorizedException', 'Invalid Refresh Token');
    const other = await newClient(poolId);
    await rejects(refresh(other.clientId, RefreshToken!), 'NotAuthorizedException', 'Invalid Refresh Token');
    await rejects(
      sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: {} })),
      'InvalidParameterException',
      'Missing required parameter REFRESH_TOKEN',
    );
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    await rejects(refresh(clientId, RefreshToken!), 'NotAuthorizedException', 'User is disabled.');
    await sandbox.cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    await rejects(refresh(clientId, RefreshToken!), 'NotAuthorizedException', 'Refresh Token has been revoked');
  });
});

describe('the lockout after repeated failures', () => {
  it('locks a user out for 1 s after five failures, then doubles, ignoring attempts during a lockout', async () => {
    const { clientId } = await world();
    for (let i = 0; i < 5; i++) await incorrect(passwordAuth(clientId, 'alice', 'Wr0ng-password'));
    const exceeded = (password: string) => rejects(passwordAuth(clientId, 'alice', password), 'NotAuthorizedException', 'Password attempts exceeded');
    await exceeded(PASSWORD);
    await exceeded('Wr0ng-password');
    clock.time += 1_000;
    await incorrect(passwordAuth(clientId, 'alice', 'Wr0ng-password'));
    clock.time += 1_999;
    await exceeded(PASSWORD);
    clock.time += 1;
    expectTokens(await passwordAuth(clientId, 'alice', PASSWORD));
    // The success cleared the count: five more failures before the next lockout.
    for (let i = 0; i < 4; i++) await incorrect(passwordAuth(clientId, 'alice', 'Wr0ng-password'));
    expectTokens(await passwordAuth(clientId, 'alice', PASSWORD));
  });

  it('counts SRP proofs too, refusing at PASSWORD_VERIFIER during a lockout', async () => {
    const { poolId, clientId } = await world();
    for (let i = 0; i < 5; i++) await incorrect(srpSignIn(poolId, clientId, 'alice', 'Wr0ng-password'));
    await rejects(srpSignIn(poolId, clientId, 'alice', PASSWORD), 'NotAuthorizedException', 'Password attempts exceeded');
    clock.time += 1_000;
    expectTokens(await srpSignIn(poolId, clientId, 'alice', PASSWORD));
  });

  it('forgets failures after 15 minutes', async () => {
    const { clientId } = await world();
    for (let i = 0; i < 4; i++) await incorrect(passwordAuth(clientId, 'alice', 'Wr0ng-password'));
    clock.time += 15 * 60_000;
    await incorrect(passwordAuth(clientId, 'alice', 'Wr0ng-password'));
    expectTokens(await passwordAuth(clientId, 'alice', PASSWORD));
  });
});

describe('debugger events', () => {
  const ofFlow = (flowId: string) => events.filter((e) => e.flowId === flowId);

  it('show an SRP sign-in step by step, without the password or the server’s private values', async () => {
    const { poolId, clientId } = await world();
    const { client, initiated } = await srpStart(poolId, clientId, 'alice');
    const [started] = events.filter((e) => e.type === 'flow.started');
    const flowId = started!.flowId!;
    const b = JSON.parse(sandbox.app.store.flows.findById(flowId)!.snapshot!).context.passwordVerifier.b as string;
    const responses = await client.prove(initiated.ChallengeParameters!, PASSWORD);
    await sandbox.cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: initiated.Session, ChallengeResponses: responses }));

    const flow = ofFlow(flowId);
    expect(flow.filter((e) => e.type !== 'flow.transitioned').map((e) => e.type)).toEqual([
      'flow.started',
      'flow.waiting',
      'challenge.issued',
      'api.called',
      'challenge.answered',
      'token.issued',
      'token.issued',
      'token.issued',
      'flow.ended',
      'api.called',
    ]);
    expect(flow.find((e) => e.type === 'challenge.issued')!.data).toEqual({ challengeName: 'PASSWORD_VERIFIER', parameters: initiated.ChallengeParameters });
    expect(flow.find((e) => e.type === 'challenge.answered')!.data).toEqual({ challengeName: 'PASSWORD_VERIFIER', responses });
    expect(flow.filter((e) => e.type === 'flow.transitioned').map((e) => (e.data as { to: string }).to)).toEqual([
      'identifying.findingUser',
      'srp.issuingPasswordVerifier',
      'srp.awaitingPasswordVerifier',
      'srp.verifyingPasswordClaim',
      'tokens.issuingTokens',
      'signedIn',
    ]);
    expect(flow.at(-2)!.data).toEqual({ outcome: 'success' });
    expect(flow.filter((e) => e.type === 'api.called').every((e) => e.poolId === poolId || e.poolId === null)).toBe(true);
    const text = JSON.stringify(events);
    expect(text).not.toContain(b);
    expect(text).not.toContain(PASSWORD);
  });

  it('mask the new password and end a refused flow with its reason', async () => {
    const poolId = await newPool();
    const { clientId } = await newClient(poolId);
    await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'newbie', TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS' }));
    const challenge = await passwordAuth(clientId, 'newbie', PASSWORD);
    await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: challenge.Session, ChallengeResponses: { USERNAME: 'newbie', NEW_PASSWORD } }),
    );
    const answered = events.find((e) => e.type === 'challenge.answered')!;
    expect(answered.data).toEqual({ challengeName: 'NEW_PASSWORD_REQUIRED', responses: { USERNAME: 'newbie', NEW_PASSWORD: '***' } });
    expect(JSON.stringify(events)).not.toContain(NEW_PASSWORD);

    events = [];
    await incorrect(passwordAuth(clientId, 'newbie', 'Wr0ng-password'));
    expect(events.find((e) => e.type === 'flow.ended')!.data).toEqual({ outcome: 'failure', reason: 'wrong password' });
    expect(events.find((e) => e.type === 'api.called')!.flowId).toBe(events[0]!.flowId);
  });
});
