/**
 * A `tokens` breakpoint (debug/breakpoints.ts): the flow stops with the claims of the ID and access
 * tokens about to be signed (after a pre token generation function changed them); `edit` signs the
 * claims the developer gives instead (a token left out of `claims` keeps its own).
 */
import type { JWTPayload } from 'jose';
import type { BaseServices } from '../base-services.js';

export interface TokenClaims {
  accessClaims: JWTPayload;
  idClaims: JWTPayload;
}

export interface TokenStop {
  poolId: string;
  clientId: string;
  username: string;
  flowId?: string | null;
  /** Whether an ID token is issued (an OAuth grant without `openid` has none). */
  withIdToken: boolean;
}

/** The claims to sign: as they were, or as the developer edited them at a breakpoint. */
export async function claimsAtBreakpoint(services: Partial<Pick<BaseServices, 'breakpoints'>>, stop: TokenStop, claims: TokenClaims): Promise<TokenClaims> {
  const held = services.breakpoints?.hold({
    point: 'tokens',
    poolId: stop.poolId,
    flowId: stop.flowId,
    userName: stop.username,
    clientId: stop.clientId,
    event: { ...(stop.withIdToken && { idToken: claims.idClaims }), accessToken: claims.accessClaims },
  });
  const answer = held && (await held);
  if (answer?.action !== 'edit' || !answer.claims) return claims;
  return {
    accessClaims: (answer.claims.accessToken as JWTPayload | undefined) ?? claims.accessClaims,
    idClaims: (answer.claims.idToken as JWTPayload | undefined) ?? claims.idClaims,
  };
}
