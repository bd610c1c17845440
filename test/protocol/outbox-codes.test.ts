import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../shared/debugger-api.js';
import { testClock } from '../support/clock.js';
import { eventsDuring } from '../support/events.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool, SMS_CONFIGURATION } from '../support/world.js';

const START = Date.UTC(2025, 4, 6, 7, 8, 9);
const HOUR = 60 * 60 * 1000;
const clock = testClock(START);
const PASSWORD = 'Passw0rd!1';

let sandbox: TestSandbox;
let poolId: string;
let clientId: string;
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
  poolId = await createPool(sandbox.cognito, { PoolName: 'outbox-codes', AutoVerifiedAttributes: ['email'] });
  ({ clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
});
afterAll(() => sandbox.close());

async function outbox(): Promise<OutboxEntry[]> {
  const response = await fetch(`${sandbox.url}/_sandbox/api/outbox?pool=${poolId}`);
  expect(response.status).toBe(200);
  return (await response.json()) as OutboxEntry[];
}

const toUser = (entries: OutboxEntry[], username: string) => entries.filter((entry) => entry.username === username);
const states = (entries: OutboxEntry[]) => entries.map((entry) => [entry.for, entry.codeState?.status]);

describe('the outbox says what each code is for and what became of it', () => {
  it('sign-up confirmation: waiting, replaced by a resend, used once confirmed', async () => {
    await sandbox.cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'ann', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'ann@example.com' }] }));
    const [sent] = toUser(await outbox(), 'ann');
    expect(sent).toMatchObject({ for: 'sign-up confirmation', codeState: { status: 'waiting', expires: START + 24 * HOUR } });
    expect(sent!.codeState!.message).toBe('Waiting to be answered; expires in 1440 min.');

    await sandbox.cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'ann' }));
    expect(states(toUser(await outbox(), 'ann'))).toEqual([
      ['sign-up confirmation', 'replaced'],
      ['sign-up confirmation (sent again)', 'waiting'],
    ]);

    const again = toUser(await outbox(), 'ann')[1]!;
    await expect(sandbox.cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ann', ConfirmationCode: sent!.code! }))).rejects.toThrow();
    expect(toUser(await outbox(), 'ann')[1]!.codeState!.status).toBe('waiting');
    await sandbox.cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ann', ConfirmationCode: again.code! }));
    expect(toUser(await outbox(), 'ann')[1]!.codeState).toEqual({ status: 'used', message: 'Used: the user is confirmed.' });
  });

  it('forgot password: expired after its hour, used once a new code is confirmed', async () => {
    await sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'ann' }));
    const reset = toUser(await outbox(), 'ann').at(-1)!;
    expect(reset).toMatchObject({ purpose: 'ForgotPassword', for: 'forgot password', codeState: { status: 'waiting', expires: START + HOUR } });
    clock.time = START + HOUR + 60_000;
    expect(toUser(await outbox(), 'ann').at(-1)!.codeState).toEqual({ status: 'expired', expires: START + HOUR, message: 'Expired 1 min ago: never answered.' });

    await sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'ann' }));
    const fresh = toUser(await outbox(), 'ann').at(-1)!;
    expect(toUser(await outbox(), 'ann').at(-2)!.codeState!.status).toBe('replaced');
    await sandbox.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'ann', ConfirmationCode: fresh.code!, Password: 'N3w-Passw0rd!' }));
    expect(toUser(await outbox(), 'ann').at(-1)!.codeState).toEqual({ status: 'used', message: 'Used: the password was reset with it.' });
  });

  it('an invitation: the temporary password waits until it expires, is used once the user chooses a password; a deleted user makes it unknown', async () => {
    clock.time = START;
    for (const Username of ['ben', 'cid']) {
      await sandbox.cognito.send(
        new AdminCreateUserCommand({ UserPoolId: poolId, Username, DesiredDeliveryMediums: ['EMAIL'], UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }] }),
      );
    }
    const ben = toUser(await outbox(), 'ben')[0]!;
    expect(ben).toMatchObject({ for: 'invitation: temporary password', codeState: { status: 'waiting', expires: START + 7 * 24 * HOUR } });

    const challenge = await sandbox.cognito.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ben', PASSWORD: ben.code! } }),
    );
    await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'ben', NEW_PASSWORD: 'Ben-Passw0rd!' },
      }),
    );
    expect(toUser(await outbox(), 'ben')[0]!.codeState!.status).toBe('used');

    await sandbox.cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'cid' }));
    expect(toUser(await outbox(), 'cid')[0]!.codeState).toEqual({ status: 'unknown', message: 'Its user no longer exists.' });
  });

  it("an SMS sign-in code: waiting until its Session expires, used once the sign-in succeeds, expired when never answered", async () => {
    clock.time = START;
    const mfaPool = await createPool(sandbox.cognito, { PoolName: 'outbox-mfa', SmsConfiguration: SMS_CONFIGURATION });
    await sandbox.cognito.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: mfaPool, MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code: {####}', SmsConfiguration: SMS_CONFIGURATION } }),
    );
    const app = await createClient(sandbox.cognito, mfaPool, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
    await createAdminUser(sandbox.cognito, mfaPool, 'dan', { password: PASSWORD, attributes: { phone_number: '+15555550123', phone_number_verified: 'true' } });
    const store = sandbox.app.store;
    store.users.save({ ...store.users.findByKey(mfaPool, 'dan')!, mfa: { enabled: ['SMS_MFA'], preferred: 'SMS_MFA' } });
    const signIn = () =>
      sandbox.cognito.send(new InitiateAuthCommand({ ClientId: app.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dan', PASSWORD } }));
    const codes = async () => (await fetch(`${sandbox.url}/_sandbox/api/outbox?pool=${mfaPool}`).then((r) => r.json())) as OutboxEntry[];

    const challenge = await signIn();
    expect(challenge.ChallengeName).toBe('SMS_MFA');
    const [sent] = await codes();
    expect(sent).toMatchObject({ for: 'sign-in code (MFA or one-time password)', codeState: { status: 'waiting', expires: START + 3 * 60_000 } });
    await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: app.clientId, ChallengeName: 'SMS_MFA', Session: challenge.Session, ChallengeResponses: { USERNAME: 'dan', SMS_MFA_CODE: sent!.code! } }),
    );
    expect((await codes())[0]!.codeState).toEqual({ status: 'used', message: 'Used: the sign-in went through.' });

    await signIn();
    expect((await codes())[1]!.codeState!.status).toBe('waiting');
    clock.time = START + 4 * 60_000;
    expect((await codes())[1]!.codeState).toMatchObject({ status: 'expired', expires: START + 3 * 60_000 });
  });

  it('DELETE empties the outbox and answers how many went; other origins are refused', async () => {
    const before = (await fetch(`${sandbox.url}/_sandbox/api/outbox?limit=1000`).then((r) => r.json())) as unknown[];
    expect(before.length).toBeGreaterThan(0);
    const foreign = await fetch(`${sandbox.url}/_sandbox/api/outbox`, { method: 'DELETE', headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(await fetch(`${sandbox.url}/_sandbox/api/outbox?limit=1000`).then((r) => r.json())).toHaveLength(before.length);

    let cleared!: Response;
    const events = await eventsDuring(sandbox.app, async () => (cleared = await fetch(`${sandbox.url}/_sandbox/api/outbox`, { method: 'DELETE' })));
    expect(cleared.status).toBe(200);
    expect(await cleared.json()).toEqual({ deleted: before.length });
    // Every window's outbox empties.
    expect(events.filter((e) => e.type === 'outbox.cleared').map((e) => e.data)).toEqual([{ deleted: before.length }]);
    expect(await fetch(`${sandbox.url}/_sandbox/api/outbox`).then((r) => r.json())).toEqual([]);
  });
});
