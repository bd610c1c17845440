/**
 * The window's token decoder: any pasted token judged as the sandbox would judge it, with the
 * reason in words instead of an exception. A JWT's signature is checked against the key its `kid`
 * names among the keys of the pool its issuer ends in (the same way Tokens.verifyAccessToken
 * finds the pool); a token whose issuer is no pool here is decoded and marked `unknown-issuer`.
 * A refresh token is opaque: it is found by its hash, as RefreshToken sign-ins find it.
 *
 * Revocation, in the order an operation meets it: the sign-in's refresh token family revoked
 * (`origin_jti`), by what its row says revoked it (RevokeToken; RevokeUserSession or
 * AdminRevokeUserSession; a global sign-out; a token session evicted past MaxPerUser), or, for a
 * family revoked before the cause was recorded, a global sign-out when the user's last sign-out is
 * that same moment; without `origin_jti` a sign-out at or after `iat` (the second it was issued
 * counts, as verifyAccessToken counts it); the user deleted; the user disabled.
 * Assumption: an ID token's revocation is reported the same way although Cognito's APIs never
 * take an ID token (whoever reads it checks only its signature and expiry).
 */
import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import type { TokenInspection, TokenRevocation } from '../../shared/debugger-api.js';
import type { RevocationCause, StoredRefreshToken } from '../store/repositories/refresh-tokens.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredUser } from '../store/repositories/users.js';
import type { BaseServices } from '../base-services.js';
import { hashToken } from './tokens.js';
import type { SigningKey, SigningKeys } from './keys.js';

type InspectServices = Pick<BaseServices, 'store' | 'clock'> & { keys: SigningKeys };

/** A token that is neither a JWT nor a refresh token of this sandbox. */
export class NotAToken extends Error {}

const UNKNOWN: TokenRevocation = { status: 'unknown', message: 'Not a token of this sandbox: its revocation is not known here.' };
const seconds = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value * 1000 : null);

export async function inspectToken(services: InspectServices, token: string): Promise<TokenInspection> {
  const refresh = services.store.refreshTokens.findByHash(hashToken(token));
  if (refresh) return inspectRefreshToken(services, refresh);
  let header: ProtectedHeaderParameters;
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    claims = decodeJwt(token);
  } catch {
    throw new NotAToken('Not a JWT (three base64url parts, a JSON header and JSON claims) nor a refresh token this sandbox issued.');
  }
  return inspectJwt(services, token, header, claims);
}

async function inspectJwt(services: InspectServices, token: string, header: ProtectedHeaderParameters, claims: JWTPayload): Promise<TokenInspection> {
  const now = services.clock.now();
  const issuer = typeof claims.iss === 'string' ? claims.iss : null;
  const pool = issuer ? services.store.pools.findById(issuer.slice(issuer.lastIndexOf('/') + 1)) : undefined;
  const tokenUse = claims.token_use === 'access' || claims.token_use === 'id' ? claims.token_use : null;
  const clientId = typeof claims.client_id === 'string' ? claims.client_id : typeof claims.aud === 'string' ? claims.aud : null;
  const expiresAt = seconds(claims.exp);
  const user = pool && typeof claims.sub === 'string' ? services.store.users.findBySub(pool.id, claims.sub) : undefined;
  const signature = pool ? await checkSignature(services, pool, token, header) : unknownIssuer(issuer, header);
  return {
    format: 'jwt',
    header: { ...header },
    claims: { ...claims },
    signature,
    issuer,
    pool: pool ? { id: pool.id, name: pool.name } : null,
    client: clientId ? clientOf(services, clientId, pool) : null,
    tokenUse,
    user: user ? userOf(user) : null,
    issuedAt: seconds(claims.iat),
    expiresAt,
    now,
    expired: expiresAt !== null && expiresAt <= now,
    revocation: pool && signature.status === 'valid' ? jwtRevocation(services, pool, claims, user) : UNKNOWN,
    refusal: null,
  };
}

function unknownIssuer(issuer: string | null, header: ProtectedHeaderParameters): TokenInspection['signature'] {
  const message = issuer ? `Unknown issuer: no user pool of this sandbox is ${issuer}, so its signature is not checked.` : 'No issuer (iss): its signature is not checked.';
  return { status: 'unknown-issuer', message, ...keyHeader(header) };
}

const keyHeader = (header: ProtectedHeaderParameters) => ({ ...(header.kid && { kid: header.kid }), ...(header.alg && { alg: header.alg }) });

async function checkSignature(services: InspectServices, pool: UserPool, token: string, header: ProtectedHeaderParameters): Promise<TokenInspection['signature']> {
  const keys = await services.keys.forPool(pool.id);
  const key: SigningKey | undefined = [keys.access, keys.id].find((candidate) => candidate.kid === header.kid);
  if (!key) return { status: 'unknown-key', message: `Its kid is none of ${pool.id}'s keys (/.well-known/jwks.json): not signed by this pool.`, ...keyHeader(header) };
  try {
    await compactVerify(token, key.publicKey, { algorithms: ['RS256'] });
  } catch {
    return { status: 'invalid', message: `The signature does not verify with ${pool.id}'s ${key.tokenUse} token key: the token was altered or signed elsewhere.`, ...keyHeader(header) };
  }
  return { status: 'valid', message: `Signed with ${pool.id}'s ${key.tokenUse} token key (RS256).`, ...keyHeader(header) };
}

