/**
 * The triggers of every message Cognito sends, with local handler modules (the config file's
 * lambdaHandlers): CustomMessage for each source (_SignUp, _ResendCode, _ForgotPassword from
 * ForgotPassword and AdminResetUserPassword, _UpdateUserAttribute, _VerifyUserAttribute,
 * _AdminCreateUser, _Authentication for MFA codes), its answer in the outbox or, where Cognito would not use it, the pool's own
 * text; CustomEmailSender and CustomSMSSender taking delivery over with the code encrypted under
 * the local KMS stand-in; `message.sent` showing one-time codes and masking temporary passwords.
 * triggers-messages-invoke-api.test.ts runs them behind the Lambda Invoke API.
 */
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  UpdateUserPoolCommand,
  type CreateUserPoolCommandInput,
  type LambdaConfigType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { LocalKmsKeysRepository } from '../../src-main/store/repositories/local-kms-keys.js';
import type { OutboxMessage } from '../../shared/debugger-api.js';
import { decrypt } from '../../src-main/triggers/local-kms.js';
import { attrs } from '../support/attributes.js';
import { eventsDuring } from '../support/events.js';
import type { TestSandbox } from '../support/sandbox.js';
import { arn, expectExactly, fixture, invoked, returned, startSandboxWithHandlers } from '../support/triggers.js';
import { createAdminUser, createClient, createPool, SMS_CONFIGURATION } from '../support/world.js';

const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const PASSWORD = 'Passw0rd!';
const TEMPORARY_PASSWORD = 'Temp-Passw0rd!';
const SES = { EmailSendingAccount: 'DEVELOPER' as const, SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com' };
const NO_ANSWER = { smsMessage: null, emailMessage: null, emailSubject: null };

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startSandboxWithHandlers({
    'custom-message': fixture('custom-message.cjs'),
    'custom-sms-only': fixture('custom-sms-only.cjs'),
    'custom-message-no-code': fixture('custom-message-no-code.cjs'),
    'custom-message-link': fixture('custom-message-link.cjs'),
    'decrypt-code': fixture('decrypt-code.ts'),
    throws: fixture('throws.cjs'),
  });
});

afterAll(() => sandbox?.close());

interface World {
  poolId: string;
  clientId: string;
}

let pools = 0;

async function world(LambdaConfig: LambdaConfigType, pool: Partial<CreateUserPoolCommandInput> = {}): Promise<World> {
  const poolId = await createPool(sandbox.cognito, { PoolName: `messages-${++pools}`, AutoVerifiedAttributes: ['email'], EmailConfiguration: SES, LambdaConfig, ...pool });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  return { poolId, clientId };
}

const signUp = (w: World, Username: string, attributes: Record<string, string>, ClientMetadata?: Record<string, string>) =>
  sandbox.cognito.send(new SignUpCommand({ ClientId: w.clientId, Username, Password: PASSWORD, UserAttributes: attrs(attributes), ...(ClientMetadata && { ClientMetadata }) }));

/** A CONFIRMED user with a permanent password, made without sending anything. */
const confirmedUser = (w: World, username: string, attributes: Record<string, string>) =>
  createAdminUser(sandbox.cognito, w.poolId, username, { password: PASSWORD, attributes });

async function accessTokenOf(w: World, USERNAME: string): Promise<string> {
  const { AuthenticationResult } = await sandbox.cognito.send(
    new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } }),
  );
  return AuthenticationResult!.AccessToken!;
}

const outbox = (w: World): OutboxMessage[] => sandbox.app.store.outbox.list({ poolId: w.poolId, limit: 100 }).reverse();
const subOf = async (w: World, Username: string) =>
  (await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username }))).UserAttributes!.find((a) => a.Name === 'sub')!.Value;
const usernames = async (w: World) => ((await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: w.poolId }))).Users ?? []).map((u) => u.Username);

/** The events published while `action` ran. */
const during = (action: () => Promise<unknown>) => eventsDuring(sandbox.app, action);

type Sent = Extract<SandboxEvent, { type: 'message.sent' }>;
const sent = (list: SandboxEvent[]) => list.filter((e): e is Sent => e.type === 'message.sent');

const sdkOf = (event: unknown) => (event as { callerContext: { awsSdkVersion: string } }).callerContext.awsSdkVersion;

