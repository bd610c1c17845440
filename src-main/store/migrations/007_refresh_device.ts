/**
 * The device a refresh token was issued to (the access token's `device_key` at sign-in), which
 * the tokens it refreshes carry too; null for a sign-in without a device.
 */
export const m007 = `
ALTER TABLE refresh_tokens ADD COLUMN device_key TEXT;
`;
