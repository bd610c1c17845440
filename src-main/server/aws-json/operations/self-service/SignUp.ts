/**
 * SignUp: an UNCONFIRMED user registered through an app client, in a new sign-up flow. When the
 * pool auto-verifies the email or phone number the user gave, a confirmation code (or, for
 * email with CONFIRM_WITH_LINK, a `/confirmUser` link) goes to the outbox and
 * CodeDeliveryDetails say where; otherwise no code is sent and an administrator confirms the user.
 *
 * Triggers: PreSignUp_SignUp (ValidationData and ClientMetadata) runs before the user is
 * written and may confirm it at once (UserConfirmed true, no code sent) and verify its email /
 * phone number; then PostConfirmation_ConfirmSignUp runs too. CustomMessage_SignUp (or the
 * custom senders) shapes the code's message.
 *
 * Limitations: passwordless sign-up (no Password) is not supported: a missing password fails the
 * password policy; no Session is returned for USER_AUTH sign-in.
 */
import type { SignUpCommandInput, SignUpCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { requireAppClient } from '../../../../cognito/resources.js';
import type { Services } from '../../../../services.js';
import {
  AnalyticsMetadataType,
  AttributeListType,
  ClientIdType,
  ClientMetadataType,
  PasswordType,
  SecretHashType,
  UserContextDataType,
  UsernameType,
} from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const SignUp = operation<SignUpCommandInput, SignUpCommandOutput, Pick<Services, 'store' | 'flows'>>(({ store, flows }) => ({
  input: structure({
    ClientId: required(ClientIdType),
    SecretHash: SecretHashType,
    Username: required(UsernameType),
    Password: PasswordType,
    UserAttributes: AttributeListType,
    ValidationData: AttributeListType,
    AnalyticsMetadata: AnalyticsMetadataType,
    UserContextData: UserContextDataType,
    ClientMetadata: ClientMetadataType,
  }),
  async handle(input, context) {
    const answer = await flows.signUp.register(
      {
        ...requireAppClient(store, input.ClientId!),
        username: input.Username!,
        secretHash: input.SecretHash,
        password: input.Password,
        attributes: input.UserAttributes,
        ...(input.ValidationData && { validationData: input.ValidationData }),
        ...(input.ClientMetadata && { clientMetadata: input.ClientMetadata }),
      },
      context,
    );
    return { UserConfirmed: answer.userConfirmed, UserSub: answer.userSub, ...(answer.delivery && { CodeDeliveryDetails: answer.delivery }) };
  },
}));
