/**
 * The debugger API's reads of a user's authenticators: the TOTP secret an AssociateSoftwareToken
 * call answered (`/api-calls/{seq}/software-token`), with a Session in MFA_SETUP and with an
 * access token, while it is still the user's; and a user's software token and passkeys
 * (`/pools/{poolId}/users/{username}/authenticators`), never a secret or a public key. Both
 * answer JSON errors for what they cannot answer, and change nothing.
 */
import {
  AssociateSoftwareTokenCommand,
  CompleteWebAuthnRegistrationCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SoftwareTokenSecret, UserAuthenticators } from '../../shared/debugger-api.js';
import type { SandboxEvent } from '../../shared/events.js';
import { SoftwareAuthenticator, type CreationOptionsJson } from '../support/passkeys.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!';
const ORIGIN = 'http://localhost:5173';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${sandbox.url}/_sandbox/api/${path}`);
  return { status: response.status, body: (await response.json()) as T };
}

/** A pool with TOTP required, its client, and a user without MFA (MFA_SETUP at sign-in). */
async function totpPool(name: string): Promise<{ poolId: string; clientId: string }> {
  const poolId = await createPool(sandbox.cognito, {
    PoolName: name,
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } },
  });
  await sandbox.cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }));
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  return { poolId, clientId };
}

const signIn = (clientId: string, username: string) =>
  sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }));

const codeOf = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();

type ApiCall = SandboxEvent & { type: 'api.called' };

function newestCall(operation: string): ApiCall {
  return sandbox.app.store.events
    .since(0, 100_000)
    .filter((event): event is ApiCall => event.type === 'api.called' && event.data.operation === operation)
    .at(-1)!;
}

describe('GET /_sandbox/api/api-calls/{seq}/software-token', () => {
  it('answers the secret of an MFA_SETUP AssociateSoftwareToken (a Session), with its otpauth URI, pending then verified', async () => {
    const { poolId, clientId } = await totpPool('Acme Shop');
    await createAdminUser(sandbox.cognito, poolId, 'alice', { password: PASSWORD });
    const started = await signIn(clientId, 'alice');
    expect(started.ChallengeName).toBe('MFA_SETUP');
    const { SecretCode, Session } = await sandbox.cognito.send(new AssociateSoftwareTokenCommand({ Session: started.Session }));
    const call = newestCall('AssociateSoftwareToken');
    expect(call.flowId).not.toBeNull();
    expect((call.data.response as { SecretCode: string }).SecretCode).toBe('***');

    const pending = await get<SoftwareTokenSecret>(`api-calls/${call.seq}/software-token`);
    expect(pending).toEqual({
      status: 200,
      body: {
        poolId,
        poolName: 'Acme Shop',
        username: 'alice',
        secretCode: SecretCode,
        uri: `otpauth://totp/Acme%20Shop:alice?issuer=Acme%20Shop&secret=${SecretCode}&algorithm=SHA1&digits=6&period=30`,
        state: 'pending',
        friendlyDeviceName: null,
      },
    });

    await sandbox.cognito.send(new VerifySoftwareTokenCommand({ Session, UserCode: codeOf(SecretCode!), FriendlyDeviceName: 'phone' }));
    const verified = await get<SoftwareTokenSecret>(`api-calls/${call.seq}/software-token`);
    expect(verified.body).toMatchObject({ secretCode: SecretCode, state: 'verified', friendlyDeviceName: 'phone' });
  });

  it('answers the secret of an access-token AssociateSoftwareToken, and no longer once a later one replaced it', async () => {
    const { poolId, clientId } = await totpPool('tokens');
    await createAdminUser(sandbox.cognito, poolId, 'bob', { password: PASSWORD });
    const started = await signIn(clientId, 'bob');
    const first = await sandbox.cognito.send(new AssociateSoftwareTokenCommand({ Session: started.Session }));
    const firstCall = newestCall('AssociateSoftwareToken');
    const verified = await sandbox.cognito.send(new VerifySoftwareTokenCommand({ Session: first.Session, UserCode: codeOf(first.SecretCode!) }));
    const { AuthenticationResult } = await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'MFA_SETUP',
        Session: verified.Session,
        ChallengeResponses: { USERNAME: 'bob' },
      }),
    );
    const accessToken = AuthenticationResult!.AccessToken!;

    const second = await sandbox.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    const secondCall = newestCall('AssociateSoftwareToken');
    expect(secondCall.flowId).toBeNull();
    expect((await get<SoftwareTokenSecret>(`api-calls/${secondCall.seq}/software-token`)).body).toMatchObject({
      username: 'bob',
      secretCode: second.SecretCode,
      state: 'pending',
    });
    // The first secret is still the one in use until the second is verified.
    expect((await get<SoftwareTokenSecret>(`api-calls/${firstCall.seq}/software-token`)).body).toMatchObject({ secretCode: first.SecretCode, state: 'verified' });

    await sandbox.cognito.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: codeOf(second.SecretCode!) }));
    const replaced = await get<{ error: string; message: string }>(`api-calls/${firstCall.seq}/software-token`);
    expect(replaced).toEqual({
      status: 404,
      body: {
        error: 'not_found',
        message: 'The secret that call answered is no longer the user’s: a later AssociateSoftwareToken replaced it, or AdminDeleteSoftwareToken removed it.',
      },
    });
    expect((await get<SoftwareTokenSecret>(`api-calls/${secondCall.seq}/software-token`)).body.state).toBe('verified');
  });

  it('answers 404 for no such event or another call, and 400 for a seq that is not a number', async () => {
    await sandbox.cognito.send(new InitiateAuthCommand({ ClientId: 'nope', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: {} })).catch(() => undefined);
    const other = newestCall('InitiateAuth');
    expect(await get(`api-calls/${other.seq}/software-token`)).toEqual({
      status: 404,
      body: { error: 'not_found', message: `Event ${other.seq} is not an AssociateSoftwareToken call that answered a SecretCode.` },
    });
    expect(await get('api-calls/987654321/software-token')).toEqual({ status: 404, body: { error: 'not_found', message: "No event 987654321 in the debugger's history." } });
    for (const seq of ['first', '-1', '0', '1e3', '99999999999999999999']) {
      const answer = await get<{ error: string }>(`api-calls/${seq}/software-token`);
      expect(answer.status, seq).toBe(400);
      expect(answer.body.error).toBe('bad_request');
    }
  });
});

