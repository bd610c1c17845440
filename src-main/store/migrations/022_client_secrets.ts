/**
 * Reserved for issue 14 (client_secrets); filled in by the engineer building it.
 */
export const m022 = `
`;
