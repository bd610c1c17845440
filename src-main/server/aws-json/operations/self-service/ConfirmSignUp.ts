/**
 * ConfirmSignUp: the code SignUp (or ResendConfirmationCode) sent confirms an UNCONFIRMED user
 * and verifies the email or phone number it went to; with ForceAliasCreation, a verified alias
 * moves from the user holding it. Codes are single use and live 24 hours; 15 attempts per user
 * and hour.
 *
 * Triggers: PostConfirmation_ConfirmSignUp, with ClientMetadata, once the user is confirmed (its
 * failure is the call's error; the user stays confirmed).
 *
 * Limitation: no Session is returned for USER_AUTH sign-in.
 */
import type { ConfirmSignUpCommandInput, ConfirmSignUpCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { requireAppClient } from '../../../../cognito/resources.js';
import type { Services } from '../../../../services.js';
import {
  AnalyticsMetadataType,
  BooleanType,
  ClientIdType,
  ClientMetadataType,
  ConfirmationCodeType,
  SecretHashType,
  SessionType,
  UserContextDataType,
  UsernameType,
} from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const ConfirmSignUp = operation<ConfirmSignUpCommandInput, ConfirmSignUpCommandOutput, Pick<Services, 'store' | 'flows'>>(({ store, flows }) => ({
  input: structure({
    ClientId: required(ClientIdType),
    SecretHash: SecretHashType,
    Username: required(UsernameType),
    ConfirmationCode: required(ConfirmationCodeType),
    ForceAliasCreation: BooleanType,
    AnalyticsMetadata: AnalyticsMetadataType,
    UserContextData: UserContextDataType,
    ClientMetadata: ClientMetadataType,
    Session: SessionType,
  }),
  async handle(input, context) {
    await flows.signUp.confirm(
      {
        ...requireAppClient(store, input.ClientId!),
        username: input.Username!,
        secretHash: input.SecretHash,
        code: input.ConfirmationCode!,
        forceAliasCreation: input.ForceAliasCreation === true,
        ...(input.ClientMetadata && { clientMetadata: input.ClientMetadata }),
      },
      context,
    );
    return {};
  },
}));
