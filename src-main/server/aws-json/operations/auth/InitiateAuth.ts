/**
 * InitiateAuth: USER_SRP_AUTH (answered with PASSWORD_VERIFIER), USER_PASSWORD_AUTH and
 * REFRESH_TOKEN_AUTH / REFRESH_TOKEN, as the app client allows them.
 *
 * Limitations: CUSTOM_AUTH and USER_AUTH answer UnsupportedOperationException; DEVICE_KEY,
 * ClientMetadata (no triggers run yet), AnalyticsMetadata and UserContextData are accepted and
 * ignored.
 */
import type { InitiateAuthCommandInput, InitiateAuthCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import {
  AnalyticsMetadataType,
  AuthFlowType,
  AuthParametersType,
  ClientIdType,
  ClientMetadataType,
  SessionType,
  UserContextDataType,
} from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { clientById, initiateSignIn, type AuthServices } from './sign-in.js';

export const InitiateAuth = operation<InitiateAuthCommandInput, InitiateAuthCommandOutput, AuthServices>((services) => ({
  input: structure({
    AuthFlow: required(AuthFlowType),
    AuthParameters: AuthParametersType,
    ClientMetadata: ClientMetadataType,
    ClientId: required(ClientIdType),
    AnalyticsMetadata: AnalyticsMetadataType,
    UserContextData: UserContextDataType,
    Session: SessionType,
  }),
  handle(input, context) {
    const { pool, client } = clientById(services, input.ClientId!);
    return initiateSignIn(services, { pool, client, authFlow: input.AuthFlow!, parameters: input.AuthParameters }, 'client', context);
  },
}));
