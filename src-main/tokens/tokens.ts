/**
 * Issues and checks a pool's tokens: RS256 ID and access tokens signed with the pool's keys,
 * opaque refresh tokens bound to client and user (stored only as a hash), revocation through
 * RevokeToken and GlobalSignOut. A pre token generation function's answer (see
 * pre-token-generation.ts) is applied to the claims before they are signed.
 *
 * Refresh-token rotation (the client's RefreshTokenRotation ENABLED): every refresh answers a new
 * refresh token, valid until the one it replaces would have expired, with the same auth_time. The
 * replaced token keeps working for the client's RetryGracePeriodSeconds after it was first
 * replaced (a retry after a lost answer gets new tokens again), then is refused with
 * RefreshTokenReuseException. A sign-in's tokens form a family: the access and ID tokens minted
 * from any of them carry the first one's jti as `origin_jti`, and RevokeToken on any of them
 * revokes the family. Assumptions (the reference is silent): the reuse message is the sandbox's;
 * a retry within the grace period leaves the token issued first valid too; a refused reuse does
 * not revoke the family.
 */
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { AppClient } from '../cognito/app-clients.js';
import type { NewDeviceMetadata } from '../cognito/devices.js';
import type { StoredRefreshToken } from '../store/repositories/refresh-tokens.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredUser } from '../store/repositories/users.js';
import { NotAuthorizedException, RefreshTokenReuseException, UserNotFoundException } from '../cognito/errors.js';
import { customizeAccessTokenClaims, customizeIdTokenClaims, type TokenCustomization } from '../triggers/events/preTokenGeneration.js';
import { accessTokenClaims, idTokenClaims, type TokenContext } from './claims.js';
import { readableAttributes } from '../cognito/attribute-permissions.js';
import { activityColumns, beginTokenSession, currentActivity } from '../cognito/user-sessions.js';
import { issuerFor } from './issuer.js';
import { signJwt } from './sign.js';
import { claimsChangedBetween } from './claims-changes.js';
import { claimsAtBreakpoint } from './token-breakpoints.js';
import type { ClaimsChanged } from '../../shared/events.js';
import type { BaseServices } from '../base-services.js';
import type { SigningKeys } from './keys.js';

export interface AuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
  RefreshToken?: string;
  /** Absent from an OAuth grant without the `openid` scope. */
  IdToken?: string;
  NewDeviceMetadata?: NewDeviceMetadata;
}

export interface IssueRequest {
  pool: UserPool;
  client: AppClient;
  user: StoredUser;
  /** `http://HOST:PORT` as the request reached the sandbox: the issuer's base. */
  origin: string;
  flowId?: string | null;
  /** When refreshing: the refresh token in use (its auth_time and origin_jti carry over). */
  refreshing?: StoredRefreshToken;
  /** The pool's pre token generation function's answer (runPreTokenGeneration), applied as Cognito applies it. */
  customization?: TokenCustomization;
  /** The device the sign-in used or was handed: the access token's `device_key`. */
  deviceKey?: string;
  /** A sign-in through the hosted UI (OAuth 2.0): the scopes granted, and the authorize request's nonce. */
  oauth?: OAuthGrant;
  /** The device handed out at this sign-in (cognito/devices.ts newDeviceForSignIn), returned beside the tokens. */
  newDeviceMetadata?: NewDeviceMetadata;
}

/** What an OAuth authorization grants the tokens: their scopes, and the ID token's `nonce`. */
export interface OAuthGrant {
  scopes: string[];
  nonce?: string;
}

export interface VerifiedAccessToken {
  pool: UserPool;
  user: StoredUser;
  claims: JWTPayload;
  clientId: string;
}

/** Cognito's refresh tokens are encrypted JWTs; ours are random, in the same five-part shape. */
const REFRESH_HEADER = Buffer.from('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}').toString('base64url');

/** `at_hash`: the left half of the access token's SHA-256, base64url (RS256). */
function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function newRefreshToken(): string {
  const part = (bytes: number) => randomBytes(bytes).toString('base64url');
  return [REFRESH_HEADER, part(256), part(12), part(600), part(16)].join('.');
}

/** The family a refresh token belongs to: the jti of its sign-in's first token, the `origin_jti` of every token minted from it. */
const familyOf = (token: StoredRefreshToken): string => token.originJti ?? token.jti;

type TokenServices = Pick<BaseServices, 'store' | 'clock' | 'ids' | 'bus' | 'options'> & Partial<Pick<BaseServices, 'breakpoints'>> & { keys: SigningKeys };

export class Tokens {
  constructor(private readonly services: TokenServices) {}

