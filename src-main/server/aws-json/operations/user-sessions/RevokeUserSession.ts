/**
 * Revokes one of the signed-in user's sessions: a TOKEN session's refresh tokens are refused from
 * now on ("Refresh Token has been revoked") and so are the access tokens minted from them; an SSO
 * session ends (the hosted UI asks the user to sign in again). LINKED also revokes the SSO session
 * a token session came through, or the token sessions that came through an SSO session. The
 * session the calling access token belongs to cannot be revoked this way.
 *
 * Assumptions: revoking the current session is InvalidParameterException (its wording is the
 * sandbox's); an SSO session revoked with LINKED takes the caller's own token session with it
 * when that came through it.
 */
import type { RevokeUserSessionCommandInput, RevokeUserSessionCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { revokeSession } from '../../../../cognito/user-sessions.js';
import { signedInUser } from '../../access-token.js';
import { TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { currentFamilyOf } from './current-session.js';
import { requireSessionOf, RevokeAssociatedSessionsType, SessionIdType } from './sessions.js';

export const RevokeUserSession = operation<RevokeUserSessionCommandInput, RevokeUserSessionCommandOutput, Pick<Services, 'tokens' | 'store' | 'clock'>>(
  (services) => ({
    input: structure({ AccessToken: required(TokenModelType), SessionId: required(SessionIdType), RevokeAssociatedSessions: RevokeAssociatedSessionsType }),
    async handle(input) {
      const { pool, user } = await signedInUser(services, input.AccessToken!);
      const session = requireSessionOf(services, pool, user, input.SessionId!);
      const current = currentFamilyOf(input.AccessToken!);
      if (current !== undefined && session.familyJti === current) throw new InvalidParameterException('The session of the access token in the request cannot be revoked.');
      revokeSession(services, session, input.RevokeAssociatedSessions === 'LINKED', 'RevokeUserSession');
      return {};
    },
  }),
);