function clientOf(services: InspectServices, clientId: string, pool: UserPool | undefined): TokenInspection['client'] {
  const client = services.store.clients.findById(clientId);
  return { id: clientId, name: client && (!pool || client.poolId === pool.id) ? client.name : null };
}

const userOf = (user: StoredUser): NonNullable<TokenInspection['user']> => ({ sub: user.sub, username: user.username, enabled: user.enabled, status: user.status });

function jwtRevocation(services: InspectServices, pool: UserPool, claims: JWTPayload, user: StoredUser | undefined): TokenRevocation {
  const { store } = services;
  const sub = String(claims.sub);
  const signedOut = store.signOuts.lastSignOut(pool.id, sub);
  if (typeof claims.origin_jti === 'string') {
    const family = store.refreshTokens.findByJti(claims.origin_jti);
    if (family?.revoked !== undefined) return familyRevoked(family.revoked, family.revokedBy, signedOut);
  } else if (signedOut !== undefined && signedOut >= Number(claims.iat) * 1000) {
    return { status: 'revoked', reason: 'global-sign-out', since: signedOut, message: GLOBAL_SIGN_OUT };
  }
  return userRevocation(user) ?? { status: 'active', message: 'Not revoked: its sign-in is still valid and its user may act.' };
}

const GLOBAL_SIGN_OUT = 'The user signed out everywhere (GlobalSignOut or AdminUserGlobalSignOut) after it was issued.';

const REVOKED_BY: Record<Exclude<RevocationCause, 'GlobalSignOut'>, Pick<TokenRevocation, 'reason' | 'message'>> = {
  RevokeToken: { reason: 'refresh-token-revoked', message: "Its sign-in's refresh token was revoked (RevokeToken): every token minted from it is refused." },
  RevokeUserSession: { reason: 'session-revoked', message: 'The user ended its token session (RevokeUserSession): every token of that session is refused.' },
  AdminRevokeUserSession: {
    reason: 'session-revoked',
    message: 'An administrator ended its token session (AdminRevokeUserSession): every token of that session is refused.',
  },
  MaxPerUser: {
    reason: 'session-evicted',
    message: "A newer sign-in ended its token session: the user had more sessions than the pool's MaxPerUser allows, and this one was the least recently used.",
  },
};

function familyRevoked(revoked: number, by: RevocationCause | undefined, signedOut: number | undefined): TokenRevocation {
  if (by === 'GlobalSignOut' || (by === undefined && signedOut === revoked)) return { status: 'revoked', reason: 'global-sign-out', since: revoked, message: GLOBAL_SIGN_OUT };
  if (by) return { status: 'revoked', since: revoked, ...REVOKED_BY[by] };
  return {
    status: 'revoked',
    reason: 'refresh-token-revoked',
    since: revoked,
    message: "Its sign-in's refresh token was revoked (RevokeToken, or its token session ended): every token minted from it is refused.",
  };
}

function userRevocation(user: StoredUser | undefined): TokenRevocation | undefined {
  if (!user) return { status: 'revoked', reason: 'user-deleted', message: 'Its user no longer exists (deleted).' };
  if (!user.enabled) return { status: 'revoked', reason: 'user-disabled', message: 'Its user is disabled: operations refuse it ("User is disabled.").' };
  return undefined;
}

function inspectRefreshToken(services: InspectServices, stored: StoredRefreshToken): TokenInspection {
  const { store, clock } = services;
  const now = clock.now();
  const pool = store.pools.findById(stored.poolId);
  const user = store.users.findBySub(stored.poolId, stored.sub);
  const family = stored.originJti ? store.refreshTokens.findByJti(stored.originJti) : stored;
  const revoked = stored.revoked ?? family?.revoked;
  const revokedBy = stored.revoked !== undefined ? stored.revokedBy : family?.revokedBy;
  const revocation =
    revoked !== undefined
      ? familyRevoked(revoked, revokedBy, store.signOuts.lastSignOut(stored.poolId, stored.sub))
      : (userRevocation(user) ?? { status: 'active', message: 'Not revoked.' });
  return {
    format: 'refresh',
    signature: { status: 'opaque', message: 'A refresh token is opaque (Cognito encrypts it): this sandbox found it by its hash.' },
    issuer: null,
    pool: pool ? { id: pool.id, name: pool.name } : null,
    client: clientOf(services, stored.clientId, pool),
    tokenUse: 'refresh',
    user: user ? userOf(user) : null,
    issuedAt: stored.created,
    expiresAt: stored.expires,
    now,
    expired: stored.expires <= now,
    revocation,
    refusal: null,
  };
}