  async issue(request: IssueRequest): Promise<AuthenticationResult> {
    const { pool, client, user, refreshing } = request;
    const { store, clock, ids, keys, bus } = this.services;
    const now = clock.now();
    const issuedAt = Math.floor(now / 1000);
    const revocable = client.config.EnableTokenRevocation;

    const originJti = refreshing ? familyOf(refreshing) : ids.uuid();
    let refreshToken: string | undefined;
    const deviceKey = refreshing ? refreshing.deviceKey : (request.deviceKey ?? request.newDeviceMetadata?.DeviceKey);
    const scopes = refreshing ? refreshing.scopes : request.oauth?.scopes;
    // An OAuth grant has an ID token only with `openid`; the user pools API always has one.
    const withIdToken = scopes === undefined || scopes.includes('openid');
    if (!refreshing) {
      const sessionId = beginTokenSession(this.services, pool.id, user.sub);
      refreshToken = this.storeRefreshToken({
        jti: originJti,
        poolId: pool.id,
        clientId: client.clientId,
        sub: user.sub,
        authTime: issuedAt,
        created: now,
        expires: now + client.tokenLifetimes.refresh * 1000,
        ...(deviceKey && { deviceKey }),
        ...(scopes && { scopes }),
        ...(request.flowId && { flowId: request.flowId }),
        ...(sessionId && { sessionId, ...activityColumns(now) }),
      });
    } else if (client.config.RefreshTokenRotation.Feature === 'ENABLED') {
      refreshToken = this.rotate(refreshing, now);
    }
    if (refreshing) store.refreshTokens.touchSession(originJti, currentActivity(now));

    const base: Omit<TokenContext, 'expiresAt' | 'jti'> = {
      issuer: issuerFor(pool.id, request.origin, this.services.options.awsIssuer),
      clientId: client.clientId,
      user,
      groups: store.groups.groupsForUser(pool.id, user.usernameKey),
      readableAttributes: readableAttributes(client, pool),
      authTime: refreshing?.authTime ?? issuedAt,
      issuedAt,
      originJti: revocable ? originJti : undefined,
      eventId: ids.uuid(),
    };
    let accessClaims = accessTokenClaims({
      ...base,
      expiresAt: issuedAt + client.tokenLifetimes.access,
      jti: revocable ? ids.uuid() : undefined,
      deviceKey,
      ...(scopes && { scope: scopes.join(' ') }),
    });
    let idClaims = idTokenClaims({
      ...base,
      expiresAt: issuedAt + client.tokenLifetimes.id,
      jti: revocable ? ids.uuid() : undefined,
      ...(!refreshing && request.oauth?.nonce !== undefined && { nonce: request.oauth.nonce }),
    });
    let accessChanges: ClaimsChanged | undefined;
    let idChanges: ClaimsChanged | undefined;
    if (request.customization) {
      const [accessBefore, idBefore] = [accessClaims, idClaims];
      accessClaims = customizeAccessTokenClaims(accessClaims, request.customization);
      idClaims = customizeIdTokenClaims(idClaims, request.customization);
      accessChanges = claimsChangedBetween(accessBefore, accessClaims);
      idChanges = claimsChangedBetween(idBefore, idClaims);
    }

    const stop = { poolId: pool.id, clientId: client.clientId, username: user.username, flowId: request.flowId, withIdToken };
    ({ accessClaims, idClaims } = await claimsAtBreakpoint(this.services, stop, { accessClaims, idClaims }));

    const poolKeys = await keys.forPool(pool.id);
    let AccessToken: string;
    let IdToken: string | undefined;
    if (scopes) {
      // An OAuth ID token binds its access token (OIDC Core §3.3.2.11), as the hosted UI's do.
      AccessToken = await signJwt(accessClaims, poolKeys.access);
      idClaims = { at_hash: accessTokenHash(AccessToken), ...idClaims };
      IdToken = withIdToken ? await signJwt(idClaims, poolKeys.id) : undefined;
    } else {
      [AccessToken, IdToken] = await Promise.all([signJwt(accessClaims, poolKeys.access), signJwt(idClaims, poolKeys.id)]);
    }

    const context = { flowId: request.flowId ?? null, poolId: pool.id };
    const published = { clientId: client.clientId, username: user.username };
    if (IdToken) bus.publish('token.issued', { ...published, tokenUse: 'id', claims: idClaims, token: IdToken, ...(idChanges && { claimsChanged: idChanges }) }, context);
    bus.publish('token.issued', { ...published, tokenUse: 'access', claims: accessClaims, token: AccessToken, ...(accessChanges && { claimsChanged: accessChanges }) }, context);
    if (refreshToken) bus.publish('token.issued', { ...published, tokenUse: 'refresh', token: refreshToken }, context);

    return {
      AccessToken,
      ExpiresIn: client.tokenLifetimes.access,
      TokenType: 'Bearer',
      ...(refreshToken && { RefreshToken: refreshToken }),
      ...(IdToken && { IdToken }),
      ...(request.newDeviceMetadata && { NewDeviceMetadata: request.newDeviceMetadata }),
    };
  }

  /** A new refresh token with this record; answers the token (only its hash is kept). */
  private storeRefreshToken(record: Omit<StoredRefreshToken, 'tokenHash'>): string {
    const token = newRefreshToken();
    this.services.store.refreshTokens.insert({ tokenHash: hashToken(token), ...record });
    return token;
  }

