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
import { requireAppClient } from '../../../../cognito/resources.js';
import type { Services } from '../../../../services.js';
import { AnalyticsMetadataType, ClientIdType, ClientMetadataType, SecretHashType, UserContextDataType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const ForgotPassword = operation<ForgotPasswordCommandInput, ForgotPasswordCommandOutput, Pick<Services, 'store' | 'flows'>>(({ store, flows }) => ({
  input: structure({
    ClientId: required(ClientIdType),
    SecretHash: SecretHashType,
    UserContextData: UserContextDataType,
    Username: required(UsernameType),
    AnalyticsMetadata: AnalyticsMetadataType,
    ClientMetadata: ClientMetadataType,
  }),
  async handle(input, context) {
    const request = {
      ...requireAppClient(store, input.ClientId!),
      username: input.Username!,
      secretHash: input.SecretHash,
      ...(input.ClientMetadata && { clientMetadata: input.ClientMetadata }),
    };
    return { CodeDeliveryDetails: await flows.forgotPassword.request(request, context) };
  },
}));
