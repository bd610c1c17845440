/**
 * The sign-up side's Lambda triggers at the moment Cognito invokes them, with local handler
 * modules (the config file's lambdaHandlers, test/fixtures/triggers): PreSignUp_SignUp and
 * PreSignUp_AdminCreateUser, PostConfirmation_ConfirmSignUp (ConfirmSignUp, AdminConfirmSignUp,
 * an auto-confirmed SignUp) and PostConfirmation_ConfirmForgotPassword, UserMigration_ForgotPassword.
 * Each event is checked field by field, in Cognito's order, against the guide's parameter
 * listings; each answer is shown to change what happens; each failure gives Cognito's exception
 * and leaves no partial user. triggers-sign-up-invoke-api.test.ts runs the same triggers behind
 * the Lambda Invoke API.
 */
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  ListUsersCommand,
  SignUpCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
  type LambdaConfigType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoUserAttribute, CognitoUserPool, type ISignUpResult } from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { attrs } from '../support/attributes.js';
import { callback } from '../support/callback.js';
import { eventsDuring } from '../support/events.js';
import type { TestSandbox } from '../support/sandbox.js';
import { arn, expectExactly, fixture, invoked, returned, startSandboxWithHandlers } from '../support/triggers.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!';
const NEW_PASSWORD = 'N3w-Passw0rd!';
const SDK_VERSION = /^aws-sdk-js-3\.\d+\.\d+$/;
const NO_DECISION = { autoConfirmUser: false, autoVerifyPhone: false, autoVerifyEmail: false };

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startSandboxWithHandlers({
    'returns-event': fixture('returns-event.cjs'),
    'auto-confirm': fixture('auto-confirm.cjs'),
    'auto-confirm-verify-all': fixture('auto-confirm-verify-all.cjs'),
    'auto-verify-only': fixture('auto-verify-only.cjs'),
    'auto-verify-phone': fixture('auto-verify-phone.cjs'),
    throws: fixture('throws.cjs'),
    'migrate-user': fixture('migrate-user.cjs'),
  });
});

afterAll(() => sandbox?.close());

interface World {
  poolId: string;
  clientId: string;
}

let pools = 0;

async function world(LambdaConfig: LambdaConfigType, pool: Partial<CreateUserPoolCommandInput> = {}, client: Partial<CreateUserPoolClientCommandInput> = {}): Promise<World> {
  const poolId = await createPool(sandbox.cognito, { PoolName: `triggers-${++pools}`, AutoVerifiedAttributes: ['email'], LambdaConfig, ...pool });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ...client });
  return { poolId, clientId };
}

function signUp(w: World, Username: string, attributes: Record<string, string>, extra: { ValidationData?: Record<string, string>; ClientMetadata?: Record<string, string> } = {}) {
  return sandbox.cognito.send(
    new SignUpCommand({
      ClientId: w.clientId,
      Username,
      Password: PASSWORD,
      UserAttributes: attrs(attributes),
      ...(extra.ValidationData && { ValidationData: attrs(extra.ValidationData) }),
      ...(extra.ClientMetadata && { ClientMetadata: extra.ClientMetadata }),
    }),
  );
}

/** A CONFIRMED user with the given attributes, made by an administrator. */
const confirmedUser = (w: World, username: string, attributes: Record<string, string>) =>
  createAdminUser(sandbox.cognito, w.poolId, username, { password: PASSWORD, attributes });

const getUser = (w: World, Username: string) => sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username }));
const attributesOf = async (w: World, Username: string) => Object.fromEntries((await getUser(w, Username)).UserAttributes!.map((a) => [a.Name, a.Value]));
const usernames = async (w: World) => ((await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: w.poolId }))).Users ?? []).map((u) => u.Username);
const outbox = (w: World) => sandbox.app.store.outbox.list({ poolId: w.poolId, limit: 100 }).reverse();

/** The events published while `action` ran. */
const during = (action: () => Promise<unknown>) => eventsDuring(sandbox.app, action);

const sourcesOf = (list: SandboxEvent[]) => invoked(list).map((e) => e.data.triggerSource);

