/**
 * Create auth challenge [guide: Create Auth challenge Lambda trigger]. Fires after Define Auth
 * Challenge names CUSTOM_CHALLENGE (CreateAuthChallenge_Authentication).
 *
 * request: userAttributes, challengeName, session, clientMetadata (RespondToAuthChallenge's,
 * when passed), userNotFound (only when the app client prevents user existence errors).
 * response: publicChallengeParameters (to the client, as ChallengeParameters),
 * privateChallengeParameters (to Verify Auth Challenge Response only), challengeMetadata
 * (recorded in the session); null as Cognito sends them. Read back: absent maps become {}.
 */
import type { StringMap, TriggerEvent } from '../types.js';
import { challengeSession, type ChallengeResult, type ChallengeResultInput } from './challenge-session.js';
import { clientMetadataMember, triggerEvent, userNotFoundMember, type CommonInput } from './common.js';
import { readString, readStringMap, responseOf } from './read.js';

export type CreateAuthChallengeSource = 'CreateAuthChallenge_Authentication';

export interface CreateAuthChallengeRequest {
  userAttributes: StringMap;
  challengeName: string;
  session: ChallengeResult[];
  clientMetadata?: StringMap;
  userNotFound?: boolean;
}

export interface CreateAuthChallengeResponse {
  publicChallengeParameters: StringMap | null;
  privateChallengeParameters: StringMap | null;
  challengeMetadata: string | null;
}

export type CreateAuthChallengeEvent = TriggerEvent<CreateAuthChallengeSource, CreateAuthChallengeRequest, CreateAuthChallengeResponse>;

export interface CreateAuthChallengeInput extends CommonInput {
  userName: string;
  userAttributes: StringMap;
  challengeName: string;
  session: readonly ChallengeResultInput[];
  clientMetadata?: StringMap;
  userNotFound?: boolean;
}

export interface CreatedChallenge {
  publicChallengeParameters: StringMap;
  privateChallengeParameters: StringMap;
  challengeMetadata: string | null;
}

export function createAuthChallengeEvent(input: CreateAuthChallengeInput): CreateAuthChallengeEvent {
  return triggerEvent(
    { ...input, triggerSource: 'CreateAuthChallenge_Authentication' as const },
    {
      userAttributes: { ...input.userAttributes },
      challengeName: input.challengeName,
      session: challengeSession(input.session),
      ...clientMetadataMember(input.clientMetadata),
      ...userNotFoundMember(input.userNotFound),
    },
    { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
  );
}

export function readCreateAuthChallengeResponse(output: unknown): CreatedChallenge {
  const response = responseOf(output);
  return {
    publicChallengeParameters: readStringMap(response.publicChallengeParameters) ?? {},
    privateChallengeParameters: readStringMap(response.privateChallengeParameters) ?? {},
    challengeMetadata: readString(response.challengeMetadata),
  };
}
