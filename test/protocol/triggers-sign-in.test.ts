/**
 * The sign-in triggers at the moments Cognito runs them, through the AWS SDK, with the handlers
 * of test/fixtures/triggers run both as local modules and behind a Lambda Invoke API:
 * PreAuthentication_Authentication, PostAuthentication_Authentication and
 * UserMigration_Authentication. Each event is checked field by field against the guide's
 * outline; each refusal gives Cognito's exception and leaves no tokens and no half-made user.
 */
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASK } from '../../src-main/debug/mask.js';
import { arn, MODES, PASSWORD, startTriggerSandbox, type TriggerSandbox } from '../fixtures/triggers/sign-in-sandbox.js';

const NEW_PASSWORD = 'N3w-Passw0rd!';
const SDK_VERSION = expect.stringMatching(/^aws-sdk-js-\d+\.\d+\.\d+$/);
const UUID = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

describe.each(MODES)('sign-in triggers run as a %s', (mode) => {
  let sandbox: TriggerSandbox;
  beforeAll(async () => {
    sandbox = await startTriggerSandbox(mode);
  });
  afterAll(() => sandbox.close());

  const passwordAuth = (clientId: string, USERNAME: string, password: string, ClientMetadata?: Record<string, string>) =>
    sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD: password }, ClientMetadata }));

  const observe = <T>(call: () => Promise<T>) => sandbox.observe(call);

  const subOf = async (poolId: string, username: string) =>
    (await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).UserAttributes!.find((a) => a.Name === 'sub')!.Value!;

  describe('PreAuthentication_Authentication', () => {
    it('runs before the password is checked, with the user and InitiateAuth’s ClientMetadata as validationData', async () => {
      const { poolId, clientId } = await sandbox.world({ PreAuthentication: arn('pre-auth') });
      await sandbox.newUser(poolId, 'alice', { email: 'alice@example.com', email_verified: 'true' });
      const sub = await subOf(poolId, 'alice');

      const signedIn = await observe(() => passwordAuth(clientId, 'alice', PASSWORD, { app: 'web' }));
      expect(signedIn.value!.AuthenticationResult!.AccessToken).toBeDefined();
      expect(signedIn.invoked).toEqual([
        [
          'PreAuthentication',
          {
            version: '1',
            triggerSource: 'PreAuthentication_Authentication',
            region: 'us-east-1',
            userPoolId: poolId,
            userName: 'alice',
            callerContext: { awsSdkVersion: SDK_VERSION, clientId },
            request: {
              userAttributes: { sub, email: 'alice@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
              validationData: { app: 'web' },
            },
            response: {},
          },
        ],
      ]);
      const steps = signedIn.events.filter((event) => event.type === 'flow.transitioned').map((event) => (event.data as { to: string }).to);
      expect(steps).toEqual(['identifying.findingUser', 'identifying.preAuthentication', 'password.verifyingPassword', 'tokens.issuingTokens', 'signedIn']);
      const returned = signedIn.events.find((event) => event.type === 'trigger.returned')!;
      expect(returned.flowId).toBe(signedIn.events[0]!.flowId);

      const wrongPassword = await observe(() => passwordAuth(clientId, 'alice', 'Wr0ng-password'));
      expect(wrongPassword.error).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
      expect(wrongPassword.invoked.map(([trigger, event]) => [trigger, event.request.validationData])).toEqual([['PreAuthentication', null]]);
    });

    it('refuses the sign-in when the function throws: UserLambdaValidationException, no password check, no tokens', async () => {
      const { poolId, clientId } = await sandbox.world({ PreAuthentication: arn('pre-auth') });
      await sandbox.newUser(poolId, 'alice');
      const refused = await observe(() => passwordAuth(clientId, 'alice', PASSWORD, { refuse: 'yes' }));
      expect(refused.error).toMatchObject({
        name: 'UserLambdaValidationException',
        message: 'PreAuthentication failed with error Cannot authenticate users from this user pool app client.',
      });
      expect(refused.tokens).toEqual([]);
      expect(refused.events.find((event) => event.type === 'flow.ended')!.data).toEqual({ outcome: 'failure', reason: 'refused by the pre authentication function' });
      expect(refused.events.filter((event) => event.type === 'flow.transitioned').map((event) => (event.data as { to: string }).to)).not.toContain('password.verifyingPassword');
    });

    it('runs at InitiateAuth for SRP and for AdminInitiateAuth, with their ClientMetadata', async () => {
      const { poolId, clientId } = await sandbox.world({ PreAuthentication: arn('pre-auth') });
      await sandbox.newUser(poolId, 'alice');
      const admin = await observe(() =>
        sandbox.cognito.send(
          new AdminInitiateAuthCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'alice', PASSWORD },
            ClientMetadata: { from: 'backend' },
          }),
        ),
      );
      expect(admin.value!.AuthenticationResult).toBeDefined();
      expect(admin.invoked[0]![1]).toMatchObject({ callerContext: { clientId }, request: { validationData: { from: 'backend' } } });

      const refused = await observe(() =>
        sandbox.cognito.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'alice', SRP_A: 'abc123' }, ClientMetadata: { refuse: 'yes' } }),
        ),
      );
      expect(refused.error).toMatchObject({ name: 'UserLambdaValidationException' });
      const srp = await observe(() =>
        sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'alice', SRP_A: 'abc123' } })),
      );
      expect(srp.value!.ChallengeName).toBe('PASSWORD_VERIFIER');
      expect(srp.invoked.map(([trigger]) => trigger)).toEqual(['PreAuthentication']);
    });

    it('tells of an unknown user (userNotFound) only when the client prevents user existence errors', async () => {
      const { poolId, clientId } = await sandbox.world({ PreAuthentication: arn('pre-auth') }, {}, { PreventUserExistenceErrors: 'ENABLED' });
      await sandbox.newUser(poolId, 'alice');
      const known = await observe(() => passwordAuth(clientId, 'alice', PASSWORD));
      expect(known.invoked[0]![1].request.userNotFound).toBe(false);

      const unknown = await observe(() => passwordAuth(clientId, 'nobody', PASSWORD, { app: 'web' }));
      expect(unknown.error).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
      expect(unknown.invoked).toEqual([
        [
          'PreAuthentication',
          {
            version: '1',
            triggerSource: 'PreAuthentication_Authentication',
            region: 'us-east-1',
            userPoolId: poolId,
            userName: 'nobody',
            callerContext: { awsSdkVersion: SDK_VERSION, clientId },
            request: { userAttributes: {}, validationData: { app: 'web' }, userNotFound: true },
            response: {},
          },
        ],
      ]);

      const revealing = await sandbox.world({ PreAuthentication: arn('pre-auth') });
      const notFound = await observe(() => passwordAuth(revealing.clientId, 'nobody', PASSWORD));
      expect(notFound.error).toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
      expect(notFound.invoked).toEqual([]);
      await sandbox.newUser(revealing.poolId, 'alice');
      const noFlag = await observe(() => passwordAuth(revealing.clientId, 'alice', PASSWORD));
      expect(noFlag.invoked[0]![1].request).not.toHaveProperty('userNotFound');
    });
  });

  describe('PostAuthentication_Authentication', () => {
    it('runs after a successful sign-in, before the tokens, without InitiateAuth’s ClientMetadata', async () => {
      const { poolId, clientId } = await sandbox.world({ PostAuthentication: arn('post-auth') });
      await sandbox.newUser(poolId, 'alice', { email: 'alice@example.com' });
      const sub = await subOf(poolId, 'alice');
      const signedIn = await observe(() => passwordAuth(clientId, 'alice', PASSWORD, { app: 'web' }));
      expect(signedIn.value!.AuthenticationResult).toBeDefined();
      expect(signedIn.invoked).toEqual([
        [
          'PostAuthentication',
          {
            version: '1',
            triggerSource: 'PostAuthentication_Authentication',
            region: 'us-east-1',
            userPoolId: poolId,
            userName: 'alice',
            callerContext: { awsSdkVersion: SDK_VERSION, clientId },
            request: { userAttributes: { sub, email: 'alice@example.com', 'cognito:user_status': 'CONFIRMED' }, newDeviceUsed: false },
            response: {},
          },
        ],
      ]);
      const order = signedIn.events.map((event) => event.type).filter((type) => type === 'trigger.returned' || type === 'token.issued');
      expect(order[0]).toBe('trigger.returned');
      if (mode === 'local module') {
        const returned = signedIn.events.find((event) => event.type === 'trigger.returned')!;
        if (returned.type !== 'trigger.returned') throw new Error('no trigger.returned');
        expect(returned.data.logs!.some((line) => line.endsWith('Authentication successful PostAuthentication_Authentication alice'))).toBe(true);
      }
    });

    it('gets RespondToAuthChallenge’s ClientMetadata after NEW_PASSWORD_REQUIRED, and a refusal stops the tokens', async () => {
      const { poolId, clientId } = await sandbox.world({ PostAuthentication: arn('post-auth') });
      await sandbox.newUser(poolId, 'newbie', {}, { temporary: true });
      const respond = async (ClientMetadata: Record<string, string>) => {
        const challenge = await passwordAuth(clientId, 'newbie', PASSWORD);
        return observe(() =>
          sandbox.cognito.send(
            new RespondToAuthChallengeCommand({
              ClientId: clientId,
              ChallengeName: 'NEW_PASSWORD_REQUIRED',
              Session: challenge.Session,
              ChallengeResponses: { USERNAME: 'newbie', NEW_PASSWORD },
              ClientMetadata,
            }),
          ),
        );
      };
      const refused = await respond({ refuse: 'yes' });
      expect(refused.error).toMatchObject({ name: 'UserLambdaValidationException', message: 'PostAuthentication failed with error Post authentication refused.' });
      expect(refused.tokens).toEqual([]);
      expect(refused.invoked[0]![1].request).toMatchObject({ clientMetadata: { refuse: 'yes' }, newDeviceUsed: false });
    });

    it('is not run when tokens are refreshed', async () => {
      const { poolId, clientId } = await sandbox.world({ PreAuthentication: arn('pre-auth'), PostAuthentication: arn('post-auth') });
      await sandbox.newUser(poolId, 'alice');
      const { AuthenticationResult } = await passwordAuth(clientId, 'alice', PASSWORD);
      const refreshed = await observe(() =>
        sandbox.cognito.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! } }),
        ),
      );
      expect(refreshed.value!.AuthenticationResult!.IdToken).toBeDefined();
      expect(refreshed.invoked).toEqual([]);
    });
  });

  describe('UserMigration_Authentication', () => {
    const migrating = () => sandbox.world({ UserMigration: arn('migrate') });

    it('creates an unknown user from the function’s answer, with the typed password, and signs them in', async () => {
      const { poolId, clientId } = await migrating();
      const migrated = await observe(() => passwordAuth(clientId, 'legacy', 'Legacy-pass1', { source: 'app' }));
      expect(migrated.value!.AuthenticationResult!.RefreshToken).toBeDefined();
      const expected = {
        version: '1',
        triggerSource: 'UserMigration_Authentication',
        region: 'us-east-1',
        userPoolId: poolId,
        userName: 'legacy',
        callerContext: { awsSdkVersion: SDK_VERSION, clientId },
        request: { password: MASK, validationData: { source: 'app' } },
        response: { userAttributes: null, forceAliasCreation: null, enableSMSMFA: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null },
      };
      expect(migrated.invoked).toEqual([['UserMigration', expected]]);
      if (mode === 'Lambda Invoke API') {
        expect(sandbox.invokeApi!.received.at(-1)).toEqual({ functionName: 'migrate', event: { ...expected, request: { ...expected.request, password: 'Legacy-pass1' } } });
      }
      expect(JSON.stringify(migrated.events)).not.toContain('Legacy-pass1');

      const user = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'legacy' }));
      expect(user.UserStatus).toBe('CONFIRMED');
      expect(Object.fromEntries(user.UserAttributes!.map((a) => [a.Name, a.Value]))).toEqual({
        sub: UUID,
        email: 'legacy@example.com',
        email_verified: 'true',
        name: 'Migrated legacy',
      });

      const again = await observe(() => passwordAuth(clientId, 'legacy', 'Legacy-pass1'));
      expect(again.value!.AuthenticationResult).toBeDefined();
      expect(again.invoked).toEqual([]);
      await expect(passwordAuth(clientId, 'legacy', 'Wr0ng-password')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    });

    it('does not apply the password policy to the migrated password, and runs for AdminInitiateAuth too', async () => {
      const { poolId, clientId } = await migrating();
      const weak = await observe(() =>
        sandbox.cognito.send(
          new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'weak', PASSWORD: 'x' } }),
        ),
      );
      expect(weak.value!.AuthenticationResult).toBeDefined();
      expect(weak.invoked[0]![1]).toMatchObject({ userName: 'weak', request: { password: MASK, validationData: null } });
      expect((await passwordAuth(clientId, 'weak', 'x')).AuthenticationResult).toBeDefined();
    });

    it('answers PasswordResetRequiredException for a RESET_REQUIRED user, who stays migrated', async () => {
      const { poolId, clientId } = await migrating();
      await expect(passwordAuth(clientId, 'resetting', 'Legacy-pass1')).rejects.toMatchObject({
        name: 'PasswordResetRequiredException',
        message: 'Password reset required for the user',
      });
      const user = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'resetting' }));
      expect(user.UserStatus).toBe('RESET_REQUIRED');
    });

    it('refuses when the function does not migrate the user or throws, creating no one', async () => {
      const { poolId, clientId } = await migrating();
      await expect(passwordAuth(clientId, 'unheard-of', PASSWORD)).rejects.toMatchObject({
        name: 'UserNotFoundException',
        message: `Exception migrating user in app client ${clientId}`,
      });
      const thrown = await observe(() => passwordAuth(clientId, 'legacy', 'not-the-password'));
      expect(thrown.error).toMatchObject({ name: 'UserLambdaValidationException', message: 'UserMigration failed with error Bad password.' });
      expect(thrown.tokens).toEqual([]);
      expect((await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users).toEqual([]);

      const hiding = await sandbox.world({ UserMigration: arn('migrate') }, {}, { PreventUserExistenceErrors: 'ENABLED' });
      await expect(passwordAuth(hiding.clientId, 'unheard-of', PASSWORD)).rejects.toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
      });
    });

    it('refuses an alias another user holds unless forceAliasCreation moves it, leaving no half-made user', async () => {
      const { poolId, clientId } = await sandbox.world({ UserMigration: arn('migrate') }, { AliasAttributes: ['email'] });
      await sandbox.cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: 'holder',
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: 'taken@example.com' },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      );
      await expect(passwordAuth(clientId, 'clash', 'Legacy-pass1')).rejects.toMatchObject({
        name: 'AliasExistsException',
        message: 'An account with the given email already exists.',
      });
      const users = async () => (await sandbox.cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users!.map((u) => u.Username).sort();
      expect(await users()).toEqual(['holder']);

      expect((await passwordAuth(clientId, 'forcing', 'Legacy-pass1')).AuthenticationResult).toBeDefined();
      expect(await users()).toEqual(['forcing', 'holder']);
      const holder = await sandbox.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'holder' }));
      expect(holder.UserAttributes!.find((a) => a.Name === 'email_verified')!.Value).toBe('false');
    });

    it('is not run for SRP sign-in, which never carries the password', async () => {
      const { clientId } = await migrating();
      const srp = await observe(() =>
        sandbox.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'legacy', SRP_A: 'abc123' } })),
      );
      expect(srp.error).toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
      expect(srp.invoked).toEqual([]);
    });

    it('hands the migrated user to the pre authentication function', async () => {
      const { clientId } = await sandbox.world({ UserMigration: arn('migrate'), PreAuthentication: arn('pre-auth') });
      const signedIn = await observe(() => passwordAuth(clientId, 'legacy', 'Legacy-pass1'));
      expect(signedIn.invoked.map(([trigger, event]) => [trigger, event.triggerSource])).toEqual([
        ['UserMigration', 'UserMigration_Authentication'],
        ['PreAuthentication', 'PreAuthentication_Authentication'],
      ]);
      expect(signedIn.invoked[1]![1].request.userAttributes).toMatchObject({ email: 'legacy@example.com', 'cognito:user_status': 'CONFIRMED' });
    });
  });
});
