import {
  AdminDisableUserCommand,
  AdminGetUserCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowListItem, PersonHistory, PersonListItem } from '../../shared/debugger-api.js';
import { latestMessageTo, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const api = async <T>(path: string): Promise<{ status: number; body: T }> => {
  const response = await fetch(`${sandbox.url}/_sandbox/api${path}`);
  return { status: response.status, body: (await response.json()) as T };
};

const EMAIL = 'Ada.Person@example.com';
const PASSWORD = 'Correct-horse-1';

describe('a person in a pool with email as username', () => {
  let poolId: string;
  let sub: string;

  beforeAll(async () => {
    const { cognito } = sandbox;
    poolId = await createPool(cognito, { PoolName: 'people', UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
    const { clientId } = await createClient(cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const signedUp = await cognito.send(new SignUpCommand({ ClientId: clientId, Username: EMAIL, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: EMAIL }] }));
    sub = signedUp.UserSub!;
    const { code } = await latestMessageTo(sandbox.url, EMAIL);
    await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: EMAIL, ConfirmationCode: code }));
    const signIn = (password: string) =>
      cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: EMAIL, PASSWORD: password } }));
    await expect(signIn('Wrong-password-1')).rejects.toThrow('Incorrect username or password.');
    await expect(signIn('Wrong-password-2')).rejects.toThrow('Incorrect username or password.');
    await signIn(PASSWORD);
    await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: EMAIL }));
    await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: sub }));
    // Someone else's call names nobody of this person.
    await expect(cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'nobody@example.com' }))).rejects.toThrow();
  });

  it('labels every flow by the email, the UUID username secondary', async () => {
    const { body: flows } = await api<FlowListItem[]>('/flows');
    const mine = flows.filter((flow) => flow.poolId === poolId);
    expect(mine.length).toBeGreaterThanOrEqual(5);
    for (const flow of mine) expect(flow.person, `${flow.kind} ${flow.username}`).toMatchObject({ label: EMAIL, sub });
    expect(mine[0]!.person!.username).toMatch(/^[0-9a-f-]{36}$/);
    expect(mine[0]!.person!.identifiers).toEqual(expect.arrayContaining([EMAIL, sub]));
  });

  it('lists the person once, with every name flows were started under', async () => {
    const { body: people } = await api<PersonListItem[]>('/people');
    const mine = people.filter((person) => person.poolId === poolId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ label: EMAIL, sub });
  });

  it("answers the person's history in order: sign-up, confirm, two refusals, sign-in, reset, the admin call", async () => {
    const { status, body } = await api<PersonHistory>(`/people/${poolId}/${sub}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ label: EMAIL, sub, status: 'CONFIRMED', enabled: true });
    // The correct password forgave the two failures (auth/lockout.ts).
    expect(body.failedSignIns).toBeNull();

    const story = body.entries.map((entry) => {
      if (entry.kind === 'flow') return `${entry.flowKind} ${entry.outcome ?? 'running'}${entry.reason ? ` (${entry.reason})` : ''}`;
      if (entry.kind === 'message') return `${entry.channel} ${entry.purpose} to ${entry.destination}`;
      if (entry.kind === 'token') return `${entry.tokenUse} token`;
      return `${entry.operation} ${entry.status}`;
    });
    expect(story).toEqual([
      'sign-up success', // SignUp, then ConfirmSignUp resuming the same flow
      `EMAIL SignUp to ${EMAIL}`,
      'USER_PASSWORD_AUTH failure (wrong password)',
      'USER_PASSWORD_AUTH failure (wrong password)',
      'USER_PASSWORD_AUTH success',
      'id token',
      'access token',
      'refresh token',
      'forgot-password running',
      `EMAIL ForgotPassword to ${EMAIL}`,
      'AdminGetUser 200',
    ]);
    const times = body.entries.map((entry) => entry.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('counts failed sign-ins toward the lockout, and says until when it is locked', async () => {
    const { cognito } = sandbox;
    const clientId = (await api<FlowListItem[]>('/flows')).body.find((flow) => flow.poolId === poolId)!.clientId!;
    for (let i = 0; i < 5; i++) {
      await expect(
        cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: EMAIL.toUpperCase(), PASSWORD: 'nope-nope-1' } })),
      ).rejects.toThrow();
    }
    const { body } = await api<PersonHistory>(`/people/${poolId}/${sub}`);
    expect(body.failedSignIns).toMatchObject({ failures: 5, lockedOut: true });
    expect(body.failedSignIns!.lockedUntil).toBeGreaterThan(body.failedSignIns!.lastFailure);
    expect(body.entries.filter((entry) => entry.kind === 'flow' && entry.outcome === 'failure')).toHaveLength(7);
  });

  it('answers 404 for a sub the pool does not have, and for an unknown pool', async () => {
    expect((await api(`/people/${poolId}/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    expect((await api(`/people/us-east-1_nothere00/${sub}`))).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect((await api(`/people/${poolId}/%E0%A4%A`)).status).toBe(400);
  });
});
