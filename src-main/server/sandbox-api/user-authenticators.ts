/**
 * `GET /_sandbox/api/pools/{poolId}/users/{username}/authenticators`: what of a user's
 * authenticators no admin operation shows, for the admin tab's user page: the software token's
 * friendly name and whether one waits for verification (AdminGetUser says only that
 * SOFTWARE_TOKEN_MFA is on), and the passkeys (Cognito lists and deletes them only with the
 * user's own access token). Secrets and public keys are never served. The user is named as
 * admin operations name one: username, alias or sub.
 */
import type { PasskeyListItem, UserAuthenticators } from '../../../shared/debugger-api.js';
import { resolveUser } from '../../cognito/usernames.js';
import type { Services } from '../../services.js';
import type { StoredWebAuthnCredential } from '../../store/repositories/webauthn-credentials.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { notFound, type ApiHandler } from './route.js';

/** More than a user can register (Cognito: 20 passkeys per user). */
const PASSKEYS_SHOWN = 100;

function passkeyItem(credential: StoredWebAuthnCredential): PasskeyListItem {
  return {
    credentialId: credential.credentialId,
    friendlyName: credential.friendlyName,
    relyingPartyId: credential.relyingPartyId,
    authenticatorAttachment: credential.authenticatorAttachment ?? null,
    transports: credential.transports,
    created: credential.created,
  };
}

function softwareTokens(user: StoredUser): Pick<UserAuthenticators, 'softwareToken' | 'pendingSoftwareToken'> {
  const { softwareToken: current, pendingSoftwareToken: pending } = user.mfa ?? {};
  return {
    softwareToken: current ? { friendlyDeviceName: current.friendlyDeviceName ?? null, verified: current.verified } : null,
    pendingSoftwareToken: pending ? { associated: pending.associated } : null,
  };
}

export function userAuthenticators({ store }: Pick<Services, 'store'>): ApiHandler<'userAuthenticators'> {
  return (req, res) => {
    const pool = store.pools.findById(req.params.poolId);
    if (!pool) return notFound(res, `No user pool ${req.params.poolId}.`);
    const user = resolveUser(store, pool, req.params.username);
    if (!user) return notFound(res, `No user ${req.params.username} in ${pool.id}.`);
    res.json({
      ...softwareTokens(user),
      passkeys: store.webAuthnCredentials.listOf(pool.id, user.sub, PASSKEYS_SHOWN).map(passkeyItem),
    });
  };
}
