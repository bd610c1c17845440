/**
 * Define auth challenge [guide: Define Auth challenge Lambda trigger]: the custom
 * authentication flow's state machine (DefineAuthChallenge_Authentication).
 *
 * request: userAttributes, session (see challenge-session.ts), clientMetadata
 * (RespondToAuthChallenge's, when passed; never InitiateAuth's), userNotFound (only when the
 * app client prevents user existence errors).
 * response: challengeName, issueTokens, failAuthentication, null as Cognito sends them.
 * Read back: issueTokens and failAuthentication default to false; which challenge names may
 * follow is the flow's business.
 */
import type { StringMap, TriggerEvent } from '../types.js';
import { challengeSession, type ChallengeResult, type ChallengeResultInput } from './challenge-session.js';
import { clientMetadataMember, triggerEvent, userNotFoundMember, type CommonInput } from './common.js';
import { readBoolean, readString, responseOf } from './read.js';

export type DefineAuthChallengeSource = 'DefineAuthChallenge_Authentication';

export interface DefineAuthChallengeRequest {
  userAttributes: StringMap;
  session: ChallengeResult[];
  clientMetadata?: StringMap;
  userNotFound?: boolean;
}

export interface DefineAuthChallengeResponse {
  challengeName: string | null;
  issueTokens: boolean | null;
  failAuthentication: boolean | null;
}

export type DefineAuthChallengeEvent = TriggerEvent<DefineAuthChallengeSource, DefineAuthChallengeRequest, DefineAuthChallengeResponse>;

export interface DefineAuthChallengeInput extends CommonInput {
  userName: string;
  userAttributes: StringMap;
  session: readonly ChallengeResultInput[];
  clientMetadata?: StringMap;
  userNotFound?: boolean;
}

export interface DefinedChallenge {
  challengeName: string | null;
  issueTokens: boolean;
  failAuthentication: boolean;
}

export function defineAuthChallengeEvent(input: DefineAuthChallengeInput): DefineAuthChallengeEvent {
  return triggerEvent(
    { ...input, triggerSource: 'DefineAuthChallenge_Authentication' as const },
    {
      userAttributes: { ...input.userAttributes },
      session: challengeSession(input.session),
      ...clientMetadataMember(input.clientMetadata),
      ...userNotFoundMember(input.userNotFound),
    },
    { challengeName: null, issueTokens: null, failAuthentication: null },
  );
}

export function readDefineAuthChallengeResponse(output: unknown): DefinedChallenge {
  const response = responseOf(output);
  return {
    challengeName: readString(response.challengeName),
    issueTokens: readBoolean(response.issueTokens) ?? false,
    failAuthentication: readBoolean(response.failAuthentication) ?? false,
  };
}
