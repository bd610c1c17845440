/**
 * Threat protection beyond the sign-in's risk, with the AWS SDK: compromised credentials at
 * sign-up (SignUp) and password change (ChangePassword, ConfirmForgotPassword, the
 * NEW_PASSWORD_REQUIRED answer) blocked or let through as the EventFilter and action say; the
 * auth events of SignUp, ResendCode, ForgotPassword, PasswordChange and a sign-in refused for a
 * wrong password, listed by AdminListUserAuthEvents and delivered as `log.delivered`; a pool
 * without threat protection records nothing.
 */
import {
  AdminCreateUserCommand,
  AdminListUserAuthEventsCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SetLogDeliveryConfigurationCommand,
  SetRiskConfigurationCommand,
  SignUpCommand,
  type CompromisedCredentialsRiskConfigurationType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../shared/debugger-api.js';
import type { EventData } from '../../shared/events.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { sdkRefusal } from '../support/sdk-refusal.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!';
const LEAKED = 'Leaked123!';
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito-events';
const COMPROMISED = { name: 'InvalidPasswordException', message: 'The password given has been compromised. Choose another password.' };

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

interface World {
  poolId: string;
  clientId: string;
}

/** A pool (threat protection in `mode`, PLUS) verifying email, a client, the leaked password marked, and the compromised credentials configuration given. */
async function world(mode: 'OFF' | 'AUDIT' | 'ENFORCED', compromised?: CompromisedCredentialsRiskConfigurationType): Promise<World> {
  const poolId = await createPool(sandbox.cognito, {
    PoolName: 'events',
    UserPoolTier: 'PLUS',
    UserPoolAddOns: { AdvancedSecurityMode: mode },
    AutoVerifiedAttributes: ['email'],
  });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  if (mode !== 'OFF') {
    const marked = await fetch(`${sandbox.url}/_sandbox/api/risk/${poolId}/marks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'password', password: LEAKED }) });
    expect(marked.status).toBe(200);
    await sandbox.cognito.send(new SetRiskConfigurationCommand({ UserPoolId: poolId, ...(compromised && { CompromisedCredentialsRiskConfiguration: compromised }) }));
    await sandbox.cognito.send(
      new SetLogDeliveryConfigurationCommand({
        UserPoolId: poolId,
        LogConfigurations: [{ EventSource: 'userAuthEvents', LogLevel: 'INFO', CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP } }],
      }),
    );
  }
  return { poolId, clientId };
}

const BLOCK_ALL: CompromisedCredentialsRiskConfigurationType = { Actions: { EventAction: 'BLOCK' } };

const events = async ({ poolId }: World, username: string) => (await sandbox.cognito.send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: username }))).AuthEvents ?? [];
const signUp = ({ clientId }: World, username: string, password: string) =>
  sandbox.cognito.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: password, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
const signIn = ({ clientId }: World, username: string, password: string) =>
  sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }));

async function lastCode({ poolId }: World, purpose: string): Promise<string> {
  const messages = (await (await fetch(`${sandbox.url}/_sandbox/api/outbox?pool=${poolId}`)).json()) as OutboxMessage[];
  const message = messages.filter((m) => m.purpose === purpose).at(-1);
  expect(message?.code, `a ${purpose} code in the outbox`).toBeDefined();
  return message!.code!;
}

function published<T extends 'risk.assessed' | 'log.delivered'>(type: T, since: number): EventData<T>[] {
  return sandbox.app.bus.since(since).flatMap((event) => (event.type === type ? [event.data as EventData<T>] : []));
}

describe('compromised credentials at sign-up', () => {
  it('ENFORCED with BLOCK refuses SignUp with a compromised password (no user), in the flow that shows risk.assessed; a clean one signs up', async () => {
    const w = await world('ENFORCED', BLOCK_ALL);
    const since = sandbox.app.bus.lastSeq();
    expect(await sdkRefusal(signUp(w, 'bob', LEAKED))).toMatchObject(COMPROMISED);
    const [assessed] = published('risk.assessed', since);
    expect(assessed).toMatchObject({ eventType: 'SignUp', mode: 'ENFORCED', username: 'bob', level: 'High', decision: 'Block', compromisedCredentials: true, action: 'BLOCK', actionTaken: 'blocked' });
    const flowId = sandbox.app.bus.since(since).find((e) => e.type === 'risk.assessed')!.flowId;
    const flow = (await (await fetch(`${sandbox.url}/_sandbox/api/flows/${flowId}`)).json()) as { events: { type: string; data: { to?: string } }[] };
    expect(flow.events.filter((e) => e.type === 'flow.transitioned').map((e) => e.data.to)).toEqual(['checkingCompromisedPassword', 'refused']);
    expect(await sdkRefusal(events(w, 'bob'))).toMatchObject({ name: 'UserNotFoundException' });

    const { UserSub } = await signUp(w, 'bob', PASSWORD);
    const [event] = await events(w, 'bob');
    expect(event).toMatchObject({ EventType: 'SignUp', EventResponse: 'Pass', EventRisk: { RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false }, EventContextData: { IpAddress: '127.0.0.1' } });
    expect(UserSub).toBeDefined();
  });

  it('lets a compromised password through with NO_ACTION, in AUDIT, and where the EventFilter leaves SIGN_UP out, recording what it saw', async () => {
    const allow = await world('ENFORCED', { Actions: { EventAction: 'NO_ACTION' } });
    await signUp(allow, 'carol', LEAKED);
    expect((await events(allow, 'carol'))[0]).toMatchObject({ EventType: 'SignUp', EventResponse: 'Pass', EventRisk: { RiskDecision: 'NoRisk', RiskLevel: 'High', CompromisedCredentialsDetected: true } });

    const audit = await world('AUDIT', BLOCK_ALL);
    const since = sandbox.app.bus.lastSeq();
    await signUp(audit, 'carol', LEAKED);
    expect(published('risk.assessed', since)[0]).toMatchObject({ mode: 'AUDIT', compromisedCredentials: true, action: 'BLOCK', actionTaken: 'recorded only (AUDIT)' });

    const filtered = await world('ENFORCED', { EventFilter: ['SIGN_IN', 'PASSWORD_CHANGE'], Actions: { EventAction: 'BLOCK' } });
    await signUp(filtered, 'carol', LEAKED);
    expect((await events(filtered, 'carol'))[0]!.EventRisk).toEqual({ RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false });
  });

  it('records ResendConfirmationCode as ResendCode, delivered to the log', async () => {
    const w = await world('ENFORCED', BLOCK_ALL);
    await signUp(w, 'dave', PASSWORD);
    const since = sandbox.app.bus.lastSeq();
    await sandbox.cognito.send(new ResendConfirmationCodeCommand({ ClientId: w.clientId, Username: 'dave' }));
    expect((await events(w, 'dave')).map((e) => e.EventType)).toEqual(['ResendCode', 'SignUp']);
    expect(published('log.delivered', since).map((d) => d.record)).toEqual([expect.objectContaining({ eventType: 'ResendCode', eventResponse: 'Pass', username: 'dave', userPoolId: w.poolId })]);
  });
});

describe('compromised credentials at password change', () => {
  it('ChangePassword: a compromised proposal is refused (PasswordChange Fail, Block; the old password still works); a clean one passes', async () => {
    const w = await world('ENFORCED', BLOCK_ALL);
    await createAdminUser(sandbox.cognito, w.poolId, 'erin', { password: PASSWORD, attributes: { email: 'erin@example.com', email_verified: 'true' } });
    const { AuthenticationResult } = await signIn(w, 'erin', PASSWORD);
    const change = (proposed: string) => sandbox.cognito.send(new ChangePasswordCommand({ AccessToken: AuthenticationResult!.AccessToken!, PreviousPassword: PASSWORD, ProposedPassword: proposed }));
    expect(await sdkRefusal(change(LEAKED))).toMatchObject(COMPROMISED);
    expect((await events(w, 'erin'))[0]).toMatchObject({ EventType: 'PasswordChange', EventResponse: 'Fail', EventRisk: { RiskDecision: 'Block', RiskLevel: 'High', CompromisedCredentialsDetected: true } });
    expect((await signIn(w, 'erin', PASSWORD)).AuthenticationResult).toBeDefined();
    await change('Brand-new-1!');
    expect((await events(w, 'erin'))[0]).toMatchObject({ EventType: 'PasswordChange', EventResponse: 'Pass' });
    expect((await signIn(w, 'erin', 'Brand-new-1!')).AuthenticationResult).toBeDefined();
  });

  it('ForgotPassword then ConfirmForgotPassword: ForgotPassword recorded, a compromised password refused with the code kept, a clean one accepted', async () => {
    const w = await world('ENFORCED', { EventFilter: ['PASSWORD_CHANGE'], Actions: { EventAction: 'BLOCK' } });
    await createAdminUser(sandbox.cognito, w.poolId, 'fay', { password: PASSWORD, attributes: { email: 'fay@example.com', email_verified: 'true' } });
    await sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'fay' }));
    const code = await lastCode(w, 'ForgotPassword');
    const confirm = (password: string) => sandbox.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: w.clientId, Username: 'fay', ConfirmationCode: code, Password: password }));
    expect(await sdkRefusal(confirm(LEAKED))).toMatchObject(COMPROMISED);
    await confirm('Brand-new-1!');
    expect((await events(w, 'fay')).map((e) => [e.EventType, e.EventResponse])).toEqual([
      ['PasswordChange', 'Pass'],
      ['PasswordChange', 'Fail'],
      ['ForgotPassword', 'Pass'],
    ]);
  });

  it('NEW_PASSWORD_REQUIRED: a compromised new password is refused, a clean one signs in', async () => {
    const w = await world('ENFORCED', BLOCK_ALL);
    await sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: w.poolId, Username: 'gus', TemporaryPassword: 'Temp-pass-1!', MessageAction: 'SUPPRESS' }));
    const answer = async (password: string) => {
      const { Session } = await signIn(w, 'gus', 'Temp-pass-1!');
      return sandbox.cognito.send(
        new RespondToAuthChallengeCommand({ ClientId: w.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session, ChallengeResponses: { USERNAME: 'gus', NEW_PASSWORD: password } }),
      );
    };
    expect(await sdkRefusal(answer(LEAKED))).toMatchObject(COMPROMISED);
    expect((await answer('Brand-new-1!')).AuthenticationResult).toBeDefined();
    expect((await events(w, 'gus')).map((e) => [e.EventType, e.EventResponse])).toEqual([
      ['SignIn', 'Pass'],
      ['PasswordChange', 'Pass'],
      ['PasswordChange', 'Fail'],
    ]);
  });
});

describe('sign-in refused for a wrong password', () => {
  it('is a SignIn event with EventResponse Fail and the password challenge failed, delivered to the log, in its flow', async () => {
    const w = await world('ENFORCED', BLOCK_ALL);
    await createAdminUser(sandbox.cognito, w.poolId, 'hal', { password: PASSWORD });
    const since = sandbox.app.bus.lastSeq();
    expect(await sdkRefusal(signIn(w, 'hal', 'Wrong-pass-1!'))).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect((await events(w, 'hal'))[0]).toMatchObject({
      EventType: 'SignIn',
      EventResponse: 'Fail',
      EventRisk: { RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false },
      ChallengeResponses: [{ ChallengeName: 'Password', ChallengeResponse: 'Failure' }],
    });
    const steps = sandbox.app.bus.since(since).flatMap((e) => (e.type === 'flow.transitioned' ? [(e.data as { to: string }).to] : []));
    expect(steps).toEqual(['identifying.findingUser', 'password.verifyingPassword', 'recordingFailedSignIn', 'failed']);
    expect(published('log.delivered', since)[0]).toMatchObject({ destination: LOG_GROUP, record: { eventType: 'SignIn', eventResponse: 'Fail' } });
  });
});

describe('a pool without threat protection', () => {
  it('checks no password and records no event: SignUp and password changes with a marked password pass, and the flows skip its steps', async () => {
    const w = await world('OFF');
    const since = sandbox.app.bus.lastSeq();
    await signUp(w, 'ivy', LEAKED);
    expect(await sdkRefusal(signIn(w, 'ivy', 'Wrong-pass-1!'))).toMatchObject({ name: 'NotAuthorizedException' });
    expect(published('risk.assessed', since)).toEqual([]);
    expect(published('log.delivered', since)).toEqual([]);
    const steps = sandbox.app.bus.since(since).flatMap((e) => (e.type === 'flow.transitioned' ? [(e.data as { to: string }).to] : []));
    expect(steps).not.toContain('checkingCompromisedPassword');
    expect(steps).not.toContain('recordingFailedSignIn');
    expect(await sdkRefusal(events(w, 'ivy'))).toMatchObject({ name: 'UserPoolAddOnNotEnabledException' });
  });
});
