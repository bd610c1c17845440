/**
 * How a refresh-token family was revoked (issue 15): RevokeToken, RevokeUserSession,
 * AdminRevokeUserSession, a global sign-out, or the MaxPerUser eviction of a token session. The
 * token decoder tells each apart; families revoked before this column say no cause.
 */
export const m024 = `
ALTER TABLE refresh_tokens ADD COLUMN revoked_by TEXT
`;
