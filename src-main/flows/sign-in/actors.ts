/**
 * The sign-in machine's effects over the sandbox's services: reading users, SRP and password
 * checks with the lockout, the NEW_PASSWORD_REQUIRED change, token issuing. Built once per
 * sandbox; everything a call brings arrives in the actor's input.
 */
import { fromPromise } from 'xstate';
import { Lockout } from '../../auth/lockout.js';
import { checkPasswordPolicy } from '../../cognito/password-policy.js';
import { isPasswordExpired, passwordMatches, storedPassword } from '../../auth/passwords.js';
import { newSecretBlock, serverEphemeral, simulatedUser, verifyPasswordClaim } from '../../auth/srp-server.js';
import type {
  Account,
  AccountStepInput,
  CheckPasswordClaimInput,
  CheckPasswordInput,
  FindAccountInput,
  IssueTokensInput,
  PasswordCheck,
  PasswordVerifierState,
  RecordFailedSignInInput,
  SetNewPasswordInput,
  StartPasswordVerifierInput,
} from './types.js';
import type { BaseServices } from '../../base-services.js';
import type { Tokens } from '../../tokens/tokens.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import type { AuthenticationResult } from '../../tokens/tokens.js';
import { InternalErrorException, UserNotFoundException } from '../../cognito/errors.js';
import { requirePool } from '../../cognito/resources.js';
import { passwordPolicyOf } from '../../cognito/pool-config.js';
import { newPasswordChallengeParameters, newPasswordChanges } from './new-password.js';
import { findAppClient } from '../../cognito/app-clients.js';
import { newDeviceForSignIn } from '../../cognito/devices.js';
import { usernameKeyOf, resolveUser } from '../../cognito/usernames.js';
import { checkPasswordSignIn } from '../../cognito/federation/federated-users.js';
import { settleSignInEvent } from '../../cognito/threat-protection/auth-events.js';
import { checkPasswordNotCompromised, recordUserEvent } from '../../cognito/threat-protection/user-events.js';

export type SignInServices = Pick<BaseServices, 'store' | 'clock' | 'ids' | 'options' | 'bus'> & { tokens: Tokens };

export function accountOf(user: StoredUser, now: number): Account {
  return {
    username: user.username,
    sub: user.sub,
    status: user.status,
    enabled: user.enabled,
    temporaryPasswordExpired: user.status === 'FORCE_CHANGE_PASSWORD' && user.password !== undefined && isPasswordExpired(user.password, now),
  };
}

