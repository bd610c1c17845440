/**
 * Verify auth challenge response [guide: Verify Auth challenge response Lambda trigger]
 * (VerifyAuthChallengeResponse_Authentication). Its result becomes the challengeResult of the
 * session entry Define Auth Challenge sees next.
 *
 * request: userAttributes, privateChallengeParameters (from Create Auth Challenge),
 * challengeAnswer (the client's ANSWER), clientMetadata (RespondToAuthChallenge's, when
 * passed), userNotFound (only when the app client prevents user existence errors).
 * response: answerCorrect, null as Cognito sends it; read back, absent means false.
 */
import type { StringMap, TriggerEvent } from '../types.js';
import { clientMetadataMember, triggerEvent, userNotFoundMember, type CommonInput } from './common.js';
import { readBoolean, responseOf } from './read.js';

export type VerifyAuthChallengeSource = 'VerifyAuthChallengeResponse_Authentication';

export interface VerifyAuthChallengeRequest {
  userAttributes: StringMap;
  privateChallengeParameters: StringMap;
  challengeAnswer: string;
  clientMetadata?: StringMap;
  userNotFound?: boolean;
}

export interface VerifyAuthChallengeResponse {
  answerCorrect: boolean | null;
}

export type VerifyAuthChallengeEvent = TriggerEvent<VerifyAuthChallengeSource, VerifyAuthChallengeRequest, VerifyAuthChallengeResponse>;

export interface VerifyAuthChallengeInput extends CommonInput {
  userName: string;
  userAttributes: StringMap;
  privateChallengeParameters: StringMap;
  challengeAnswer: string;
  clientMetadata?: StringMap;
  userNotFound?: boolean;
}

export function verifyAuthChallengeEvent(input: VerifyAuthChallengeInput): VerifyAuthChallengeEvent {
  return triggerEvent(
    { ...input, triggerSource: 'VerifyAuthChallengeResponse_Authentication' as const },
    {
      userAttributes: { ...input.userAttributes },
      privateChallengeParameters: { ...input.privateChallengeParameters },
      challengeAnswer: input.challengeAnswer,
      ...clientMetadataMember(input.clientMetadata),
      ...userNotFoundMember(input.userNotFound),
    },
    { answerCorrect: null },
  );
}

export function readVerifyAuthChallengeResponse(output: unknown): { answerCorrect: boolean } {
  return { answerCorrect: readBoolean(responseOf(output).answerCorrect) ?? false };
}
