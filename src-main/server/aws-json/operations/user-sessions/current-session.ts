/**
 * The session an access token belongs to: the refresh-token family named by its `origin_jti`.
 * Limitation: an app client without token revocation mints access tokens without `origin_jti`
 * (as Cognito's do), so their calls have no current session: none is marked IsCurrentSession and
 * RevokeUserSession cannot tell which one to refuse.
 */
import { decodeJwt } from 'jose';

/** The calling access token's `origin_jti`, once signedInUser has verified the token. */
export function currentFamilyOf(accessToken: string): string | undefined {
  const originJti = decodeJwt(accessToken).origin_jti;
  return typeof originJti === 'string' ? originJti : undefined;
}