describe('PreSignUp_SignUp', () => {
  it("sends the guide's event before the user exists: the attributes signed up with, ValidationData, ClientMetadata", async () => {
    const w = await world({ PreSignUp: arn('returns-event') });
    let flowId: string | null = null;
    const seen = await during(async () => {
      const answer = await signUp(w, 'alice', { email: 'alice@example.com', name: 'Alice' }, { ValidationData: { captcha: 'ok' }, ClientMetadata: { source: 'web' } });
      expect(answer.UserConfirmed).toBe(false);
      expect(answer.CodeDeliveryDetails).toEqual({ Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    });
    const [event] = invoked(seen);
    flowId = event!.flowId;
    expect(event).toMatchObject({ poolId: w.poolId, data: { trigger: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', functionName: 'returns-event' } });
    const sdk = (event!.data.event as { callerContext: { awsSdkVersion: string } }).callerContext.awsSdkVersion;
    expect(sdk).toMatch(SDK_VERSION);
    expectExactly(event!.data.event, {
      version: '1',
      triggerSource: 'PreSignUp_SignUp',
      region: 'us-east-1',
      userPoolId: w.poolId,
      userName: 'alice',
      callerContext: { awsSdkVersion: sdk, clientId: w.clientId },
      request: { userAttributes: { email: 'alice@example.com', name: 'Alice' }, validationData: { captcha: 'ok' }, clientMetadata: { source: 'web' } },
      response: NO_DECISION,
    });
    expect(returned(seen)[0]!.data).toMatchObject({ trigger: 'PreSignUp', response: event!.data.event });
    expect(returned(seen)[0]!.data.logs!.at(-1)).toMatch(/\tINFO\tPreSignUp_SignUp alice$/);
    const transitions = seen.filter((e) => e.type === 'flow.transitioned' && e.flowId === flowId).map((e) => (e.data as { to: string }).to);
    expect(transitions).toEqual(['preSignUp', 'registering', 'awaitingCode']);
    expect(seen.find((e) => e.type === 'api.called')!.flowId).toBe(flowId);
    expect((await getUser(w, 'alice')).UserStatus).toBe('UNCONFIRMED');
  });

  it('sends validationData null and no clientMetadata when the call passed none', async () => {
    const w = await world({ PreSignUp: arn('returns-event') });
    const seen = await during(() => signUp(w, 'bruno', { email: 'bruno@example.com' }));
    expectExactly((invoked(seen)[0]!.data.event as { request: unknown }).request, { userAttributes: { email: 'bruno@example.com' }, validationData: null });
  });

  it('auto-confirms through amazon-cognito-identity-js: UserConfirmed, the email verified, no code sent, and PostConfirmation runs with SignUp\'s ClientMetadata', async () => {
    const w = await world({ PreSignUp: arn('auto-confirm'), PostConfirmation: arn('returns-event') }, { AliasAttributes: ['email'] });
    const pool = new CognitoUserPool({ UserPoolId: w.poolId, ClientId: w.clientId, endpoint: sandbox.url });
    const signedUp = callback<ISignUpResult>();
    const seen = await during(async () => {
      pool.signUp(
        'carol',
        PASSWORD,
        [new CognitoUserAttribute({ Name: 'email', Value: 'carol@example.com' })],
        [new CognitoUserAttribute({ Name: 'invite', Value: 'abc' })],
        signedUp.done,
        { origin: 'identity-js' },
      );
      const result = await signedUp.result;
      expect(result.userConfirmed).toBe(true);
      expect(result.codeDeliveryDetails).toBeUndefined();
    });
    expect(sourcesOf(seen)).toEqual(['PreSignUp_SignUp', 'PostConfirmation_ConfirmSignUp']);
    const [pre, post] = invoked(seen).map((e) => e.data.event as Record<string, any>);
    expect(pre!.callerContext).toEqual({ awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: w.clientId });
    expect(pre!.request).toEqual({ userAttributes: { email: 'carol@example.com' }, validationData: { invite: 'abc' }, clientMetadata: { origin: 'identity-js' } });
    const user = await getUser(w, 'carol');
    expect(user.UserStatus).toBe('CONFIRMED');
    expectExactly(post, {
      version: '1',
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      region: 'us-east-1',
      userPoolId: w.poolId,
      userName: 'carol',
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: w.clientId },
      request: {
        userAttributes: {
          sub: user.UserAttributes!.find((a) => a.Name === 'sub')!.Value,
          email: 'carol@example.com',
          email_verified: 'true',
          'cognito:user_status': 'CONFIRMED',
          'cognito:email_alias': 'carol@example.com',
        },
        clientMetadata: { origin: 'identity-js' },
      },
      response: {},
    });
    expect(outbox(w)).toEqual([]);
    const flowId = invoked(seen)[0]!.flowId;
    expect(invoked(seen)[1]!.flowId).toBe(flowId);
    expect(sandbox.app.store.flows.findById(flowId!)).toMatchObject({ state: 'confirmed', outcome: 'success' });
  });

  it('confirms without verifying when the function says only autoConfirmUser', async () => {
    const w = await world({ PreSignUp: arn('auto-confirm') });
    const answer = await signUp(w, 'dora', { phone_number: '+15555550100' });
    expect(answer.UserConfirmed).toBe(true);
    expect(await attributesOf(w, 'dora')).not.toHaveProperty('phone_number_verified');
    expect(outbox(w)).toEqual([]);
  });

  it('moves a verified email alias from the user who held it when the function auto-verifies it', async () => {
    const w = await world({ PreSignUp: arn('auto-confirm-verify-all') }, { AliasAttributes: ['email', 'phone_number'] });
    await sandbox.cognito.send(
      new AdminCreateUserCommand({ UserPoolId: w.poolId, Username: 'old-owner', MessageAction: 'SUPPRESS', UserAttributes: attrs({ email: 'shared@example.com', email_verified: 'true' }) }),
    );
    const answer = await signUp(w, 'new-owner', { email: 'shared@example.com', phone_number: '+15555550101' });
    expect(answer.UserConfirmed).toBe(true);
    expect(await attributesOf(w, 'new-owner')).toMatchObject({ email_verified: 'true', phone_number_verified: 'true' });
    expect(await attributesOf(w, 'old-owner')).toMatchObject({ email: 'shared@example.com', email_verified: 'false' });
  });

  it('refuses auto-verification without auto-confirmation, and creates no user', async () => {
    const w = await world({ PreSignUp: arn('auto-verify-only') });
    await expect(signUp(w, 'erin', { email: 'erin@example.com' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Phone or email cannot be auto verified, when user is not being auto confirmed.',
    });
    expect(await usernames(w)).toEqual([]);
    expect(outbox(w)).toEqual([]);
  });

  it('refuses to auto-verify a phone number the user does not have, and creates no user', async () => {
    const w = await world({ PreSignUp: arn('auto-verify-phone') });
    await expect(signUp(w, 'fred', { email: 'fred@example.com' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Phone number cannot be auto verified, as the user has no phone_number.',
    });
    expect(await usernames(w)).toEqual([]);
  });

  it('denies the sign-up when the function throws: UserLambdaValidationException, no user, no code, the flow ended as a failure', async () => {
    const w = await world({ PreSignUp: arn('throws') });
    const seen = await during(() =>
      expect(signUp(w, 'gus', { email: 'gus@example.com' })).rejects.toMatchObject({
        name: 'UserLambdaValidationException',
        message: 'PreSignUp failed with error Cannot register users with username less than the minimum length of 5.',
      }),
    );
    expect(await usernames(w)).toEqual([]);
    expect(outbox(w)).toEqual([]);
    expect(returned(seen)[0]!.data.error).toEqual({
      type: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Cannot register users with username less than the minimum length of 5.',
    });
    const ended = seen.find((e) => e.type === 'flow.ended')!;
    expect(ended.data).toEqual({ outcome: 'failure', reason: 'UserLambdaValidationException: PreSignUp failed with error Cannot register users with username less than the minimum length of 5.' });
    expect(seen.find((e) => e.type === 'api.called')!.flowId).toBe(ended.flowId);
  });

  it('names the function and how to map it when no handler answers to it, and creates no user', async () => {
    const w = await world({ PreSignUp: arn('nobody-home') });
    const failure = signUp(w, 'hank', { email: 'hank@example.com' });
    await expect(failure).rejects.toMatchObject({ name: 'UnexpectedLambdaException' });
    await expect(failure).rejects.toThrow(/'nobody-home'.*"lambdaHandlers": \{"nobody-home"/);
    expect(await usernames(w)).toEqual([]);
  });

  it('does not ask the function about a username that is taken', async () => {
    const w = await world({ PreSignUp: arn('returns-event') });
    await signUp(w, 'ivan', { email: 'ivan@example.com' });
    const seen = await during(() => expect(signUp(w, 'ivan', { email: 'ivan2@example.com' })).rejects.toMatchObject({ name: 'UsernameExistsException' }));
    expect(invoked(seen)).toEqual([]);
  });
});

describe('PreSignUp_AdminCreateUser', () => {
  it('sends the event with no app client, and ignores the answer (the user stays FORCE_CHANGE_PASSWORD, unverified)', async () => {
    const w = await world({ PreSignUp: arn('auto-confirm') });
    const seen = await during(() =>
      sandbox.cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: w.poolId,
          Username: 'jane',
          MessageAction: 'SUPPRESS',
          UserAttributes: attrs({ email: 'jane@example.com' }),
          ValidationData: attrs({ ticket: 'T-1' }),
          ClientMetadata: { by: 'admin' },
        }),
      ),
    );
    const [event] = invoked(seen);
    const sdk = (event!.data.event as { callerContext: { awsSdkVersion: string } }).callerContext.awsSdkVersion;
    expect(sdk).toMatch(SDK_VERSION);
    expectExactly(event!.data.event, {
      version: '1',
      triggerSource: 'PreSignUp_AdminCreateUser',
      region: 'us-east-1',
      userPoolId: w.poolId,
      userName: 'jane',
      callerContext: { awsSdkVersion: sdk, clientId: 'CLIENT_ID_NOT_APPLICABLE' },
      request: { userAttributes: { email: 'jane@example.com' }, validationData: { ticket: 'T-1' }, clientMetadata: { by: 'admin' } },
      response: NO_DECISION,
    });
    expect((returned(seen)[0]!.data.response as { response: unknown }).response).toEqual({ autoConfirmUser: true, autoVerifyPhone: false, autoVerifyEmail: true });
    const user = await getUser(w, 'jane');
    expect(user.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(user.UserAttributes!.find((a) => a.Name === 'email_verified')).toBeUndefined();
  });

  it('names the user by its sub in pools that sign in with email', async () => {
    const w = await world({ PreSignUp: arn('returns-event') }, { UsernameAttributes: ['email'] });
    const seen = await during(() =>
      sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: w.poolId, Username: 'kim@example.com', MessageAction: 'SUPPRESS' })),
    );
    const event = invoked(seen)[0]!.data.event as { userName: string; request: { userAttributes: unknown } };
    expect(event.userName).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.request.userAttributes).toEqual({ email: 'kim@example.com' });
  });

  it('creates no user and sends no invitation when the function throws', async () => {
    const w = await world({ PreSignUp: arn('throws') });
    await expect(
      sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: w.poolId, Username: 'lena', DesiredDeliveryMediums: ['EMAIL'], UserAttributes: attrs({ email: 'lena@example.com' }) })),
    ).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Cannot register users with username less than the minimum length of 5.',
    });
    expect(await usernames(w)).toEqual([]);
    expect(outbox(w)).toEqual([]);
  });
});

