/**
 * The sign-in machine's trigger steps over the trigger runtime: each builds the event Cognito
 * sends (triggers/events/*.ts), runs the pool's function tied to the flow, and reads its answer
 * as Cognito does. A function's failure is thrown as Cognito's exception, and the machine ends
 * the flow with it.
 *
 * Assumption: the reference does not name Cognito's error for a custom flow whose pool lacks a
 * challenge trigger; the one Cognito answers when DefineAuthChallenge is missing
 * ("Custom auth lambda trigger is not configured for the user pool.") is used for all three.
 */
import { fromPromise } from 'xstate';
import type {
  Account,
  CreateAuthChallengeInput,
  CustomizeTokensInput,
  DefineAuthChallengeInput,
  MigrateUserInput,
  PostAuthenticateInput,
  PreAuthenticateInput,
  TriggerStepInput,
  VerifyAuthChallengeInput,
} from './types.js';
import type { BaseServices } from '../../base-services.js';
import type { Triggers } from '../../triggers/runtime.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { runPreTokenGeneration } from '../../tokens/pre-token-generation.js';
import { migratedUser, runUserMigration, saveMigratedUser } from '../../triggers/apply/user-migration.js';
import { userAttributesOf } from '../../triggers/events/common.js';
import { createAuthChallengeEvent, readCreateAuthChallengeResponse, type CreatedChallenge } from '../../triggers/events/createAuthChallenge.js';
import { defineAuthChallengeEvent, readDefineAuthChallengeResponse, type DefinedChallenge } from '../../triggers/events/defineAuthChallenge.js';
import { postAuthenticationEvent, readPostAuthenticationResponse } from '../../triggers/events/postAuthentication.js';
import { preAuthenticationEvent, readPreAuthenticationResponse } from '../../triggers/events/preAuthentication.js';
import type { TokenCustomization } from '../../triggers/events/preTokenGeneration.js';
import { readVerifyAuthChallengeResponse, verifyAuthChallengeEvent } from '../../triggers/events/verifyAuthChallenge.js';
import type { TriggerName } from '../../triggers/types.js';
import { InternalErrorException, InvalidParameterException, UserNotFoundException } from '../../cognito/errors.js';
import { requirePool } from '../../cognito/resources.js';
import { tracksDevices } from '../../cognito/devices.js';
import { accountOf } from './actors.js';
import { findAppClient } from '../../cognito/app-clients.js';

export type SignInTriggerServices = Pick<BaseServices, 'store' | 'clock' | 'ids'> & { triggers: Triggers };

export const CUSTOM_AUTH_NOT_CONFIGURED = 'Custom auth lambda trigger is not configured for the user pool.';

/** The actors of `signInMachine` that run the pool's Lambda triggers. */
export function signInTriggerActors(services: SignInTriggerServices) {
  const { store, clock, triggers } = services;

  /** The user as stored now, when the flow knows one. */
  function userOf(pool: UserPool, account: Account | undefined): StoredUser | undefined {
    return account && store.users.findBySub(pool.id, account.sub);
  }

  function existingUser(pool: UserPool, account: Account): StoredUser {
    const user = userOf(pool, account);
    if (!user) throw new UserNotFoundException('User does not exist.');
    return user;
  }

  /** The common fields and the user, as every sign-in trigger's event starts. */
  function eventBase(pool: UserPool, input: TriggerStepInput) {
    const user = userOf(pool, input.account);
    return {
      userPoolId: pool.id,
      clientId: input.clientId,
      awsSdkVersion: input.awsSdkVersion,
      userName: user?.username ?? input.typedUsername,
      userAttributes: user ? userAttributesOf(user, pool) : {},
      ...(input.userNotFound !== undefined && { userNotFound: input.userNotFound }),
    };
  }

  function requireChallengeTrigger(pool: UserPool, trigger: TriggerName): void {
    if (!triggers.isConfigured(pool, trigger)) throw new InvalidParameterException(CUSTOM_AUTH_NOT_CONFIGURED);
  }

  return {
    preAuthenticate: fromPromise<Account | null, PreAuthenticateInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      const event = preAuthenticationEvent({ ...eventBase(pool, input), validationData: input.validationData });
      await triggers.invoke({ pool, trigger: 'PreAuthentication', event, flowId: input.flowId, read: readPreAuthenticationResponse });
      const after = userOf(pool, input.account);
      return after ? accountOf(after, clock.now()) : null;
    }),

    migrateUser: fromPromise<Account, MigrateUserInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      const call = { pool, userName: input.typedUsername, password: input.password };
      const answer = await runUserMigration(services, {
        ...call,
        triggerSource: 'UserMigration_Authentication',
        clientId: input.clientId,
        caller: { clientId: input.clientId, awsSdkVersion: input.awsSdkVersion },
        validationData: input.validationData,
        flowId: input.flowId,
      });
      const prepared = await migratedUser(services, call, answer);
      store.transaction(() => saveMigratedUser(store, prepared));
      return accountOf(prepared.user, clock.now());
    }),

    postAuthenticate: fromPromise<void, PostAuthenticateInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      existingUser(pool, input.account);
      const newDeviceUsed = tracksDevices(pool) && input.deviceKey === undefined;
      const event = postAuthenticationEvent({ ...eventBase(pool, input), newDeviceUsed, clientMetadata: input.clientMetadata });
      await triggers.invoke({ pool, trigger: 'PostAuthentication', event, flowId: input.flowId, read: readPostAuthenticationResponse });
    }),

    customizeTokens: fromPromise<TokenCustomization | undefined, CustomizeTokensInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      const client = findAppClient(store, input.clientId);
      if (!client) throw new InternalErrorException(`App client ${input.clientId} no longer exists.`);
      return runPreTokenGeneration(services, {
        pool,
        client,
        user: existingUser(pool, input.account),
        triggerSource: input.triggerSource,
        awsSdkVersion: input.awsSdkVersion,
        clientMetadata: input.clientMetadata,
        ...(input.scopes && { scopes: input.scopes }),
        flowId: input.flowId,
      });
    }),

    defineAuthChallenge: fromPromise<DefinedChallenge, DefineAuthChallengeInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      requireChallengeTrigger(pool, 'DefineAuthChallenge');
      const event = defineAuthChallengeEvent({ ...eventBase(pool, input), session: input.session, clientMetadata: input.clientMetadata });
      return triggers.invoke({ pool, trigger: 'DefineAuthChallenge', event, flowId: input.flowId, read: readDefineAuthChallengeResponse });
    }),

    createAuthChallenge: fromPromise<CreatedChallenge, CreateAuthChallengeInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      requireChallengeTrigger(pool, 'CreateAuthChallenge');
      const event = createAuthChallengeEvent({
        ...eventBase(pool, input),
        challengeName: input.challengeName,
        session: input.session,
        clientMetadata: input.clientMetadata,
      });
      return triggers.invoke({ pool, trigger: 'CreateAuthChallenge', event, flowId: input.flowId, read: readCreateAuthChallengeResponse });
    }),

    verifyAuthChallenge: fromPromise<{ answerCorrect: boolean }, VerifyAuthChallengeInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      requireChallengeTrigger(pool, 'VerifyAuthChallengeResponse');
      const event = verifyAuthChallengeEvent({
        ...eventBase(pool, input),
        privateChallengeParameters: input.privateChallengeParameters,
        challengeAnswer: input.challengeAnswer,
        clientMetadata: input.clientMetadata,
      });
      return triggers.invoke({ pool, trigger: 'VerifyAuthChallengeResponse', event, flowId: input.flowId, read: readVerifyAuthChallengeResponse });
    }),
  };
}
