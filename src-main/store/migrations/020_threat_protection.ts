/**
 * Reserved for issue 14 (threat_protection); filled in by the engineer building it.
 */
export const m020 = `
`;
