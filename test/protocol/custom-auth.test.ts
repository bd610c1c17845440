/**
 * CUSTOM_AUTH through the AWS SDK, with the guide's define / create / verify handlers run as
 * local modules and behind a Lambda Invoke API: the challenge loop, starting with SRP_A, the
 * session history the triggers receive, public parameters to the client and private ones to
 * Verify only, issueTokens and failAuthentication, MFA after a PASSWORD_VERIFIER, userNotFound, ClientMetadata routed as the
 * guide's table says, and every refusal with Cognito's exception and no tokens.
 */
import {
  AdminDisableUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminUpdateUserAttributesCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type LambdaConfigType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMessageTo } from '../support/sandbox.js';
import { srpClient } from '../support/srp-client.js';
import { SMS_CONFIGURATION } from '../support/world.js';
import { arn, MODES, PASSWORD, startTriggerSandbox, type TriggerSandbox } from '../fixtures/triggers/sign-in-sandbox.js';


const SDK_VERSION = expect.stringMatching(/^aws-sdk-js-\d+\.\d+\.\d+$/);
const CUSTOM: LambdaConfigType = { DefineAuthChallenge: arn('define'), CreateAuthChallenge: arn('create'), VerifyAuthChallengeResponse: arn('verify') };
const EMPTY_DEFINE_RESPONSE = { challengeName: null, issueTokens: null, failAuthentication: null };
const EMPTY_CREATE_RESPONSE = { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null };
const round = (n: number, challengeResult: boolean) => ({ challengeName: 'CUSTOM_CHALLENGE', challengeResult, challengeMetadata: `CAPTCHA_CHALLENGE-${n}` });