/** The actors of `signInMachine` that read and change users and issue tokens. */
export function signInActors({ store, clock, ids, tokens, options, bus }: SignInServices) {
  const lockout = new Lockout(store.signInFailures, clock);
  const threat = { store, clock, ids, bus };

  /** The account's user as it is now (an administrator may have deleted it since the flow began). */
  function currentUser(poolId: string, account: Account): StoredUser {
    const user = store.users.findBySub(poolId, account.sub);
    if (!user) throw new UserNotFoundException('User does not exist.');
    return user;
  }

  /** Lockout first (attempts during one are not even checked), then the proof, counted either way. */
  async function checkWith(poolId: string, user: StoredUser, proves: () => boolean | Promise<boolean>): Promise<PasswordCheck> {
    if (lockout.isLockedOut(poolId, user.sub)) return { outcome: 'locked' };
    if (!(await proves())) {
      lockout.recordFailure(poolId, user.sub);
      return { outcome: 'wrong' };
    }
    lockout.recordSuccess(poolId, user.sub);
    return { outcome: 'correct', account: accountOf(user, clock.now()) };
  }

  function verifierFor(pool: UserPool, typedUsername: string, user: StoredUser | undefined) {
    if (user?.password) return { userIdForSrp: user.username, verifier: user.password };
    const simulated = simulatedUser(pool.id, usernameKeyOf(pool, user?.username ?? typedUsername));
    return user ? { ...simulated, userIdForSrp: user.username } : simulated;
  }

  return {
    findAccount: fromPromise<Account | null, FindAccountInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      if (input.sub !== undefined) {
        const user = store.users.findBySub(pool.id, input.sub);
        return user ? accountOf(user, clock.now()) : null;
      }
      const user = resolveUser(store, pool, input.username ?? '');
      // A federated user signs in at its identity provider only (refreshing its tokens is allowed above).
      if (user) checkPasswordSignIn(user);
      return user ? accountOf(user, clock.now()) : null;
    }),

    startPasswordVerifier: fromPromise<PasswordVerifierState, StartPasswordVerifierInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      const user = input.account && currentUser(pool.id, input.account);
      const { userIdForSrp, verifier } = verifierFor(pool, input.typedUsername, user);
      const { b, B } = await serverEphemeral(verifier.verifier);
      return { A: input.srpA, B, b, secretBlock: newSecretBlock(), salt: verifier.salt, userIdForSrp };
    }),

    checkPassword: fromPromise<PasswordCheck, CheckPasswordInput>(async ({ input }) => {
      const user = currentUser(input.poolId, input.account);
      return checkWith(input.poolId, user, () => passwordMatches(user, input.password));
    }),

    checkPasswordClaim: fromPromise<PasswordCheck, CheckPasswordClaimInput>(async ({ input }) => {
      const user = input.account && store.users.findBySub(input.poolId, input.account.sub);
      if (!user) return { outcome: 'wrong' };
      const { responses, passwordVerifier } = input;
      return checkWith(
        input.poolId,
        user,
        () =>
          user.password !== undefined &&
          verifyPasswordClaim(
            passwordVerifier,
            user.password,
            {
              signature: responses.PASSWORD_CLAIM_SIGNATURE ?? '',
              secretBlock: responses.PASSWORD_CLAIM_SECRET_BLOCK ?? '',
              timestamp: responses.TIMESTAMP ?? '',
            },
            { poolId: input.poolId, userIdForSrp: passwordVerifier.userIdForSrp, now: clock.now() },
          ),
      );
    }),

    describeNewPasswordChallenge: fromPromise<Record<string, string>, AccountStepInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      return newPasswordChallengeParameters(pool, currentUser(pool.id, input.account));
    }),

    setNewPassword: fromPromise<Account, SetNewPasswordInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      const client = findAppClient(store, input.clientId);
      if (!client) throw new InternalErrorException(`App client ${input.clientId} no longer exists.`);
      const user = currentUser(pool.id, input.account);
      const newPassword = input.responses.NEW_PASSWORD ?? '';
      const policy = passwordPolicyOf(pool);
      checkPasswordPolicy(newPassword, policy);
      const attributes = newPasswordChanges(pool, client, user, input.responses);
      const activity = { pool, clientId: client.clientId, user, eventType: 'PasswordChange' as const, ...(input.flowId && { flowId: input.flowId }), ...(input.sourceIp && { sourceIp: input.sourceIp }) };
      const verdict = input.threatProtection && checkPasswordNotCompromised(threat, activity, newPassword, true);
      const now = clock.now();
      const changed: StoredUser = {
        ...user,
        status: 'CONFIRMED',
        attributes,
        password: await storedPassword(pool.id, user.username, newPassword, { temporary: false, validityDays: policy.TemporaryPasswordValidityDays, now }),
        passwordChanged: now,
        modified: now,
      };
      store.users.save(changed);
      if (input.threatProtection) recordUserEvent(threat, activity, { eventResponse: 'Pass', ...(verdict && { verdict }) });
      return accountOf(changed, now);
    }),

    recordFailedSignIn: fromPromise<void, RecordFailedSignInInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      // An unknown user hidden by PreventUserExistenceErrors has no account, and no event.
      const user = input.account && store.users.findBySub(pool.id, input.account.sub);
      if (!user) return;
      const activity = { pool, clientId: input.clientId, user, eventType: 'SignIn' as const, flowId: input.flowId, ...(input.sourceIp && { sourceIp: input.sourceIp }) };
      recordUserEvent(threat, activity, { eventResponse: 'Fail', challenges: [{ ChallengeName: 'Password', ChallengeResponse: 'Failure' }] });
    }),

    issueTokens: fromPromise<AuthenticationResult, IssueTokensInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      const client = findAppClient(store, input.clientId);
      if (!client) throw new InternalErrorException(`App client ${input.clientId} no longer exists.`);
      const user = currentUser(pool.id, input.account);
      const newDevice = input.refreshing ? undefined : newDeviceForSignIn({ store, clock, ids }, { pool, user, presentedDeviceKey: input.deviceKey });
      if (input.authEvent) settleSignInEvent({ store, bus }, pool.id, input.authEvent.eventId, input.authEvent.mfaAnswered);
      return tokens.issue({
        pool,
        client,
        user,
        origin: input.origin ?? `http://${options.host}:${options.port}`,
        flowId: input.flowId,
        ...(input.refreshing && { refreshing: input.refreshing }),
        ...(input.customization && { customization: input.customization }),
        ...(input.deviceKey && { deviceKey: input.deviceKey }),
        ...(newDevice && { newDeviceMetadata: newDevice }),
        ...(input.oauth && { oauth: input.oauth }),
      });
    }),
  };
}