describe('CustomMessage_SignUp', () => {
  it("sends the guide's event and puts the answer in the outbox, the code in place of {####}", async () => {
    const w = await world({ CustomMessage: arn('custom-message') });
    const seen = await during(() => signUp(w, 'alice', { email: 'alice@example.com' }, { lang: 'en' }));
    const [message] = outbox(w);
    const [event] = invoked(seen);
    expect(event!.flowId).toBe(message!.flowId);
    expect(sdkOf(event!.data.event)).toMatch(/^aws-sdk-js-3\./);
    const sub = await subOf(w, 'alice');
    expectExactly(event!.data.event, {
      version: '1',
      triggerSource: 'CustomMessage_SignUp',
      region: 'us-east-1',
      userPoolId: w.poolId,
      userName: 'alice',
      callerContext: { awsSdkVersion: sdkOf(event!.data.event), clientId: w.clientId },
      request: {
        userAttributes: { sub, email: 'alice@example.com', 'cognito:user_status': 'UNCONFIRMED' },
        codeParameter: '{####}',
        linkParameter: '{##Click Here##}',
        usernameParameter: null,
        clientMetadata: { lang: 'en' },
      },
      response: NO_ANSWER,
    });
    expect(message).toMatchObject({
      channel: 'EMAIL',
      destination: 'alice@example.com',
      purpose: 'SignUp',
      subject: 'CustomMessage_SignUp for alice',
      body: `<p>CustomMessage_SignUp: ${message!.code} is your code</p>`,
    });
    expect(sent(seen)[0]!.data).toEqual({
      id: message!.id,
      channel: 'EMAIL',
      to: 'alice@example.com',
      purpose: 'SignUp',
      subject: 'CustomMessage_SignUp for alice',
      body: `<p>CustomMessage_SignUp: ${message!.code} is your code</p>`,
      code: message!.code,
      customMessage: { triggerSource: 'CustomMessage_SignUp', functionName: 'custom-message', used: ['emailSubject', 'emailMessage'], fallbacks: [] },
    });
    await sandbox.cognito.send(new ConfirmSignUpCommand({ ClientId: w.clientId, Username: 'alice', ConfirmationCode: message!.code! }));
  });

  it('customizes an SMS in a pool that sends email through Cognito', async () => {
    const w = await world({ CustomMessage: arn('custom-sms-only') }, { AutoVerifiedAttributes: ['phone_number'], EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' } });
    await signUp(w, 'bob', { phone_number: '+15555550123' });
    const [message] = outbox(w);
    expect(message).toMatchObject({ channel: 'SMS', destination: '+15555550123', subject: null, body: `Hi bob, use ${message!.code}` });
  });

  it('refuses an email text from a pool that does not send through SES: InvalidLambdaResponseException, no user, nothing sent', async () => {
    const w = await world({ CustomMessage: arn('custom-message') }, { EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' } });
    await expect(signUp(w, 'carl', { email: 'carl@example.com' })).rejects.toMatchObject({
      name: 'InvalidLambdaResponseException',
      message: 'Invalid lambda response: emailMessage and emailSubject can be used only when the user pool EmailSendingAccount is DEVELOPER.',
    });
    expect(await usernames(w)).toEqual([]);
    expect(outbox(w)).toEqual([]);
  });

  it("sends the pool's own text when the answer lacks the code placeholder, and says why", async () => {
    const w = await world({ CustomMessage: arn('custom-message-no-code') });
    const seen = await during(() => signUp(w, 'dina', { email: 'dina@example.com' }));
    const [message] = outbox(w);
    expect(message).toMatchObject({ subject: 'A subject of our own', body: `Your verification code is ${message!.code}. ` });
    expect(sent(seen)[0]!.data.customMessage).toEqual({
      triggerSource: 'CustomMessage_SignUp',
      functionName: 'custom-message-no-code',
      used: ['emailSubject'],
      fallbacks: ['emailMessage does not contain {####}'],
    });
  });

  it('fails the sign-up when the function throws, creating no user', async () => {
    const w = await world({ CustomMessage: arn('throws') });
    await expect(signUp(w, 'emil', { email: 'emil@example.com' })).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'CustomMessage failed with error Cannot register users with username less than the minimum length of 5.',
    });
    expect(await usernames(w)).toEqual([]);
    expect(outbox(w)).toEqual([]);
  });

  it('renders the link placeholder as the confirmation link in pools that confirm by link', async () => {
    const byLink = { VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_LINK' as const } };
    const w = await world({ CustomMessage: arn('custom-message-link') }, byLink);
    await signUp(w, 'fay', { email: 'fay@example.com' });
    const [message] = outbox(w);
    const link = `${sandbox.url}/confirmUser?client_id=${w.clientId}&user_name=fay&confirmation_code=${message!.code}`;
    expect(message).toMatchObject({ subject: 'Confirm your account', body: `Welcome fay! <a href="${link}">Click Here</a>` });

    // An email without the link placeholder is not used: Cognito sends its own link email.
    const other = await world({ CustomMessage: arn('custom-message') }, byLink);
    await signUp(other, 'finn', { email: 'finn@example.com' });
    expect(outbox(other)[0]!.body).toMatch(/^Please click the link below to verify your email address\. <a href="http:\/\/127\.0\.0\.1:\d+\/confirmUser\?client_id=/);
  });
});

describe('CustomMessage for every other message', () => {
  it('_ResendCode: a failing function leaves the previous code in force', async () => {
    const w = await world({});
    await signUp(w, 'gail', { email: 'gail@example.com' });
    const [first] = outbox(w);
    await sandbox.cognito.send(
      new UpdateUserPoolCommand({ UserPoolId: w.poolId, AutoVerifiedAttributes: ['email'], EmailConfiguration: SES, LambdaConfig: { CustomMessage: arn('throws') } }),
    );
    await expect(sandbox.cognito.send(new ResendConfirmationCodeCommand({ ClientId: w.clientId, Username: 'gail' }))).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
    });
    expect(outbox(w)).toHaveLength(1);
    await sandbox.cognito.send(new ConfirmSignUpCommand({ ClientId: w.clientId, Username: 'gail', ConfirmationCode: first!.code! }));
  });

  it.each([
    {
      source: 'CustomMessage_ResendCode',
      purpose: 'ResendConfirmationCode',
      run: async (w: World) => {
        await signUp(w, 'hugo', { email: 'hugo@example.com' });
        return sandbox.cognito.send(new ResendConfirmationCodeCommand({ ClientId: w.clientId, Username: 'hugo', ClientMetadata: { from: 'resend' } }));
      },
      clientMetadata: { from: 'resend' },
      clientId: true,
    },
    {
      source: 'CustomMessage_ForgotPassword',
      purpose: 'ForgotPassword',
      run: async (w: World) => {
        await confirmedUser(w, 'hugo', { email: 'hugo@example.com', email_verified: 'true' });
        return sandbox.cognito.send(new ForgotPasswordCommand({ ClientId: w.clientId, Username: 'hugo', ClientMetadata: { from: 'forgot' } }));
      },
      clientMetadata: { from: 'forgot' },
      clientId: true,
    },
    {
      source: 'CustomMessage_ForgotPassword',
      purpose: 'AdminResetUserPassword',
      run: async (w: World) => {
        await confirmedUser(w, 'hugo', { email: 'hugo@example.com', email_verified: 'true' });
        return sandbox.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: w.poolId, Username: 'hugo', ClientMetadata: { from: 'admin-reset' } }));
      },
      clientMetadata: { from: 'admin-reset' },
      clientId: false,
    },
    {
      source: 'CustomMessage_UpdateUserAttribute',
      purpose: 'UpdateUserAttributes',
      run: async (w: World) => {
        await confirmedUser(w, 'hugo', { email: 'old.hugo@example.com', email_verified: 'true' });
        const AccessToken = await accessTokenOf(w, 'hugo');
        return sandbox.cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: attrs({ email: 'hugo@example.com' }), ClientMetadata: { from: 'update' } }));
      },
      clientMetadata: { from: 'update' },
      clientId: true,
    },
    {
      source: 'CustomMessage_VerifyUserAttribute',
      purpose: 'GetUserAttributeVerificationCode',
      run: async (w: World) => {
        await confirmedUser(w, 'hugo', { email: 'hugo@example.com' });
        const AccessToken = await accessTokenOf(w, 'hugo');
        return sandbox.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email', ClientMetadata: { from: 'verify' } }));
      },
      clientMetadata: { from: 'verify' },
      clientId: true,
    },
  ])('$source from $purpose: the event, and the answer in the outbox', async ({ source, purpose, run, clientMetadata, clientId }) => {
    const w = await world({ CustomMessage: arn('custom-message') });
    const seen = await during(() => run(w));
    const event = invoked(seen).at(-1)!.data.event as Record<string, any>;
    expect(event).toMatchObject({
      triggerSource: source,
      userName: 'hugo',
      callerContext: { clientId: clientId ? w.clientId : 'CLIENT_ID_NOT_APPLICABLE' },
      request: { codeParameter: '{####}', usernameParameter: null, clientMetadata },
      response: NO_ANSWER,
    });
    expect(event.request.userAttributes).toMatchObject({ sub: expect.any(String), 'cognito:user_status': expect.any(String) });
    const message = outbox(w).at(-1)!;
    expect(message).toMatchObject({ destination: 'hugo@example.com', purpose, subject: `${source} for hugo`, body: `<p>${source}: ${message.code} is your code</p>` });
    expect(sent(seen).at(-1)!.data).toMatchObject({ code: message.code, customMessage: { triggerSource: source, used: ['emailSubject', 'emailMessage'] } });
  });

  it('_AdminCreateUser: the username and temporary password placeholders, the password masked in message.sent, no ClientMetadata', async () => {
    const w = await world({ CustomMessage: arn('custom-message') });
    const seen = await during(() =>
      sandbox.cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: w.poolId,
          Username: 'ivy',
          TemporaryPassword: TEMPORARY_PASSWORD,
          DesiredDeliveryMediums: ['EMAIL', 'SMS'],
          UserAttributes: attrs({ email: 'ivy@example.com', phone_number: '+15555550124' }),
          ClientMetadata: { for: 'pre sign-up only' },
        }),
      ),
    );
    const event = invoked(seen)[0]!.data.event as Record<string, any>;
    expect(event).toMatchObject({ triggerSource: 'CustomMessage_AdminCreateUser', callerContext: { clientId: 'CLIENT_ID_NOT_APPLICABLE' } });
    expectExactly(Object.keys(event.request), ['userAttributes', 'codeParameter', 'linkParameter', 'usernameParameter']);
    expect(event.request.usernameParameter).toBe('{username}');
    expect(event.request.userAttributes).toMatchObject({ email: 'ivy@example.com', 'cognito:user_status': 'FORCE_CHANGE_PASSWORD' });
    const welcome = `Welcome to the service. Your user name is ivy Your temporary password is ${TEMPORARY_PASSWORD}`;
    expect(outbox(w).map((m) => [m.channel, m.subject, m.body, m.code])).toEqual([
      ['EMAIL', 'Welcome to the service', welcome, TEMPORARY_PASSWORD],
      ['SMS', null, welcome, TEMPORARY_PASSWORD],
    ]);
    expect(sent(seen).map((e) => [e.data.body, e.data.code])).toEqual([
      ['Welcome to the service. Your user name is ivy Your temporary password is ***', '***'],
      ['Welcome to the service. Your user name is ivy Your temporary password is ***', '***'],
    ]);
    expect(JSON.stringify(seen)).not.toContain(TEMPORARY_PASSWORD);
  });
});