describe.each(MODES)('CUSTOM_AUTH with the challenge triggers run as a %s', (mode) => {
  let sandbox: TriggerSandbox;
  beforeAll(async () => {
    sandbox = await startTriggerSandbox(mode);
  });
  afterAll(() => sandbox.close());

  async function world(LambdaConfig: LambdaConfigType = CUSTOM, client: Parameters<TriggerSandbox['world']>[2] = {}) {
    const { poolId, clientId } = await sandbox.world(LambdaConfig, {}, client);
    await sandbox.newUser(poolId, 'alice', { email: 'alice@example.com' });
    const user = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    const sub = user.UserAttributes!.find((a) => a.Name === 'sub')!.Value!;
    return { poolId, clientId, sub, userAttributes: { sub, email: 'alice@example.com', 'cognito:user_status': 'CONFIRMED' } };
  }

  const start = (clientId: string, AuthParameters: Record<string, string> = { USERNAME: 'alice' }, ClientMetadata?: Record<string, string>) =>
    sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters, ClientMetadata }));

  const answer = (clientId: string, Session: string | undefined, ANSWER: string, ClientMetadata?: Record<string, string>, USERNAME = 'alice') =>
    sandbox.cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session, ChallengeResponses: { USERNAME, ANSWER }, ClientMetadata }),
    );

  const observe = <T>(call: () => Promise<T>) => sandbox.observe(call);

  it('asks Define with an empty session, hands out Create’s public parameters, and issues tokens once Verify and Define agree', async () => {
    const { poolId, clientId, userAttributes } = await world();
    const common = { version: '1', region: 'us-east-1', userPoolId: poolId, userName: 'alice', callerContext: { awsSdkVersion: SDK_VERSION, clientId } };

    const started = await observe(() => start(clientId, { USERNAME: 'alice' }, { routed: 'validationData only' }));
    expect(started.value).toMatchObject({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters: { captchaUrl: 'url/123.jpg', round: '1', USERNAME: 'alice' } });
    expect(started.value!.ChallengeParameters).not.toHaveProperty('answer');
    expect(started.invoked).toEqual([
      ['DefineAuthChallenge', { ...common, triggerSource: 'DefineAuthChallenge_Authentication', request: { userAttributes, session: [] }, response: EMPTY_DEFINE_RESPONSE }],
      [
        'CreateAuthChallenge',
        {
          ...common,
          triggerSource: 'CreateAuthChallenge_Authentication',
          request: { userAttributes, challengeName: 'CUSTOM_CHALLENGE', session: [] },
          response: EMPTY_CREATE_RESPONSE,
        },
      ],
    ]);
    const issued = started.events.find((event) => event.type === 'challenge.issued')!;
    expect(issued.data).toEqual({ challengeName: 'CUSTOM_CHALLENGE', parameters: started.value!.ChallengeParameters });
    const flowId = issued.flowId!;
    const snapshot = JSON.parse(sandbox.app.store.flows.findById(flowId)!.snapshot!);
    expect(snapshot.context.customChallenge).toEqual({ privateChallengeParameters: { answer: '5' }, challengeMetadata: 'CAPTCHA_CHALLENGE-1' });

    const answered = await observe(() => answer(clientId, started.value!.Session, '5', { device: 'phone' }));
    expect(answered.value!.AuthenticationResult!.IdToken).toBeDefined();
    expect(answered.invoked).toEqual([
      [
        'VerifyAuthChallengeResponse',
        {
          ...common,
          triggerSource: 'VerifyAuthChallengeResponse_Authentication',
          request: { userAttributes, privateChallengeParameters: { answer: '5' }, challengeAnswer: '5', clientMetadata: { device: 'phone' } },
          response: { answerCorrect: null },
        },
      ],
      [
        'DefineAuthChallenge',
        {
          ...common,
          triggerSource: 'DefineAuthChallenge_Authentication',
          request: { userAttributes, session: [round(1, true)], clientMetadata: { device: 'phone' } },
          response: EMPTY_DEFINE_RESPONSE,
        },
      ],
    ]);
    expect(answered.tokens.map((event) => (event.data as { tokenUse: string }).tokenUse)).toEqual(['id', 'access', 'refresh']);
    expect(
      [...started.events, ...answered.events].filter((event) => event.type === 'flow.transitioned').map((event) => (event.data as { to: string }).to),
    ).toEqual([
      'identifying.findingUser',
      'customChallenge.definingAuthChallenge',
      'customChallenge.creatingAuthChallenge',
      'customChallenge.awaitingCustomChallenge',
      'customChallenge.verifyingAuthChallenge',
      'customChallenge.definingAuthChallenge',
      'tokens.issuingTokens',
      'signedIn',
    ]);
    expect(sandbox.app.store.flows.findById(flowId)!.snapshot).toBeNull();
  });

  it('goes round again after a wrong answer, with the history in the session, and fails after the third', async () => {
    const { clientId } = await world();
    let challenge = await start(clientId);
    for (const n of [1, 2]) {
      const wrong = await observe(() => answer(clientId, challenge.Session, 'four'));
      expect(wrong.value).toMatchObject({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters: { round: String(n + 1) } });
      expect(wrong.invoked.map(([trigger]) => trigger)).toEqual(['VerifyAuthChallengeResponse', 'DefineAuthChallenge', 'CreateAuthChallenge']);
      expect(wrong.invoked[2]![1].request.session).toEqual(Array.from({ length: n }, (_, i) => round(i + 1, false)));
      await expect(answer(clientId, challenge.Session, '5')).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
      challenge = wrong.value!;
    }
    const failed = await observe(() => answer(clientId, challenge.Session, 'four'));
    expect(failed.error).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(failed.invoked[1]![1].request.session).toEqual([round(1, false), round(2, false), round(3, false)]);
    expect(failed.tokens).toEqual([]);
  });

  it('runs as many rounds as Define asks for, each named by its challengeMetadata', async () => {
    const { clientId } = await world();
    const first = await start(clientId);
    const second = await observe(() => answer(clientId, first.Session, '5', { another: 'yes' }));
    expect(second.value).toMatchObject({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters: { round: '2' } });
    expect(second.invoked[2]).toEqual(['CreateAuthChallenge', expect.objectContaining({ request: expect.objectContaining({ clientMetadata: { another: 'yes' } }) })]);
    const done = await observe(() => answer(clientId, second.value!.Session, '5'));
    expect(done.value!.AuthenticationResult).toBeDefined();
    expect(done.invoked[1]![1].request).toEqual(expect.objectContaining({ session: [round(1, true), round(2, true)] }));
    expect(done.invoked[1]![1].request).not.toHaveProperty('clientMetadata');
  });

  it('starts with SRP when asked: SRP_A, then PASSWORD_VERIFIER, then the custom challenge', async () => {
    const { poolId, clientId } = await world();
    const srp = await srpClient(poolId);
    const started = await observe(() => start(clientId, { USERNAME: 'alice', CHALLENGE_NAME: 'SRP_A', SRP_A: srp.A }));
    expect(started.value!.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(Object.keys(started.value!.ChallengeParameters!).sort()).toEqual(['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
    expect(started.invoked.map(([trigger, event]) => [trigger, event.request.session])).toEqual([
      ['DefineAuthChallenge', [{ challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null }]],
    ]);

    const proved = await observe(async () =>
      sandbox.cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          Session: started.value!.Session,
          ChallengeResponses: await srp.prove(started.value!.ChallengeParameters!, PASSWORD),
        }),
      ),
    );
    expect(proved.value).toMatchObject({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters: { USERNAME: 'alice', round: '1' } });
    const afterPassword = [
      { challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null },
      { challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: null },
    ];
    expect(proved.invoked.map(([trigger, event]) => [trigger, event.request.session])).toEqual([
      ['DefineAuthChallenge', afterPassword],
      ['CreateAuthChallenge', afterPassword],
    ]);

    const done = await observe(() => answer(clientId, proved.value!.Session, '5'));
    expect(done.value!.AuthenticationResult).toBeDefined();
    expect(done.invoked[1]![1].request.session).toEqual([...afterPassword, round(1, true)]);
  });

  it('asks for MFA after PASSWORD_VERIFIER, then Define with the MFA challenge in its session; a custom flow without a password has no MFA', async () => {
    const { poolId, clientId } = await world();
    await sandbox.cognito.send(new UpdateUserPoolCommand({ UserPoolId: poolId, LambdaConfig: CUSTOM, SmsConfiguration: SMS_CONFIGURATION }));
    await sandbox.cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION } }));
    await sandbox.cognito.send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'alice', UserAttributes: [{ Name: 'phone_number', Value: '+15555550160' }, { Name: 'phone_number_verified', Value: 'true' }] }),
    );
    await sandbox.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'alice', SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));

    const srp = await srpClient(poolId);
    const started = await start(clientId, { USERNAME: 'alice', CHALLENGE_NAME: 'SRP_A', SRP_A: srp.A });
    const proved = await observe(async () =>
      sandbox.cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          Session: started.Session,
          ChallengeResponses: await srp.prove(started.ChallengeParameters!, PASSWORD),
        }),
      ),
    );
    expect(proved.value).toMatchObject({ ChallengeName: 'SMS_MFA', ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS' } });
    expect(proved.invoked).toEqual([]);

    const { code } = await latestMessageTo(sandbox.url, '+15555550160');
    const afterMfa = await observe(() =>
      sandbox.cognito.send(
        new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SMS_MFA', Session: proved.value!.Session, ChallengeResponses: { USERNAME: 'alice', SMS_MFA_CODE: code } }),
      ),
    );
    expect(afterMfa.value!.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(afterMfa.invoked[0]![1].request.session).toEqual([
      { challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null },
      { challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: null },
      { challengeName: 'SMS_MFA', challengeResult: true, challengeMetadata: null },
    ]);
    expect((await answer(clientId, afterMfa.value!.Session, '5')).AuthenticationResult).toBeDefined();

    // Without SRP, the custom challenges are the whole sign-in.
    const passwordless = await start(clientId);
    expect(passwordless.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect((await answer(clientId, passwordless.Session, '5')).AuthenticationResult).toBeDefined();
  });

  it('fails a wrong password in the SRP start without asking Define again', async () => {
    const { poolId, clientId } = await world();
    const srp = await srpClient(poolId);
    const started = await start(clientId, { USERNAME: 'alice', CHALLENGE_NAME: 'SRP_A', SRP_A: srp.A });
    const refused = await observe(async () =>
      sandbox.cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          Session: started.Session,
          ChallengeResponses: await srp.prove(started.ChallengeParameters!, 'Wr0ng-password'),
        }),
      ),
    );
    expect(refused.error).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(refused.invoked).toEqual([]);
  });

  it('runs through AdminInitiateAuth and AdminRespondToAuthChallenge, then post authentication and pre token generation', async () => {
    const { poolId, clientId } = await world({ ...CUSTOM, PostAuthentication: arn('post-auth'), PreTokenGeneration: arn('pre-token-v1') });
    const started = await sandbox.cognito.send(
      new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'alice' } }),
    );
    expect(started.ChallengeName).toBe('CUSTOM_CHALLENGE');
    const done = await observe(() =>
      sandbox.cognito.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          ChallengeName: 'CUSTOM_CHALLENGE',
          Session: started.Session,
          ChallengeResponses: { USERNAME: 'alice', ANSWER: '5' },
          ClientMetadata: { via: 'admin' },
        }),
      ),
    );
    expect(done.value!.AuthenticationResult).toBeDefined();
    expect(done.invoked.map(([trigger, event]) => [trigger, event.triggerSource, event.request.clientMetadata])).toEqual([
      ['VerifyAuthChallengeResponse', 'VerifyAuthChallengeResponse_Authentication', { via: 'admin' }],
      ['DefineAuthChallenge', 'DefineAuthChallenge_Authentication', { via: 'admin' }],
      ['PostAuthentication', 'PostAuthentication_Authentication', { via: 'admin' }],
      ['PreTokenGeneration', 'TokenGeneration_Authentication', { via: 'admin' }],
    ]);
  });

  it('plays an unknown user along under PreventUserExistenceErrors (userNotFound), never issuing tokens', async () => {
    const { clientId } = await world(CUSTOM, { PreventUserExistenceErrors: 'ENABLED' });
    const started = await observe(() => start(clientId, { USERNAME: 'ghost' }));
    expect(started.value).toMatchObject({ ChallengeName: 'CUSTOM_CHALLENGE', ChallengeParameters: { USERNAME: 'ghost' } });
    expect(started.invoked.map(([, event]) => [event.userName, event.request.userAttributes, event.request.userNotFound])).toEqual([
      ['ghost', {}, true],
      ['ghost', {}, true],
    ]);
    const answered = await observe(() => answer(clientId, started.value!.Session, '5', undefined, 'ghost'));
    expect(answered.error).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(answered.invoked.map(([, event]) => event.request.userNotFound)).toEqual([true, true]);
    expect(answered.tokens).toEqual([]);

    const known = await observe(() => start(clientId));
    expect(known.invoked[0]![1].request.userNotFound).toBe(false);
  });

  it('says an unknown user does not exist without PreventUserExistenceErrors, asking no function', async () => {
    const { clientId } = await world();
    const unknown = await observe(() => start(clientId, { USERNAME: 'ghost' }));
    expect(unknown.error).toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
    expect(unknown.invoked).toEqual([]);
  });

  it('refuses a disabled user before any challenge', async () => {
    const { poolId, clientId } = await world();
    await sandbox.cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    const refused = await observe(() => start(clientId));
    expect(refused.error).toMatchObject({ name: 'NotAuthorizedException', message: 'User is disabled.' });
    expect(refused.invoked).toEqual([]);
  });

  it('checks the request: the client must allow the flow, the pool must have Define, parameters must be there', async () => {
    const { clientId } = await world(CUSTOM, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await expect(start(clientId)).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Auth flow not enabled for this client' });

    const noDefine = await world({ CreateAuthChallenge: arn('create'), VerifyAuthChallengeResponse: arn('verify') });
    await expect(start(noDefine.clientId)).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Custom auth lambda trigger is not configured for the user pool.',
    });

    const { clientId: ready } = await world();
    await expect(start(ready, {})).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Missing required parameter USERNAME' });
    await expect(start(ready, { USERNAME: 'alice', CHALLENGE_NAME: 'SRP_A' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter SRP_A',
    });
    const challenge = await start(ready);
    await expect(
      sandbox.cognito.send(
        new RespondToAuthChallengeCommand({ ClientId: ready, ChallengeName: 'CUSTOM_CHALLENGE', Session: challenge.Session, ChallengeResponses: { USERNAME: 'alice' } }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Missing required parameter ANSWER' });
    await expect(
      sandbox.cognito.send(
        new RespondToAuthChallengeCommand({ ClientId: ready, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: challenge.Session, ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: 'x' } }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  });

  it('reports a failing function as Cognito does, and issues nothing', async () => {
    const cases: [LambdaConfigType, string, { name: string; message: string }][] = [
      [
        { ...CUSTOM, DefineAuthChallenge: arn('throws') },
        'alice',
        { name: 'UserLambdaValidationException', message: 'DefineAuthChallenge failed with error Cannot register users with username less than the minimum length of 5.' },
      ],
      [{ ...CUSTOM, CreateAuthChallenge: arn('not-json') }, 'alice', { name: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' }],
      [{ ...CUSTOM, CreateAuthChallenge: undefined }, 'alice', { name: 'InvalidParameterException', message: 'Custom auth lambda trigger is not configured for the user pool.' }],
      [CUSTOM, 'odd', { name: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' }],
    ];
    for (const [LambdaConfig, username, error] of cases) {
      const { poolId, clientId } = await world(LambdaConfig);
      if (username !== 'alice') await sandbox.newUser(poolId, username);
      const refused = await observe(() => start(clientId, { USERNAME: username }));
      expect(refused.error, JSON.stringify(LambdaConfig)).toMatchObject(error);
      expect(refused.events.filter((event) => event.type === 'challenge.issued')).toEqual([]);
    }

    const { clientId } = await world({ ...CUSTOM, VerifyAuthChallengeResponse: arn('throws') });
    const challenge = await start(clientId);
    const refused = await observe(() => answer(clientId, challenge.Session, '5'));
    expect(refused.error).toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'VerifyAuthChallengeResponse failed with error Cannot register users with username less than the minimum length of 5.',
    });
    expect(refused.tokens).toEqual([]);
  });
});
