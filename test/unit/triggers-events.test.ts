/**
 * Each trigger's event, field by field and in Cognito's order, against the guide's parameter
 * listings and examples (cognito-developer-guide.txt, "... Lambda trigger parameters"); and
 * each trigger's answer read back as Cognito applies it.
 */
import { describe, expect, it } from 'vitest';
import { createAuthChallengeEvent, readCreateAuthChallengeResponse } from '../../src-main/triggers/events/createAuthChallenge.js';
import { customEmailSenderEvent } from '../../src-main/triggers/events/customEmailSender.js';
import { customMessageEvent, readCustomMessageResponse, renderCustomMessage, type CustomMessageSource } from '../../src-main/triggers/events/customMessage.js';
import { customSmsSenderEvent } from '../../src-main/triggers/events/customSmsSender.js';
import { defineAuthChallengeEvent, readDefineAuthChallengeResponse } from '../../src-main/triggers/events/defineAuthChallenge.js';
import { postAuthenticationEvent, readPostAuthenticationResponse } from '../../src-main/triggers/events/postAuthentication.js';
import { postConfirmationEvent, readPostConfirmationResponse, type PostConfirmationSource } from '../../src-main/triggers/events/postConfirmation.js';
import { preAuthenticationEvent, readPreAuthenticationResponse } from '../../src-main/triggers/events/preAuthentication.js';
import { preSignUpEvent, readPreSignUpResponse, type PreSignUpSource } from '../../src-main/triggers/events/preSignUp.js';
import { notMigrated, readUserMigrationResponse, userMigrationEvent } from '../../src-main/triggers/events/userMigration.js';
import { readVerifyAuthChallengeResponse, verifyAuthChallengeEvent } from '../../src-main/triggers/events/verifyAuthChallenge.js';

