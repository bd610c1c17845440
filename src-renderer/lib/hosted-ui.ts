/**
 * Where a pool's hosted UI answers on this sandbox: its prefix domain as a host under localhost
 * (`http://{prefix}.localhost:PORT`, loopback by RFC 6761), the sandbox's own address (the pool
 * follows from client_id), each over HTTPS too when the sandbox has an HTTPS listener, and its
 * OIDC discovery document. Pure functions of the pool and the window's address.
 */

export interface SandboxAddress {
  protocol: string;
  hostname: string;
  port: string;
}

export interface HostedUiUrl {
  url: string;
  /** What the address is for. */
  note: string;
}

/** `http://localhost:9229` for the window at http://127.0.0.1:9229. */
export function localhostOrigin(address: SandboxAddress, host = 'localhost'): string {
  return `${address.protocol}//${host}${address.port ? `:${address.port}` : ''}`;
}

/** The HTTPS listener's port, from the health route's `httpsUrl`. */
function httpsPort(httpsUrl: string | undefined): string | undefined {
  if (!httpsUrl) return undefined;
  try {
    return new URL(httpsUrl).port || '443';
  } catch {
    return undefined;
  }
}

/** The hosted UI's addresses for a pool with a prefix domain (none without one). */
export function hostedUiUrls(prefix: string | undefined, address: SandboxAddress, httpsUrl?: string): HostedUiUrl[] {
  if (!prefix) return [];
  const http: SandboxAddress = { ...address, protocol: 'http:' };
  const urls: HostedUiUrl[] = [
    { url: localhostOrigin(http, `${prefix}.localhost`), note: 'the pool’s domain' },
    { url: localhostOrigin(http), note: 'the same pages; the pool follows from client_id' },
  ];
  const port = httpsPort(httpsUrl);
  if (port) {
    const https: SandboxAddress = { ...address, protocol: 'https:', port };
    urls.push(
      { url: localhostOrigin(https, `${prefix}.localhost`), note: 'over HTTPS, as Amplify’s signInWithRedirect needs' },
      { url: localhostOrigin(https), note: 'over HTTPS' },
    );
  }
  return urls;
}

/** The pool's OIDC discovery document, under the address the window was reached at (its issuer follows that address). */
export function discoveryUrl(poolId: string, origin: string): string {
  return `${origin}/${poolId}/.well-known/openid-configuration`;
}
