/**
 * Pre token generation at sign-in, through the AWS SDK and amazon-cognito-identity-js, with the
 * handlers run as local modules and behind a Lambda Invoke API: the V1, V2 and V3 events for
 * TokenGeneration_Authentication, _NewPasswordChallenge and _RefreshTokens, field by field, and
 * their answers in the tokens as aws-jwt-verify verifies them (claims added, overridden and
 * suppressed, groups replaced, scopes added and suppressed, the claims Cognito keeps unchanged).
 */
import {
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  CreateGroupCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type LambdaConfigType,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arn, invokedTriggers, issuedClaims, MODES, PASSWORD, startTriggerSandbox, type TriggerSandbox } from '../fixtures/triggers/sign-in-sandbox.js';

const ADMIN_ROLE = 'arn:aws:iam::123456789012:role/admin';
const EDITOR_ROLE = 'arn:aws:iam::123456789012:role/editor';
const SDK_VERSION = expect.stringMatching(/^aws-sdk-js-\d+\.\d+\.\d+$/);

const V1: LambdaConfigType = { PreTokenGeneration: arn('pre-token-v1') };
const v2 = (LambdaVersion: 'V2_0' | 'V3_0'): LambdaConfigType => ({
  PreTokenGeneration: arn('pre-token-v2'),
  PreTokenGenerationConfig: { LambdaVersion, LambdaArn: arn('pre-token-v2') },
});