describe('GET /_sandbox/api/pools/{poolId}/users/{username}/authenticators', () => {
  it('lists the software token by name and the passkeys, without their secrets or keys', async () => {
    const { poolId, clientId } = await totpPool('authenticators');
    await createAdminUser(sandbox.cognito, poolId, 'carol', { password: PASSWORD, attributes: { email: 'carol@example.com' } });
    expect(await get<UserAuthenticators>(`pools/${poolId}/users/carol/authenticators`)).toEqual({
      status: 200,
      body: { softwareToken: null, pendingSoftwareToken: null, passkeys: [] },
    });

    const started = await signIn(clientId, 'carol');
    const associated = await sandbox.cognito.send(new AssociateSoftwareTokenCommand({ Session: started.Session }));
    const pending = await get<UserAuthenticators>(`pools/${poolId}/users/carol/authenticators`);
    expect(pending.body.softwareToken).toBeNull();
    expect(pending.body.pendingSoftwareToken).toEqual({ associated: expect.any(Number) });

    const verified = await sandbox.cognito.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: codeOf(associated.SecretCode!), FriendlyDeviceName: 'Carol’s phone' }));
    const { AuthenticationResult } = await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'MFA_SETUP', Session: verified.Session, ChallengeResponses: { USERNAME: 'carol' } }),
    );
    const accessToken = AuthenticationResult!.AccessToken!;
    const { CredentialCreationOptions } = await sandbox.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
    const credential = new SoftwareAuthenticator().register(CredentialCreationOptions as unknown as CreationOptionsJson, ORIGIN);
    await sandbox.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: credential as never }));

    const sub = sandbox.app.store.users.findByKey(poolId, 'carol')!.sub;
    const stored = sandbox.app.store.webAuthnCredentials.listOf(poolId, sub, 10)[0]!;
    for (const name of ['carol', sub]) {
      const answer = await get<UserAuthenticators>(`pools/${poolId}/users/${encodeURIComponent(name)}/authenticators`);
      expect(answer.body).toEqual({
        softwareToken: { friendlyDeviceName: 'Carol’s phone', verified: expect.any(Number) },
        pendingSoftwareToken: null,
        passkeys: [
          {
            credentialId: credential.id,
            friendlyName: stored.friendlyName,
            relyingPartyId: stored.relyingPartyId,
            authenticatorAttachment: stored.authenticatorAttachment ?? null,
            transports: stored.transports,
            created: stored.created,
          },
        ],
      });
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain(associated.SecretCode!);
      expect(text).not.toContain(stored.publicKey);
    }
  });

  it('answers 404 for an unknown pool or user', async () => {
    const { poolId } = await totpPool('unknowns');
    expect(await get(`pools/us-east-1_nothere00/users/dave/authenticators`)).toEqual({ status: 404, body: { error: 'not_found', message: 'No user pool us-east-1_nothere00.' } });
    expect(await get(`pools/${poolId}/users/dave/authenticators`)).toEqual({ status: 404, body: { error: 'not_found', message: `No user dave in ${poolId}.` } });
  });
});

it('changes nothing when read', async () => {
  const { poolId, clientId } = await totpPool('read-only');
  await createAdminUser(sandbox.cognito, poolId, 'erin', { password: PASSWORD });
  const started = await signIn(clientId, 'erin');
  await sandbox.cognito.send(new AssociateSoftwareTokenCommand({ Session: started.Session }));
  const call = newestCall('AssociateSoftwareToken');
  const journalSeq = () => sandbox.app.store.db.read((tx) => tx.get<{ value: string }>("SELECT value FROM meta WHERE key = 'journal_seq'")!.value);
  sandbox.app.store.events.flush();
  const before = journalSeq();
  for (const path of [`api-calls/${call.seq}/software-token`, `api-calls/1/software-token`, `pools/${poolId}/users/erin/authenticators`, `pools/${poolId}/users/nobody/authenticators`]) {
    await (await fetch(`${sandbox.url}/_sandbox/api/${path}`)).text();
  }
  expect(journalSeq()).toBe(before);
});
