/**
 * The `iss` of a pool's tokens. By default the sandbox's own URL as the request reached it
 * (`http://HOST:PORT/{poolId}`), so OIDC discovery and JWKS resolve against the sandbox.
 * With `awsIssuer`, Cognito's real issuer (`https://cognito-idp.{region}.amazonaws.com/{poolId}`)
 * for apps whose verifier hard-codes it.
 */
export function issuerFor(poolId: string, origin: string, awsIssuer = false): string {
  if (awsIssuer) {
    const region = poolId.slice(0, poolId.indexOf('_'));
    return `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
  }
  return `${origin}/${poolId}`;
}
