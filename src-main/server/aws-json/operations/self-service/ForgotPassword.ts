/**
 * ForgotPassword: a password-reset code, valid one hour, to the verified email or phone number
 * the pool's AccountRecoverySetting picks, in the user's recovery flow; CodeDeliveryDetails say
 * where. The user's status and password are unchanged until ConfirmForgotPassword. Requesting and
 * entering reset codes share Cognito's hourly allowance per user.
 *
 * A client that hides which users exist answers a user who is unknown, disabled or without a
 * verified contact with a plausible CodeDeliveryDetails, and sends nothing.
 *
 * Limitations: the UserMigration_ForgotPassword and CustomMessage_ForgotPassword triggers are
 * not invoked yet (ClientMetadata is kept in the flow's context for them). A pool whose recovery
 * is admin_only refuses with NotAuthorizedException "User password cannot be reset in the
 * current state." (an assumption: the reference does not give Cognito's answer).
 */
import type { ForgotPasswordCommandInput, ForgotPasswordCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { InvalidParameterException, NotAuthorizedException } from '../../errors.js';
import { AnalyticsMetadataType, ClientIdType, ClientMetadataType, SecretHashType, UserContextDataType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { recoveryDestination, type RecoveryDestination } from '../users/recovery.js';
import { disabledUser, findNamedUser, hidesUserExistence, requireAppClient, unknownUser } from './client-request.js';
import { simulatedDelivery } from './code-delivery.js';
import { requestPasswordReset } from './forgot-password-flow.js';
import { withAttempt } from './pending-codes.js';

const NOT_RESETTABLE = 'User password cannot be reset in the current state.';

/** Where the code goes, or why the user cannot have one (undefined: a refusal a hiding client conceals). */
type Recovery = { destination: RecoveryDestination } | { concealable: Error } | { refusal: Error };

function recoveryFor(pool: UserPool, user: StoredUser | undefined): Recovery {
  if (!user) return { concealable: unknownUser() };
  if (!user.enabled) return { concealable: disabledUser() };
  if (user.status === 'FORCE_CHANGE_PASSWORD') return { refusal: new NotAuthorizedException(NOT_RESETTABLE) };
  const destination = recoveryDestination(pool, user);
  if (destination === 'admin_only') return { refusal: new NotAuthorizedException(NOT_RESETTABLE) };
  if (!destination) {
    return { concealable: new InvalidParameterException('Cannot reset password for the user as there is no registered/verified email or phone_number') };
  }
  return { destination };
}

/** The medium a made-up delivery pretends to use: the pool's first recovery mechanism. */
function preferredMedium(pool: UserPool): 'email' | 'phone_number' {
  const mechanisms = [...(pool.config.AccountRecoverySetting?.RecoveryMechanisms ?? [{ Name: 'verified_phone_number', Priority: 1 }])];
  const first = mechanisms.sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0))[0];
  return first?.Name === 'verified_phone_number' ? 'phone_number' : 'email';
}

export const ForgotPassword = operation<ForgotPasswordCommandInput, ForgotPasswordCommandOutput, Pick<Services, 'store' | 'clock' | 'bus' | 'flows' | 'options'>>(
  (services) => ({
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
      const recovery = recoveryFor(call.pool, user);
      if ('refusal' in recovery) throw recovery.refusal;
      if ('concealable' in recovery) {
        if (hidesUserExistence(call.client)) return { CodeDeliveryDetails: simulatedDelivery(call.pool, input.Username!, preferredMedium(call.pool)) };
        throw recovery.concealable;
      }
      const counted = withAttempt(user!, 'PasswordRecovery', clock.now());
      store.users.save(counted);
      const answer = await requestPasswordReset(
        services,
        { ...call, user: counted, ...(input.ClientMetadata && { clientMetadata: input.ClientMetadata }) },
        recovery.destination,
        context,
      );
      return { CodeDeliveryDetails: answer.delivery! };
    },
  }),
);
