/**
 * AdminRespondToAuthChallenge: RespondToAuthChallenge for a client of the named pool.
 *
 * Limitations: as RespondToAuthChallenge; ContextData is accepted and ignored.
 */
import type {
  AdminRespondToAuthChallengeCommandInput,
  AdminRespondToAuthChallengeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  AnalyticsMetadataType,
  ChallengeNameType,
  ChallengeResponsesType,
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

export const AdminRespondToAuthChallenge = operation<
  AdminRespondToAuthChallengeCommandInput,
  AdminRespondToAuthChallengeCommandOutput,
  Pick<Services, 'store' | 'flows'>
>(({ store, flows }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ClientId: required(ClientIdType),
    ChallengeName: required(ChallengeNameType),
    ChallengeResponses: ChallengeResponsesType,
    Session: SessionType,
    AnalyticsMetadata: AnalyticsMetadataType,
    ContextData: ContextDataType,
    ClientMetadata: ClientMetadataType,
  }),
  async handle(input, context) {
    const { pool, client } = requireClientOfPool(store, input.UserPoolId!, input.ClientId!);
    const request = { pool, client, challengeName: input.ChallengeName!, responses: input.ChallengeResponses, session: input.Session, clientMetadata: input.ClientMetadata };
    return authResult(await flows.signIn.respond(request, context));
  },
}));