describe.each(MODES)('pre token generation run as a %s', (mode) => {
  let sandbox: TriggerSandbox;
  beforeAll(async () => {
    sandbox = await startTriggerSandbox(mode);
  });
  afterAll(() => sandbox.close());

  /** A pool with the trigger, and `alice` in the group `admins` (with a role). */
  async function world(LambdaConfig: LambdaConfigType, username = 'alice') {
    const { poolId, clientId } = await sandbox.world(LambdaConfig);
    await sandbox.newUser(poolId, username, { email: `${username}@example.com`, email_verified: 'true', phone_number: '+15555550100', nickname: 'ally' });
    await sandbox.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins', RoleArn: ADMIN_ROLE, Precedence: 1 }));
    await sandbox.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: 'admins' }));
    const user = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    return { poolId, clientId, sub: user.UserAttributes!.find((a) => a.Name === 'sub')!.Value! };
  }

  function verifier(poolId: string, audience: string | null) {
    const fetcher = { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() };
    return JwtRsaVerifier.create(
      { issuer: `${sandbox.url}/${poolId}`, audience, jwksUri: `${sandbox.url}/${poolId}/.well-known/jwks.json` },
      { jwksCache: new SimpleJwksCache({ fetcher }) },
    );
  }

  /** Signs in with USER_PASSWORD_AUTH; answers the verified claims and the events of the call. */
  async function signIn(poolId: string, clientId: string, username = 'alice', ClientMetadata?: Record<string, string>) {
    const mark = sandbox.mark();
    const { AuthenticationResult } = await sandbox.cognito.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD }, ClientMetadata }),
    );
    const events = sandbox.since(mark);
    return {
      result: AuthenticationResult!,
      id: await verifier(poolId, clientId).verify(AuthenticationResult!.IdToken!),
      access: await verifier(poolId, null).verify(AuthenticationResult!.AccessToken!),
      events,
      invoked: invokedTriggers(events),
    };
  }

  it('V1: sends the user and their groups, then applies claimsOverrideDetails to the ID token and the groups to both', async () => {
    const { poolId, clientId, sub } = await world(V1);
    const { id, access, events, invoked } = await signIn(poolId, clientId, 'alice', { app: 'web' });

    expect(invoked).toEqual([
      [
        'PreTokenGeneration',
        {
          version: '1',
          triggerSource: 'TokenGeneration_Authentication',
          region: 'us-east-1',
          userPoolId: poolId,
          userName: 'alice',
          callerContext: { awsSdkVersion: SDK_VERSION, clientId },
          request: {
            userAttributes: {
              sub,
              email: 'alice@example.com',
              email_verified: 'true',
              phone_number: '+15555550100',
              nickname: 'ally',
              'cognito:user_status': 'CONFIRMED',
            },
            groupConfiguration: { groupsToOverride: ['admins'], iamRolesToOverride: [ADMIN_ROLE], preferredRole: ADMIN_ROLE },
          },
          response: { claimsOverrideDetails: null },
        },
      ],
    ]);

    expect(id).toMatchObject({ sub, 'cognito:username': 'alice', tier: 'gold', email: 'override@example.com', source: 'TokenGeneration_Authentication' });
    expect(id).not.toHaveProperty('phone_number');
    expect(id).not.toHaveProperty('nickname');
    expect(id['cognito:groups']).toEqual(['editors', 'admins']);
    expect(id['cognito:roles']).toEqual([EDITOR_ROLE]);
    expect(id['cognito:preferred_role']).toBe(EDITOR_ROLE);
    expect(access['cognito:groups']).toEqual(['editors', 'admins']);
    expect(access).toMatchObject({ sub, username: 'alice', scope: 'aws.cognito.signin.user.admin' });
    expect(access).not.toHaveProperty('tier');
    expect(access).not.toHaveProperty('cognito:roles');

    expect(issuedClaims(events)).toEqual({ id, access });
    const returned = events.find((event) => event.type === 'trigger.returned')!;
    expect((returned.data as { response: any }).response.response.claimsOverrideDetails.claimsToAddOrOverride.sub).toBe('forged');
  });

  it('V1: an empty groupOverrideDetails takes the groups out of both tokens', async () => {
    const { poolId, clientId } = await world(V1, 'groupless');
    const { id, access } = await signIn(poolId, clientId, 'groupless');
    for (const claim of ['cognito:groups', 'cognito:roles', 'cognito:preferred_role']) expect(id).not.toHaveProperty(claim);
    expect(access).not.toHaveProperty('cognito:groups');
  });

  for (const [LambdaVersion, version] of [
    ['V2_0', '2'],
    ['V3_0', '3'],
  ] as const) {
    it(`${LambdaVersion}: sends version ${version} with the scopes, and customizes both tokens and their scopes`, async () => {
      const { poolId, clientId, sub } = await world(v2(LambdaVersion));
      const { id, access, events, invoked } = await signIn(poolId, clientId);
      expect(invoked).toHaveLength(1);
      expect(invoked[0]![1]).toEqual({
        version,
        triggerSource: 'TokenGeneration_Authentication',
        region: 'us-east-1',
        userPoolId: poolId,
        userName: 'alice',
        callerContext: { awsSdkVersion: SDK_VERSION, clientId },
        request: {
          userAttributes: expect.objectContaining({ sub, email: 'alice@example.com' }),
          groupConfiguration: { groupsToOverride: ['admins'], iamRolesToOverride: [ADMIN_ROLE], preferredRole: ADMIN_ROLE },
          scopes: ['aws.cognito.signin.user.admin'],
        },
        response: { claimsAndScopeOverrideDetails: null },
      });

      expect(id).toMatchObject({ sub, tier: 'gold', roles: ['reader', 'writer'], 'cognito:groups': ['overridden'] });
      expect(id).not.toHaveProperty('email');
      expect(access).toMatchObject({
        sub,
        client_id: clientId,
        username: 'alice',
        tier: 'gold',
        limits: { daily: 10 },
        'cognito:groups': ['overridden'],
        scope: 'aws.cognito.signin.user.admin api/read',
      });
      expect(issuedClaims(events)).toEqual({ id, access });
    });
  }

  it('TokenGeneration_NewPasswordChallenge gets RespondToAuthChallenge’s ClientMetadata', async () => {
    const { poolId, clientId } = await sandbox.world(V1);
    await sandbox.newUser(poolId, 'newbie', {}, { temporary: true });
    const challenge = await sandbox.cognito.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'newbie', PASSWORD } }),
    );
    const mark = sandbox.mark();
    const { AuthenticationResult } = await sandbox.cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'newbie', NEW_PASSWORD: 'N3w-Passw0rd!' },
        ClientMetadata: { step: 'new-password' },
      }),
    );
    const [[, event]] = invokedTriggers(sandbox.since(mark)) as [[string, any]];
    expect(event.triggerSource).toBe('TokenGeneration_NewPasswordChallenge');
    expect(event.request).toMatchObject({ userAttributes: { 'cognito:user_status': 'CONFIRMED' }, clientMetadata: { step: 'new-password' } });
    const id = await verifier(poolId, clientId).verify(AuthenticationResult!.IdToken!);
    expect(id.source).toBe('TokenGeneration_NewPasswordChallenge');
  });

  it('TokenGeneration_RefreshTokens customizes the refreshed tokens too', async () => {
    const { poolId, clientId } = await world(V1);
    const { result } = await signIn(poolId, clientId);
    const mark = sandbox.mark();
    const refreshed = await sandbox.cognito.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: result.RefreshToken! }, ClientMetadata: { ignored: 'yes' } }),
    );
    const invoked = invokedTriggers(sandbox.since(mark));
    expect(invoked.map(([trigger, event]) => [trigger, event.triggerSource])).toEqual([['PreTokenGeneration', 'TokenGeneration_RefreshTokens']]);
    expect(invoked[0]![1].request).not.toHaveProperty('clientMetadata');
    const id = await verifier(poolId, clientId).verify(refreshed.AuthenticationResult!.IdToken!);
    expect(id).toMatchObject({ tier: 'gold', source: 'TokenGeneration_RefreshTokens', 'cognito:groups': ['editors', 'admins'] });
  });

  it('reaches the tokens amazon-cognito-identity-js gets from an SRP sign-in, with its ClientMetadata', async () => {
    const { poolId, clientId, sub } = await world(V1);
    const mark = sandbox.mark();
    const user = new CognitoUser({ Username: 'alice', Pool: new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: sandbox.url }) });
    const session: CognitoUserSession = await new Promise((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PASSWORD, ClientMetadata: { app: 'spa' } }), {
        onSuccess: resolve,
        onFailure: reject,
      }),
    );
    const id = await verifier(poolId, clientId).verify(session.getIdToken().getJwtToken());
    expect(id).toMatchObject({ sub, tier: 'gold', email: 'override@example.com', 'cognito:groups': ['editors', 'admins'] });
    const [[, event]] = invokedTriggers(sandbox.since(mark)) as [[string, any]];
    expect(event).toMatchObject({ triggerSource: 'TokenGeneration_Authentication', callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId } });
    expect(event.request.clientMetadata).toEqual({ app: 'spa' });
  });

  it('refuses the sign-in, issuing nothing, when the function throws or answers something that is not the event', async () => {
    for (const [functionName, error] of [
      ['throws', { name: 'UserLambdaValidationException', message: 'PreTokenGeneration failed with error Cannot register users with username less than the minimum length of 5.' }],
      ['not-json', { name: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' }],
    ] as const) {
      const { poolId, clientId } = await sandbox.world({ PreTokenGeneration: arn(functionName) });
      await sandbox.newUser(poolId, 'alice');
      const mark = sandbox.mark();
      await expect(
        sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD } })),
      ).rejects.toMatchObject(error);
      const events = sandbox.since(mark);
      expect(events.filter((event) => event.type === 'token.issued')).toEqual([]);
      expect(events.find((event) => event.type === 'flow.ended')!.data).toEqual({ outcome: 'failure', reason: 'pre token generation failed' });
    }
  });
});
