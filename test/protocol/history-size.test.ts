import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { rawCall, startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const dirSize = (dir: string) => fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);

describe('refused 1 MB requests', () => {
  it('answer a short validation message and leave a small history', async () => {
    const dataDir = tempDir();
    sandbox = await startSandbox({ dataDir });
    const name = 'n'.repeat(1_000_000);
    for (let i = 0; i < 30; i++) {
      const answer = await rawCall(sandbox.url, 'CreateUserPool', { PoolName: name });
      expect(answer.status).toBe(400);
      expect(answer.json.__type).toBe('InvalidParameterException');
      expect(answer.json.message).toMatch(/^1 validation error detected: Value 'nnnn.*' at 'poolName' failed to satisfy constraint: Member must have length less than or equal to 128$/);
      expect(answer.json.message.length).toBeLessThan(5_000);
    }
    const calls = sandbox.app.bus.since(0).filter((e): e is Extract<SandboxEvent, { type: 'api.called' }> => e.type === 'api.called');
    expect(calls).toHaveLength(30);
    expect((calls[0]!.data.request as { PoolName: string }).PoolName).toMatch(/^n+… \[cut [\d,]+ of 1,000,000 characters\]$/);
    await sandbox.close();
    sandbox = undefined;
    expect(dirSize(dataDir)).toBeLessThan(3 * 1024 * 1024);
  });
});
