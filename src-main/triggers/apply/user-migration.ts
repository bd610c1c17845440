/**
 * Migrate user as Cognito runs it when no user answers to the name given at ForgotPassword
 * (UserMigration_ForgotPassword) or at a password sign-in (UserMigration_Authentication): the
 * function looks the user up elsewhere and answers their attributes, and Cognito creates the user
 * from them. `runUserMigration` asks the function; `migratedUser` builds the user from its answer
 * (nothing written); `saveMigratedUser` writes it, with any user a forced alias moved from.
 *
 * As the guide states:
 *  - the username is the one typed, unless the pool has alias attributes and the name typed is
 *    one of the returned alias values: then the answer's `username` attribute names the user
 *    (pools that sign in with email or phone number as username give the user a sub username);
 *  - finalUserStatus CONFIRMED keeps the password typed at sign-in (the password policy is not
 *    applied); any other status, and any migration without a password (ForgotPassword), is
 *    RESET_REQUIRED;
 *  - forceAliasCreation moves a verified email / phone alias from its holder, else the clash is
 *    AliasExistsException;
 *  - enableSMSMFA needs a phone number and a pool with SMS MFA on;
 *  - missing required attributes are not an error.
 *
 * Limitations: the welcome message (messageAction, desiredDeliveryMediums) is read but not sent;
 * the reference does not say what Cognito's welcome message to a migrated user holds.
 * Assumptions: a `username` answer that breaks the rule above is InvalidLambdaResponseException,
 * and an enableSMSMFA Cognito cannot honour is InvalidParameterException; the reference names
 * neither.
 */
import { storedPassword } from '../../auth/passwords.js';
import { InvalidLambdaResponseException, InvalidParameterException, UsernameExistsException } from '../../cognito/errors.js';
import { claimAliases } from '../../cognito/aliases.js';
import { checkNewUserAttributes } from '../../cognito/attributes.js';
import { newUsername } from '../../cognito/usernames.js';
import { enabledMfaFactors } from '../../cognito/pool-config.js';
import type { Store } from '../../store/index.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { notMigrated, readUserMigrationResponse, userMigrationEvent, type MigratedUser, type UserMigrationSource } from '../events/userMigration.js';
import type { StringMap } from '../types.js';
import type { TriggerCaller } from './caller.js';
import { usernameKeyOf } from '../../cognito/usernames.js';
import type { BaseServices } from '../../base-services.js';
import type { Triggers } from '../runtime.js';

export interface UserMigrationCall {
  pool: UserPool;
  /** The name the user gave, as they typed it. */
  userName: string;
  triggerSource: UserMigrationSource;
  /** The app client the user came through (Cognito names it when the user is not migrated). */
  clientId: string;
  caller: TriggerCaller;
  /** The password typed at sign-in (UserMigration_Authentication only). */
  password?: string;
  /** The sign-in call's ClientMetadata (UserMigration_Authentication). */
  validationData?: StringMap;
  clientMetadata?: StringMap;
  flowId?: string | null;
}

/** A migrated user ready to be written, and the users a forced alias moves from. */
export interface PreparedMigration {
  user: StoredUser;
  losers: StoredUser[];
  answer: MigratedUser;
}


/**
 * Asks the pool's migrate user function about the name. Its answer, or UserNotFoundException
 * "Exception migrating user in app client ..." when it gave no attributes.
 */
export async function runUserMigration(services: { triggers: Triggers }, call: UserMigrationCall): Promise<MigratedUser> {
  const event = userMigrationEvent({
    ...call.caller,
    userPoolId: call.pool.id,
    triggerSource: call.triggerSource,
    userName: call.userName,
    password: call.password,
    validationData: call.validationData,
    clientMetadata: call.clientMetadata,
  });
  const answer = await services.triggers.invoke({ pool: call.pool, trigger: 'UserMigration', event, flowId: call.flowId, read: readUserMigrationResponse });
  if (!answer) throw notMigrated(call.clientId);
  return answer;
}

function invalidUsername(detail: string): Error {
  return new InvalidLambdaResponseException(`Invalid lambda response: ${detail}`);
}

/** The username of the migrated user and the attributes it comes with, by the guide's rules. */
function identityOf(pool: UserPool, userName: string, answer: MigratedUser, sub: string): { username: string; attributes: StringMap } {
  const { username: answered, ...attributes } = answer.userAttributes;
  if ((pool.config.UsernameAttributes ?? []).length > 0) {
    const { username, attribute } = newUsername(pool, userName, sub);
    return { username, attributes: attribute ? { ...attributes, [attribute.Name]: attribute.Value } : attributes };
  }
  const typedAnAlias = (pool.config.AliasAttributes ?? []).some((alias) => attributes[alias] === userName);
  if (typedAnAlias) {
    if (!answered) throw invalidUsername(`the name given, ${userName}, is an alias: userAttributes must hold the username.`);
    return { username: answered, attributes };
  }
  if (answered !== undefined && answered !== userName) throw invalidUsername(`the username in userAttributes must be ${userName} or left out.`);
  return { username: userName, attributes };
}

function checkSmsMfa(pool: UserPool, attributes: StringMap): void {
  if (!attributes.phone_number) throw new InvalidParameterException('SMS MFA cannot be enabled for a user without a phone_number.');
  if ((pool.config.MfaConfiguration ?? 'OFF') === 'OFF' || !enabledMfaFactors(pool).sms) {
    throw new InvalidParameterException('SMS MFA cannot be enabled: the user pool does not have SMS MFA turned on.');
  }
}

/** The user the function's answer describes, checked against the pool; nothing is written. */
export async function migratedUser(
  services: Pick<BaseServices, 'store' | 'clock' | 'ids'>,
  call: Pick<UserMigrationCall, 'pool' | 'userName' | 'password'>,
  answer: MigratedUser,
): Promise<PreparedMigration> {
  const { store, clock, ids } = services;
  const { pool } = call;
  const sub = ids.uuid();
  const { username, attributes } = identityOf(pool, call.userName, answer, sub);
  const given = checkNewUserAttributes(pool, Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })), { writer: 'admin', requireRequired: false });
  if (answer.enableSMSMFA) checkSmsMfa(pool, attributes);
  const now = clock.now();
  const keepsPassword = answer.finalUserStatus === 'CONFIRMED' && call.password !== undefined;
  const user: StoredUser = {
    poolId: pool.id,
    username,
    usernameKey: usernameKeyOf(pool, username),
    sub,
    status: keepsPassword ? 'CONFIRMED' : 'RESET_REQUIRED',
    enabled: true,
    created: now,
    modified: now,
    attributes: [{ Name: 'sub', Value: sub }, ...given],
    ...(answer.enableSMSMFA && { mfa: { enabled: ['SMS_MFA'], preferred: 'SMS_MFA' } }),
    extra: {},
  };
  if (keepsPassword) {
    user.password = await storedPassword(pool.id, username, call.password!, { temporary: false, validityDays: 0, now });
    user.passwordChanged = now;
  }
  // Checked once the verifier is made: another call may have taken the name meanwhile.
  if (store.users.findByKey(pool.id, user.usernameKey)) throw new UsernameExistsException('User account already exists');
  const losers = claimAliases(store, pool, user, { force: answer.forceAliasCreation, creating: true, now });
  return { user, losers, answer };
}

/** Writes the migrated user (inside the caller's transaction, when it has one). */
export function saveMigratedUser(store: Store, prepared: PreparedMigration): void {
  for (const loser of prepared.losers) store.users.save(loser);
  store.users.insert(prepared.user);
}
