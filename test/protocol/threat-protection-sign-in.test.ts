/**
 * Threat protection at sign-in, with the SDK and amazon-cognito-identity-js: the developer's risk
 * marks (`/_sandbox/api/risk`) rate the next sign-in, and the pool's risk configuration acts on
 * the level (no action, MFA if configured, MFA required, block), the IP lists, compromised
 * passwords, the notification email and its feedback, AUDIT mode recording without acting, the
 * auth events, `risk.assessed` and `log.delivered`.
 */
import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminListUserAuthEventsCommand,
  AdminUpdateAuthEventFeedbackCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetLogDeliveryConfigurationCommand,
  SetRiskConfigurationCommand,
  SetUserPoolMfaConfigCommand,
  UpdateAuthEventFeedbackCommand,
  type AccountTakeoverActionsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage, RiskMarkBody, RiskMarkItem } from '../../shared/debugger-api.js';
import type { EventData } from '../../shared/events.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createAdminUser, createClient, createPool, SMS_CONFIGURATION } from '../support/world.js';

const PASSWORD = 'Passw0rd!';
const SOURCE_ARN = 'arn:aws:ses:us-east-1:123456789012:identity/security@example.com';
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito-auth';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

interface World {
  poolId: string;
  clientId: string;
}

const ACTIONS: AccountTakeoverActionsType = {
  LowAction: { Notify: false, EventAction: 'NO_ACTION' },
  MediumAction: { Notify: true, EventAction: 'MFA_IF_CONFIGURED' },
  HighAction: { Notify: true, EventAction: 'BLOCK' },
};

/** A PLUS pool with threat protection in `mode`, SMS MFA optional, a client, and alice with an email address and a phone number. */
async function world(mode: 'AUDIT' | 'ENFORCED' = 'ENFORCED', actions: AccountTakeoverActionsType = ACTIONS, attributes: Record<string, string> = {}): Promise<World> {
  const poolId = await createPool(sandbox.cognito, {
    PoolName: 'risky',
    UserPoolTier: 'PLUS',
    UserPoolAddOns: { AdvancedSecurityMode: mode },
    SmsConfiguration: SMS_CONFIGURATION,
  });
  await sandbox.cognito.send(
    new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION } }),
  );
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(sandbox.cognito, poolId, 'alice', {
    password: PASSWORD,
    attributes: { email: 'alice@example.com', email_verified: 'true', phone_number: '+15555550123', ...attributes },
  });
  await sandbox.cognito.send(
    new SetRiskConfigurationCommand({
      UserPoolId: poolId,
      CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_IN'], Actions: { EventAction: 'BLOCK' } },
      AccountTakeoverRiskConfiguration: { NotifyConfiguration: { From: 'security@example.com', SourceArn: SOURCE_ARN }, Actions: actions },
    }),
  );
  return { poolId, clientId };
}

const signIn = ({ clientId }: World, password = PASSWORD) =>
  sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: password } }));