describe('a failing CustomMessage creates nothing', () => {
  it('AdminCreateUser: no user, no invitation', async () => {
    const w = await world({ CustomMessage: arn('throws') });
    await expect(
      sandbox.cognito.send(new AdminCreateUserCommand({ UserPoolId: w.poolId, Username: 'mia', DesiredDeliveryMediums: ['EMAIL'], UserAttributes: attrs({ email: 'mia@example.com' }) })),
    ).rejects.toMatchObject({ name: 'UserLambdaValidationException', message: 'CustomMessage failed with error Cannot register users with username less than the minimum length of 5.' });
    expect(await usernames(w)).toEqual([]);
    expect(outbox(w)).toEqual([]);
  });

  it('UpdateUserAttributes: the attributes stay as they were', async () => {
    const w = await world({ CustomMessage: arn('throws') });
    await confirmedUser(w, 'noah', { email: 'noah@example.com', email_verified: 'true' });
    const AccessToken = await accessTokenOf(w, 'noah');
    await expect(sandbox.cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: attrs({ email: 'new.noah@example.com' }) }))).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
    });
    const user = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username: 'noah' }));
    expect(Object.fromEntries(user.UserAttributes!.map((a) => [a.Name, a.Value]))).toMatchObject({ email: 'noah@example.com', email_verified: 'true' });
    expect(outbox(w)).toEqual([]);
  });
});

