import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { createAuthority, mintServerCertificate, signingAuthority, SERVER_CERTIFICATE_LIFETIME_MS } from '../../src-main/server/tls/certificates.js';
import { LocalAuthorityError, openLocalAuthority } from '../../src-main/server/tls/local-authority.js';
import { LOOPBACK_NAMES, ServerCertificates, subdomainOfLocalhost } from '../../src-main/server/tls/server-certificates.js';
import { tempDir } from '../support/sandbox.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The context node:tls's SNICallback would be handed for `servername` (undefined: the server's default). */
function sni(certificates: ServerCertificates, servername: string): Promise<tls.SecureContext | undefined> {
  return new Promise((resolve, reject) => certificates.sniCallback(servername, (error, context) => (error ? reject(error) : resolve(context))));
}

describe('the local certificate authority', () => {
  it('is a CA for loopback names only, valid ten years', async () => {
    const { certificatePem } = await createAuthority();
    const ca = new X509Certificate(certificatePem);
    expect(ca.ca).toBe(true);
    expect(ca.subject).toMatch(/^CN=Cognito Sandbox Local CA [0-9a-f]{8}$/m);
    expect(ca.issuer).toBe(ca.subject);
    expect(Date.parse(ca.validTo) - Date.now()).toBeGreaterThan(9.9 * 365 * DAY_MS);
    expect(ca.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
  });

  it('signs server certificates for the names asked, for TLS servers only, under 398 days', async () => {
    const authority = await createAuthority();
    const issued = await mintServerCertificate(await signingAuthority(authority), LOOPBACK_NAMES);
    const leaf = new X509Certificate(issued.certificatePem);
    const ca = new X509Certificate(authority.certificatePem);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(leaf.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // Node names the extended key usage keyUsage: serverAuth only
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkIP('::1')).toBe('::1');
    expect(leaf.checkHost('example.com')).toBeUndefined();
    const lifetime = Date.parse(leaf.validTo) - Date.parse(leaf.validFrom);
    expect(lifetime).toBeLessThanOrEqual(SERVER_CERTIFICATE_LIFETIME_MS);
    expect(lifetime).toBeLessThan(398 * DAY_MS);
    expect(Date.parse(leaf.validFrom)).toBeLessThan(Date.now());
  });

  it('is kept in the data dir, its key readable by its owner only, and read again on the next start', async () => {
    const dataDir = tempDir();
    const first = await openLocalAuthority(dataDir);
    expect(first.certificateFile).toBe(path.join(dataDir, 'tls', 'ca.pem'));
    expect(fs.readFileSync(first.certificateFile!, 'utf8')).toBe(first.certificatePem);
    expect(fs.statSync(path.join(dataDir, 'tls', 'ca-key.pem')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dataDir, 'tls')).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('.tls-'))).toEqual([]);

    const again = await openLocalAuthority(dataDir);
    expect(again.fingerprint256).toBe(first.fingerprint256);
    expect(again.privateKeyPem).toBe(first.privateKeyPem);
    expect(first.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('makes a key file that was loosened its owner\'s alone again', async () => {
    const dataDir = tempDir();
    await openLocalAuthority(dataDir);
    const keyFile = path.join(dataDir, 'tls', 'ca-key.pem');
    fs.chmodSync(keyFile, 0o644);
    await openLocalAuthority(dataDir);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('is a new one each run in memory', async () => {
    const [one, two] = await Promise.all([openLocalAuthority(undefined), openLocalAuthority(undefined)]);
    expect(one.certificateFile).toBeUndefined();
    expect(one.fingerprint256).not.toBe(two.fingerprint256);
  });

  it('is one authority when two sandboxes make it at once on the same data dir', async () => {
    const dataDir = tempDir();
    const made = await Promise.all(Array.from({ length: 4 }, () => openLocalAuthority(dataDir)));
    const onDisk = await openLocalAuthority(dataDir);
    expect(new Set(made.map((authority) => authority.fingerprint256))).toEqual(new Set([onDisk.fingerprint256]));
  });

  it('refuses to start on a damaged, half-present, mismatched or expired authority, saying what to delete', async () => {
    const broken = async (damage: (files: { certificate: string; key: string }) => void, problem: RegExp) => {
      const dataDir = tempDir();
      await openLocalAuthority(dataDir);
      const files = { certificate: path.join(dataDir, 'tls', 'ca.pem'), key: path.join(dataDir, 'tls', 'ca-key.pem') };
      damage(files);
      const refusal = openLocalAuthority(dataDir);
      await expect(refusal).rejects.toThrow(LocalAuthorityError);
      await expect(refusal).rejects.toThrow(problem);
      await expect(refusal).rejects.toThrow(`Delete ${path.join(dataDir, 'tls')}`);
    };
    await broken((files) => fs.writeFileSync(files.certificate, 'not a certificate'), /cannot be read/);
    await broken((files) => fs.rmSync(files.key), /incomplete/);
    await broken((files) => fs.rmSync(files.certificate), /incomplete/);
    const stranger = await createAuthority();
    await broken((files) => fs.writeFileSync(files.key, stranger.privateKeyPem), /ca-key\.pem is not the key of ca\.pem/);
    const leaf = await mintServerCertificate(await signingAuthority(stranger), LOOPBACK_NAMES);
    await broken((files) => fs.writeFileSync(files.certificate, leaf.certificatePem), /is not a certificate authority/);

    const dataDir = tempDir();
    await openLocalAuthority(dataDir);
    await expect(openLocalAuthority(dataDir, new Date(Date.now() + 11 * 365 * DAY_MS))).rejects.toThrow(/expired/);
  });
});

describe('the server certificates, by the name a client asks for', () => {
  it('takes one DNS label before .localhost, and nothing else', () => {
    expect(subdomainOfLocalhost('myprefix.localhost')).toBe('myprefix.localhost');
    expect(subdomainOfLocalhost('My-Prefix.LOCALHOST')).toBe('my-prefix.localhost');
    expect(subdomainOfLocalhost(`${'a'.repeat(63)}.localhost`)).toBe(`${'a'.repeat(63)}.localhost`);
    for (const other of ['localhost', 'example.com', 'a.b.localhost', '-a.localhost', 'a-.localhost', `${'a'.repeat(64)}.localhost`, 'a_b.localhost', '.localhost', 'localhost.', 'x.localhost.evil.com', `${'x.'.repeat(120)}localhost`]) {
      expect(subdomainOfLocalhost(other), other).toBeUndefined();
    }
  });

  it('mints a certificate per pool domain once, keeps at most its capacity, and mints nothing for other names', async () => {
    const certificates = await ServerCertificates.create(await createAuthority(), 3);
    expect(new X509Certificate(certificates.loopback.certificatePem).subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');

    expect(await sni(certificates, 'localhost')).toBeUndefined();
    expect(await sni(certificates, 'evil.example.com')).toBeUndefined();
    expect(await sni(certificates, 'x'.repeat(255))).toBeUndefined();
    expect(certificates.cached).toBe(0);

    const [first, same] = await Promise.all([sni(certificates, 'one.localhost'), sni(certificates, 'ONE.localhost')]);
    expect(first).toBeDefined();
    expect(same).toBe(first);
    expect(certificates.cached).toBe(1);

    for (let i = 0; i < 20; i++) await sni(certificates, `p${i}.localhost`);
    expect(certificates.cached).toBe(3);
    expect(await sni(certificates, 'p19.localhost')).toBe(await sni(certificates, 'p19.localhost'));
    expect(await sni(certificates, 'one.localhost')).not.toBe(first); // evicted, minted anew
    expect(certificates.cached).toBe(3);
  });
});
