/**
 * The HTTPS port (`--https-port`): the same app over TLS, its certificates chaining to the
 * sandbox's local certificate authority, checked by the AWS SDK, node:tls and Chromium, and
 * hostile TLS input that must not bring it down.
 */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { CognitoIdentityProviderClient, CreateUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SandboxApp } from '../../src-main/app.js';
import { parseArgs } from '../../src-main/config/args.js';
import { createAuthority } from '../../src-main/server/tls/certificates.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON } from '../e2e/support/browser.js';
import { startServerProcess } from '../support/process.js';
import { startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';

interface TlsAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  certificate: X509Certificate;
}

/** A GET over TLS that trusts `ca` only and checks the certificate against `servername` (or the URL's host). */
function httpsGet(url: string, options: { ca: string; servername?: string; host?: string }): Promise<TlsAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port,
        path: target.pathname,
        ca: options.ca,
        agent: false,
        ...(options.servername && { servername: options.servername }),
        headers: { host: options.host ?? target.host },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => {
          const socket = response.socket as tls.TLSSocket;
          resolve({ status: response.statusCode!, body, headers: response.headers, certificate: socket.getPeerX509Certificate()! });
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** A bare TLS handshake asking for `servername`, trusting nothing: the certificates the server sent. */
function handshakeChain(port: number, servername: string): Promise<{ certificate: X509Certificate; sentAfter?: string }> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername, rejectUnauthorized: false }, () => {
      const next = socket.getPeerCertificate(true).issuerCertificate; // before getPeerX509Certificate, after which Node 20 answers {}
      const certificate = socket.getPeerX509Certificate()!;
      socket.end();
      resolve({ certificate, sentAfter: next?.fingerprint256 });
    });
    socket.on('error', reject);
  });
}

async function handshake(port: number, servername: string): Promise<X509Certificate> {
  return (await handshakeChain(port, servername)).certificate;
}

/** Writes `bytes` to the port and answers what came back before the server closed the connection (or `waitMs` passed). */
function sendRaw(port: number, bytes: Buffer | string, waitMs = 5_000): Promise<Buffer> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.setTimeout(waitMs, () => socket.destroy());
  });
}

/** NSS's certutil (libnss3-tools), which adds a CA to Chromium's own store on Linux. */
const NSS_CERTUTIL = '/usr/bin/certutil';
const hasNssCertutil = fs.existsSync(NSS_CERTUTIL);

