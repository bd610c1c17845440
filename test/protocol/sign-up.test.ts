import {
  AdminDisableUserCommand,
  AdminGetUserCommand,
  ConfirmSignUpCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
  type SignUpCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretHash } from '../../src-main/cognito/secret-hash.js';
import { verifyPassword } from '../../src-main/auth/srp.js';
import { attrs, valueOf } from '../support/attributes.js';
import { testClock } from '../support/clock.js';
import { eventsDuring } from '../support/events.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';
import { openEvents } from '../support/sse.js';

const START = Date.UTC(2025, 2, 3, 4, 5, 6);
const HOUR = 60 * 60 * 1000;
const clock = testClock(START);
const PASSWORD = 'Passw0rd!';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({}, { clock });
});
afterAll(() => sandbox.close());

interface Setup {
  poolId: string;
  clientId: string;
  clientSecret?: string;
}

async function newPool(pool: Partial<CreateUserPoolCommandInput> = {}, client: Partial<CreateUserPoolClientCommandInput> = {}): Promise<Setup> {
  const poolId = await createPool(sandbox.cognito, { PoolName: 'sign-up', AutoVerifiedAttributes: ['email'], ...pool });
  return { poolId, ...(await createClient(sandbox.cognito, poolId, { ClientName: 'app', ...client })) };
}

function signUp(setup: Setup, Username: string, attributes: Record<string, string> = {}, extra: Partial<SignUpCommandInput> = {}) {
  return sandbox.cognito.send(new SignUpCommand({ ClientId: setup.clientId, Username, Password: PASSWORD, UserAttributes: attrs(attributes), ...extra }));
}

function confirm(setup: Setup, Username: string, ConfirmationCode: string, extra: object = {}) {
  return sandbox.cognito.send(new ConfirmSignUpCommand({ ClientId: setup.clientId, Username, ConfirmationCode, ...extra }));
}

function resend(setup: Setup, Username: string, extra: object = {}) {
  return sandbox.cognito.send(new ResendConfirmationCodeCommand({ ClientId: setup.clientId, Username, ...extra }));
}

const getUser = (setup: Setup, Username: string) => sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: setup.poolId, Username }));

/** The pool's outbox, oldest first. */
function outbox(setup: Setup) {
  return sandbox.app.store.outbox.list({ poolId: setup.poolId, limit: 100 }).reverse();
}

function lastCode(setup: Setup): string {
  return outbox(setup).at(-1)!.code!;
}

/** A code that is not the one sent. */
const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

