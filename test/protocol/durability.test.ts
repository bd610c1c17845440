import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/build.js';
import { startServerProcess } from '../support/process.js';
import { rawCall, tempDir } from '../support/sandbox.js';

async function poolNames(url: string): Promise<string[]> {
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await rawCall(url, 'ListUserPools', { MaxResults: 60, NextToken });
    names.push(...page.json.UserPools.map((p: { Name: string }) => p.Name));
    NextToken = page.json.NextToken;
  } while (NextToken);
  return names.sort();
}

/** `npm run server` expected to fail at start: its exit code and everything it printed. */
function failedStart(args: string[]): Promise<{ code: number | string; output: string }> {
  const child = spawn(process.execPath, ['--enable-source-maps', 'scripts/server.mjs', '--port', '0', ...args], { cwd: ROOT });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: signal ?? code ?? -1, output });
    }),
  );
}

describe('durability of npm run server', () => {
  it('keeps every acknowledged write through repeated kill -9, with writes in flight together', async () => {
    const dataDir = tempDir();
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      const server = await startServerProcess(['--data-dir', dataDir]);
      expect(await poolNames(server.url)).toEqual([...acknowledged].sort());
      for (let batch = 0; batch < 10; batch++) {
        const names = Array.from({ length: 8 }, (_, i) => `r${round}-b${batch}-${i}`);
        const answers = await Promise.all(names.map((name) => rawCall(server.url, 'CreateUserPool', { PoolName: name })));
        answers.forEach((answer, i) => {
          expect(answer.status).toBe(200);
          acknowledged.push(names[i]!);
        });
      }
      server.child.kill('SIGKILL');
      expect(await server.exited).toBe('SIGKILL');
    }
    const last = await startServerProcess(['--data-dir', dataDir]);
    expect(await poolNames(last.url)).toEqual([...acknowledged].sort());
    last.child.kill('SIGTERM');
    expect(await last.exited).toBe(0);
  });

  it('starts past a damaged journal record, keeping the records after it and the damaged journal', async () => {
    const dataDir = tempDir();
    const first = await startServerProcess(['--data-dir', dataDir]);
    const names = Array.from({ length: 20 }, (_, i) => `pool-${String(i).padStart(2, '0')}`);
    for (const name of names) expect((await rawCall(first.url, 'CreateUserPool', { PoolName: name })).status).toBe(200);
    first.child.kill('SIGKILL');
    await first.exited;

    const journal = path.join(dataDir, 'journal.ndjson');
    const bytes = fs.readFileSync(journal);
    bytes.write('X', bytes.indexOf('pool-07') + 5);
    fs.writeFileSync(journal, bytes);

    const second = await startServerProcess(['--data-dir', dataDir]);
    expect(await poolNames(second.url)).toEqual(names.filter((name) => name !== 'pool-07'));
    const kept = fs.readdirSync(dataDir).filter((name) => name.startsWith('journal.damaged-'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(dataDir, kept[0]!))).toEqual(bytes);
    expect(second.output()).toContain(path.join(dataDir, kept[0]!));
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('refuses to start on a damaged database file, saying which file and what to do, without a stack trace', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'sandbox.db');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4080, 0xff)]));
    const { code, output } = await failedStart(['--data-dir', dataDir]);
    expect(code).not.toBe(0);
    expect(typeof code).toBe('number');
    expect(output).toContain(file);
    expect(output).toMatch(/damaged/);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain('listening on');
  });
});
