/**
 * What every operation authorised by an access token checks first: the token is one of the
 * sandbox's, unexpired, unrevoked and meant for the user-pool APIs (the
 * aws.cognito.signin.user.admin scope), its app client still exists, and its user may act.
 */
import type { Services } from '../../services.js';
import type { AppClient } from '../../cognito/app-clients.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { NotAuthorizedException, PasswordResetRequiredException, UserNotConfirmedException } from '../../cognito/errors.js';
import { findAppClient } from '../../cognito/app-clients.js';
import { USER_ADMIN_SCOPE } from '../../cognito/oauth.js';

export interface SignedInUser {
  pool: UserPool;
  user: StoredUser;
  /** The app client the token was issued to. */
  client: AppClient;
}

function checkUserMayAct(user: StoredUser): void {
  if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
  if (user.status === 'RESET_REQUIRED') throw new PasswordResetRequiredException('Password reset required for the user');
  if (user.status === 'UNCONFIRMED') throw new UserNotConfirmedException('User is not confirmed.');
}

export async function signedInUser(services: Pick<Services, 'tokens' | 'store'>, accessToken: string): Promise<SignedInUser> {
  const { pool, user, clientId } = await services.tokens.verifyAccessToken(accessToken, USER_ADMIN_SCOPE);
  const client = findAppClient(services.store, clientId);
  if (!client || client.poolId !== pool.id) throw new NotAuthorizedException('Invalid Access Token');
  checkUserMayAct(user);
  return { pool, user, client };
}
