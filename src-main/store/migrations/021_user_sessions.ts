/**
 * Reserved for issue 14 (user_sessions); filled in by the engineer building it.
 */
export const m021 = `
`;
