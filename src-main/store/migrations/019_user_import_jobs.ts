/**
 * Reserved for issue 14 (user_import_jobs); filled in by the engineer building it.
 */
export const m019 = `
`;
