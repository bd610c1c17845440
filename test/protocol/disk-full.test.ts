/**
 * A full disk under a running server: a real 2 MiB tmpfs, filled to the last page. Needs root
 * (mount); skipped elsewhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../support/process.js';
import { rawCall } from '../support/sandbox.js';
import { fillDisk, mountTmpfs, tmpfsRefusal, unmountTmpfs } from '../support/tmpfs.js';

const refusal = tmpfsRefusal();
const why = refusal ? ` (skipped: cannot mount a tmpfs here: ${refusal})` : '';
if (refusal) console.warn(`disk-full tests${why}`);
// Mounted in a hook, not while collecting: a run that filters this test out runs no hook.
let mountPoint = '';

beforeAll(() => {
  if (!refusal) mountPoint = mountTmpfs('2m');
});

afterAll(() => {
  if (mountPoint) unmountTmpfs(mountPoint);
});

const createPool = (url: string, name: string) => rawCall(url, 'CreateUserPool', { PoolName: name });

async function poolNames(url: string): Promise<string[]> {
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await rawCall(url, 'ListUserPools', { MaxResults: 60, NextToken });
    expect(page.status).toBe(200);
    names.push(...page.json.UserPools.map((p: { Name: string }) => p.Name));
    NextToken = page.json.NextToken;
  } while (NextToken);
  return names.sort();
}

describe(`a full disk${why}`, () => {
  it.skipIf(refusal !== undefined)('refuses writes with InternalErrorException, stays up, and loses nothing it acknowledged', async () => {
    const dataDir = path.join(mountPoint, 'data');
    const filler = path.join(mountPoint, 'filler');
    const server = await startServerProcess(['--data-dir', dataDir]);
    const acknowledged: string[] = [];
    const write = async (name: string) => {
      const answer = await createPool(server.url, name);
      if (answer.status === 200) acknowledged.push(name);
      return answer;
    };

    for (let i = 0; i < 5; i++) expect((await write(`before-${i}`)).status).toBe(200);
    const pool = (await createPool(server.url, 'with-client')).json.UserPool.Id;
    acknowledged.push('with-client');
    const client = await rawCall(server.url, 'CreateUserPoolClient', { UserPoolId: pool, ClientName: 'app' });
    const clientId = client.json.UserPoolClient.ClientId;

    fillDisk(filler);
    // What still fits in the journal's last page is accepted: each answer is one or the other.
    const refused = [];
    for (let i = 0; i < 20; i++) {
      const answer = await write(`while-full-${i}`);
      if (answer.status !== 200) refused.push(answer);
    }
    const users: string[] = [];
    const refusedSignUps = [];
    for (let i = 0; i < 5; i++) {
      const answer = await rawCall(server.url, 'SignUp', { ClientId: clientId, Username: `user-${i}`, Password: 'Passw0rd!' });
      if (answer.status === 200) users.push(`user-${i}`);
      else refusedSignUps.push(answer);
    }
    expect(refused.length).toBeGreaterThan(10);
    expect(refusedSignUps.length).toBeGreaterThan(0);
    for (const answer of [...refused, ...refusedSignUps]) {
      expect(answer.status).toBe(500);
      expect(answer.headers.get('x-amzn-errortype')).toBe('InternalErrorException');
      expect(answer.json.__type).toBe('InternalErrorException');
      expect(answer.json.message).toMatch(/^The sandbox could not save the change: the disk is full \(ENOSPC\)/);
    }
    // Past the event flush's timer, which failed on the same disk.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await fetch(`${server.url}/_sandbox/api/health`)).status).toBe(200);
    expect(await poolNames(server.url)).toEqual([...acknowledged].sort());

    fs.rmSync(filler);
    for (let i = 0; i < 50; i++) expect((await write(`after-${i}`)).status).toBe(200);
    expect((await rawCall(server.url, 'SignUp', { ClientId: clientId, Username: 'after', Password: 'Passw0rd!' })).status).toBe(200);
    users.push('after');
    server.child.kill('SIGKILL');
    expect(await server.exited).toBe('SIGKILL');
    expect(server.output()).toMatch(/debugger history.*disk is full/);

    const second = await startServerProcess(['--data-dir', dataDir]);
    expect(await poolNames(second.url)).toEqual([...acknowledged].sort());
    const listed: string[] = (await rawCall(second.url, 'ListUsers', { UserPoolId: pool })).json.Users.map((u: { Username: string }) => u.Username);
    expect(listed).toEqual(expect.arrayContaining(users));
    // SignUp writes in several transactions: one refused part way keeps what it wrote before.
    expect(listed.every((name) => users.includes(name) || /^user-\d$/.test(name))).toBe(true);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