function spkiSha256(certificate: X509Certificate): string {
  return createHash('sha256').update(certificate.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

function caFileOf(app: SandboxApp): string {
  return app.https!.authority.certificateFile!;
}

describe('the HTTPS port', () => {
  let dataDir: string;
  let sandbox: TestSandbox;
  let ca: string;
  let httpsPort: number;

  beforeAll(async () => {
    dataDir = tempDir();
    sandbox = await startSandbox({ dataDir, httpsPort: 0 });
    ca = fs.readFileSync(path.join(dataDir, 'tls', 'ca.pem'), 'utf8');
    httpsPort = sandbox.app.httpsPort!;
  });
  afterAll(() => sandbox?.close());

  it('listens beside the HTTP port, both named on the handle', () => {
    expect(httpsPort).toBeGreaterThan(0);
    expect(httpsPort).not.toBe(new URL(sandbox.url).port);
    expect(sandbox.app.httpsUrl).toBe(`https://127.0.0.1:${httpsPort}`);
    expect(caFileOf(sandbox.app)).toBe(path.join(dataDir, 'tls', 'ca.pem'));
    expect(sandbox.app.https!.authority.certificatePem).toBe(ca);
  });

  it('serves the Cognito API to the AWS SDK trusting the local CA', async () => {
    const client = new CognitoIdentityProviderClient({
      region: 'us-east-1',
      endpoint: sandbox.app.httpsUrl!.replace('127.0.0.1', 'localhost'),
      credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' },
      maxAttempts: 1,
      requestHandler: { httpsAgent: new https.Agent({ ca }) },
    });
    const created = await client.send(new CreateUserPoolCommand({ PoolName: 'over-tls' }));
    expect(created.UserPool!.Id).toMatch(/^us-east-1_/);
    // the same store behind both ports
    const overHttp = await sandbox.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    expect(overHttp.UserPools!.map((pool) => pool.Name)).toContain('over-tls');
    client.destroy();
  });

  it('presents a certificate the CA signed for localhost, 127.0.0.1 and a pool domain {prefix}.localhost', async () => {
    const authority = new X509Certificate(ca);
    const answers = [
      await httpsGet(`https://localhost:${httpsPort}/_sandbox/api/health`, { ca }),
      await httpsGet(`https://127.0.0.1:${httpsPort}/_sandbox/api/health`, { ca }),
      await httpsGet(`https://127.0.0.1:${httpsPort}/_sandbox/api/health`, { ca, servername: 'myprefix.localhost', host: `myprefix.localhost:${httpsPort}` }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 'ok', persistent: true, httpsUrl: sandbox.app.httpsUrl });
      expect(answer.certificate.checkIssued(authority)).toBe(true);
      expect(answer.certificate.verify(authority.publicKey)).toBe(true);
      expect(answer.certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    }
    expect(answers[0]!.certificate.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(answers[2]!.certificate.subjectAltName).toBe('DNS:myprefix.localhost');
    // the CA follows the server's certificate, to a client that trusts nothing too
    for (const servername of ['localhost', 'myprefix.localhost']) {
      expect((await handshakeChain(httpsPort, servername)).sentAfter).toBe(authority.fingerprint256);
    }
  });

  it('is refused by a client that does not trust the CA, or trusts another', async () => {
    await expect(httpsGet(`https://localhost:${httpsPort}/_sandbox/api/health`, { ca: (await createAuthority()).certificatePem })).rejects.toMatchObject({
      code: 'SELF_SIGNED_CERT_IN_CHAIN', // the CA it sent is not the one trusted
    });
    await expect(fetch(`https://localhost:${httpsPort}/_sandbox/api/health`)).rejects.toThrow();
  });

  it('tells its URL in health on either port, and serves the CA certificate to download', async () => {
    const health = await (await fetch(`${sandbox.url}/_sandbox/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', httpsUrl: sandbox.app.httpsUrl });

    const download = await fetch(`${sandbox.url}/_sandbox/api/tls/ca.pem`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^application\/x-x509-ca-cert/);
    expect(await download.text()).toBe(ca);
    const overTls = await httpsGet(`https://localhost:${httpsPort}/_sandbox/api/tls/ca.pem`, { ca });
    expect(overTls.body).toBe(ca);
  });

  it('answers a ClientHello naming another host, or a very long name, with the localhost certificate, minting nothing', async () => {
    const before = sandbox.app.https!.certificates.cached;
    for (const servername of ['example.com', 'x'.repeat(250), 'a.b.localhost', 'bad_name.localhost', `${'a'.repeat(64)}.localhost`]) {
      const certificate = await handshake(httpsPort, servername);
      expect(certificate.subjectAltName, servername).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    }
    expect(sandbox.app.https!.certificates.cached).toBe(before);
  });

  it('keeps a bounded number of pool-domain certificates however many names are asked for', async () => {
    for (let i = 0; i < 135; i++) await handshake(httpsPort, `flood${i}.localhost`);
    expect(sandbox.app.https!.certificates.cached).toBe(128);
    expect((await handshake(httpsPort, 'flood134.localhost')).subjectAltName).toBe('DNS:flood134.localhost');
  });

  it('survives plain HTTP, a garbled ClientHello and a dropped handshake, and goes on serving', async () => {
    const plain = await sendRaw(httpsPort, `GET /_sandbox/api/health HTTP/1.1\r\nHost: localhost:${httpsPort}\r\n\r\n`);
    expect(plain.toString('latin1')).not.toContain('"status":"ok"');
    await sendRaw(httpsPort, Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc]), Buffer.alloc(600, 0xff)]));
    await sendRaw(httpsPort, Buffer.from([0x16, 0x03, 0x01]), 200); // a ClientHello cut short, then dropped
    const after = await httpsGet(`https://localhost:${httpsPort}/_sandbox/api/health`, { ca });
    expect(after.status).toBe(200);
  });

  it('refuses a Host that is not a loopback name, over TLS as over HTTP', async () => {
    const answer = await httpsGet(`https://localhost:${httpsPort}/_sandbox/api/health`, { ca, servername: 'localhost', host: 'evil.example.com' });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ __type: 'ForbiddenException' });
  });

  it.skipIf(!hasChromium)('is loaded by Chromium trusting the CA\'s key, and refused by one that does not', async () => {
    const url = `https://localhost:${httpsPort}/_sandbox/api/health`;

    const untrusting = await launchChromium();
    try {
      const page = await (await untrusting.newContext({ ignoreHTTPSErrors: false })).newPage();
      await expect(page.goto(url)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await untrusting.close();
    }

    const trusting = await launchChromium([`--ignore-certificate-errors-spki-list=${spkiSha256(new X509Certificate(ca))}`]);
    try {
      const page = await (await trusting.newContext({ ignoreHTTPSErrors: false })).newPage();
      const response = await page.goto(url);
      expect(response!.status()).toBe(200);
      expect(JSON.parse(await response!.text())).toMatchObject({ status: 'ok', httpsUrl: sandbox.app.httpsUrl });
      expect(await page.evaluate('window.isSecureContext')).toBe(true);
      // the debugger page over TLS: its own calls to the debugger API count as same-origin
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      expect((await page.goto(`https://localhost:${httpsPort}/_sandbox/`))!.status()).toBe(200);
      expect(await page.evaluate("fetch('/_sandbox/api/health').then((r) => r.json()).then((h) => h.httpsUrl)")).toBe(sandbox.app.httpsUrl);
      expect(errors).toEqual([]);
    } finally {
      await trusting.close();
    }
  });
  it.skipIf(!hasChromium || !hasNssCertutil)('is trusted by Chromium once the CA is in its NSS database, as README says, for every loopback name', async () => {
    const home = tempDir('cognito-sandbox-home-');
    const nssdb = path.join(home, '.pki', 'nssdb');
    fs.mkdirSync(nssdb, { recursive: true });
    execFileSync(NSS_CERTUTIL, ['-d', `sql:${nssdb}`, '-N', '--empty-password']);
    execFileSync(NSS_CERTUTIL, ['-d', `sql:${nssdb}`, '-A', '-t', 'C,,', '-n', 'Cognito Sandbox', '-i', caFileOf(sandbox.app)]);
    const browser = await launchChromium([], { ...process.env, HOME: home });
    try {
      const page = await (await browser.newContext({ ignoreHTTPSErrors: false })).newPage();
      for (const host of ['localhost', '127.0.0.1', 'myprefix.localhost']) {
        const response = await page.goto(`https://${host}:${httpsPort}/_sandbox/api/health`);
        expect(response!.status(), host).toBe(200);
        expect((await response!.securityDetails())!.issuer, host).toMatch(/^Cognito Sandbox Local CA [0-9a-f]{8}$/);
      }
    } finally {
      await browser.close();
    }
  });
  if (!hasChromium) console.warn(`https.test.ts: the Chromium checks are skipped: ${NO_CHROMIUM_REASON}`);
  else if (!hasNssCertutil) console.warn(`https.test.ts: the check with the CA in Chromium's own store is skipped: no ${NSS_CERTUTIL} (apt-get install libnss3-tools)`);
});