describe('PostConfirmation_ConfirmSignUp', () => {
  it('runs after ConfirmSignUp with the confirmed user\'s attributes and ConfirmSignUp\'s ClientMetadata, in the sign-up flow', async () => {
    const w = await world({ PostConfirmation: arn('returns-event') });
    await signUp(w, 'mona', { email: 'mona@example.com' }, { ClientMetadata: { step: 'sign-up' } });
    const [message] = outbox(w);
    const seen = await during(() =>
      sandbox.cognito.send(new ConfirmSignUpCommand({ ClientId: w.clientId, Username: 'mona', ConfirmationCode: message!.code!, ClientMetadata: { step: 'confirm' } })),
    );
    const [event] = invoked(seen);
    expect(event!.flowId).toBe(message!.flowId);
    const sdk = (event!.data.event as { callerContext: { awsSdkVersion: string } }).callerContext.awsSdkVersion;
    const sub = (await attributesOf(w, 'mona')).sub;
    expectExactly(event!.data.event, {
      version: '1',
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      region: 'us-east-1',
      userPoolId: w.poolId,
      userName: 'mona',
      callerContext: { awsSdkVersion: sdk, clientId: w.clientId },
      request: {
        userAttributes: { sub, email: 'mona@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
        clientMetadata: { step: 'confirm' },
      },
      response: {},
    });
    const transitions = seen.filter((e) => e.type === 'flow.transitioned').map((e) => (e.data as { to: string }).to);
    expect(transitions).toEqual(['confirming', 'postConfirmation', 'confirmed']);
  });

  it('reports the function\'s failure as the call\'s error, while the user stays confirmed', async () => {
    const w = await world({ PostConfirmation: arn('throws') });
    await signUp(w, 'nina', { email: 'nina@example.com' });
    const [message] = outbox(w);
    await expect(sandbox.cognito.send(new ConfirmSignUpCommand({ ClientId: w.clientId, Username: 'nina', ConfirmationCode: message!.code! }))).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'PostConfirmation failed with error Cannot register users with username less than the minimum length of 5.',
    });
    expect((await getUser(w, 'nina')).UserStatus).toBe('CONFIRMED');
    expect(sandbox.app.store.flows.findById(message!.flowId!)).toMatchObject({ outcome: 'failure', state: 'refused' });
  });

  it('runs after AdminConfirmSignUp, with no app client and its ClientMetadata', async () => {
    const w = await world({ PostConfirmation: arn('returns-event') }, { AutoVerifiedAttributes: [] });
    await signUp(w, 'olga', { email: 'olga@example.com' });
    const seen = await during(() => sandbox.cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: w.poolId, Username: 'olga', ClientMetadata: { by: 'admin' } })));
    const event = invoked(seen)[0]!.data.event as Record<string, any>;
    expect(event.triggerSource).toBe('PostConfirmation_ConfirmSignUp');
    expect(event.callerContext.clientId).toBe('CLIENT_ID_NOT_APPLICABLE');
    expect(event.request).toEqual({
      userAttributes: { sub: expect.any(String), email: 'olga@example.com', 'cognito:user_status': 'CONFIRMED' },
      clientMetadata: { by: 'admin' },
    });
  });
});

