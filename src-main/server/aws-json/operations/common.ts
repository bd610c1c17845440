/** Small steps many operations share. */
/** `arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL_ID`; the region is the pool id's prefix. */
export function userPoolArn(poolId: string, accountId: string): string {
  const region = poolId.slice(0, poolId.indexOf('_'));
  return `arn:aws:cognito-idp:${region}:${accountId}:userpool/${poolId}`;
}

/** Epoch milliseconds to the epoch seconds (with fraction) AWS JSON puts on the wire. */
export function wireDate(ms: number): number {
  return ms / 1000;
}
