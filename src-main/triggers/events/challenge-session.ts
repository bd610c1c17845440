/**
 * The `session` the custom-auth triggers receive [guide: Define Auth challenge]: every challenge
 * of the current sign-in so far, oldest first, each with its result and, for a custom
 * challenge, the challengeMetadata Create Auth Challenge gave it (null otherwise).
 */

/** CUSTOM_CHALLENGE, SRP_A, PASSWORD_VERIFIER, SMS_MFA, DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER or ADMIN_NO_SRP_AUTH. */
export interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata: string | null;
}

export type ChallengeResultInput = Omit<ChallengeResult, 'challengeMetadata'> & { challengeMetadata?: string | null };

export function challengeSession(session: readonly ChallengeResultInput[]): ChallengeResult[] {
  return session.map(({ challengeName, challengeResult, challengeMetadata }) => ({
    challengeName,
    challengeResult,
    challengeMetadata: challengeMetadata ?? null,
  }));
}