describe('PostConfirmation_ConfirmForgotPassword', () => {
  it('runs once the new password is set, with ConfirmForgotPassword\'s ClientMetadata, in the recovery flow', async () => {
    const w = await world({ PostConfirmation: arn('returns-event') });
    await confirmedUser(w, 'pia', { email: 'pia@example.com', email_verified: 'true' });
    await sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'pia' }));
    const message = outbox(w).at(-1)!;
    const seen = await during(() =>
      sandbox.cognito.send(
        new ConfirmForgotPasswordCommand({ ClientId: w.clientId, Username: 'pia', ConfirmationCode: message.code!, Password: NEW_PASSWORD, ClientMetadata: { step: 'reset' } }),
      ),
    );
    const [event] = invoked(seen);
    expect(event!.flowId).toBe(message.flowId);
    expect(event!.data.event).toMatchObject({
      triggerSource: 'PostConfirmation_ConfirmForgotPassword',
      userName: 'pia',
      callerContext: { clientId: w.clientId },
      request: { userAttributes: { email: 'pia@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' }, clientMetadata: { step: 'reset' } },
      response: {},
    });
    expect((await getUser(w, 'pia')).UserStatus).toBe('CONFIRMED');
    expect(JSON.stringify(seen)).not.toContain(NEW_PASSWORD);
  });
});

