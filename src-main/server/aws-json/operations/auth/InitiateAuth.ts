/**
 * InitiateAuth: USER_SRP_AUTH (answered with PASSWORD_VERIFIER), USER_PASSWORD_AUTH (with the
 * pool's migrate user function for an unknown user), CUSTOM_AUTH (the define auth challenge
 * function decides; CHALLENGE_NAME SRP_A starts with the password) and REFRESH_TOKEN_AUTH /
 * REFRESH_TOKEN, as the app client allows them (a client that rotates refresh tokens refreshes
 * with GetTokensFromRefreshToken only). ClientMetadata reaches the pre authentication and migrate
 * user functions as their validationData.
 *
 * Limitations: USER_AUTH answers UnsupportedOperationException; DEVICE_KEY, AnalyticsMetadata
 * and UserContextData are accepted and ignored.
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
import { requireAppClient } from '../../../../cognito/resources.js';
import type { Services } from '../../../../services.js';
import { authResult } from './auth-result.js';

export const InitiateAuth = operation<InitiateAuthCommandInput, InitiateAuthCommandOutput, Pick<Services, 'store' | 'flows'>>(({ store, flows }) => ({
  input: structure({
    AuthFlow: required(AuthFlowType),
    AuthParameters: AuthParametersType,
    ClientMetadata: ClientMetadataType,
    ClientId: required(ClientIdType),
    AnalyticsMetadata: AnalyticsMetadataType,
    UserContextData: UserContextDataType,
    Session: SessionType,
  }),
  async handle(input, context) {
    const { pool, client } = requireAppClient(store, input.ClientId!);
    const request = { pool, client, authFlow: input.AuthFlow!, parameters: input.AuthParameters, clientMetadata: input.ClientMetadata, caller: 'client' as const };
    return authResult(await flows.signIn.initiate(request, context));
  },
}));
