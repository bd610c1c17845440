/**
 * What the sandbox says of a token (`POST /_sandbox/api/tokens/inspect`) in the window's words:
 * the decoder view and every token card use these, so a revoked token reads the same everywhere.
 */
import type { TokenInspection, TokenRevocation } from '../../shared/debugger-api';
import { callApi } from './api-client';

export function inspectToken(token: string): Promise<TokenInspection> {
  return callApi('inspectToken', { body: { token } });
}

const REVOKED_BECAUSE: Record<NonNullable<TokenRevocation['reason']>, string> = {
  'global-sign-out': 'Signed out (GlobalSignOut)',
  'refresh-token-revoked': 'Revoked (RevokeToken)',
  'session-revoked': 'Session revoked',
  'session-evicted': 'Session evicted (MaxPerUser)',
  'user-deleted': 'Revoked: user deleted',
  'user-disabled': 'Revoked: user disabled',
};

/** A short badge text: `Signed out (GlobalSignOut)`, `Revoked (RevokeToken)`, `Not revoked`, `Revocation unknown`. */
export function revocationBadge(revocation: TokenRevocation): string {
  if (revocation.status === 'revoked' && revocation.reason) return REVOKED_BECAUSE[revocation.reason];
  return revocation.status === 'active' ? 'Not revoked' : 'Revocation unknown';
}

const SIGNATURE: Record<TokenInspection['signature']['status'], string> = {
  valid: 'Signature valid',
  invalid: 'Signature invalid',
  'unknown-key': 'Unknown signing key',
  'unknown-issuer': 'Unknown issuer',
  opaque: 'Opaque refresh token',
};

export function signatureBadge(signature: TokenInspection['signature']): string {
  return SIGNATURE[signature.status];
}

/** The sandbox's clock now, for an inspection answered `receivedAt` (the window's clock): the test clock may differ from the window's. */
export function sandboxNow(inspection: TokenInspection, receivedAt: number, windowNow: number): number {
  return inspection.now + (windowNow - receivedAt);
}