describe('UserMigration_ForgotPassword', () => {
  it('creates the user the function describes, RESET_REQUIRED, and sends it the reset code; the reset then signs it up for good', async () => {
    const w = await world({ UserMigration: arn('migrate-user') });
    let delivery: unknown;
    const seen = await during(async () => {
      delivery = (await sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'legacy-ann', ClientMetadata: { app: 'web' } }))).CodeDeliveryDetails;
    });
    expect(delivery).toEqual({ Destination: 'a***@l***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const [event] = invoked(seen);
    const sdk = (event!.data.event as { callerContext: { awsSdkVersion: string } }).callerContext.awsSdkVersion;
    expectExactly(event!.data.event, {
      version: '1',
      triggerSource: 'UserMigration_ForgotPassword',
      region: 'us-east-1',
      userPoolId: w.poolId,
      userName: 'legacy-ann',
      callerContext: { awsSdkVersion: sdk, clientId: w.clientId },
      request: { validationData: null, clientMetadata: { app: 'web' } },
      response: { userAttributes: null, forceAliasCreation: null, enableSMSMFA: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null },
    });
    expect(await usernames(w)).toEqual(['legacy-ann']);
    const user = await getUser(w, 'legacy-ann');
    expect(user.UserStatus).toBe('RESET_REQUIRED');
    expect(Object.fromEntries(user.UserAttributes!.map((a) => [a.Name, a.Value]))).toMatchObject({ email: 'ann@legacy.example', email_verified: 'true', name: 'Ann Legacy' });
    const [message] = outbox(w);
    expect(message).toMatchObject({ destination: 'ann@legacy.example', purpose: 'ForgotPassword', flowId: event!.flowId });
    const transitions = seen.filter((e) => e.type === 'flow.transitioned').map((e) => (e.data as { to: string }).to);
    expect(transitions).toEqual(['migratingUser', 'sendingCode', 'awaitingCode']);

    await sandbox.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: w.clientId, Username: 'legacy-ann', ConfirmationCode: message!.code!, Password: NEW_PASSWORD }));
    expect((await getUser(w, 'legacy-ann')).UserStatus).toBe('CONFIRMED');
  });

  it('answers a name the function does not know as Cognito does, and a hiding client with a plausible delivery', async () => {
    const w = await world({ UserMigration: arn('migrate-user') });
    await expect(sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'stranger' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: `Exception migrating user in app client ${w.clientId}`,
    });
    const hiding = await createClient(sandbox.cognito, w.poolId, { ClientName: 'hiding', PreventUserExistenceErrors: 'ENABLED' });
    const hidden = await sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: hiding.clientId, Username: 'stranger' }));
    expect(hidden.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    expect(await usernames(w)).toEqual([]);
    expect(outbox(w)).toEqual([]);
  });

  it('creates no user when the function throws', async () => {
    const w = await world({ UserMigration: arn('migrate-user') });
    await expect(sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'legacy-broken' }))).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'UserMigration failed with error Legacy directory unavailable.',
    });
    expect(await usernames(w)).toEqual([]);
  });

  it('refuses an alias the answer would take from another user (no user created), and moves it when forceAliasCreation says so', async () => {
    const w = await world({ UserMigration: arn('migrate-user') }, { AliasAttributes: ['phone_number'] });
    await sandbox.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: w.poolId,
        Username: 'phone-owner',
        MessageAction: 'SUPPRESS',
        UserAttributes: attrs({ phone_number: '+15555550199', phone_number_verified: 'true' }),
      }),
    );
    await expect(sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'legacy-phil' }))).rejects.toMatchObject({
      name: 'AliasExistsException',
      message: 'An account with the given phone_number already exists.',
    });
    expect(await usernames(w)).toEqual(['phone-owner']);

    await sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'legacy-phil', ClientMetadata: { force: 'true' } }));
    expect((await usernames(w)).sort()).toEqual(['legacy-phil', 'phone-owner']);
    expect(await attributesOf(w, 'legacy-phil')).toMatchObject({ phone_number: '+15555550199', phone_number_verified: 'true' });
    expect(await attributesOf(w, 'phone-owner')).toMatchObject({ phone_number: '+15555550199', phone_number_verified: 'false' });
  });

  it('names the user from the answer when the name given is an alias', async () => {
    const w = await world({ UserMigration: arn('migrate-user') }, { AliasAttributes: ['email'] });
    const seen = await during(() => sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'ann@legacy.example' })));
    expect((invoked(seen)[0]!.data.event as { userName: string }).userName).toBe('ann@legacy.example');
    expect(await usernames(w)).toEqual(['legacy-ann']);
    expect(await attributesOf(w, 'legacy-ann')).not.toHaveProperty('username');
    expect(outbox(w)[0]).toMatchObject({ destination: 'ann@legacy.example', username: 'legacy-ann' });
  });

  it('is not asked about a user who exists', async () => {
    const w = await world({ UserMigration: arn('migrate-user') });
    await confirmedUser(w, 'legacy-ann', { email: 'ann@here.example', email_verified: 'true' });
    const seen = await during(() => sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'legacy-ann' })));
    expect(invoked(seen)).toEqual([]);
    expect(outbox(w)[0]!.destination).toBe('ann@here.example');
  });
});
