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
import { clientOfPool, respondToChallenge, type AuthServices } from './sign-in.js';

export const AdminRespondToAuthChallenge = operation<
  AdminRespondToAuthChallengeCommandInput,
  AdminRespondToAuthChallengeCommandOutput,
  AuthServices
>((services) => ({
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
  handle(input, context) {
    const { pool, client } = clientOfPool(services, input.UserPoolId!, input.ClientId!);
    return respondToChallenge(
      services,
      {
        pool,
        client,
        challengeName: input.ChallengeName!,
        responses: input.ChallengeResponses,
        session: input.Session,
        clientMetadata: input.ClientMetadata,
      },
      context,
    );
  },
}));
