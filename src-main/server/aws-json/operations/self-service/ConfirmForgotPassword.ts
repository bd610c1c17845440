/**
 * ConfirmForgotPassword: the code ForgotPassword (or AdminResetUserPassword) sent sets a new
 * password, which must meet the pool's policy, and leaves the user CONFIRMED (from
 * RESET_REQUIRED too). Codes are single use and live one hour. As in Cognito, the user's
 * existing refresh tokens stay valid (GlobalSignOut revokes them).
 *
 * Triggers: PostConfirmation_ConfirmForgotPassword, with ClientMetadata, once the new password
 * is set (its failure is the call's error; the new password stands).
 *
 * Limitation: the pool's PasswordHistorySize is not enforced.
 */
import type { ConfirmForgotPasswordCommandInput, ConfirmForgotPasswordCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { checkPasswordPolicy } from '../../../../cognito/password-policy.js';
import type { Services } from '../../../../services.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { callerOf } from '../../../../triggers/apply/caller.js';
import { CodeMismatchException, ExpiredCodeException } from '../../../../cognito/errors.js';
import {
  AnalyticsMetadataType,
  ClientIdType,
  ClientMetadataType,
  ConfirmationCodeType,
  PasswordType,
  SecretHashType,
  UserContextDataType,
  UsernameType,
} from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { passwordPolicyOf } from '../../../../cognito/pool-config.js';
import { disabledUser, findNamedUser, hidesUserExistence, unknownUser } from '../../../../cognito/client-request.js';
import { requireAppClient, type ClientAndPool } from '../../../../cognito/resources.js';
import { resetPassword } from './forgot-password-flow.js';
import { selfServiceState, withAttempt } from '../../../../cognito/pending-codes.js';

/** An unknown or disabled user: a code mismatch to clients that hide which users exist. */
function checkRecoverable({ client }: ClientAndPool, user: StoredUser | undefined): StoredUser {
  if (user && user.enabled) return user;
  if (hidesUserExistence(client)) throw new CodeMismatchException();
  throw user ? disabledUser() : unknownUser();
}

export const ConfirmForgotPassword = operation<
  ConfirmForgotPasswordCommandInput,
  ConfirmForgotPasswordCommandOutput,
  Pick<Services, 'store' | 'clock' | 'bus' | 'flows' | 'options' | 'triggers' | 'ids'>
>((services) => ({
  input: structure({
    ClientId: required(ClientIdType),
    SecretHash: SecretHashType,
    Username: required(UsernameType),
    ConfirmationCode: required(ConfirmationCodeType),
    Password: required(PasswordType),
    AnalyticsMetadata: AnalyticsMetadataType,
    UserContextData: UserContextDataType,
    ClientMetadata: ClientMetadataType,
  }),
  async handle(input, context) {
    const { store, clock } = services;
    const call = requireAppClient(store, input.ClientId!);
    const user = checkRecoverable(call, findNamedUser(store, call, input.Username!, input.SecretHash));
    const counted = withAttempt(user, 'PasswordRecovery', clock.now());
    store.users.save(counted);
    checkPasswordPolicy(input.Password!, passwordPolicyOf(call.pool));
    if (!selfServiceState(counted).passwordResetCode) throw new ExpiredCodeException();
    await resetPassword(
      services,
      {
        ...call,
        user: counted,
        caller: callerOf(context, call.client.clientId),
        code: input.ConfirmationCode!,
        password: input.Password!,
        ...(input.ClientMetadata && { clientMetadata: input.ClientMetadata }),
      },
      context,
    );
    return {};
  },
}));
