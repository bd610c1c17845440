/**
 * MFA answered badly, as a careless or hostile client would: codes of the wrong length or kind,
 * a Session answered for another user, reused, or after it expired, an expired code. Each gets
 * Cognito's error, and the user is left as they were.
 */
import {
  AdminGetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  type AdminGetUserCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../support/clock.js';
import { latestMessageTo, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool, SMS_CONFIGURATION } from '../support/world.js';

const PASSWORD = 'Passw0rd!';
const clock = testClock(Date.UTC(2026, 0, 5, 6, 7, 8));

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
});
afterAll(() => sandbox.close());

interface World {
  poolId: string;
  clientId: string;
}

/** SMS MFA required; alice and bob with phone numbers; the client's sessions last `sessionMinutes`. */
async function world(sessionMinutes = 3): Promise<World> {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'mfa-refusals', SmsConfiguration: SMS_CONFIGURATION });
  await sandbox.cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION } }));
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], AuthSessionValidity: sessionMinutes });
  await createAdminUser(sandbox.cognito, poolId, 'alice', { password: PASSWORD, attributes: { phone_number: '+15555550111' } });
  await createAdminUser(sandbox.cognito, poolId, 'bob', { password: PASSWORD, attributes: { phone_number: '+15555550222' } });
  return { poolId, clientId };
}

const signIn = ({ clientId }: World, USERNAME = 'alice') =>
  sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } }));

const answer = ({ clientId }: World, Session: string, SMS_MFA_CODE: string, USERNAME = 'alice') =>
  sandbox.cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SMS_MFA', Session, ChallengeResponses: { USERNAME, SMS_MFA_CODE } }));

/** What an administrator sees of alice, but the modification date. */
async function alice({ poolId }: World): Promise<Omit<AdminGetUserCommandOutput, 'UserLastModifiedDate' | '$metadata'>> {
  const { UserLastModifiedDate: _modified, $metadata: _metadata, ...user } = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
  return user;
}

describe('MFA codes answered badly', () => {
  it('refuses codes of the wrong length or kind as a mismatch, leaves alice as she was, and still takes the right code', async () => {
    const w = await world();
    // Four wrong codes per sign-in: the fifth would end the flow.
    for (const codes of [['1', '12345', '1234567', 'abcdef'], [' 123456', '１２３４５６', 'x'.repeat(10_000)]]) {
      const challenge = await signIn(w);
      const before = await alice(w);
      for (const code of codes) {
        await expect(answer(w, challenge.Session!, code)).rejects.toMatchObject({ name: 'CodeMismatchException', message: 'Invalid code or auth state for the user.' });
      }
      expect(await alice(w)).toEqual(before);
      const { code } = await latestMessageTo(sandbox.url, '+15555550111');
      expect((await answer(w, challenge.Session!, code)).AuthenticationResult?.AccessToken).toBeTruthy();
    }
  });

  it('refuses an expired code and ends the flow', async () => {
    const w = await world(15);
    const challenge = await signIn(w);
    const { code } = await latestMessageTo(sandbox.url, '+15555550111');
    clock.time += 3 * 60_000 + 1_000;
    await expect(answer(w, challenge.Session!, code)).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
    await expect(answer(w, challenge.Session!, code)).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });
});

describe('MFA Sessions answered badly', () => {
  it('refuses alice’s Session answered as bob, and leaves it to alice', async () => {
    const w = await world();
    const challenge = await signIn(w);
    await signIn(w, 'bob');
    const bobsCode = (await latestMessageTo(sandbox.url, '+15555550222')).code;
    await expect(answer(w, challenge.Session!, bobsCode, 'bob')).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
    const { code } = await latestMessageTo(sandbox.url, '+15555550111');
    expect((await answer(w, challenge.Session!, code)).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('refuses a Session answered again after its tokens, and one answered after it expired', async () => {
    const w = await world();
    const first = await signIn(w);
    const { code } = await latestMessageTo(sandbox.url, '+15555550111');
    await answer(w, first.Session!, code);
    await expect(answer(w, first.Session!, code)).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });

    const second = await signIn(w);
    const { code: secondCode } = await latestMessageTo(sandbox.url, '+15555550111');
    clock.time += 3 * 60_000 + 1_000;
    await expect(answer(w, second.Session!, secondCode)).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
  });

  it('refuses a Session that is not one, and one outside the model’s length', async () => {
    const w = await world();
    for (const Session of ['AYABeNotASessionTheSandboxIssued0000000000', 'x'.repeat(2048)]) {
      await expect(answer(w, Session, '123456')).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
    }
    for (const Session of ['short', 'x'.repeat(2049)]) {
      await expect(answer(w, Session, '123456')).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringMatching(/^1 validation error detected: Value .* at 'session' failed to satisfy constraint: Member must have length (greater|less) than or equal to/) });
    }
  });
});
