/**
 * What the user-session operations share: their input shapes as the SDK documents them, the
 * session as SessionDescriptionType answers it, and the lookups and refusals they have in common.
 *
 * Assumptions (the API model of ../shared/reference predates these operations): a SessionId is
 * what the docs describe, 28 lowercase letters and digits beginning `tkn` or `sso`, and anything
 * else is refused as an invalid parameter; a session id that names no active session of the user
 * (another user's, a revoked one, an expired one) is ResourceNotFoundException. Every session of
 * a user fits one page (MaxPerUser is at most 100): no NextToken is ever answered, so one given
 * is refused as invalid.
 */
import type { SessionDescriptionType } from '@aws-sdk/client-cognito-identity-provider';
import { FeatureUnavailableInTierException, InvalidParameterException, ResourceNotFoundException } from '../../../../cognito/errors.js';
import { activeSessionsOf, type UserSession } from '../../../../cognito/user-sessions.js';
import type { BaseServices } from '../../../../base-services.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import type { Wire } from '../../operation.js';
import { enumeration, integer, required, string, structure } from '../../shapes.js';
import { wireDate } from '../common.js';

export const SessionIdType = string({ min: 28, max: 28, pattern: '(tkn|sso)[a-z0-9]{25}' });
export const RevokeAssociatedSessionsType = enumeration(['NONE', 'LINKED']);
export const UserSessionTrackingType = enumeration(['ENABLED', 'DISABLED']);
export const UserPoolTokenSessionConfigType = structure({ MaxPerUser: required(integer({ min: 1, max: 100 })) });
export const ClientSSOSessionConfigType = structure({ MaxValidityMinutes: required(integer({ min: 0, max: 129600 })) });

/** The session configurations are set on the Essentials and Plus feature plans only. */
export function requireSessionTier(pool: UserPool): void {
  if (pool.config.UserPoolTier === 'LITE') {
    throw new FeatureUnavailableInTierException('User session configuration requires the Essentials or Plus feature plan.');
  }
}

/** All of a user's sessions fit the one page answered: a NextToken can only be one the sandbox never gave. */
export function refuseNextToken(nextToken: string | undefined): void {
  if (nextToken !== undefined) throw new InvalidParameterException('Invalid pagination token.');
}

/** The user's active session the id names. */
export function requireSessionOf(services: Pick<BaseServices, 'store' | 'clock'>, pool: UserPool, user: StoredUser, sessionId: string): UserSession {
  const session = activeSessionsOf(services, pool.id, user.sub).find((s) => s.sessionId === sessionId);
  if (!session) throw new ResourceNotFoundException(`Session ${sessionId} does not exist.`);
  return session;
}

/** The session as the listings answer it; `currentFamilyJti` is the calling access token's origin_jti (none for the admin listing). */
export function toSessionDescription(session: UserSession, currentFamilyJti?: string): Wire<SessionDescriptionType> {
  return {
    SessionId: session.sessionId,
    SessionType: session.type,
    ClientId: session.clientId,
    CreateDate: wireDate(session.created),
    LastActiveDate: wireDate(session.lastActive),
    DeviceType: session.deviceType ?? 'unknown',
    ...(session.lastIp && { LastIPAddress: session.lastIp }),
    LastLocation: { Country: 'unknown' },
    ...(session.originSessionId && { OriginSessionId: session.originSessionId }),
    IsCurrentSession: currentFamilyJti !== undefined && session.familyJti === currentFamilyJti,
  };
}