describe('custom senders', () => {
  it('CustomEmailSender_SignUp: delivery handed to the function with the code encrypted; the outbox records it, message.sent shows both; no CustomMessage', async () => {
    const w = await world({
      CustomMessage: arn('custom-message'),
      CustomEmailSender: { LambdaVersion: 'V1_0', LambdaArn: arn('decrypt-code') },
      KMSKeyID: KMS_KEY,
    });
    const seen = await during(() => signUp(w, 'jack', { email: 'jack@example.com' }, { app: 'web' }));
    const [message] = outbox(w);
    expect(message).toMatchObject({
      channel: 'EMAIL',
      destination: 'jack@example.com',
      purpose: 'SignUp',
      subject: null,
      body: 'Delivery handed to the CustomEmailSender function decrypt-code (CustomEmailSender_SignUp): Cognito sends no message itself.',
    });
    expect(message!.code).toMatch(/^\d{6}$/);
    expect(invoked(seen).map((e) => e.data.trigger)).toEqual(['CustomEmailSender']);
    const event = invoked(seen)[0]!.data.event as Record<string, any>;
    const sub = await subOf(w, 'jack');
    expectExactly(event, {
      version: '1',
      triggerSource: 'CustomEmailSender_SignUp',
      region: 'us-east-1',
      userPoolId: w.poolId,
      userName: 'jack',
      callerContext: { awsSdkVersion: sdkOf(event), clientId: w.clientId },
      request: {
        type: 'customEmailSenderRequestV1',
        code: event.request.code,
        clientMetadata: { app: 'web' },
        userAttributes: { sub, email: 'jack@example.com', 'cognito:user_status': 'UNCONFIRMED' },
      },
    });
    const handed = sent(seen)[0]!.data;
    expect(handed).toMatchObject({ code: message!.code, handedTo: { trigger: 'CustomEmailSender', triggerSource: 'CustomEmailSender_SignUp', functionName: 'decrypt-code', encryptedCode: event.request.code } });
    expect(returned(seen)[0]!.data.logs!.at(-1)).toMatch(new RegExp(`\\tINFO\\tcode ${message!.code} for ${w.poolId}$`));
    const key = new LocalKmsKeysRepository(sandbox.app.store.db).find(KMS_KEY)!;
    const { plaintext, messageHeader } = await decrypt(event.request.code, { key: key.material });
    expect(plaintext.toString()).toBe(message!.code);
    expect(messageHeader).toEqual({ keyId: KMS_KEY, encryptionContext: { 'userpool-id': w.poolId } });
    await sandbox.cognito.send(new ConfirmSignUpCommand({ ClientId: w.clientId, Username: 'jack', ConfirmationCode: message!.code! }));
  });

  it('CustomSMSSender_AdminCreateUser: the temporary password encrypted, masked in message.sent; email still sent by Cognito', async () => {
    const w = await world({ CustomSMSSender: { LambdaVersion: 'V1_0', LambdaArn: arn('decrypt-code') }, KMSKeyID: KMS_KEY });
    const seen = await during(() =>
      sandbox.cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: w.poolId,
          Username: 'kate',
          TemporaryPassword: TEMPORARY_PASSWORD,
          DesiredDeliveryMediums: ['EMAIL', 'SMS'],
          UserAttributes: attrs({ email: 'kate@example.com', phone_number: '+15555550125' }),
        }),
      ),
    );
    expect(outbox(w).map((m) => [m.channel, m.body])).toEqual([
      ['EMAIL', `Your username is kate and temporary password is ${TEMPORARY_PASSWORD}. `],
      ['SMS', 'Delivery handed to the CustomSMSSender function decrypt-code (CustomSMSSender_AdminCreateUser): Cognito sends no message itself.'],
    ]);
    const event = invoked(seen)[0]!.data.event as Record<string, any>;
    expect(event).toMatchObject({ triggerSource: 'CustomSMSSender_AdminCreateUser', callerContext: { clientId: 'CLIENT_ID_NOT_APPLICABLE' }, request: { type: 'customSMSSenderRequestV1' } });
    const key = new LocalKmsKeysRepository(sandbox.app.store.db).find(KMS_KEY)!;
    expect((await decrypt(event.request.code, { key: key.material })).plaintext.toString()).toBe(TEMPORARY_PASSWORD);
    expect(sent(seen).map((e) => e.data.code)).toEqual(['***', '***']);
    expect(sent(seen)[1]!.data.handedTo).toMatchObject({ trigger: 'CustomSMSSender', encryptedCode: event.request.code });
  });

  it("never fails the call: a throwing sender's error is published, the user is created", async () => {
    const w = await world({ CustomEmailSender: { LambdaVersion: 'V1_0', LambdaArn: arn('throws') }, KMSKeyID: KMS_KEY });
    const seen = await during(() => signUp(w, 'liam', { email: 'liam@example.com' }));
    expect(await usernames(w)).toEqual(['liam']);
    expect(returned(seen)[0]!.data.error).toEqual({
      type: 'UserLambdaValidationException',
      message: 'CustomEmailSender failed with error Cannot register users with username less than the minimum length of 5.',
    });
  });
});

