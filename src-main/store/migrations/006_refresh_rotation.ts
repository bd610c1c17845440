/**
 * Refresh-token rotation: a rotated refresh token belongs to the family of the sign-in that began
 * it (`origin_jti`, the first token's `jti`; null for that first token), and a replaced token
 * records when it was first replaced (`rotated`, epoch milliseconds), from which its retry grace
 * period runs.
 */
export const m006 = `
ALTER TABLE refresh_tokens ADD COLUMN origin_jti TEXT;
ALTER TABLE refresh_tokens ADD COLUMN rotated INTEGER;
CREATE INDEX refresh_tokens_by_origin ON refresh_tokens (origin_jti) WHERE origin_jti IS NOT NULL;
`;
