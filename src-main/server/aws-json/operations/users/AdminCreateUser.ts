/**
 * AdminCreateUser: a FORCE_CHANGE_PASSWORD user with a temporary password (given, or generated
 * to the pool's policy), invited by email and/or SMS through the outbox; RESEND issues a new
 * temporary password to such a user.
 *
 * Triggers: PreSignUp_AdminCreateUser (ValidationData and ClientMetadata) runs before the user is
 * written; its refusal creates no user, and its answer changes nothing, as the guide says.
 * CustomMessage_AdminCreateUser (or the custom senders) shapes the invitation.
 *
 * Limitation: a desired medium the user has no email / phone number for is skipped silently.
 */
import type { AdminCreateUserCommandInput, AdminCreateUserCommandOutput, DeliveryMediumType } from '@aws-sdk/client-cognito-identity-provider';
import { checkPasswordPolicy, generateTemporaryPassword } from '../../../../cognito/password-policy.js';
import { storedPassword } from '../../../../auth/passwords.js';
import { sendMessages } from '../../../../messaging/send.js';
import type { Services } from '../../../../services.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { callerOf, type TriggerCaller } from '../../../../triggers/apply/caller.js';
import { runPreSignUp } from '../../../../triggers/apply/pre-sign-up.js';
import { UnsupportedUserStateException, UsernameExistsException } from '../../../../cognito/errors.js';
import {
  AttributeListType,
  BooleanType,
  ClientMetadataType,
  DeliveryMediumListType,
  MessageActionType,
  PasswordType,
  UserPoolIdType,
  UsernameType,
} from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { passwordPolicyOf } from '../../../../cognito/pool-config.js';
import { claimAliases } from '../../../../cognito/aliases.js';
import { checkNewUserAttributes } from '../../../../cognito/attributes.js';
import { DEFAULT_DELIVERY_MEDIUMS, invitationMessages } from './invitation.js';
import { requireUser } from '../../../../cognito/resources.js';
import { toUserType } from '../../wire/user-type.js';
import { newUsername } from '../../../../cognito/usernames.js';
import { usernameKeyOf } from '../../../../cognito/usernames.js';

type Input = AdminCreateUserCommandInput;

export const AdminCreateUser = operation<Input, AdminCreateUserCommandOutput, Pick<Services, 'store' | 'clock' | 'ids' | 'bus' | 'triggers' | 'faults'>>(
  (services) => {
    const { store, clock, ids } = services;
    function temporaryPasswordFor(pool: UserPool, input: Input): string {
      const policy = passwordPolicyOf(pool);
      if (input.TemporaryPassword === undefined || input.TemporaryPassword === '') return generateTemporaryPassword(policy);
      checkPasswordPolicy(input.TemporaryPassword, policy);
      return input.TemporaryPassword;
    }

    function passwordFor(pool: UserPool, username: string, temporaryPassword: string, now: number) {
      const validityDays = passwordPolicyOf(pool).TemporaryPasswordValidityDays;
      return storedPassword(pool.id, username, temporaryPassword, { temporary: true, validityDays, now });
    }

    /** Saves `user` (inserting it when new) as its invitation is sent. */
    function commit(pool: UserPool, input: Input, invited: { user: StoredUser; temporaryPassword: string; caller: TriggerCaller }, write: () => void) {
      const mediums: readonly DeliveryMediumType[] = input.DesiredDeliveryMediums?.length ? input.DesiredDeliveryMediums : DEFAULT_DELIVERY_MEDIUMS;
      const messages = input.MessageAction === 'SUPPRESS' ? [] : invitationMessages(pool, { ...invited, signInName: input.Username!, mediums });
      return sendMessages(services, messages, write);
    }

    function requireResendable(pool: UserPool, username: string): StoredUser {
      const user = requireUser(store, pool, username);
      if (user.status !== 'FORCE_CHANGE_PASSWORD') {
        throw new UnsupportedUserStateException(`Resend not possible. ${user.username} status is not FORCE_CHANGE_PASSWORD.`);
      }
      return user;
    }

    async function resend(pool: UserPool, input: Input, caller: TriggerCaller) {
      const existing = requireResendable(pool, input.Username!);
      const temporaryPassword = temporaryPasswordFor(pool, input);
      const now = clock.now();
      const password = await passwordFor(pool, existing.username, temporaryPassword, now);
      // Read again: the user may have changed while the verifier was computed.
      const user: StoredUser = { ...requireResendable(pool, input.Username!), password, modified: now };
      await commit(pool, input, { user, temporaryPassword, caller }, () => store.users.save(user));
      return { User: toUserType(user) };
    }

    /** The username and aliases are free (returns the users a forced alias moves from). */
    function checkAvailable(pool: UserPool, input: Input, user: StoredUser): StoredUser[] {
      if (store.users.findByKey(pool.id, user.usernameKey)) throw new UsernameExistsException('User account already exists');
      return claimAliases(store, pool, user, { force: input.ForceAliasCreation === true, creating: true, now: user.created });
    }

    async function create(pool: UserPool, input: Input, caller: TriggerCaller) {
      const sub = ids.uuid();
      const { username, attribute } = newUsername(pool, input.Username!, sub);
      const given = checkNewUserAttributes(pool, [...(input.UserAttributes ?? []), ...(attribute ? [attribute] : [])], {
        writer: 'admin',
        requireRequired: false,
      });
      const now = clock.now();
      const user: StoredUser = {
        poolId: pool.id,
        username,
        usernameKey: usernameKeyOf(pool, username),
        sub,
        status: 'FORCE_CHANGE_PASSWORD',
        enabled: true,
        created: now,
        modified: now,
        attributes: [{ Name: 'sub', Value: sub }, ...given],
        extra: {},
      };
      checkAvailable(pool, input, user);
      const temporaryPassword = temporaryPasswordFor(pool, input);
      await runPreSignUp(services, {
        pool,
        user,
        triggerSource: 'PreSignUp_AdminCreateUser',
        caller,
        validationData: input.ValidationData,
        clientMetadata: input.ClientMetadata,
      });
      user.password = await passwordFor(pool, username, temporaryPassword, now);
      // Checked again: another request may have taken the name or an alias meanwhile.
      const losers = checkAvailable(pool, input, user);
      await commit(pool, input, { user, temporaryPassword, caller }, () => {
        for (const loser of losers) store.users.save(loser);
        store.users.insert(user);
      });
      return { User: toUserType(user) };
    }

    return {
      input: structure({
        UserPoolId: required(UserPoolIdType),
        Username: required(UsernameType),
        UserAttributes: AttributeListType,
        ValidationData: AttributeListType,
        TemporaryPassword: PasswordType,
        ForceAliasCreation: BooleanType,
        MessageAction: MessageActionType,
        DesiredDeliveryMediums: DeliveryMediumListType,
        ClientMetadata: ClientMetadataType,
      }),
      async handle(input, context) {
        const pool = requirePool(store, input.UserPoolId!);
        const caller = callerOf(context);
        return input.MessageAction === 'RESEND' ? resend(pool, input, caller) : create(pool, input, caller);
      },
    };
  },
);
