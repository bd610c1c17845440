/**
 * The sandbox's local certificate authority, made once and kept in the data dir so that a user
 * trusts it once: `<dataDir>/tls/ca.pem` (the certificate to trust) and `<dataDir>/tls/ca-key.pem`
 * (its private key, readable by its owner only). In memory (`--in-memory`) a new one is made
 * each run.
 *
 * A damaged or half-present authority stops the start with what to do, rather than being
 * replaced behind the back of a user who trusts it.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createAuthority, type KeyedCertificate } from './certificates.js';

export interface LocalAuthority extends KeyedCertificate {
  /** `<dataDir>/tls/ca.pem`; undefined in memory. */
  certificateFile?: string;
  /** SHA-256 of the certificate, `AB:CD:...` as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprint256: string;
}

export class LocalAuthorityError extends Error {}

const CERTIFICATE_FILE = 'ca.pem';
const KEY_FILE = 'ca-key.pem';

function fingerprintOf(certificatePem: string): string {
  return new X509Certificate(certificatePem).fingerprint256;
}

/** The authority of `dataDir` (made there on first use), or a new one in memory. */
export async function openLocalAuthority(dataDir: string | undefined, now = new Date()): Promise<LocalAuthority> {
  if (dataDir === undefined) {
    const authority = await createAuthority(now);
    return { ...authority, fingerprint256: fingerprintOf(authority.certificatePem) };
  }
  const dir = path.join(dataDir, 'tls');
  const files = { certificate: path.join(dir, CERTIFICATE_FILE), key: path.join(dir, KEY_FILE) };
  if (!fs.existsSync(files.certificate) && !fs.existsSync(files.key)) await createInto(dataDir, dir, now);
  const authority = readAuthority(dir, files, now);
  return { ...authority, certificateFile: files.certificate, fingerprint256: fingerprintOf(authority.certificatePem) };
}

/**
 * Writes a new authority into a fresh folder and renames it into place whole, so a crash or a
 * second sandbox starting on the same data dir never leaves a certificate beside another's key:
 * when the rename loses to another, that other authority is the one read.
 */
async function createInto(dataDir: string, dir: string, now: Date): Promise<void> {
  const authority = await createAuthority(now);
  fs.mkdirSync(dataDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(dataDir, '.tls-')); // mode 0700
  try {
    fs.writeFileSync(path.join(staging, KEY_FILE), authority.privateKeyPem, { mode: 0o600, flag: 'wx' });
    fs.writeFileSync(path.join(staging, CERTIFICATE_FILE), authority.certificatePem, { mode: 0o644, flag: 'wx' });
    fs.renameSync(staging, dir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM') throw error;
  }
}

function readAuthority(dir: string, files: { certificate: string; key: string }, now: Date): KeyedCertificate {
  const remedy = `Delete ${dir} to have the sandbox make a new certificate authority (and trust its new ca.pem again).`;
  let certificatePem: string;
  let privateKeyPem: string;
  try {
    certificatePem = fs.readFileSync(files.certificate, 'utf8');
    privateKeyPem = fs.readFileSync(files.key, 'utf8');
  } catch (error) {
    throw new LocalAuthorityError(`The HTTPS certificate authority in ${dir} is incomplete (${(error as Error).message}). ${remedy}`);
  }
  let problem: string | undefined;
  try {
    const certificate = new X509Certificate(certificatePem);
    if (!certificate.ca) problem = `${CERTIFICATE_FILE} is not a certificate authority`;
    else if (!certificate.checkPrivateKey(createPrivateKey(privateKeyPem))) problem = `${KEY_FILE} is not the key of ${CERTIFICATE_FILE}`;
    else if (new Date(certificate.validTo) <= now) problem = `it expired on ${certificate.validTo}`;
  } catch (error) {
    problem = `it cannot be read: ${(error as Error).message}`;
  }
  if (problem) throw new LocalAuthorityError(`The HTTPS certificate authority in ${dir} cannot be used: ${problem}. ${remedy}`);
  keepKeyPrivate(files.key);
  return { certificatePem, privateKeyPem };
}

/** A key file copied or restored with looser permissions is made its owner's alone again (POSIX modes only). */
function keepKeyPrivate(file: string): void {
  if (process.platform === 'win32') return;
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
}
