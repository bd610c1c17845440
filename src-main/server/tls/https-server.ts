/**
 * The HTTPS port (`--https-port`): the very app the HTTP port serves, over TLS 1.2 or 1.3, with
 * server certificates from the sandbox's local certificate authority. Amplify's
 * signInWithRedirect and browsers' secure-context features need `https://`.
 *
 * A plain-HTTP request or a ClientHello node:tls cannot read ends that connection only
 * (node:tls drops it); the server goes on.
 */
import type http from 'node:http';
import https from 'node:https';
import { answerUnreadableRequests } from '../unreadable-requests.js';
import { openLocalAuthority, type LocalAuthority } from './local-authority.js';
import { ServerCertificates } from './server-certificates.js';

/** What the debugger API tells of the HTTPS port (Services' `https`, once it listens). */
export interface HttpsEndpoint {
  /** `https://HOST:PORT`. */
  url: string;
  /** The local certificate authority's certificate (PEM): what a client trusts. */
  caCertificatePem: string;
}

export interface HttpsServer {
  server: https.Server;
  authority: LocalAuthority;
  certificates: ServerCertificates;
}

/** An HTTPS server (not yet listening) answering with `app`, its authority opened or made in `dataDir`. */
export async function createHttpsServer(app: http.RequestListener, dataDir: string | undefined): Promise<HttpsServer> {
  const authority = await openLocalAuthority(dataDir);
  const certificates = await ServerCertificates.create(authority);
  const server = https.createServer(
    { ...certificates.defaultChain, SNICallback: certificates.sniCallback, minVersion: 'TLSv1.2' },
    app,
  );
  server.keepAliveTimeout = 65_000;
  answerUnreadableRequests(server);
  return { server, authority, certificates };
}
