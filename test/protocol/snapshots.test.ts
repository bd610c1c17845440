/**
 * Snapshots through the sandbox API, seen by the AWS SDK: save, change, restore, the same users
 * and tokens as before; a restart and kill -9 after a restore; `--snapshot` at start; hostile
 * names; and a full disk (the sandbox's data folder is a real 8 MiB tmpfs where one can be mounted).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
  AdminDeleteUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminUserGlobalSignOutCommand,
  GetUserCommand,
  ListUsersCommand,
  SignUpCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotItem, SnapshotList, SnapshotRestored, SnapshotSaved } from '../../shared/snapshots.js';
import { createApp } from '../../src-main/app.js';
import { startServerProcess } from '../support/process.js';
import { cognitoClient, startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';
import { fillDisk, mountTmpfs, tmpfsRefusal, unmountTmpfs } from '../support/tmpfs.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const PASSWORD = 'Passw0rd!';

/** The sandbox's data folder is a real 8 MiB tmpfs where one can be mounted (root), so that a test can fill it, as disk-full.test.ts does. */
const cannotMountWhy = tmpfsRefusal();
const skipped = cannotMountWhy ? ` (skipped: cannot mount a tmpfs here: ${cannotMountWhy})` : '';

interface Answer<T> {
  status: number;
  headers: Headers;
  json: T & { error?: string; message?: string };
}

async function api<T>(url: string, method: string, route: string, body?: unknown): Promise<Answer<T>> {
  const response = await fetch(`${url}/_sandbox/api${route}`, {
    method,
    ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Answer<T>['json'] };
}

/** The status of a POST to `rawPath` sent exactly as written. */
function statusOfRawPath(url: string, rawPath: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, method: 'POST', path: rawPath }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

const save = (url: string, name: string) => api<SnapshotSaved>(url, 'POST', '/snapshots', { name });
const restore = (url: string, name: string) => api<SnapshotRestored>(url, 'POST', `/snapshots/${encodeURIComponent(name)}/restore`);
const list = (url: string) => api<SnapshotList>(url, 'GET', '/snapshots');

async function upload(url: string, name: string, bytes: Uint8Array, contentType = 'application/vnd.sqlite3'): Promise<Answer<SnapshotSaved>> {
  const response = await fetch(`${url}/_sandbox/api/snapshots/${encodeURIComponent(name)}`, { method: 'PUT', headers: { 'content-type': contentType }, body: Buffer.from(bytes) });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Answer<SnapshotSaved>['json'] };
}

/** A PUT that announces `declared` bytes and sends a few: what the server answers before reading the rest. */
function announcedUpload(url: string, name: string, declared: number): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, method: 'PUT', path: `/_sandbox/api/snapshots/${name}`, headers: { 'content-length': declared } }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'EPIPE' || (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
    request.write(Buffer.alloc(1024));
  });
}

async function users(cognito: CognitoIdentityProviderClient, poolId: string) {
  const { Users } = await cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
  return (Users ?? []).sort((a, b) => a.Username!.localeCompare(b.Username!));
}

async function signIn(cognito: CognitoIdentityProviderClient, poolId: string, clientId: string, username: string): Promise<AuthenticationResultType> {
  const answer = await cognito.send(
    new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }),
  );
  return answer.AuthenticationResult!;
}

async function refresh(cognito: CognitoIdentityProviderClient, poolId: string, clientId: string, refreshToken: string) {
  return cognito.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }));
}

