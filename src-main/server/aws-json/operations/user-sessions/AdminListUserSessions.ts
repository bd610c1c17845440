/**
 * A user's active sessions, as an administrator: token and SSO sessions in one page (Cognito's
 * page holds up to 125; a user has at most MaxPerUser token sessions, at most 100).
 * IsCurrentSession is always false here. With session tracking DISABLED the list is empty.
 */
import type { AdminListUserSessionsCommandInput, AdminListUserSessionsCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool, requireUser } from '../../../../cognito/resources.js';
import { activeSessionsOf } from '../../../../cognito/user-sessions.js';
import { PaginationKey, UsernameType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { refuseNextToken, toSessionDescription } from './sessions.js';

export const AdminListUserSessions = operation<AdminListUserSessionsCommandInput, AdminListUserSessionsCommandOutput, Pick<Services, 'store' | 'clock'>>(
  (services) => ({
    input: structure({ UserPoolId: required(UserPoolIdType), Username: required(UsernameType), NextToken: PaginationKey }),
    handle(input) {
      const pool = requirePool(services.store, input.UserPoolId!);
      const user = requireUser(services.store, pool, input.Username!);
      refuseNextToken(input.NextToken);
      return { Sessions: activeSessionsOf(services, pool.id, user.sub).map((session) => toSessionDescription(session)) };
    },
  }),
);
