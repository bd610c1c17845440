/**
 * AdminInitiateAuth: ADMIN_USER_PASSWORD_AUTH (and its legacy name ADMIN_NO_SRP_AUTH; both with
 * the pool's migrate user function for an unknown user), USER_SRP_AUTH, CUSTOM_AUTH and
 * REFRESH_TOKEN_AUTH / REFRESH_TOKEN (not on a client that rotates refresh tokens: those refresh
 * with GetTokensFromRefreshToken), for a client of the named pool. ClientMetadata reaches the
 * pre authentication and migrate user functions as their validationData.
 *
 * Limitations: USER_AUTH answers UnsupportedOperationException; DEVICE_KEY, AnalyticsMetadata
 * and ContextData are accepted and ignored.
 */
import type { AdminInitiateAuthCommandInput, AdminInitiateAuthCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import {
  AnalyticsMetadataType,
  AuthFlowType,
  AuthParametersType,
  ClientIdType,
  ClientMetadataType,
  ContextDataType,
  SessionType,
  UserPoolIdType,
} from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requireClientOfPool } from '../../../../cognito/resources.js';
import type { Services } from '../../../../services.js';
import { authResult } from './auth-result.js';

export const AdminInitiateAuth = operation<AdminInitiateAuthCommandInput, AdminInitiateAuthCommandOutput, Pick<Services, 'store' | 'flows'>>(({ store, flows }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ClientId: required(ClientIdType),
    AuthFlow: required(AuthFlowType),
    AuthParameters: AuthParametersType,
    ClientMetadata: ClientMetadataType,
    AnalyticsMetadata: AnalyticsMetadataType,
    ContextData: ContextDataType,
    Session: SessionType,
  }),
  async handle(input, context) {
    const { pool, client } = requireClientOfPool(store, input.UserPoolId!, input.ClientId!);
    const request = { pool, client, authFlow: input.AuthFlow!, parameters: input.AuthParameters, clientMetadata: input.ClientMetadata, caller: 'admin' as const };
    return authResult(await flows.signIn.initiate(request, context));
  },
}));