  /** The refresh token that replaces `replaced` in its family; `replaced` starts its grace period. */
  private rotate(replaced: StoredRefreshToken, now: number): string {
    const { store, ids } = this.services;
    return store.transaction(() => {
      const token = this.storeRefreshToken({
        jti: ids.uuid(),
        originJti: familyOf(replaced),
        poolId: replaced.poolId,
        clientId: replaced.clientId,
        sub: replaced.sub,
        authTime: replaced.authTime,
        created: now,
        expires: replaced.expires,
        ...(replaced.deviceKey && { deviceKey: replaced.deviceKey }),
      });
      store.refreshTokens.markRotated(replaced.tokenHash, now);
      return token;
    });
  }

  /**
   * The refresh token's record if it is usable by `client`; Cognito's NotAuthorizedException
   * otherwise, and RefreshTokenReuseException for a token rotated out past its grace period.
   */
  useRefreshToken(token: string, client: AppClient): StoredRefreshToken {
    const stored = this.services.store.refreshTokens.findByHash(hashToken(token));
    const now = this.services.clock.now();
    if (!stored || stored.clientId !== client.clientId) throw new NotAuthorizedException('Invalid Refresh Token');
    if (stored.revoked !== undefined) throw new NotAuthorizedException('Refresh Token has been revoked');
    if (stored.expires <= now) throw new NotAuthorizedException('Refresh Token has expired');
    const grace = client.config.RefreshTokenRotation.RetryGracePeriodSeconds * 1000;
    if (stored.rotated !== undefined && stored.rotated + grace <= now) throw new RefreshTokenReuseException('Refresh Token has been reused');
    return stored;
  }

  /** RevokeToken: the refresh token's family (every token rotated from the same sign-in) and every access token minted from it; answers the family's jti, when the token was the client's. */
  revokeRefreshToken(token: string, client: AppClient): string | undefined {
    const stored = this.services.store.refreshTokens.findByHash(hashToken(token));
    if (!stored || stored.clientId !== client.clientId) return undefined;
    const family = familyOf(stored);
    this.services.store.refreshTokens.revokeFamily(family, this.services.clock.now(), 'RevokeToken');
    return family;
  }

  /** GlobalSignOut / AdminUserGlobalSignOut: every refresh token and access token of the user. */
  signOutEverywhere(poolId: string, sub: string): void {
    const now = this.services.clock.now();
    this.services.store.transaction(() => {
      this.services.store.refreshTokens.revokeAllOf(poolId, sub, now);
      this.services.store.signOuts.record(poolId, sub, now);
    });
  }

  /**
   * Checks an access token presented to a user-pool API: signed by one of the sandbox's pools,
   * unexpired, an access token, not revoked, its user still there and not signed out since.
   */
  /**
   * The access token's pool, user and claims, once it is one of the sandbox's, unexpired and
   * unrevoked; `requiredScope` (the user-pool APIs' aws.cognito.signin.user.admin) is checked
   * before its user is looked up, so a machine-to-machine token is refused for its scope.
   */
  async verifyAccessToken(token: string, requiredScope?: string): Promise<VerifiedAccessToken> {
    const invalid = () => new NotAuthorizedException('Invalid Access Token');
    let header: { kid?: string };
    let unverified: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      unverified = decodeJwt(token);
    } catch {
      throw invalid();
    }
    const poolId = typeof unverified.iss === 'string' ? unverified.iss.slice(unverified.iss.lastIndexOf('/') + 1) : '';
    const pool = this.services.store.pools.findById(poolId);
    if (!pool) throw invalid();
    const key = (await this.services.keys.forPool(pool.id)).access;
    if (header.kid !== key.kid) throw invalid();

    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, key.publicKey, {
        algorithms: ['RS256'],
        currentDate: new Date(this.services.clock.now()),
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new NotAuthorizedException('Access Token has expired');
      throw invalid();
    }
    if (claims.token_use !== 'access') throw invalid();
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
    if (requiredScope !== undefined && !scopes.includes(requiredScope)) throw new NotAuthorizedException('Access Token does not have required scopes');

    const revoked = () => new NotAuthorizedException('Access Token has been revoked');
    const originJti = claims.origin_jti;
    if (typeof originJti === 'string') {
      const origin = this.services.store.refreshTokens.findByJti(originJti);
      if (origin?.revoked !== undefined) throw revoked();
    }
    const user = this.services.store.users.findBySub(pool.id, String(claims.sub));
    if (!user) throw new UserNotFoundException('User does not exist.');
    if (typeof originJti !== 'string') {
      // Without origin_jti, only the issue second is known: a sign-out in that second counts.
      const signedOut = this.services.store.signOuts.lastSignOut(pool.id, user.sub);
      if (signedOut !== undefined && signedOut >= Number(claims.iat) * 1000) throw revoked();
    }
    return { pool, user, claims, clientId: String(claims.client_id) };
  }
}
