/**
 * Revokes a user's session as an administrator, a TOKEN or an SSO session, and with LINKED the
 * sessions linked to it (as RevokeUserSession). The Username must be the session's user: a
 * session of another user is not found (ResourceNotFoundException), as an unknown one.
 */
import type { AdminRevokeUserSessionCommandInput, AdminRevokeUserSessionCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool, requireUser } from '../../../../cognito/resources.js';
import { revokeSession } from '../../../../cognito/user-sessions.js';
import { UsernameType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requireSessionOf, RevokeAssociatedSessionsType, SessionIdType } from './sessions.js';

export const AdminRevokeUserSession = operation<AdminRevokeUserSessionCommandInput, AdminRevokeUserSessionCommandOutput, Pick<Services, 'store' | 'clock'>>(
  (services) => ({
    input: structure({
      UserPoolId: required(UserPoolIdType),
      Username: required(UsernameType),
      SessionId: required(SessionIdType),
      RevokeAssociatedSessions: RevokeAssociatedSessionsType,
    }),
    handle(input) {
      const pool = requirePool(services.store, input.UserPoolId!);
      const user = requireUser(services.store, pool, input.Username!);
      const session = requireSessionOf(services, pool, user, input.SessionId!);
      revokeSession(services, session, input.RevokeAssociatedSessions === 'LINKED', 'AdminRevokeUserSession');
      return {};
    },
  }),
);
