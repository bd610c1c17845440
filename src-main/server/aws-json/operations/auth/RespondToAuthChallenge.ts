/**
 * RespondToAuthChallenge: PASSWORD_VERIFIER (the SRP proof), NEW_PASSWORD_REQUIRED and
 * CUSTOM_CHALLENGE (ANSWER, judged by the verify auth challenge response function), each on the
 * Session the previous step handed out (single use, valid for the client's AuthSessionValidity,
 * bound to the client and the user). ClientMetadata reaches the define, create and verify auth
 * challenge, post authentication and pre token generation functions.
 *
 * Limitations: MFA and device challenges are not issued yet, so answering them is refused as an
 * invalid session; AnalyticsMetadata and UserContextData are accepted and ignored.
 */
import type { RespondToAuthChallengeCommandInput, RespondToAuthChallengeCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import {
  AnalyticsMetadataType,
  ChallengeNameType,
  ChallengeResponsesType,
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

export const RespondToAuthChallenge = operation<RespondToAuthChallengeCommandInput, RespondToAuthChallengeCommandOutput, Pick<Services, 'store' | 'flows'>>(
  ({ store, flows }) => ({
    input: structure({
      ClientId: required(ClientIdType),
      ChallengeName: required(ChallengeNameType),
      Session: SessionType,
      ChallengeResponses: ChallengeResponsesType,
      AnalyticsMetadata: AnalyticsMetadataType,
      UserContextData: UserContextDataType,
      ClientMetadata: ClientMetadataType,
    }),
    async handle(input, context) {
      const { pool, client } = requireAppClient(store, input.ClientId!);
      const request = { pool, client, challengeName: input.ChallengeName!, responses: input.ChallengeResponses, session: input.Session, clientMetadata: input.ClientMetadata };
      return authResult(await flows.signIn.respond(request, context));
    },
  }),
);
