/**
 * CUSTOM_AUTH through the client libraries apps use, unmodified, with the guide's define /
 * create / verify handlers as local modules and behind a Lambda Invoke API:
 * amazon-cognito-identity-js (initiateAuth without a password, authenticateUser starting with
 * SRP, sendCustomChallengeAnswer) and Amplify v6 (CUSTOM_WITHOUT_SRP, CUSTOM_WITH_SRP,
 * confirmSignIn); aws-jwt-verify checks the tokens.
 */
import type { LambdaConfigType } from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arn, invokedTriggers, MODES, PASSWORD, startTriggerSandbox, type TriggerSandbox } from '../fixtures/triggers/sign-in-sandbox.js';

const CUSTOM: LambdaConfigType = { DefineAuthChallenge: arn('define'), CreateAuthChallenge: arn('create'), VerifyAuthChallengeResponse: arn('verify') };

interface Outcome {
  session?: CognitoUserSession;
  error?: Error & { code?: string };
  /** The public challenge parameters of each custom challenge the library was given. */
  challenges: Record<string, string>[];
}

/** The library's callbacks as a promise: each custom challenge is answered with the next of `answers`. */
function answering(user: CognitoUser, answers: string[], resolve: (outcome: Outcome) => void) {
  const challenges: Record<string, string>[] = [];
  const callbacks = {
    onSuccess: (session: CognitoUserSession) => resolve({ session, challenges }),
    onFailure: (error: Error) => resolve({ error, challenges }),
    customChallenge(parameters: Record<string, string>) {
      challenges.push(parameters);
      user.sendCustomChallengeAnswer(answers[challenges.length - 1]!, callbacks);
    },
  };
  return callbacks;
}

describe.each(MODES)('custom authentication through client libraries, triggers run as a %s', (mode) => {
  let sandbox: TriggerSandbox;
  beforeAll(async () => {
    sandbox = await startTriggerSandbox(mode);
  });
  afterAll(() => sandbox.close());

  async function world() {
    const { poolId, clientId } = await sandbox.world(CUSTOM);
    await sandbox.newUser(poolId, 'alice', { email: 'alice@example.com' });
    return { poolId, clientId };
  }

  function identityJs(poolId: string, clientId: string) {
    const user = new CognitoUser({ Username: 'alice', Pool: new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: sandbox.url }) });
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    return user;
  }

  function verify(poolId: string, clientId: string, idToken: string) {
    const fetcher = { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() };
    return JwtRsaVerifier.create(
      { issuer: `${sandbox.url}/${poolId}`, audience: clientId, jwksUri: `${sandbox.url}/${poolId}/.well-known/jwks.json` },
      { jwksCache: new SimpleJwksCache({ fetcher }) },
    ).verify(idToken);
  }

  describe('amazon-cognito-identity-js', () => {
    it('initiateAuth without a password: the custom challenge, answered, gives a session that verifies', async () => {
      const { poolId, clientId } = await world();
      const user = identityJs(poolId, clientId);
      const mark = sandbox.mark();
      const outcome: Outcome = await new Promise((resolve) => user.initiateAuth(new AuthenticationDetails({ Username: 'alice' }), answering(user, ['5'], resolve)));
      expect(outcome.error).toBeUndefined();
      expect(outcome.challenges).toEqual([{ captchaUrl: 'url/123.jpg', round: '1', USERNAME: 'alice' }]);
      const claims = await verify(poolId, clientId, outcome.session!.getIdToken().getJwtToken());
      expect(claims).toMatchObject({ 'cognito:username': 'alice', email: 'alice@example.com', token_use: 'id' });
      expect(invokedTriggers(sandbox.since(mark)).map(([trigger]) => trigger)).toEqual([
        'DefineAuthChallenge',
        'CreateAuthChallenge',
        'VerifyAuthChallengeResponse',
        'DefineAuthChallenge',
      ]);
    });

    it('authenticateUser starts with SRP (CHALLENGE_NAME SRP_A), then answers the custom challenge', async () => {
      const { poolId, clientId } = await world();
      const user = identityJs(poolId, clientId);
      const mark = sandbox.mark();
      const outcome: Outcome = await new Promise((resolve) =>
        user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PASSWORD }), answering(user, ['5'], resolve)),
      );
      expect(outcome.error).toBeUndefined();
      expect(outcome.challenges).toHaveLength(1);
      await verify(poolId, clientId, outcome.session!.getIdToken().getJwtToken());
      const defines = invokedTriggers(sandbox.since(mark)).filter(([trigger]) => trigger === 'DefineAuthChallenge');
      expect(defines.map(([, event]) => event.request.session.map((entry: { challengeName: string }) => entry.challengeName))).toEqual([
        ['SRP_A'],
        ['SRP_A', 'PASSWORD_VERIFIER'],
        ['SRP_A', 'PASSWORD_VERIFIER', 'CUSTOM_CHALLENGE'],
      ]);
      expect(defines[0]![1].callerContext).toEqual({ awsSdkVersion: 'aws-sdk-unknown-unknown', clientId });
    });

    it('fails a wrong password, and three wrong answers, with Cognito’s error', async () => {
      const { poolId, clientId } = await world();
      const wrongPassword: Outcome = await new Promise((resolve) => {
        const user = identityJs(poolId, clientId);
        user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: 'Wr0ng-password' }), answering(user, ['5'], resolve));
      });
      expect(wrongPassword.error).toMatchObject({ code: 'NotAuthorizedException', message: 'Incorrect username or password.' });

      const wrongAnswers: Outcome = await new Promise((resolve) => {
        const user = identityJs(poolId, clientId);
        user.initiateAuth(new AuthenticationDetails({ Username: 'alice' }), answering(user, ['1', '2', '3'], resolve));
      });
      expect(wrongAnswers.challenges.map((parameters) => parameters.round)).toEqual(['1', '2', '3']);
      expect(wrongAnswers.error).toMatchObject({ code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    });
  });

  describe('Amplify v6', () => {
    it('signs in with CUSTOM_WITHOUT_SRP and CUSTOM_WITH_SRP through confirmSignIn', async () => {
      const { poolId, clientId } = await world();
      Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: sandbox.url } } });
      for (const authFlowType of ['CUSTOM_WITHOUT_SRP', 'CUSTOM_WITH_SRP'] as const) {
        const started = await signIn({ username: 'alice', ...(authFlowType === 'CUSTOM_WITH_SRP' && { password: PASSWORD }), options: { authFlowType } });
        expect(started.nextStep, authFlowType).toEqual({
          signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
          additionalInfo: { captchaUrl: 'url/123.jpg', round: '1', USERNAME: 'alice' },
        });
        const wrong = await confirmSignIn({ challengeResponse: '4' });
        expect(wrong.nextStep).toMatchObject({ signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', additionalInfo: { round: '2' } });
        const done = await confirmSignIn({ challengeResponse: '5' });
        expect(done).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
        const { tokens } = await fetchAuthSession();
        await verify(poolId, clientId, tokens!.idToken!.toString());
        await signOut();
      }
    });
  });
});
