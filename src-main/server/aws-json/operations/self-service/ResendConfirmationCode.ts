/**
 * ResendConfirmationCode: a new sign-up confirmation code for an UNCONFIRMED user (the previous
 * one no longer works), sent as SignUp sends it, in the user's sign-up flow. Five per user and
 * hour. A client that hides which users exist answers an unknown or disabled user with a
 * plausible CodeDeliveryDetails and sends nothing.
 *
 * Triggers: CustomMessage_ResendCode (or the custom senders), with ClientMetadata.
 */
import type { ResendConfirmationCodeCommandInput, ResendConfirmationCodeCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { requireAppClient } from '../../../../cognito/resources.js';
import type { Services } from '../../../../services.js';
import { AnalyticsMetadataType, ClientIdType, ClientMetadataType, SecretHashType, UserContextDataType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const ResendConfirmationCode = operation<
  ResendConfirmationCodeCommandInput,
  ResendConfirmationCodeCommandOutput,
  Pick<Services, 'store' | 'flows'>
>(({ store, flows }) => ({
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
    return { CodeDeliveryDetails: await flows.signUp.resend(request, context) };
  },
}));