describe('the local CA across restarts', () => {
  it('is the same CA when the sandbox starts again on the same data dir, its key file 0600', async () => {
    const dataDir = tempDir();
    const first = await createApp({ port: 0, host: '127.0.0.1', dataDir, httpsPort: 0 });
    const fingerprint = first.https!.authority.fingerprint256;
    await first.close();
    expect(first.https!.server.listening).toBe(false);
    expect(fs.statSync(path.join(dataDir, 'tls', 'ca-key.pem')).mode & 0o777).toBe(0o600);

    const second = await createApp({ port: 0, host: '127.0.0.1', dataDir, httpsPort: 0 });
    try {
      expect(second.https!.authority.fingerprint256).toBe(fingerprint);
      const answer = await httpsGet(`${second.httpsUrl!.replace('127.0.0.1', 'localhost')}/_sandbox/api/health`, { ca: fs.readFileSync(caFileOf(second), 'utf8') });
      expect(new X509Certificate(fs.readFileSync(caFileOf(second))).fingerprint256).toBe(fingerprint);
      expect(answer.status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('fails the start, letting the HTTP port go, when the HTTPS port is taken', async () => {
    const listening = async (port: number) => {
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
      return server;
    };
    const blocker = await listening(0);
    const probe = await listening(0);
    const httpPort = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    try {
      const taken = (blocker.address() as net.AddressInfo).port;
      await expect(createApp({ port: httpPort, host: '127.0.0.1', dataDir: undefined, httpsPort: taken })).rejects.toThrow(/EADDRINUSE/);
      const again = await listening(httpPort); // the failed start holds it no longer
      await new Promise((resolve) => again.close(resolve));
    } finally {
      blocker.close();
    }
  });
});

describe('without --https-port', () => {
  it('serves no HTTPS, makes no CA, and says so', async () => {
    const dataDir = tempDir();
    const sandbox = await startSandbox({ dataDir });
    try {
      expect(sandbox.app.httpsUrl).toBeUndefined();
      expect(fs.existsSync(path.join(dataDir, 'tls'))).toBe(false);
      expect(await (await fetch(`${sandbox.url}/_sandbox/api/health`)).json()).not.toHaveProperty('httpsUrl');
      const download = await fetch(`${sandbox.url}/_sandbox/api/tls/ca.pem`);
      expect(download.status).toBe(404);
      expect(await download.json()).toMatchObject({ error: 'not_found', message: expect.stringContaining('--https-port') });
    } finally {
      await sandbox.close();
    }
  });
});

describe('--https-port on the command line', () => {
  it('takes a port from 0 to 65535 that is not the HTTP port', () => {
    expect(parseArgs(['--https-port', '0']).httpsPort).toBe(0);
    expect(parseArgs(['--https-port=8443', '--port', '8080']).httpsPort).toBe(8443);
    expect(parseArgs([]).httpsPort).toBeUndefined();
    for (const bad of ['-1', '65536', 'abc', '1e3', '0x10', '']) {
      expect(() => parseArgs(['--https-port', bad]), bad).toThrow('--https-port must be a number from 0 to 65535');
    }
    expect(() => parseArgs(['--https-port'])).toThrow('--https-port needs a value');
    expect(() => parseArgs(['--port', '9000', '--https-port', '9000'])).toThrow('--https-port must differ from --port');
  });

  it('prints the HTTPS URL and the CA file after the HTTP line, in memory too', async () => {
    const dataDir = tempDir();
    const server = await startServerProcess(['--https-port', '0', '--data-dir', dataDir]);
    try {
      await expect.poll(() => server.output(), { timeout: 10_000 }).toContain('debugger:');
      const lines = server.output().split('\n');
      expect(lines[0]).toBe(`listening on ${server.url}`);
      expect(lines[1]).toMatch(/^listening on https:\/\/127\.0\.0\.1:\d+$/);
      expect(lines[2]).toBe(`certificate authority: ${path.join(dataDir, 'tls', 'ca.pem')}`);
      const httpsUrl = lines[1]!.slice('listening on '.length);
      const answer = await httpsGet(`${httpsUrl.replace('127.0.0.1', 'localhost')}/_sandbox/api/health`, { ca: fs.readFileSync(path.join(dataDir, 'tls', 'ca.pem'), 'utf8') });
      expect(answer.status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }

    const inMemory = await startServerProcess(['--https-port', '0', '--in-memory']);
    try {
      await expect.poll(() => inMemory.output(), { timeout: 10_000 }).toContain('debugger:');
      expect(inMemory.output()).toContain(`certificate authority: ${inMemory.url}/_sandbox/api/tls/ca.pem (in memory: a new one each run)`);
    } finally {
      inMemory.child.kill('SIGTERM');
      await inMemory.exited;
    }
  });
});
