/**
 * The server certificates the HTTPS port presents, chosen by the name a client's ClientHello
 * asks for (SNI). One certificate covers `localhost`, 127.0.0.1 and ::1 (and every client that
 * sends no name, as clients do for an IP address); a pool's domain `{prefix}.localhost` gets its
 * own, minted on first use (browsers refuse a `*.localhost` wildcard) and kept in a bounded
 * cache. Any other name, however long or odd, is answered with the localhost certificate:
 * nothing is minted for it.
 *
 * Limitations: a certificate is valid a year from when it was minted; a sandbox that runs
 * longer than that without a restart presents an expired one.
 */
import tls from 'node:tls';
import { mintServerCertificate, signingAuthority, type KeyedCertificate, type ServerNames, type SigningAuthority } from './certificates.js';

export const LOOPBACK_NAMES: ServerNames = { dns: ['localhost'], ip: ['127.0.0.1', '::1'] };

/** How many `{prefix}.localhost` certificates are kept; the least recently used goes first. */
export const DEFAULT_CACHE_SIZE = 128;

/** One DNS label (what a domain prefix is) followed by `.localhost`. */
const SUBDOMAIN_OF_LOCALHOST = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.localhost$/;

/** The `{label}.localhost` name a certificate is minted for, or undefined for a name the localhost certificate answers. */
export function subdomainOfLocalhost(servername: string): string | undefined {
  const name = servername.toLowerCase();
  return SUBDOMAIN_OF_LOCALHOST.test(name) ? name : undefined;
}

/**
 * What node:tls presents for `certificate`: it, then the authority. Sending the root is
 * harmless to a client that has it, and lets Chromium's --ignore-certificate-errors-spki-list
 * name the authority's key, which stays the same from run to run, instead of a server key.
 */
function presentedChain(certificate: KeyedCertificate, authorityPem: string): tls.SecureContextOptions {
  return { cert: certificate.certificatePem + authorityPem, key: certificate.privateKeyPem }; // one PEM, the chain in order
}

export class ServerCertificates {
  /** Minted or being minted, by name, least recently used first. */
  private readonly byName = new Map<string, Promise<tls.SecureContext>>();

  private constructor(
    private readonly authority: KeyedCertificate,
    private readonly signer: SigningAuthority,
    /** The localhost, 127.0.0.1 and ::1 certificate: the server's default. */
    readonly loopback: KeyedCertificate,
    private readonly capacity: number,
  ) {}

  static async create(authority: KeyedCertificate, capacity = DEFAULT_CACHE_SIZE): Promise<ServerCertificates> {
    const signer = await signingAuthority(authority);
    return new ServerCertificates(authority, signer, await mintServerCertificate(signer, LOOPBACK_NAMES), capacity);
  }

  /** The server's default: the loopback certificate and the authority. */
  get defaultChain(): tls.SecureContextOptions {
    return presentedChain(this.loopback, this.authority.certificatePem);
  }

  /** How many `{prefix}.localhost` certificates are kept now. */
  get cached(): number {
    return this.byName.size;
  }

  /** node:tls's SNICallback: the context for `servername`, or none for the server's default (localhost). */
  readonly sniCallback = (servername: string, answer: (error: Error | null, context?: tls.SecureContext) => void): void => {
    const name = subdomainOfLocalhost(servername);
    if (name === undefined) return answer(null, undefined);
    this.contextFor(name).then(
      (context) => answer(null, context),
      (error: Error) => answer(error),
    );
  };

  private contextFor(name: string): Promise<tls.SecureContext> {
    const known = this.byName.get(name);
    if (known) {
      this.byName.delete(name);
      this.byName.set(name, known);
      return known;
    }
    const minting = mintServerCertificate(this.signer, { dns: [name], ip: [] }).then((certificate) =>
      tls.createSecureContext(presentedChain(certificate, this.authority.certificatePem)),
    );
    minting.catch(() => {
      if (this.byName.get(name) === minting) this.byName.delete(name);
    });
    this.byName.set(name, minting);
    while (this.byName.size > this.capacity) this.byName.delete(this.byName.keys().next().value!);
    return minting;
  }
}
