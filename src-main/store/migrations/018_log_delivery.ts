/** A user pool's log delivery configuration (issue 14). */
export const m018 = ``;
