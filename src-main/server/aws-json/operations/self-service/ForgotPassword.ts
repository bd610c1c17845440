/**
 * ForgotPassword: a password-reset code, valid one hour, to the verified email or phone number
 * the pool's AccountRecoverySetting picks, in the user's recovery flow; CodeDeliveryDetails say
 * where. The user's status and password are unchanged until ConfirmForgotPassword. Requesting and
 * entering reset codes share Cognito's hourly allowance per user.
 *
 * A client that hides which users exist answers a user who is unknown, disabled or without a
 * verified contact with a plausible CodeDeliveryDetails, and sends nothing.
 *
 * Triggers, with ClientMetadata: a name no user answers to goes to UserMigration_ForgotPassword
 * first, in pools that have it; the user it describes is created (RESET_REQUIRED) and sent the
 * code; a function that describes no one is UserNotFoundException "Exception migrating user in
 * app client ..." (a hiding client's plausible answer instead). CustomMessage_ForgotPassword (or
 * the custom senders) shapes the code's message.
 *
 * Limitations: a pool whose recovery is admin_only refuses with NotAuthorizedException "User
 * password cannot be reset in the current state." (an assumption: the reference does not give
 * Cognito's answer); a migrated user without a verified contact is created but refused the code
 * with InvalidParameterException, hiding clients included.
 */
import type { ForgotPasswordCommandInput, ForgotPasswordCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { CodeDelivery } from '../../../../flows/self-service-calls.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { callerOf } from '../../../../triggers/apply/caller.js';
import { hasUserMigration } from '../../../../triggers/apply/user-migration.js';
import { CognitoError, InvalidParameterException, NotAuthorizedException } from '../../../../cognito/errors.js';
import { AnalyticsMetadataType, ClientIdType, ClientMetadataType, SecretHashType, UserContextDataType, UsernameType } from '../../model.js';
import { operation, type RequestContext } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { recoveryDestination, type RecoveryDestination } from '../../../../cognito/recovery.js';
import { disabledUser, findNamedUser, hidesUserExistence, unknownUser } from '../../../../cognito/client-request.js';
import { requireAppClient } from '../../../../cognito/resources.js';
import { simulatedDelivery } from '../../../../cognito/simulated-delivery.js';
import { NOT_RESETTABLE, NO_VERIFIED_CONTACT, migrateAndRequestPasswordReset, requestPasswordReset, type MigrationCall } from './forgot-password-flow.js';
import { type SelfServiceServices } from './flows.js';
import { withAttempt } from '../../../../cognito/pending-codes.js';

/** Where the code goes, or why the user cannot have one (undefined: a refusal a hiding client conceals). */
type Recovery = { destination: RecoveryDestination } | { concealable: Error } | { refusal: Error };

function recoveryFor(pool: UserPool, user: StoredUser | undefined): Recovery {
  if (!user) return { concealable: unknownUser() };
  if (!user.enabled) return { concealable: disabledUser() };
  if (user.status === 'FORCE_CHANGE_PASSWORD') return { refusal: new NotAuthorizedException(NOT_RESETTABLE) };
  const destination = recoveryDestination(pool, user);
  if (destination === 'admin_only') return { refusal: new NotAuthorizedException(NOT_RESETTABLE) };
  if (!destination) return { concealable: new InvalidParameterException(NO_VERIFIED_CONTACT) };
  return { destination };
}

/** The medium a made-up delivery pretends to use: the pool's first recovery mechanism. */
function preferredMedium(pool: UserPool): 'email' | 'phone_number' {
  const mechanisms = [...(pool.config.AccountRecoverySetting?.RecoveryMechanisms ?? [{ Name: 'verified_phone_number', Priority: 1 }])];
  const first = mechanisms.sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0))[0];
  return first?.Name === 'verified_phone_number' ? 'phone_number' : 'email';
}

/** UserMigration_ForgotPassword, then the code; a hiding client conceals a name the function did not know too. */
async function migrateAndSend(services: SelfServiceServices, call: MigrationCall, context: RequestContext, simulated: () => ForgotPasswordAnswer): Promise<ForgotPasswordAnswer> {
  try {
    return { CodeDeliveryDetails: (await migrateAndRequestPasswordReset(services, call, context)).delivery! };
  } catch (error) {
    if (hidesUserExistence(call.client) && error instanceof CognitoError && error.type === 'UserNotFoundException') return simulated();
    throw error;
  }
}

type ForgotPasswordAnswer = { CodeDeliveryDetails: CodeDelivery };

export const ForgotPassword = operation<ForgotPasswordCommandInput, ForgotPasswordCommandOutput, SelfServiceServices>((services) => ({
  input: structure({
    ClientId: required(ClientIdType),
    SecretHash: SecretHashType,
    UserContextData: UserContextDataType,
    Username: required(UsernameType),
    AnalyticsMetadata: AnalyticsMetadataType,
    ClientMetadata: ClientMetadataType,
  }),
  async handle(input, context) {
    const { store, clock } = services;
    const call = requireAppClient(store, input.ClientId!);
    const user = findNamedUser(store, call, input.Username!, input.SecretHash);
    const simulated = () => ({ CodeDeliveryDetails: simulatedDelivery(call.pool, input.Username!, preferredMedium(call.pool)) });
    const recoveryCall = { ...call, caller: callerOf(context, call.client.clientId), ...(input.ClientMetadata && { clientMetadata: input.ClientMetadata }) };
    if (!user && hasUserMigration(services, call.pool)) return migrateAndSend(services, { ...recoveryCall, userName: input.Username! }, context, simulated);
    const recovery = recoveryFor(call.pool, user);
    if ('refusal' in recovery) throw recovery.refusal;
    if ('concealable' in recovery) {
      if (hidesUserExistence(call.client)) return simulated();
      throw recovery.concealable;
    }
    const counted = withAttempt(user!, 'PasswordRecovery', clock.now());
    store.users.save(counted);
    const answer = await requestPasswordReset(services, { ...recoveryCall, user: counted }, context);
    return { CodeDeliveryDetails: answer.delivery! };
  },
}));