describe('MFA codes at sign-in (_Authentication)', () => {
  /** A pool requiring SMS or email MFA, with `LambdaConfig`, and mia with that factor. */
  async function mfaWorld(LambdaConfig: LambdaConfigType, factor: 'SMS_MFA' | 'EMAIL_OTP'): Promise<World> {
    const w = await world(LambdaConfig, { SmsConfiguration: SMS_CONFIGURATION, SmsAuthenticationMessage: 'Your sign-in code is {####}' });
    await sandbox.cognito.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: w.poolId,
        MfaConfiguration: 'ON',
        ...(factor === 'SMS_MFA' ? { SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION } } : { EmailMfaConfiguration: { Subject: 'Sign-in code', Message: 'Use {####}' } }),
      }),
    );
    await confirmedUser(w, 'mia', { email: 'mia@example.com', email_verified: 'true', phone_number: '+15555550150' });
    const user = sandbox.app.store.users.findByKey(w.poolId, 'mia')!;
    sandbox.app.store.users.save({ ...user, mfa: { enabled: [factor], preferred: factor } });
    return w;
  }

  const initiate = (w: World) =>
    sandbox.cognito.send(new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'mia', PASSWORD }, ClientMetadata: { app: 'web' } }));

  it("CustomMessage_Authentication: the function's SMS in the outbox, and its code signs mia in", async () => {
    const w = await mfaWorld({ CustomMessage: arn('custom-message') }, 'SMS_MFA');
    let challenge!: Awaited<ReturnType<typeof initiate>>;
    const seen = await during(async () => void (challenge = await initiate(w)));
    const [message] = outbox(w);
    expect(message).toMatchObject({ channel: 'SMS', purpose: 'Authentication', body: `CustomMessage_Authentication: your code is ${message!.code}` });
    expect(invoked(seen)[0]!.data.event).toMatchObject({
      triggerSource: 'CustomMessage_Authentication',
      userName: 'mia',
      request: { codeParameter: '{####}', usernameParameter: null, userAttributes: { phone_number: '+15555550150' } },
    });
    const signedIn = await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: w.clientId, ChallengeName: 'SMS_MFA', Session: challenge.Session, ChallengeResponses: { USERNAME: 'mia', SMS_MFA_CODE: message!.code! } }),
    );
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('CustomSMSSender_Authentication and CustomEmailSender_Authentication: the code encrypted for the function, which can decrypt it', async () => {
    for (const [factor, LambdaConfig, triggerSource] of [
      ['SMS_MFA', { CustomSMSSender: { LambdaVersion: 'V1_0', LambdaArn: arn('decrypt-code') }, KMSKeyID: KMS_KEY }, 'CustomSMSSender_Authentication'],
      ['EMAIL_OTP', { CustomEmailSender: { LambdaVersion: 'V1_0', LambdaArn: arn('decrypt-code') }, KMSKeyID: KMS_KEY }, 'CustomEmailSender_Authentication'],
    ] as const) {
      const w = await mfaWorld(LambdaConfig, factor);
      const seen = await during(() => initiate(w));
      const [message] = outbox(w);
      const event = invoked(seen)[0]!.data.event as Record<string, any>;
      expect(event).toMatchObject({ triggerSource, userName: 'mia' });
      expect(returned(seen)[0]!.data.logs!.at(-1)).toMatch(new RegExp(`\\tINFO\\tcode ${message!.code} for ${w.poolId}$`));
      expect(message!.body).toBe(`Delivery handed to the ${triggerSource.split('_')[0]} function decrypt-code (${triggerSource}): Cognito sends no message itself.`);
    }
  });
});
