/** The sign-in flow's answer as InitiateAuth and RespondToAuthChallenge (and their Admin forms) put it on the wire. */
import type { InitiateAuthCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { SignInAnswer } from '../../../../flows/sign-in/sign-in.js';
import type { Wire } from '../../operation.js';

export type AuthResult = Wire<Omit<InitiateAuthCommandOutput, '$metadata'>>;

export function authResult(answer: SignInAnswer): AuthResult {
  if ('challenge' in answer) {
    const { name, parameters, session, available } = answer.challenge;
    const result: AuthResult = { ChallengeName: name as AuthResult['ChallengeName'], Session: session, ChallengeParameters: parameters };
    return available ? { ...result, AvailableChallenges: available as AuthResult['AvailableChallenges'] } : result;
  }
  return { ChallengeParameters: {}, AuthenticationResult: answer.tokens };
}
