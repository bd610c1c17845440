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
import { requireAppClient } from '../../../../cognito/resources.js';
import type { Services } from '../../../../services.js';
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

export const ConfirmForgotPassword = operation<ConfirmForgotPasswordCommandInput, ConfirmForgotPasswordCommandOutput, Pick<Services, 'store' | 'flows'>>(
  ({ store, flows }) => ({
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
      await flows.forgotPassword.confirm(
        {
          ...requireAppClient(store, input.ClientId!),
          username: input.Username!,
          secretHash: input.SecretHash,
          code: input.ConfirmationCode!,
          password: input.Password!,
          ...(input.ClientMetadata && { clientMetadata: input.ClientMetadata }),
        },
        context,
      );
      return {};
    },
  }),
);
