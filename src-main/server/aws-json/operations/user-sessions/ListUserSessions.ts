/**
 * The signed-in user's active sessions across the pool's app clients, token and SSO sessions;
 * IsCurrentSession marks the token session the calling access token belongs to
 * (current-session.ts). With session tracking DISABLED the list is empty (cognito/user-sessions.ts).
 */
import type { ListUserSessionsCommandInput, ListUserSessionsCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { activeSessionsOf } from '../../../../cognito/user-sessions.js';
import { signedInUser } from '../../access-token.js';
import { PaginationKey, TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { currentFamilyOf } from './current-session.js';
import { refuseNextToken, toSessionDescription } from './sessions.js';

export const ListUserSessions = operation<ListUserSessionsCommandInput, ListUserSessionsCommandOutput, Pick<Services, 'tokens' | 'store' | 'clock'>>(
  (services) => ({
    input: structure({ AccessToken: required(TokenModelType), NextToken: PaginationKey }),
    async handle(input) {
      const { pool, user } = await signedInUser(services, input.AccessToken!);
      refuseNextToken(input.NextToken);
      const current = currentFamilyOf(input.AccessToken!);
      return { Sessions: activeSessionsOf(services, pool.id, user.sub).map((session) => toSessionDescription(session, current)) };
    },
  }),
);