/** The error a call is refused with, as `Name: message`; 'accepted' when it is not refused. */
async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'accepted';
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe('snapshots', () => {
  let sandbox: TestSandbox;
  let dataDir: string;
  let poolId: string;
  let clientId: string;

  let mountPoint = '';

  beforeAll(async () => {
    if (cannotMountWhy === undefined) {
      mountPoint = mountTmpfs('8m');
      dataDir = path.join(mountPoint, 'data');
    } else {
      dataDir = tempDir('cognito-sandbox-snapshots-');
    }
    sandbox = await startSandbox({ dataDir });
    poolId = await createPool(sandbox.cognito, { PoolName: 'snapshots' });
    ({ clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
    await createAdminUser(sandbox.cognito, poolId, 'alice', { password: PASSWORD, attributes: { email: 'alice@example.com' } });
    await createAdminUser(sandbox.cognito, poolId, 'bob', { password: PASSWORD });
    await createAdminUser(sandbox.cognito, poolId, 'dora', { password: PASSWORD, permanent: false });
  });
  afterAll(async () => {
    await sandbox?.close();
    if (mountPoint) unmountTmpfs(mountPoint);
  });

  it('restores the users the SDK saw, the tokens of then, and ends the flows of the replaced state', async () => {
    const { cognito, url } = sandbox;
    const alice = await signIn(cognito, poolId, clientId, 'alice');
    const before = await users(cognito, poolId);
    const saved = await save(url, 'known-point');
    expect(saved.status).toBe(201);
    expect(saved.json).toMatchObject({ replaced: false, snapshot: { name: 'known-point', contents: { userPools: 1, appClients: 1, users: 3 } } });
    expect(fs.existsSync(path.join(dataDir, 'snapshots', 'known-point.sqlite'))).toBe(true);

    // After the snapshot: alice signed out everywhere, bob deleted, carol created and signed in, dora's challenge waiting.
    await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: 'alice' }));
    expect(await refusal(cognito.send(new GetUserCommand({ AccessToken: alice.AccessToken })))).toBe('NotAuthorizedException: Access Token has been revoked');
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'bob' }));
    await createAdminUser(cognito, poolId, 'carol', { password: PASSWORD });
    const carol = await signIn(cognito, poolId, clientId, 'carol');
    const challenge = await cognito.send(
      new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dora', PASSWORD } }),
    );
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect((await users(cognito, poolId)).map((u) => u.Username)).toEqual(['alice', 'carol', 'dora']);

    const restored = await restore(url, 'known-point');
    expect(restored.status).toBe(200);
    expect(restored.json.restored).toMatchObject({ name: 'known-point', savedAt: saved.json.snapshot.savedAt });
    expect(restored.json.endedFlows).toBeGreaterThanOrEqual(1);

    // The same users, attribute for attribute, date for date.
    expect(await users(cognito, poolId)).toEqual(before);
    // Tokens issued before the snapshot work again (the sign-out came after it); those issued after do not.
    expect((await cognito.send(new GetUserCommand({ AccessToken: alice.AccessToken }))).Username).toBe('alice');
    expect((await refresh(cognito, poolId, clientId, alice.RefreshToken!)).AuthenticationResult?.AccessToken).toBeTruthy();
    expect(await refusal(cognito.send(new GetUserCommand({ AccessToken: carol.AccessToken })))).toBe('UserNotFoundException: User does not exist.');
    expect(await refusal(refresh(cognito, poolId, clientId, carol.RefreshToken!))).toMatch(/^NotAuthorizedException: /);
    // The challenge's Session belonged to the replaced state: its flow ended.
    const answer = cognito.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'dora', NEW_PASSWORD: 'N3w-Passw0rd!' },
      }),
    );
    expect(await refusal(answer)).toMatch(/^NotAuthorizedException: Invalid session/);
    // Restored users sign in as they did (their password verifiers came back with them).
    expect((await signIn(cognito, poolId, clientId, 'bob')).AccessToken).toBeTruthy();

    // The window hears of both, and the debugger's history was not replaced: the calls after the snapshot are still in it.
    const history = (await api<{ type: string; data: Record<string, unknown> }[]>(url, 'GET', '/events/history?limit=10000')).json;
    const types = history.map((event) => event.type);
    expect(types).toContain('snapshot.saved');
    expect(types).toContain('snapshot.restored');
    expect(history.some((event) => event.type === 'api.called' && event.data.operation === 'AdminDeleteUser')).toBe(true);
  });

  it("keeps the pools' breakpoints, and answers a request paused at one once the restore has landed", async () => {
    const { cognito, url } = sandbox;
    const created = await api<{ breakpoint: { id: string } }>(url, 'POST', '/breakpoints', { poolId, point: 'trigger', trigger: 'PreSignUp' });
    expect(created.status).toBe(201);
    const { id } = created.json.breakpoint;
    const signUp = refusal(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'paused-one', Password: PASSWORD })));
    await expect.poll(async () => (await api<{ paused: unknown[] }>(url, 'GET', '/paused')).json.paused.length).toBe(1);

    const restored = await restore(url, 'known-point');
    expect(restored.json).toMatchObject({ releasedPauses: 1 });
    expect(await signUp).toBe(
      'NotAuthorizedException: The sandbox was restored from the snapshot known-point while this request was paused at a breakpoint: its flow was abandoned.',
    );
    expect((await api<{ paused: unknown[] }>(url, 'GET', '/paused')).json.paused).toEqual([]);
    expect((await users(cognito, poolId)).map((u) => u.Username)).toEqual(['alice', 'bob', 'dora']);
    const kept = (await api<{ breakpoints: { id: string }[] }>(url, 'GET', '/breakpoints')).json.breakpoints;
    expect(kept.map((each) => each.id)).toEqual([id]);
    expect((await api(url, 'DELETE', `/breakpoints/${id}`)).status).toBe(200);
  });

  it('lists what each snapshot holds, replaces one saved under the same name, and deletes', async () => {
    const { url } = sandbox;
    expect((await save(url, 'second.v2')).status).toBe(201);
    const again = await save(url, 'second.v2');
    expect(again.json.replaced).toBe(true);
    const listed = (await list(url)).json;
    expect(listed.where).toBe(path.resolve(dataDir, 'snapshots'));
    expect(listed.snapshots.map((s: SnapshotItem) => s.name).sort()).toEqual(['known-point', 'second.v2']);
    for (const snapshot of listed.snapshots) {
      expect(snapshot.bytes).toBe(fs.statSync(path.join(dataDir, 'snapshots', `${snapshot.name}.sqlite`)).size);
      expect(snapshot.contents.userPools).toBe(1);
    }
    const deleted = await api<{ deleted: true }>(url, 'DELETE', '/snapshots/second.v2');
    expect(deleted).toMatchObject({ status: 200, json: { deleted: true } });
    expect(fs.readdirSync(path.join(dataDir, 'snapshots'))).toEqual(['known-point.sqlite']);
  });

  it('answers hostile names with 400 and unknown snapshots with 404, as JSON, touching no file', async () => {
    const { url } = sandbox;
    for (const name of ['../escape', '..', '.hidden', 'a/b', 'a\\b', '', ' spaced', 'x'.repeat(65), 'nul\u0000byte', 'é']) {
      const answer = await save(url, name);
      expect(answer.status, name).toBe(400);
      expect(answer.json.error).toBe('bad_request');
    }
    for (const body of [{}, { name: 42 }, { name: ['a'] }, null]) expect((await api(url, 'POST', '/snapshots', body)).status).toBe(400);
    const notJson = await fetch(`${url}/_sandbox/api/snapshots`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'name=x' });
    expect(notJson.status).toBe(400);
    const broken = await fetch(`${url}/_sandbox/api/snapshots`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
    expect(broken.status).toBe(400);
    for (const route of ['/snapshots/..%2F..%2Fsandbox', '/snapshots/a%5Cb', '/snapshots/%2Fetc%2Fpasswd', '/snapshots/..%2Fsandbox/restore']) {
      for (const method of route.endsWith('/restore') ? ['POST'] : ['GET', 'DELETE']) {
        const answer = await api(url, method, route);
        expect(answer.status, `${method} ${route}`).toBe(400);
        expect(answer.json.error).toBe('bad_request');
      }
    }
    // A `..` segment as it is sent (fetch would resolve it before sending).
    for (const segment of ['..', '.%2E', '%2e%2e']) expect(await statusOfRawPath(url, `/_sandbox/api/snapshots/${segment}/restore`)).toBe(400);
    for (const [method, route] of [['GET', '/snapshots/nope'], ['DELETE', '/snapshots/nope'], ['POST', '/snapshots/nope/restore']] as const) {
      const answer = await api(url, method, route);
      expect(answer.status, `${method} ${route}`).toBe(404);
      expect(answer.json).toMatchObject({ error: 'not_found', message: 'No snapshot is named nope.' });
    }
    // Another origin's page may not save nor restore.
    const foreign = await fetch(`${url}/_sandbox/api/snapshots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ name: 'evil' }),
    });
    expect(foreign.status).toBe(403);
    // A file that is no snapshot is listed with its problem, and refused with 400.
    fs.writeFileSync(path.join(dataDir, 'snapshots', 'junk.sqlite'), 'not a database at all, just text long enough to have a header');
    const junk = (await list(url)).json.snapshots.find((s: SnapshotItem) => s.name === 'junk');
    expect(junk?.problem).toMatch(/not an SQLite database/);
    const refused = await restore(url, 'junk');
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(/^That snapshot cannot be restored: /);
    fs.rmSync(path.join(dataDir, 'snapshots', 'junk.sqlite'));
    expect(fs.readdirSync(path.join(dataDir, 'snapshots'))).toEqual(['known-point.sqlite']);
    expect(fs.readdirSync(dataDir).sort()).toEqual(['journal.ndjson', 'sandbox.db', 'snapshots'].filter((f) => fs.existsSync(path.join(dataDir, f))));
  });

  // Two server processes: a kill -9 needs one.
  it('downloads a snapshot that --snapshot restores at start; a restore survives kill -9', { timeout: 60_000 }, async () => {
    const download = await fetch(`${sandbox.url}/_sandbox/api/snapshots/known-point`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/vnd.sqlite3');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="known-point.sqlite"');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    const file = path.join(tempDir('cognito-sandbox-snapshot-file-'), 'team-start.sqlite');
    fs.writeFileSync(file, bytes);

    // A fresh data folder started from the file: the users of the snapshot.
    const dir = tempDir('cognito-sandbox-snapshot-start-');
    const first = await startServerProcess(['--data-dir', dir, '--snapshot', file]);
    expect(first.output()).toMatch(/^Restored snapshot team-start\.sqlite \(saved \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\): 1 user pool, 1 app client, 3 users, 0 groups$/m);
    const cognito = cognitoClient(first.url);
    expect((await users(cognito, poolId)).map((u) => u.Username)).toEqual(['alice', 'bob', 'dora']);

    // Saved under a name there, changed, restored: acknowledged, then kill -9.
    expect((await save(first.url, 'point')).status).toBe(201);
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    expect((await restore(first.url, 'point')).status).toBe(200);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    cognito.destroy();

    // The restart finds the restored state; --snapshot by name restores that one.
    const second = await startServerProcess(['--data-dir', dir, '--snapshot', 'point']);
    expect(second.output()).toMatch(/^Restored snapshot point \(saved .*\): 1 user pool, 1 app client, 3 users, 0 groups$/m);
    const again = cognitoClient(second.url);
    expect((await users(again, poolId)).map((u) => u.Username)).toEqual(['alice', 'bob', 'dora']);
    again.destroy();
    second.child.kill('SIGKILL');
    await second.exited;

    // Started with what is no snapshot: the sandbox refuses to start, saying why.
    await expect(createApp({ port: 0, dataDir: undefined, snapshot: 'no-such-point' })).rejects.toThrow(
      /^--snapshot no-such-point: no snapshot is named no-such-point in memory \(an in-memory sandbox starts with none\), and no file \/\S*no-such-point exists\.$/,
    );
    const junkFile = path.join(path.dirname(file), 'junk.sqlite');
    fs.writeFileSync(junkFile, 'junk');
    await expect(createApp({ port: 0, dataDir: undefined, snapshot: junkFile })).rejects.toThrow(/^--snapshot \S*junk\.sqlite: it cannot be restored: not an SQLite database file\.$/);
  });

  it('uploads a downloaded snapshot into another sandbox, which lists and restores it; refuses what is no snapshot, whole', async () => {
    const bytes = Buffer.from(await (await fetch(`${sandbox.url}/_sandbox/api/snapshots/known-point`)).arrayBuffer());
    const other = await startSandbox();
    try {
      const events: string[] = [];
      const stop = other.app.bus.subscribe((event) => void events.push(event.type));
      const kept = await upload(other.url, 'from-a-teammate', bytes);
      expect(kept.status).toBe(201);
      expect(kept.json).toMatchObject({ replaced: false, snapshot: { name: 'from-a-teammate', bytes: bytes.length, contents: { userPools: 1, users: 3, appClients: 1 } } });
      expect(events).toContain('snapshot.saved');
      stop();
      expect((await list(other.url)).json.snapshots.map((s: SnapshotItem) => s.name)).toEqual(['from-a-teammate']);
      expect((await upload(other.url, 'from-a-teammate', bytes, 'application/octet-stream')).json.replaced).toBe(true);
      const back = Buffer.from(await (await fetch(`${other.url}/_sandbox/api/snapshots/from-a-teammate`)).arrayBuffer());
      // Byte for byte: checking or listing a kept snapshot never writes into it.
      await list(other.url);
      expect(back.equals(bytes)).toBe(true);

      expect((await restore(other.url, 'from-a-teammate')).status).toBe(200);
      expect((await users(other.cognito, poolId)).map((u) => u.Username)).toEqual(['alice', 'bob', 'dora']);
      expect((await signIn(other.cognito, poolId, clientId, 'alice')).AccessToken).toBeTruthy();

      // What is no snapshot is refused before anything is kept.
      const SQL = await (await import('sql.js')).default();
      const foreign = new SQL.Database();
      foreign.run('CREATE TABLE notes (text TEXT)');
      const refusals = [
        [Buffer.from('not a database at all, just text long enough to have a header'), /^That snapshot cannot be restored: not an SQLite database file\.$/],
        [Buffer.from(foreign.export()), /^That snapshot cannot be restored: it has no schema version: it is not a sandbox's database\.$/],
        [bytes.subarray(0, Math.floor(bytes.length / 2)), /^That snapshot cannot be restored: /],
        [Buffer.alloc(0), /^The body must be a snapshot file: /],
      ] as const;
      foreign.close();
      for (const [body, message] of refusals) {
        const refused = await upload(other.url, 'refused', body);
        expect(refused.status).toBe(400);
        expect(refused.json.error).toBe('bad_request');
        expect(refused.json.message).toMatch(message);
      }
      for (const name of ['../escape', 'a/b', '.hidden', 'a b', 'x'.repeat(65)]) expect((await upload(other.url, name, bytes)).status, name).toBe(400);
      expect((await list(other.url)).json.snapshots.map((s: SnapshotItem) => s.name)).toEqual(['from-a-teammate']);

      // Past 256 MB: said at once from the Content-Length, JSON, without reading the body.
      const tooLarge = await announcedUpload(other.url, 'huge', 300 * 1024 * 1024);
      expect(tooLarge.status).toBe(413);
      expect(JSON.parse(tooLarge.body)).toEqual({ error: 'too_large', message: 'A snapshot upload is at most 256 MB; start the sandbox with --snapshot FILE for a larger one.' });

      const foreignOrigin = await fetch(`${other.url}/_sandbox/api/snapshots/evil`, { method: 'PUT', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, body: bytes });
      expect(foreignOrigin.status).toBe(403);
    } finally {
      await other.close();
    }
  });

  it.skipIf(cannotMountWhy !== undefined)(`leaves no half snapshot on a full disk, and a refused restore leaves the sandbox as it was${skipped}`, async () => {
    const filler = path.join(mountPoint, 'filler');
    const { cognito, url } = sandbox;
    try {
      const pool = await createPool(cognito, { PoolName: 'full' });
      for (let i = 0; i < 12; i++) await createAdminUser(cognito, pool, `user-${i}`, { password: PASSWORD, attributes: { email: `user-${i}@example.com` } });
      expect((await save(url, 'kept')).status).toBe(201);
      await cognito.send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: 'user-0' }));
      const now = await users(cognito, pool);
      const listed = (await list(url)).json.snapshots;

      fillDisk(filler);
      const refusedSave = await save(url, 'half');
      expect(refusedSave.status).toBe(507);
      expect(refusedSave.json).toMatchObject({ error: 'storage' });
      expect(refusedSave.json.message).toMatch(/the disk is full/);
      expect(fs.readdirSync(path.join(dataDir, 'snapshots')).sort()).toEqual(['kept.sqlite', 'known-point.sqlite']);
      expect((await list(url)).json.snapshots).toEqual(listed);
      const refusedUpload = await upload(url, 'uploaded', fs.readFileSync(path.join(dataDir, 'snapshots', 'kept.sqlite')));
      expect(refusedUpload.status).toBe(507);
      expect(refusedUpload.json.message).toMatch(/the disk is full/);
      expect(fs.readdirSync(path.join(dataDir, 'snapshots')).sort()).toEqual(['kept.sqlite', 'known-point.sqlite']);

      const refusedRestore = await restore(url, 'kept');
      expect(refusedRestore.status).toBe(507);
      expect(refusedRestore.json).toMatchObject({ error: 'storage' });
      expect(refusedRestore.json.message).toMatch(/^The sandbox could not save the change: the disk is full \(ENOSPC\)/);
      expect(await users(cognito, pool)).toEqual(now);

      fs.rmSync(filler);
      expect((await save(url, 'half')).status).toBe(201);
      expect((await restore(url, 'kept')).status).toBe(200);
      expect((await users(cognito, pool)).map((u) => u.Username)).toContain('user-0');
    } finally {
      fs.rmSync(filler, { force: true });
    }
  });
});