async function mark({ poolId }: World, body: RiskMarkBody): Promise<{ status: number; json: any }> {
  const response = await fetch(`${sandbox.url}/_sandbox/api/risk/${poolId}/marks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

const marks = async ({ poolId }: World) => (await (await fetch(`${sandbox.url}/_sandbox/api/risk/${poolId}/marks`)).json()) as RiskMarkItem[];
const outbox = async ({ poolId }: World) => (await (await fetch(`${sandbox.url}/_sandbox/api/outbox?pool=${poolId}`)).json()) as OutboxMessage[];
const authEvents = async ({ poolId }: World) => (await sandbox.cognito.send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: 'alice' }))).AuthEvents ?? [];

async function refusal(call: Promise<unknown>): Promise<{ name: string; message: string }> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name: string; message: string } | undefined;
  expect(error, 'the call was expected to be refused').toBeDefined();
  return { name: error!.name, message: error!.message };
}

function assessments(since: number): EventData<'risk.assessed'>[] {
  return sandbox.app.bus.since(since).flatMap((event) => (event.type === 'risk.assessed' ? [event.data] : []));
}

describe('the configured action for each risk level', () => {
  it('LOW: no action; the sign-in passes and its event is rated Low, AccountTakeover, Pass', async () => {
    const w = await world();
    expect((await mark(w, { kind: 'user', target: 'alice', level: 'LOW' })).status).toBe(200);
    const since = sandbox.app.bus.lastSeq();
    const { AuthenticationResult } = await signIn(w);
    expect(AuthenticationResult?.AccessToken).toBeDefined();
    const [event] = await authEvents(w);
    expect(event).toMatchObject({
      EventType: 'SignIn',
      EventResponse: 'Pass',
      EventRisk: { RiskDecision: 'AccountTakeover', RiskLevel: 'Low', CompromisedCredentialsDetected: false },
      ChallengeResponses: [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }],
      EventContextData: { IpAddress: '127.0.0.1' },
    });
    const [assessed] = assessments(since);
    expect(assessed).toMatchObject({ level: 'Low', decision: 'AccountTakeover', action: 'NO_ACTION', actionTaken: 'allowed', configuration: 'pool', notified: false });
    const steps = sandbox.app.bus.since(since).flatMap((e) => (e.type === 'flow.transitioned' ? [(e.data as { to: string }).to] : []));
    expect(steps).toEqual(['identifying.findingUser', 'password.verifyingPassword', 'password.checkingCompromisedPassword', 'assessingRisk', 'mfa.decidingMfa', 'tokens.issuingTokens', 'signedIn']);
    expect(await marks(w)).toEqual([]);
    // The mark was consumed: the next sign-in is not rated.
    await signIn(w);
    expect((await authEvents(w))[0]!.EventRisk).toEqual({ RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false });
  });

  it('MEDIUM: MFA if configured; alice, whose MFA is off, is asked for an SMS code to her phone, and is notified', async () => {
    const w = await world();
    await mark(w, { kind: 'ip', target: '127.0.0.1', level: 'MEDIUM' });
    const started = await signIn(w);
    expect(started.ChallengeName).toBe('SMS_MFA');
    const code = (await outbox(w)).find((m) => m.channel === 'SMS')!.code!;
    const { AuthenticationResult } = await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: w.clientId, ChallengeName: 'SMS_MFA', Session: started.Session!, ChallengeResponses: { USERNAME: 'alice', SMS_MFA_CODE: code } }),
    );
    expect(AuthenticationResult?.IdToken).toBeDefined();
    const [event] = await authEvents(w);
    expect(event).toMatchObject({ EventResponse: 'Pass', EventRisk: { RiskLevel: 'Medium' } });
    expect(event!.ChallengeResponses).toEqual([
      { ChallengeName: 'Password', ChallengeResponse: 'Success' },
      { ChallengeName: 'Mfa', ChallengeResponse: 'Success' },
    ]);
    const email = (await outbox(w)).find((m) => m.purpose === 'AdaptiveAuthentication')!;
    expect(email).toMatchObject({ channel: 'EMAIL', destination: 'alice@example.com', subject: 'New sign-in attempt' });
    expect(email.body).toContain('127.0.0.1');
  });

  it('MEDIUM with MFA_IF_CONFIGURED lets a user with no factor in without MFA', async () => {
    const w = await world('ENFORCED', ACTIONS, { phone_number: '' });
    await mark(w, { kind: 'user', target: 'alice', level: 'MEDIUM' });
    const since = sandbox.app.bus.lastSeq();
    expect((await signIn(w)).AuthenticationResult).toBeDefined();
    expect(assessments(since)[0]).toMatchObject({ action: 'MFA_IF_CONFIGURED', actionTaken: expect.stringContaining('no factor') });
  });

  it('MFA_REQUIRED blocks a user who has no factor, and challenges one who has', async () => {
    const required: AccountTakeoverActionsType = { ...ACTIONS, MediumAction: { Notify: false, EventAction: 'MFA_REQUIRED' } };
    const bare = await world('ENFORCED', required, { phone_number: '' });
    await mark(bare, { kind: 'user', target: 'alice', level: 'MEDIUM' });
    expect(await refusal(signIn(bare))).toEqual({ name: 'NotAuthorizedException', message: 'Unable to login because of security reasons.' });
    expect((await authEvents(bare))[0]).toMatchObject({ EventResponse: 'Fail', EventRisk: { RiskLevel: 'Medium' } });

    const phoned = await world('ENFORCED', required);
    await mark(phoned, { kind: 'user', target: 'alice', level: 'MEDIUM' });
    expect((await signIn(phoned)).ChallengeName).toBe('SMS_MFA');
  });

  it('HIGH: blocked with NotAuthorizedException, a Fail event, and the block email with its feedback token; feedback by both operations', async () => {
    const w = await world();
    await mark(w, { kind: 'user', target: 'alice', level: 'HIGH' });
    expect(await refusal(signIn(w))).toEqual({ name: 'NotAuthorizedException', message: 'Unable to login because of security reasons.' });
    const [event] = await authEvents(w);
    expect(event).toMatchObject({ EventResponse: 'Fail', EventRisk: { RiskDecision: 'AccountTakeover', RiskLevel: 'High' } });

    const email = (await outbox(w)).find((m) => m.purpose === 'AdaptiveAuthentication')!;
    expect(email.subject).toBe('Blocked sign-in attempt');
    const link = /(http:\/\/\S+value=Invalid)/.exec(email.body)![1]!;
    const token = new URL(link).searchParams.get('token')!;
    expect(new URL(link).searchParams.get('eventId')).toBe(event!.EventId);

    expect(
      await refusal(
        sandbox.cognito.send(new UpdateAuthEventFeedbackCommand({ UserPoolId: w.poolId, Username: 'alice', EventId: event!.EventId!, FeedbackToken: 'wrong-token', FeedbackValue: 'Valid' })),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException' });
    await sandbox.cognito.send(new UpdateAuthEventFeedbackCommand({ UserPoolId: w.poolId, Username: 'alice', EventId: event!.EventId!, FeedbackToken: token, FeedbackValue: 'Invalid' }));
    expect((await authEvents(w))[0]!.EventFeedback).toMatchObject({ FeedbackValue: 'Invalid', Provider: 'User', FeedbackDate: expect.any(Date) });

    await sandbox.cognito.send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: w.poolId, Username: 'alice', EventId: event!.EventId!, FeedbackValue: 'Valid' }));
    expect((await authEvents(w))[0]!.EventFeedback).toMatchObject({ FeedbackValue: 'Valid', Provider: 'Admin' });

    const clicked = await fetch(link);
    expect(clicked.status).toBe(200);
    expect((await authEvents(w))[0]!.EventFeedback).toMatchObject({ FeedbackValue: 'Invalid', Provider: 'User' });

    expect(
      await refusal(sandbox.cognito.send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: w.poolId, Username: 'alice', EventId: 'no-such-event', FeedbackValue: 'Valid' }))),
    ).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(
      await refusal(sandbox.cognito.send(new AdminListUserAuthEventsCommand({ UserPoolId: w.poolId, Username: 'nobody' }))),
    ).toMatchObject({ name: 'UserNotFoundException' });
  });
});

describe('IP address exceptions, compromised passwords, AUDIT', () => {
  it('BlockedIPRangeList blocks the request’s source address; SkippedIPRangeList skips the risk marks, which stay', async () => {
    const w = await world();
    await sandbox.cognito.send(new SetRiskConfigurationCommand({ UserPoolId: w.poolId, RiskExceptionConfiguration: { BlockedIPRangeList: ['127.0.0.0/8'] } }));
    expect(await refusal(signIn(w))).toMatchObject({ name: 'NotAuthorizedException' });
    expect((await authEvents(w))[0]!.EventRisk).toEqual({ RiskDecision: 'Block', CompromisedCredentialsDetected: false });

    await sandbox.cognito.send(
      new SetRiskConfigurationCommand({
        UserPoolId: w.poolId,
        AccountTakeoverRiskConfiguration: { Actions: { HighAction: { Notify: false, EventAction: 'BLOCK' } } },
        RiskExceptionConfiguration: { SkippedIPRangeList: ['127.0.0.1/32'] },
      }),
    );
    await mark(w, { kind: 'user', target: 'alice', level: 'HIGH' });
    expect((await signIn(w)).AuthenticationResult).toBeDefined();
    expect(await marks(w)).toHaveLength(1);
  });

  it('a compromised password blocks USER_PASSWORD_AUTH (the user must reset it); not where the filter leaves out SIGN_IN, nor in SRP, which sends none', async () => {
    const w = await world();
    expect((await mark(w, { kind: 'password', password: PASSWORD })).json).toMatchObject({ kind: 'password', target: 'P•••••••!' });
    expect(await refusal(signIn(w))).toEqual({ name: 'PasswordResetRequiredException', message: 'Password reset required for the user' });
    expect((await authEvents(w))[0]!.EventRisk).toEqual({ RiskDecision: 'Block', RiskLevel: 'High', CompromisedCredentialsDetected: true });
    const { UserStatus } = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username: 'alice' }));
    expect(UserStatus).toBe('RESET_REQUIRED');

    const other = await world();
    await mark(other, { kind: 'password', password: PASSWORD });
    await sandbox.cognito.send(new SetRiskConfigurationCommand({ UserPoolId: other.poolId, CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_UP'], Actions: { EventAction: 'BLOCK' } } }));
    expect(
      (
        await sandbox.cognito.send(
          new AdminInitiateAuthCommand({ UserPoolId: other.poolId, ClientId: other.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD } }),
        )
      ).AuthenticationResult,
    ).toBeDefined();
    expect((await authEvents(other))[0]!.EventRisk?.CompromisedCredentialsDetected).toBe(false);

    const srp = await world();
    await mark(srp, { kind: 'password', password: PASSWORD });
    const tokens = await new Promise<string>((resolve, reject) => {
      const user = new CognitoUser({ Username: 'alice', Pool: new CognitoUserPool({ UserPoolId: srp.poolId, ClientId: srp.clientId, endpoint: sandbox.url }) });
      user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PASSWORD }), {
        onSuccess: (session) => resolve(session.getAccessToken().getJwtToken()),
        onFailure: reject,
      });
    });
    expect(tokens).toBeTruthy();
  });

  it('AUDIT records the risk but acts on nothing: no block, no MFA, no email', async () => {
    const w = await world('AUDIT');
    await mark(w, { kind: 'user', target: 'alice', level: 'HIGH' });
    const since = sandbox.app.bus.lastSeq();
    expect((await signIn(w)).AuthenticationResult).toBeDefined();
    expect((await authEvents(w))[0]).toMatchObject({ EventResponse: 'Pass', EventRisk: { RiskDecision: 'AccountTakeover', RiskLevel: 'High' } });
    expect(assessments(since)[0]).toMatchObject({ mode: 'AUDIT', action: 'BLOCK', actionTaken: 'recorded only (AUDIT)', notified: false });
    expect((await outbox(w)).filter((m) => m.purpose === 'AdaptiveAuthentication')).toEqual([]);
  });

  it('delivers each auth event to the pool’s userAuthEvents log destination as log.delivered', async () => {
    const w = await world();
    await sandbox.cognito.send(
      new SetLogDeliveryConfigurationCommand({
        UserPoolId: w.poolId,
        LogConfigurations: [{ EventSource: 'userAuthEvents', LogLevel: 'INFO', CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP } }],
      }),
    );
    const since = sandbox.app.bus.lastSeq();
    await signIn(w);
    const delivered = sandbox.app.bus.since(since).flatMap((event) => (event.type === 'log.delivered' ? [event.data] : []));
    expect(delivered.at(-1)).toMatchObject({
      eventSource: 'userAuthEvents',
      destination: LOG_GROUP,
      record: { eventType: 'SignIn', eventResponse: 'Pass', userPoolId: w.poolId, username: 'alice', riskDecision: 'NoRisk', logLevel: 'INFO' },
    });
  });
});

describe('amazon-cognito-identity-js', () => {
  it('gets the MFA challenge because of risk, for a user whose MFA is off', async () => {
    const w = await world();
    await mark(w, { kind: 'user', target: 'alice', level: 'MEDIUM' });
    const challenge = await new Promise<string>((resolve, reject) => {
      const user = new CognitoUser({ Username: 'alice', Pool: new CognitoUserPool({ UserPoolId: w.poolId, ClientId: w.clientId, endpoint: sandbox.url }) });
      user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
      user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PASSWORD }), {
        onSuccess: () => reject(new Error('signed in without MFA')),
        onFailure: reject,
        mfaRequired: (challengeName) => resolve(challengeName),
      });
    });
    expect(challenge).toBe('SMS_MFA');
  });
});

describe('the risk marks API', () => {
  it('refuses bad marks and unknown pools, and removes a mark', async () => {
    const w = await world();
    expect((await mark(w, { kind: 'user', target: 'nobody', level: 'LOW' })).status).toBe(400);
    expect((await mark(w, { kind: 'ip', target: 'not-an-ip', level: 'LOW' })).status).toBe(400);
    expect((await mark(w, { kind: 'device', target: 'us-east-1_device', level: 'SEVERE' as 'LOW' })).status).toBe(400);
    expect((await mark(w, { kind: 'password' })).status).toBe(400);
    expect((await fetch(`${sandbox.url}/_sandbox/api/risk/us-east-1_missing/marks`)).status).toBe(404);
    const { json } = await mark(w, { kind: 'device', target: 'us-east-1_device', level: 'HIGH' });
    const removed = await fetch(`${sandbox.url}/_sandbox/api/risk/${w.poolId}/marks/${json.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(await marks(w)).toEqual([]);
    expect((await fetch(`${sandbox.url}/_sandbox/api/risk/${w.poolId}/marks/${json.id}`, { method: 'DELETE' })).status).toBe(404);
  });
});