describe('SignUp', () => {
  it('registers an UNCONFIRMED user and emails a confirmation code where the pool auto-verifies email', async () => {
    const setup = await newPool();
    const answer = await signUp(setup, 'alice', { email: 'alice@example.com', given_name: 'Alice' });
    expect(answer.UserConfirmed).toBe(false);
    expect(answer.UserSub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(answer.CodeDeliveryDetails).toEqual({ Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });

    const user = await getUser(setup, 'alice');
    expect(user.UserStatus).toBe('UNCONFIRMED');
    expect(user.Enabled).toBe(true);
    expect(user.UserAttributes).toEqual([
      { Name: 'sub', Value: answer.UserSub },
      { Name: 'email', Value: 'alice@example.com' },
      { Name: 'given_name', Value: 'Alice' },
    ]);

    const [message, ...others] = outbox(setup);
    expect(others).toEqual([]);
    expect(message).toMatchObject({
      time: START,
      poolId: setup.poolId,
      channel: 'EMAIL',
      destination: 'alice@example.com',
      username: 'alice',
      purpose: 'SignUp',
      subject: 'Your verification code',
    });
    expect(message!.code).toMatch(/^\d{6}$/);
    expect(message!.body).toBe(`Your verification code is ${message!.code}. `);
    expect(message!.flowId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the password only as a salted SRP verifier', async () => {
    const setup = await newPool();
    await signUp(setup, 'verifier', { email: 'v@example.com' });
    const stored = sandbox.app.store.users.findByKey(setup.poolId, 'verifier')!;
    expect(verifyPassword(setup.poolId, 'verifier', PASSWORD, stored.password!)).toBe(true);
    expect(stored.password!.expires).toBeUndefined();
    const row = sandbox.app.store.db.read((tx) => tx.get<Record<string, unknown>>('SELECT * FROM users WHERE pool_id = ?', [setup.poolId]));
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
  });

  it('texts the phone number when the pool verifies phone numbers, even when an email is given too', async () => {
    const setup = await newPool({ AutoVerifiedAttributes: ['email', 'phone_number'] });
    const answer = await signUp(setup, 'phoebe', { email: 'phoebe@example.com', phone_number: '+15555550123' });
    expect(answer.CodeDeliveryDetails).toEqual({ Destination: '+*******0123', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    const [message] = outbox(setup);
    expect(message).toMatchObject({ channel: 'SMS', destination: '+15555550123', subject: null, purpose: 'SignUp' });
    expect(message!.body).toBe(`Your verification code is ${message!.code}. `);
  });

  it('sends nothing when the pool auto-verifies nothing: the user waits for an administrator', async () => {
    const setup = await newPool({ AutoVerifiedAttributes: [] });
    const answer = await signUp(setup, 'nocode', { email: 'nocode@example.com' });
    expect(answer.UserConfirmed).toBe(false);
    expect(answer.CodeDeliveryDetails).toBeUndefined();
    expect(outbox(setup)).toEqual([]);
    expect((await getUser(setup, 'nocode')).UserStatus).toBe('UNCONFIRMED');
    await expect(confirm(setup, 'nocode', '123456')).rejects.toMatchObject({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    });
    await expect(resend(setup, 'nocode')).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Cannot resend codes. Auto verification not turned on.',
    });
  });

  it('sends nothing when the user has no attribute the pool verifies', async () => {
    const setup = await newPool({ AutoVerifiedAttributes: ['phone_number'] });
    const answer = await signUp(setup, 'emailonly', { email: 'emailonly@example.com' });
    expect(answer.CodeDeliveryDetails).toBeUndefined();
    expect(outbox(setup)).toEqual([]);
  });

  it('renders the pool\'s own verification templates', async () => {
    const setup = await newPool({
      VerificationMessageTemplate: { EmailSubject: 'Welcome aboard', EmailMessage: '<p>Code {####}, again: {####}</p>', SmsMessage: 'SMS {####}' },
    });
    await signUp(setup, 'templated', { email: 'templated@example.com' });
    const [message] = outbox(setup);
    expect(message!.subject).toBe('Welcome aboard');
    expect(message!.body).toBe(`<p>Code ${message!.code}, again: ${message!.code}</p>`);
  });

  it('emails a /confirmUser link on the sandbox itself with CONFIRM_WITH_LINK', async () => {
    const setup = await newPool({
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_LINK', EmailMessageByLink: 'Hello! {##Verify Email##} Thanks.' },
    });
    const answer = await signUp(setup, 'linked+user', { email: 'linked@example.com' });
    expect(answer.CodeDeliveryDetails).toEqual({ Destination: 'l***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const [message] = outbox(setup);
    const url = `${sandbox.url}/confirmUser?client_id=${setup.clientId}&user_name=linked%2Buser&confirmation_code=${message!.code}`;
    expect(message!.subject).toBe('Your verification link');
    expect(message!.body).toBe(`Hello! <a href="${url}">Verify Email</a> Thanks.`);
  });

  it('uses Cognito\'s default link message when the pool sets only the option', async () => {
    const setup = await newPool({ VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_LINK' } });
    await signUp(setup, 'deflink', { email: 'deflink@example.com' });
    const [message] = outbox(setup);
    expect(message!.body).toBe(
      `Please click the link below to verify your email address. <a href="${sandbox.url}/confirmUser?client_id=${setup.clientId}&user_name=deflink&confirmation_code=${message!.code}">Verify Email</a> `,
    );
  });

  it('refuses an unknown client', async () => {
    await expect(sandbox.cognito.send(new SignUpCommand({ ClientId: 'nosuchclient0000000000000', Username: 'x', Password: PASSWORD }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient0000000000000 does not exist.',
    });
  });

  it('refuses pools that only administrators may add users to', async () => {
    const setup = await newPool({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
    await expect(signUp(setup, 'nope', { email: 'nope@example.com' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'SignUp is not permitted for this user pool',
    });
  });

  it('refuses a taken username, unconfirmed or not, with the pool\'s case sensitivity', async () => {
    const setup = await newPool({ UsernameConfiguration: { CaseSensitive: false } });
    await signUp(setup, 'Carol', { email: 'carol@example.com' });
    await expect(signUp(setup, 'carol', { email: 'other@example.com' })).rejects.toMatchObject({
      name: 'UsernameExistsException',
      message: 'User already exists',
    });
    const sensitive = await newPool();
    await signUp(sensitive, 'Carol', { email: 'carol@example.com' });
    await expect(signUp(sensitive, 'carol', { email: 'carol@example.com' })).resolves.toMatchObject({ UserConfirmed: false });
  });

  it('lets only one of two simultaneous sign-ups of a username through', async () => {
    const setup = await newPool();
    const results = await Promise.allSettled([signUp(setup, 'twin', { email: 'a@example.com' }), signUp(setup, 'twin', { email: 'b@example.com' })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ name: 'UsernameExistsException' });
    expect(outbox(setup)).toHaveLength(1);
  });

  it('checks the password against the pool\'s policy', async () => {
    const setup = await newPool({ Policies: { PasswordPolicy: { MinimumLength: 10, RequireUppercase: true, RequireLowercase: true } } });
    const attempt = (Password: string | undefined) =>
      sandbox.cognito.send(new SignUpCommand({ ClientId: setup.clientId, Username: 'weak', Password, UserAttributes: attrs({ email: 'w@example.com' }) }));
    await expect(attempt('Short1a')).rejects.toMatchObject({ name: 'InvalidPasswordException', message: 'Password did not conform with policy: Password not long enough' });
    await expect(attempt('alllowercase1')).rejects.toMatchObject({ message: 'Password did not conform with policy: Password must have uppercase characters' });
    await expect(attempt(undefined)).rejects.toMatchObject({ name: 'InvalidPasswordException', message: 'Password did not conform with policy: Password not long enough' });
    await expect(getUser(setup, 'weak')).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });

  it('checks the attributes against the schema, required ones included', async () => {
    const setup = await newPool({
      Schema: [
        { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
        { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
      ],
    });
    await expect(signUp(setup, 'missing', { email: 'm@example.com' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: name.formatted: The attribute is required\n',
    });
    await expect(signUp(setup, 'unknown', { email: 'u@example.com', name: 'U', 'custom:nope': 'x' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.\n',
    });
    await expect(signUp(setup, 'badmail', { email: 'not-an-email', name: 'B' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid email address format.',
    });
  });

  it('refuses attributes the client may not write', async () => {
    const setup = await newPool();
    await expect(signUp(setup, 'selfverified', { email: 's@example.com', email_verified: 'true' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    });
    const narrow = await newPool({}, { WriteAttributes: ['email'] });
    await expect(signUp(narrow, 'named', { email: 'n@example.com', given_name: 'N' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    });
    await expect(signUp(narrow, 'plain', { email: 'p@example.com' })).resolves.toMatchObject({ UserConfirmed: false });
  });

  it('accepts ValidationData, ClientMetadata, AnalyticsMetadata and UserContextData', async () => {
    const setup = await newPool();
    await expect(
      signUp(setup, 'extras', { email: 'extras@example.com' }, {
        ValidationData: attrs({ invite: 'abc' }),
        ClientMetadata: { source: 'test' },
        AnalyticsMetadata: { AnalyticsEndpointId: 'endpoint' },
        UserContextData: { EncodedData: 'data' },
      }),
    ).resolves.toMatchObject({ UserConfirmed: false });
  });

  it('answers input the model forbids with validation errors', async () => {
    const setup = await newPool();
    const call = (body: object) => rawCall(sandbox.url, 'SignUp', { ClientId: setup.clientId, Username: 'v', Password: PASSWORD, ...body });
    const empty = await call({ Username: '' });
    expect(empty.json.__type).toBe('InvalidParameterException');
    expect(empty.json.message).toContain("Value '' at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1");
    const badHash = await call({ SecretHash: 'not a hash!' });
    expect(badHash.json.__type).toBe('InvalidParameterException');
    expect(badHash.json.message).not.toContain('not a hash!');
    expect((await rawCall(sandbox.url, 'SignUp', { Username: 'v' })).json).toMatchObject({ __type: 'InvalidParameterException' });
  });
});

describe('SignUp in pools that sign in with email or phone number', () => {
  it('makes the sub the username and the email given as username the email attribute', async () => {
    const setup = await newPool({ UsernameAttributes: ['email'] });
    const answer = await signUp(setup, 'bob@example.com');
    expect(answer.CodeDeliveryDetails).toEqual({ Destination: 'b***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const user = await getUser(setup, 'bob@example.com');
    expect(user.Username).toBe(answer.UserSub);
    expect(valueOf(user.UserAttributes, 'email')).toBe('bob@example.com');
    expect(outbox(setup)[0]!.username).toBe(answer.UserSub);

    await expect(signUp(setup, 'bob@example.com')).rejects.toMatchObject({
      name: 'UsernameExistsException',
      message: 'An account with the given email already exists.',
    });
    await expect(signUp(setup, 'plainname')).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Username should be an email.' });

    await confirm(setup, 'bob@example.com', lastCode(setup));
    const confirmed = await getUser(setup, answer.UserSub!);
    expect(confirmed.UserStatus).toBe('CONFIRMED');
    expect(valueOf(confirmed.UserAttributes, 'email_verified')).toBe('true');
  });

  it('takes a phone number as username where the pool allows it', async () => {
    const setup = await newPool({ UsernameAttributes: ['email', 'phone_number'], AutoVerifiedAttributes: ['phone_number'] });
    const answer = await signUp(setup, '+447700900123');
    expect(answer.CodeDeliveryDetails).toEqual({ Destination: '+********0123', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    await expect(signUp(setup, 'plainname')).rejects.toMatchObject({ message: 'Username should be either an email or a phone number.' });
  });

  it('keeps usernames from looking like an alias attribute', async () => {
    const setup = await newPool({ AliasAttributes: ['email'] });
    await expect(signUp(setup, 'dave@example.com', { email: 'dave@example.com' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Username cannot be of email format, since user pool is configured for email alias.',
    });
  });
});

describe('ConfirmSignUp', () => {
  it('confirms the user with the code and verifies the email it went to; the code works once', async () => {
    const setup = await newPool();
    await signUp(setup, 'erin', { email: 'erin@example.com' });
    const code = lastCode(setup);
    clock.time += 1000;
    await expect(confirm(setup, 'erin', code)).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
    const user = await getUser(setup, 'erin');
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(valueOf(user.UserAttributes, 'email_verified')).toBe('true');
    expect(valueOf(user.UserAttributes, 'phone_number_verified')).toBeUndefined();
    expect(user.UserLastModifiedDate).toEqual(new Date(clock.time));
    await expect(confirm(setup, 'erin', code)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED',
    });
  });

  it('verifies the phone number when the code went by SMS', async () => {
    const setup = await newPool({ AutoVerifiedAttributes: ['email', 'phone_number'] });
    await signUp(setup, 'fay', { email: 'fay@example.com', phone_number: '+15555550199' });
    await confirm(setup, 'fay', lastCode(setup));
    const user = await getUser(setup, 'fay');
    expect(valueOf(user.UserAttributes, 'phone_number_verified')).toBe('true');
    expect(valueOf(user.UserAttributes, 'email_verified')).toBeUndefined();
  });

  it('refuses a wrong code and still takes the right one', async () => {
    const setup = await newPool();
    await signUp(setup, 'gus', { email: 'gus@example.com' });
    const code = lastCode(setup);
    await expect(confirm(setup, 'gus', wrong(code))).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    expect((await getUser(setup, 'gus')).UserStatus).toBe('UNCONFIRMED');
    await confirm(setup, 'gus', code);
    expect((await getUser(setup, 'gus')).UserStatus).toBe('CONFIRMED');
  });

  it('refuses a code older than 24 hours', async () => {
    const setup = await newPool();
    await signUp(setup, 'hal', { email: 'hal@example.com' });
    const code = lastCode(setup);
    clock.time += 24 * HOUR + 1;
    await expect(confirm(setup, 'hal', code)).rejects.toMatchObject({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    });
    await resend(setup, 'hal');
    await confirm(setup, 'hal', lastCode(setup));
    expect((await getUser(setup, 'hal')).UserStatus).toBe('CONFIRMED');
  });

  it('takes a code just inside its 24 hours', async () => {
    const setup = await newPool();
    await signUp(setup, 'ida', { email: 'ida@example.com' });
    const code = lastCode(setup);
    clock.time += 24 * HOUR;
    await confirm(setup, 'ida', code);
    expect((await getUser(setup, 'ida')).UserStatus).toBe('CONFIRMED');
  });

  it('allows 15 attempts per user and hour', async () => {
    const setup = await newPool();
    await signUp(setup, 'jay', { email: 'jay@example.com' });
    const code = lastCode(setup);
    for (let i = 0; i < 15; i++) await expect(confirm(setup, 'jay', wrong(code))).rejects.toMatchObject({ name: 'CodeMismatchException' });
    await expect(confirm(setup, 'jay', code)).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Attempt limit exceeded, please try after some time.',
    });
    clock.time += HOUR;
    await confirm(setup, 'jay', code);
    expect((await getUser(setup, 'jay')).UserStatus).toBe('CONFIRMED');
  });

  it('answers an unknown user by the client\'s PreventUserExistenceErrors', async () => {
    const legacy = await newPool();
    await expect(confirm(legacy, 'ghost', '123456')).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: 'Username/client id combination not found.',
    });
    const hiding = await newPool({}, { PreventUserExistenceErrors: 'ENABLED' });
    await expect(confirm(hiding, 'ghost', '123456')).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
  });

  it('refuses a disabled user', async () => {
    const setup = await newPool();
    await signUp(setup, 'kim', { email: 'kim@example.com' });
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: setup.poolId, Username: 'kim' }));
    await expect(confirm(setup, 'kim', lastCode(setup))).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'User is disabled.' });
  });

  it('refuses an email alias another user verified, unless ForceAliasCreation moves it', async () => {
    const setup = await newPool({ AliasAttributes: ['email'] });
    await signUp(setup, 'first', { email: 'shared@example.com' });
    const firstCode = lastCode(setup);
    await signUp(setup, 'second', { email: 'shared@example.com' });
    const secondCode = lastCode(setup);
    await confirm(setup, 'first', firstCode);
    expect((await getUser(setup, 'shared@example.com')).Username).toBe('first');

    await expect(confirm(setup, 'second', secondCode)).rejects.toMatchObject({
      name: 'AliasExistsException',
      message: 'An account with the given email already exists.',
    });
    expect((await getUser(setup, 'second')).UserStatus).toBe('UNCONFIRMED');

    await confirm(setup, 'second', secondCode, { ForceAliasCreation: true });
    expect((await getUser(setup, 'second')).UserStatus).toBe('CONFIRMED');
    expect(valueOf((await getUser(setup, 'first')).UserAttributes, 'email_verified')).toBe('false');
    expect((await getUser(setup, 'shared@example.com')).Username).toBe('second');
  });

  it('finds the user by a verified alias or by sub', async () => {
    const setup = await newPool({ UsernameAttributes: ['email'] });
    const { UserSub } = await signUp(setup, 'lee@example.com');
    await confirm(setup, UserSub!, lastCode(setup));
    expect((await getUser(setup, UserSub!)).UserStatus).toBe('CONFIRMED');
  });
});

describe('ResendConfirmationCode', () => {
  it('sends a new code, and the old one no longer works', async () => {
    const setup = await newPool();
    await signUp(setup, 'max', { email: 'max@example.com' });
    const first = lastCode(setup);
    let second = first;
    while (second === first) {
      const answer = await resend(setup, 'max');
      expect(answer.CodeDeliveryDetails).toEqual({ Destination: 'm***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
      second = lastCode(setup);
    }
    const resent = outbox(setup).at(-1)!;
    expect(resent).toMatchObject({ purpose: 'ResendConfirmationCode', channel: 'EMAIL', destination: 'max@example.com', subject: 'Your verification code' });
    expect(resent.flowId).toBe(outbox(setup)[0]!.flowId);
    await expect(confirm(setup, 'max', first)).rejects.toMatchObject({ name: 'CodeMismatchException' });
    await confirm(setup, 'max', second);
    expect((await getUser(setup, 'max')).UserStatus).toBe('CONFIRMED');
  });

  it('refuses a confirmed user', async () => {
    const setup = await newPool();
    await signUp(setup, 'ned', { email: 'ned@example.com' });
    await confirm(setup, 'ned', lastCode(setup));
    await expect(resend(setup, 'ned')).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'User is already confirmed.' });
  });

  it('allows five per user and hour', async () => {
    const setup = await newPool();
    await signUp(setup, 'ola', { email: 'ola@example.com' });
    for (let i = 0; i < 5; i++) await resend(setup, 'ola');
    await expect(resend(setup, 'ola')).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Attempt limit exceeded, please try after some time.',
    });
    expect(outbox(setup)).toHaveLength(6);
    clock.time += HOUR;
    await expect(resend(setup, 'ola')).resolves.toMatchObject({ CodeDeliveryDetails: { DeliveryMedium: 'EMAIL' } });
  });

  it('answers an unknown or disabled user by the client\'s PreventUserExistenceErrors', async () => {
    const legacy = await newPool();
    await expect(resend(legacy, 'ghost')).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'Username/client id combination not found.' });
    await signUp(legacy, 'off', { email: 'off@example.com' });
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: legacy.poolId, Username: 'off' }));
    await expect(resend(legacy, 'off')).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'User is disabled.' });

    const hiding = await newPool({}, { PreventUserExistenceErrors: 'ENABLED' });
    const byEmail = await resend(hiding, 'ghost@example.com');
    expect(byEmail.CodeDeliveryDetails).toEqual({ Destination: 'g***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const byName = await resend(hiding, 'ghost');
    expect(byName.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email', Destination: expect.stringMatching(/^g\*\*\*@[a-z]\*\*\*$/) });
    expect((await resend(hiding, 'ghost')).CodeDeliveryDetails).toEqual(byName.CodeDeliveryDetails);
    expect(outbox(hiding)).toEqual([]);
  });
});

describe('clients with a secret', () => {
  it('require the SecretHash over the username on every call', async () => {
    const setup = await newPool({}, { GenerateSecret: true });
    const hash = (username: string) => secretHash(setup.clientSecret!, username, setup.clientId);
    await expect(signUp(setup, 'pat', { email: 'pat@example.com' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `Client ${setup.clientId} is configured for secret but secret was not received`,
    });
    await expect(signUp(setup, 'pat', { email: 'pat@example.com' }, { SecretHash: hash('someone') })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `Unable to verify secret hash for client ${setup.clientId}`,
    });
    await signUp(setup, 'pat', { email: 'pat@example.com' }, { SecretHash: hash('pat') });
    await expect(resend(setup, 'pat')).rejects.toMatchObject({ message: `Client ${setup.clientId} is configured for secret but secret was not received` });
    await resend(setup, 'pat', { SecretHash: hash('pat') });
    await expect(confirm(setup, 'pat', lastCode(setup), { SecretHash: hash('nobody') })).rejects.toMatchObject({
      message: `Unable to verify secret hash for client ${setup.clientId}`,
    });
    await confirm(setup, 'pat', lastCode(setup), { SecretHash: hash('pat') });
    expect((await getUser(setup, 'pat')).UserStatus).toBe('CONFIRMED');
  });
});

describe('the sign-up flow in the debugger', () => {
  it('runs SignUp, ResendConfirmationCode and ConfirmSignUp as one flow; codes shown only as message.sent, no password in any event', async () => {
    const setup = await newPool();
    const stream = await openEvents(sandbox.url);
    let code = '';
    const events = await eventsDuring(sandbox.app, async () => {
      await signUp(setup, 'quinn', { email: 'quinn@example.com' });
      await resend(setup, 'quinn');
      await expect(confirm(setup, 'quinn', wrong(lastCode(setup)))).rejects.toMatchObject({ name: 'CodeMismatchException' });
      code = lastCode(setup);
      await confirm(setup, 'quinn', code);
    });
    const flowId = outbox(setup)[0]!.flowId!;

    const started = await stream.next((e) => e.type === 'flow.started' && e.flowId === flowId);
    expect(started).toMatchObject({ poolId: setup.poolId, data: { kind: 'sign-up', clientId: setup.clientId, username: 'quinn' } });
    const sent = await stream.next((e) => e.type === 'message.sent' && e.flowId === flowId);
    const first = outbox(setup)[0]!.code!;
    expect(sent.data).toMatchObject({ channel: 'EMAIL', to: 'quinn@example.com', purpose: 'SignUp', code: first, body: `Your verification code is ${first}. ` });
    const ended = await stream.next((e) => e.type === 'flow.ended' && e.flowId === flowId);
    expect(ended.data).toEqual({ outcome: 'success' });
    stream.close();

    const transitions = events.filter((e) => e.type === 'flow.transitioned').map((e) => (e.data as { to: string }).to);
    expect(transitions).toEqual(['registering', 'awaitingCode', 'sendingCode', 'awaitingCode', 'confirming', 'awaitingCode', 'confirming', 'confirmed']);
    expect(events.filter((e) => e.type.startsWith('flow.')).every((e) => e.flowId === flowId)).toBe(true);
    const calls = events.filter((e) => e.type === 'api.called');
    expect(calls.map((e) => [(e.data as { operation: string }).operation, e.flowId])).toEqual([
      ['SignUp', flowId],
      ['ResendConfirmationCode', flowId],
      ['ConfirmSignUp', flowId],
      ['ConfirmSignUp', flowId],
    ]);
    const published = JSON.stringify(events);
    const notMessages = JSON.stringify(events.filter((e) => e.type !== 'message.sent'));
    for (const message of outbox(setup)) expect(notMessages).not.toContain(message.code!);
    expect(published).not.toContain(PASSWORD);
    expect(sandbox.app.store.flows.findById(flowId)).toMatchObject({ kind: 'sign-up', state: 'confirmed', outcome: 'success', snapshot: null });
  });

  it('ends the flow as a failure when registration is refused', async () => {
    const setup = await newPool();
    await signUp(setup, 'rita', { email: 'rita@example.com' });
    const events = await eventsDuring(sandbox.app, () => expect(signUp(setup, 'rita', { email: 'rita@example.com' })).rejects.toMatchObject({ name: 'UsernameExistsException' }));
    const ended = events.find((e) => e.type === 'flow.ended');
    expect(ended!.data).toEqual({ outcome: 'failure', reason: 'UsernameExistsException: User already exists' });
    expect(events.find((e) => e.type === 'api.called')!.flowId).toBe(ended!.flowId);
  });

  it('ends the flow at once when no code is sent', async () => {
    const setup = await newPool({ AutoVerifiedAttributes: [] });
    const events = await eventsDuring(sandbox.app, () => signUp(setup, 'sam', { email: 'sam@example.com' }));
    expect(events.find((e) => e.type === 'flow.ended')!.data).toEqual({ outcome: 'success', reason: 'no attribute to verify: an administrator confirms the user' });
  });
});

describe('--fixed-code', () => {
  it('makes every sign-up code the given one', async () => {
    const fixed = await startSandbox({ fixedCode: '424242' });
    try {
      const poolId = await createPool(fixed.cognito, { PoolName: 'fixed', AutoVerifiedAttributes: ['email'] });
      const { clientId: ClientId } = await createClient(fixed.cognito, poolId, { ClientName: 'app' });
      await fixed.cognito.send(new SignUpCommand({ ClientId, Username: 'uma', Password: PASSWORD, UserAttributes: attrs({ email: 'uma@example.com' }) }));
      await fixed.cognito.send(new ResendConfirmationCodeCommand({ ClientId, Username: 'uma' }));
      await fixed.cognito.send(new ConfirmSignUpCommand({ ClientId, Username: 'uma', ConfirmationCode: '424242' }));
      const codes = fixed.app.store.outbox.list({ poolId, limit: 10 }).map((m) => m.code);
      expect(codes).toEqual(['424242', '424242']);
    } finally {
      await fixed.close();
    }
  });
});