const POOL = 'us-west-2_AbC123xyZ';
const CLIENT = '1example23456789abcdefghij';
const SDK = 'aws-sdk-js-3.901.0';
const common = { userPoolId: POOL, clientId: CLIENT, awsSdkVersion: SDK };
const callerContext = { awsSdkVersion: SDK, clientId: CLIENT };
const attributes = { sub: 'a36036a8-9061-424d-a737-56d57dae7bc6', email: 'alice@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' };
const unrecognizable = { type: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' };

/** Equal, and serialised in the same member order. */
function expectExactly(actual: unknown, expected: unknown): void {
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

const answered = (event: object, response: unknown) => ({ ...event, response });

describe('PreSignUp', () => {
  it.each<PreSignUpSource>(['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider'])('%s: userAttributes, validationData, clientMetadata; the three flags false', (triggerSource) => {
    const event = preSignUpEvent({ ...common, triggerSource, userName: 'alice', userAttributes: { email: 'alice@example.com' }, validationData: { captcha: 'ok' }, clientMetadata: { source: 'web' } });
    expectExactly(event, {
      version: '1',
      triggerSource,
      region: 'us-west-2',
      userPoolId: POOL,
      userName: 'alice',
      callerContext,
      request: { userAttributes: { email: 'alice@example.com' }, validationData: { captcha: 'ok' }, clientMetadata: { source: 'web' } },
      response: { autoConfirmUser: false, autoVerifyPhone: false, autoVerifyEmail: false },
    });
  });

  it('sends validationData null and no clientMetadata when the call passed none', () => {
    const event = preSignUpEvent({ ...common, triggerSource: 'PreSignUp_SignUp', userName: 'alice', userAttributes: {} });
    expectExactly(event.request, { userAttributes: {}, validationData: null });
  });

  it('reads the flags back, false when left out', () => {
    const event = preSignUpEvent({ ...common, triggerSource: 'PreSignUp_SignUp', userName: 'alice', userAttributes: {} });
    expect(readPreSignUpResponse(answered(event, { autoConfirmUser: true, autoVerifyEmail: 'true' }), event)).toEqual({ autoConfirmUser: true, autoVerifyPhone: false, autoVerifyEmail: true });
    expect(readPreSignUpResponse({ ...event, response: undefined }, event)).toEqual({ autoConfirmUser: false, autoVerifyPhone: false, autoVerifyEmail: false });
  });

  it('ignores the flags for PreSignUp_AdminCreateUser, as the guide says', () => {
    const event = preSignUpEvent({ ...common, triggerSource: 'PreSignUp_AdminCreateUser', userName: 'alice', userAttributes: {} });
    expect(readPreSignUpResponse(answered(event, { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: true }), event)).toEqual({
      autoConfirmUser: false,
      autoVerifyPhone: false,
      autoVerifyEmail: false,
    });
  });

  it('refuses flags of the wrong type', () => {
    const event = preSignUpEvent({ ...common, triggerSource: 'PreSignUp_SignUp', userName: 'alice', userAttributes: {} });
    expect(() => readPreSignUpResponse(answered(event, { autoConfirmUser: 'yes' }), event)).toThrow(expect.objectContaining(unrecognizable));
    expect(() => readPreSignUpResponse(null, event)).toThrow(expect.objectContaining(unrecognizable));
  });
});

describe('PostConfirmation', () => {
  it.each<PostConfirmationSource>(['PostConfirmation_ConfirmSignUp', 'PostConfirmation_ConfirmForgotPassword', 'PostConfirmation_ConfirmSignIn'])('%s: userAttributes, clientMetadata; response {}', (triggerSource) => {
    expectExactly(postConfirmationEvent({ ...common, triggerSource, userName: 'alice', userAttributes: attributes, clientMetadata: { k: 'v' } }), {
      version: '1',
      triggerSource,
      region: 'us-west-2',
      userPoolId: POOL,
      userName: 'alice',
      callerContext,
      request: { userAttributes: attributes, clientMetadata: { k: 'v' } },
      response: {},
    });
  });

  it('needs the event back, whatever its response', () => {
    const event = postConfirmationEvent({ ...common, triggerSource: 'PostConfirmation_ConfirmSignUp', userName: 'alice', userAttributes: attributes });
    expect(event.request).not.toHaveProperty('clientMetadata');
    expect(() => readPostConfirmationResponse(event)).not.toThrow();
    expect(() => readPostConfirmationResponse(null)).toThrow(expect.objectContaining(unrecognizable));
  });
});

describe('PreAuthentication', () => {
  it('PreAuthentication_Authentication: userAttributes, validationData (the sign-in ClientMetadata), userNotFound; response {}', () => {
    expectExactly(preAuthenticationEvent({ ...common, userName: 'alice', userAttributes: attributes, validationData: { ip: '10.0.0.1' }, userNotFound: false }), {
      version: '1',
      triggerSource: 'PreAuthentication_Authentication',
      region: 'us-west-2',
      userPoolId: POOL,
      userName: 'alice',
      callerContext,
      request: { userAttributes: attributes, validationData: { ip: '10.0.0.1' }, userNotFound: false },
      response: {},
    });
  });

  it('leaves userNotFound out unless the client prevents user existence errors', () => {
    const event = preAuthenticationEvent({ ...common, userName: 'alice', userAttributes: attributes });
    expectExactly(event.request, { userAttributes: attributes, validationData: null });
    expect(() => readPreAuthenticationResponse(event)).not.toThrow();
    expect(() => readPreAuthenticationResponse('ok')).toThrow(expect.objectContaining(unrecognizable));
  });
});

describe('PostAuthentication', () => {
  it('PostAuthentication_Authentication: userAttributes, newDeviceUsed, clientMetadata; response {}', () => {
    expectExactly(postAuthenticationEvent({ ...common, userName: 'alice', userAttributes: attributes, newDeviceUsed: true, clientMetadata: { k: 'v' } }), {
      version: '1',
      triggerSource: 'PostAuthentication_Authentication',
      region: 'us-west-2',
      userPoolId: POOL,
      userName: 'alice',
      callerContext,
      request: { userAttributes: attributes, newDeviceUsed: true, clientMetadata: { k: 'v' } },
      response: {},
    });
  });

  it('says newDeviceUsed false by default', () => {
    const event = postAuthenticationEvent({ ...common, userName: 'alice', userAttributes: attributes });
    expectExactly(event.request, { userAttributes: attributes, newDeviceUsed: false });
    expect(() => readPostAuthenticationResponse(event)).not.toThrow();
  });
});

describe('the custom authentication challenge triggers', () => {
  const session = [
    { challengeName: 'SRP_A', challengeResult: true },
    { challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: null },
    { challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'CAPTCHA_CHALLENGE' },
  ];
  const sessionSent = [
    { challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null },
    { challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: null },
    { challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'CAPTCHA_CHALLENGE' },
  ];

  it('DefineAuthChallenge_Authentication: userAttributes, session, clientMetadata, userNotFound; response nulls', () => {
    expectExactly(defineAuthChallengeEvent({ ...common, userName: 'alice', userAttributes: attributes, session, clientMetadata: { k: 'v' }, userNotFound: false }), {
      version: '1',
      triggerSource: 'DefineAuthChallenge_Authentication',
      region: 'us-west-2',
      userPoolId: POOL,
      userName: 'alice',
      callerContext,
      request: { userAttributes: attributes, session: sessionSent, clientMetadata: { k: 'v' }, userNotFound: false },
      response: { challengeName: null, issueTokens: null, failAuthentication: null },
    });
  });

  it("reads Define's decision: the next challenge, issueTokens, failAuthentication (false when left out)", () => {
    const event = defineAuthChallengeEvent({ ...common, userName: 'alice', userAttributes: attributes, session: [] });
    expect(readDefineAuthChallengeResponse(answered(event, { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false }))).toEqual({
      challengeName: 'CUSTOM_CHALLENGE',
      issueTokens: false,
      failAuthentication: false,
    });
    expect(readDefineAuthChallengeResponse(event)).toEqual({ challengeName: null, issueTokens: false, failAuthentication: false });
    expect(readDefineAuthChallengeResponse(answered(event, { issueTokens: true }))).toEqual({ challengeName: null, issueTokens: true, failAuthentication: false });
    expect(() => readDefineAuthChallengeResponse(answered(event, { issueTokens: 'maybe' }))).toThrow(expect.objectContaining(unrecognizable));
  });

  it('CreateAuthChallenge_Authentication: userAttributes, challengeName, session, clientMetadata, userNotFound; response nulls', () => {
    expectExactly(createAuthChallengeEvent({ ...common, userName: 'alice', userAttributes: attributes, challengeName: 'CUSTOM_CHALLENGE', session, userNotFound: true }), {
      version: '1',
      triggerSource: 'CreateAuthChallenge_Authentication',
      region: 'us-west-2',
      userPoolId: POOL,
      userName: 'alice',
      callerContext,
      request: { userAttributes: attributes, challengeName: 'CUSTOM_CHALLENGE', session: sessionSent, userNotFound: true },
      response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
    });
  });

  it("reads Create's challenge: public and private parameters ({} when left out) and its metadata", () => {
    const event = createAuthChallengeEvent({ ...common, userName: 'alice', userAttributes: attributes, challengeName: 'CUSTOM_CHALLENGE', session: [] });
    expect(
      readCreateAuthChallengeResponse(answered(event, { publicChallengeParameters: { captchaUrl: 'url/123.jpg' }, privateChallengeParameters: { answer: 5 }, challengeMetadata: 'CAPTCHA_CHALLENGE' })),
    ).toEqual({ publicChallengeParameters: { captchaUrl: 'url/123.jpg' }, privateChallengeParameters: { answer: '5' }, challengeMetadata: 'CAPTCHA_CHALLENGE' });
    expect(readCreateAuthChallengeResponse(event)).toEqual({ publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: null });
    expect(() => readCreateAuthChallengeResponse(answered(event, { publicChallengeParameters: ['a'] }))).toThrow(expect.objectContaining(unrecognizable));
  });

  it('VerifyAuthChallengeResponse_Authentication: userAttributes, privateChallengeParameters, challengeAnswer, clientMetadata, userNotFound; answerCorrect null', () => {
    expectExactly(
      verifyAuthChallengeEvent({ ...common, userName: 'alice', userAttributes: attributes, privateChallengeParameters: { answer: '5' }, challengeAnswer: '5', clientMetadata: { k: 'v' }, userNotFound: false }),
      {
        version: '1',
        triggerSource: 'VerifyAuthChallengeResponse_Authentication',
        region: 'us-west-2',
        userPoolId: POOL,
        userName: 'alice',
        callerContext,
        request: { userAttributes: attributes, privateChallengeParameters: { answer: '5' }, challengeAnswer: '5', clientMetadata: { k: 'v' }, userNotFound: false },
        response: { answerCorrect: null },
      },
    );
  });

  it("reads Verify's answerCorrect, false when left out", () => {
    const event = verifyAuthChallengeEvent({ ...common, userName: 'alice', userAttributes: {}, privateChallengeParameters: {}, challengeAnswer: 'x' });
    expect(readVerifyAuthChallengeResponse(answered(event, { answerCorrect: true }))).toEqual({ answerCorrect: true });
    expect(readVerifyAuthChallengeResponse(event)).toEqual({ answerCorrect: false });
  });
});

describe('UserMigration', () => {
  const initial = { userAttributes: null, forceAliasCreation: null, enableSMSMFA: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null };

  it('UserMigration_Authentication: userName as typed; password, validationData, clientMetadata; response nulls', () => {
    expectExactly(
      userMigrationEvent({ ...common, triggerSource: 'UserMigration_Authentication', userName: 'alice@example.com', password: 'Passw0rd!', validationData: { k: 'v' }, clientMetadata: { m: 'n' } }),
      {
        version: '1',
        triggerSource: 'UserMigration_Authentication',
        region: 'us-west-2',
        userPoolId: POOL,
        userName: 'alice@example.com',
        callerContext,
        request: { password: 'Passw0rd!', validationData: { k: 'v' }, clientMetadata: { m: 'n' } },
        response: initial,
      },
    );
  });

  it('UserMigration_ForgotPassword: no password', () => {
    const event = userMigrationEvent({ ...common, triggerSource: 'UserMigration_ForgotPassword', userName: 'alice', password: 'ignored' });
    expectExactly(event.request, { validationData: null });
  });

  it('reads the migrated user with the guide defaults', () => {
    const event = userMigrationEvent({ ...common, triggerSource: 'UserMigration_Authentication', userName: 'alice', password: 'p' });
    expect(readUserMigrationResponse(answered(event, { ...initial, userAttributes: { email: 'alice@example.com', email_verified: 'true' } }))).toEqual({
      userAttributes: { email: 'alice@example.com', email_verified: 'true' },
      finalUserStatus: 'RESET_REQUIRED',
      suppressWelcomeMessage: false,
      desiredDeliveryMediums: ['SMS'],
      forceAliasCreation: false,
      enableSMSMFA: false,
    });
    expect(
      readUserMigrationResponse(
        answered(event, {
          userAttributes: { email: 'alice@example.com' },
          finalUserStatus: 'CONFIRMED',
          messageAction: 'SUPPRESS',
          desiredDeliveryMediums: ['EMAIL', 'SMS', 'EMAIL'],
          forceAliasCreation: true,
          enableSMSMFA: 'true',
        }),
      ),
    ).toEqual({
      userAttributes: { email: 'alice@example.com' },
      finalUserStatus: 'CONFIRMED',
      suppressWelcomeMessage: true,
      desiredDeliveryMediums: ['EMAIL', 'SMS'],
      forceAliasCreation: true,
      enableSMSMFA: true,
    });
  });

  it('treats any finalUserStatus but CONFIRMED as RESET_REQUIRED', () => {
    const event = userMigrationEvent({ ...common, triggerSource: 'UserMigration_Authentication', userName: 'alice', password: 'p' });
    expect(readUserMigrationResponse(answered(event, { userAttributes: {}, finalUserStatus: 'UNCONFIRMED' }))?.finalUserStatus).toBe('RESET_REQUIRED');
  });

  it('gives no user when the function returned no userAttributes, and names the error Cognito answers', () => {
    const event = userMigrationEvent({ ...common, triggerSource: 'UserMigration_Authentication', userName: 'alice', password: 'p' });
    expect(readUserMigrationResponse(event)).toBeUndefined();
    expect(notMigrated(CLIENT)).toMatchObject({ type: 'UserNotFoundException', message: `Exception migrating user in app client ${CLIENT}` });
  });

  it('refuses a delivery medium Cognito does not know', () => {
    const event = userMigrationEvent({ ...common, triggerSource: 'UserMigration_Authentication', userName: 'alice', password: 'p' });
    expect(() => readUserMigrationResponse(answered(event, { userAttributes: {}, desiredDeliveryMediums: ['PIGEON'] }))).toThrow(expect.objectContaining(unrecognizable));
  });
});

describe('CustomMessage', () => {
  const sources: CustomMessageSource[] = [
    'CustomMessage_SignUp',
    'CustomMessage_AdminCreateUser',
    'CustomMessage_ResendCode',
    'CustomMessage_ForgotPassword',
    'CustomMessage_UpdateUserAttribute',
    'CustomMessage_VerifyUserAttribute',
    'CustomMessage_Authentication',
  ];

  it.each(sources)('%s: userAttributes, the placeholders, clientMetadata; response nulls', (triggerSource) => {
    expectExactly(customMessageEvent({ ...common, triggerSource, userName: 'alice', userAttributes: attributes, clientMetadata: { k: 'v' } }), {
      version: '1',
      triggerSource,
      region: 'us-west-2',
      userPoolId: POOL,
      userName: 'alice',
      callerContext,
      request: {
        userAttributes: attributes,
        codeParameter: '{####}',
        linkParameter: '{##Click Here##}',
        usernameParameter: triggerSource === 'CustomMessage_AdminCreateUser' ? '{username}' : null,
        clientMetadata: { k: 'v' },
      },
      response: { smsMessage: null, emailMessage: null, emailSubject: null },
    });
  });

  const signUp = customMessageEvent({ ...common, triggerSource: 'CustomMessage_SignUp', userName: 'alice', userAttributes: attributes });
  const developer = { emailSendingAccount: 'DEVELOPER' };

  it("uses the function's messages when they hold the code placeholder", () => {
    const output = answered(signUp, { smsMessage: 'Your code is {####}', emailMessage: '<b>{####}</b> is your code', emailSubject: 'Welcome' });
    expect(readCustomMessageResponse(output, signUp, developer)).toEqual({ smsMessage: 'Your code is {####}', emailMessage: '<b>{####}</b> is your code', emailSubject: 'Welcome', fallbacks: [] });
  });

  it("falls back to Cognito's own message when the code placeholder is missing or the message is too long", () => {
    const output = answered(signUp, { smsMessage: 'Welcome aboard', emailMessage: `{####}${'x'.repeat(20_000)}` });
    expect(readCustomMessageResponse(output, signUp, developer)).toEqual({
      fallbacks: [
        { field: 'smsMessage', reason: 'smsMessage does not contain {####}' },
        { field: 'emailMessage', reason: 'emailMessage is longer than 20000 characters' },
      ],
    });
    const longSms = answered(signUp, { smsMessage: `{####} ${'y'.repeat(140)}` });
    expect(readCustomMessageResponse(longSms, signUp).fallbacks).toEqual([{ field: 'smsMessage', reason: 'smsMessage is longer than 140 characters' }]);
  });

  it('needs the username placeholder too for AdminCreateUser', () => {
    const event = customMessageEvent({ ...common, triggerSource: 'CustomMessage_AdminCreateUser', userName: 'alice', userAttributes: attributes });
    const output = answered(event, { smsMessage: 'Temporary password {####}', emailMessage: 'User {username}, password {####}' });
    expect(readCustomMessageResponse(output, event, developer)).toEqual({
      emailMessage: 'User {username}, password {####}',
      fallbacks: [{ field: 'smsMessage', reason: 'smsMessage does not contain {username}' }],
    });
  });

  it('wants the link placeholder in a sign-up email when the pool verifies by link', () => {
    const output = answered(signUp, { emailMessage: 'Confirm here: {##Click Here##}' });
    expect(readCustomMessageResponse(output, signUp, { ...developer, verifiesByLink: true })).toEqual({ emailMessage: 'Confirm here: {##Click Here##}', fallbacks: [] });
    expect(readCustomMessageResponse(output, signUp, developer).fallbacks).toEqual([{ field: 'emailMessage', reason: 'emailMessage does not contain {####}' }]);
  });

  it('refuses emailMessage and emailSubject unless the pool sends email as DEVELOPER (InvalidLambdaResponseException)', () => {
    for (const response of [{ emailMessage: '{####}' }, { emailSubject: 'Hi' }]) {
      expect(() => readCustomMessageResponse(answered(signUp, response), signUp, { emailSendingAccount: 'COGNITO_DEFAULT' })).toThrow(
        expect.objectContaining({ type: 'InvalidLambdaResponseException' }),
      );
      expect(() => readCustomMessageResponse(answered(signUp, response), signUp)).toThrow(expect.objectContaining({ type: 'InvalidLambdaResponseException' }));
    }
    expect(readCustomMessageResponse(answered(signUp, { smsMessage: '{####}' }), signUp)).toEqual({ smsMessage: '{####}', fallbacks: [] });
  });

  it('renders the code and username into the message', () => {
    const event = customMessageEvent({ ...common, triggerSource: 'CustomMessage_AdminCreateUser', userName: 'alice', userAttributes: {} });
    expect(renderCustomMessage('Hi {username}, use {####} ({####})', event, { code: 'Tmp-1234', username: 'alice' })).toBe('Hi alice, use Tmp-1234 (Tmp-1234)');
  });
});

describe('the custom sender triggers', () => {
  it('CustomEmailSender: type customEmailSenderRequestV1, code, clientMetadata, userAttributes; no response', () => {
    expectExactly(
      customEmailSenderEvent({ ...common, triggerSource: 'CustomEmailSender_ForgotPassword', userName: 'alice', userAttributes: attributes, code: 'AYADeBase64==', clientMetadata: { k: 'v' } }),
      {
        version: '1',
        triggerSource: 'CustomEmailSender_ForgotPassword',
        region: 'us-west-2',
        userPoolId: POOL,
        userName: 'alice',
        callerContext,
        request: { type: 'customEmailSenderRequestV1', code: 'AYADeBase64==', clientMetadata: { k: 'v' }, userAttributes: attributes },
      },
    );
  });

  it('CustomSMSSender: type customSMSSenderRequestV1', () => {
    const event = customSmsSenderEvent({ ...common, triggerSource: 'CustomSMSSender_Authentication', userName: 'alice', userAttributes: attributes, code: 'AYADeBase64==' });
    expectExactly(event.request, { type: 'customSMSSenderRequestV1', code: 'AYADeBase64==', userAttributes: attributes });
    expect(event).not.toHaveProperty('response');
  });
});
