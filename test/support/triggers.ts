/** What the trigger tests share: function ARNs, the handler modules of test/fixtures/triggers, a sandbox that runs them, the events they show. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { startSandbox, tempDir, type TestSandbox } from './sandbox.js';

/** The ARN of the test account's Lambda function `name`. */
export const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** The path of a handler module of test/fixtures/triggers. */
export const fixture = (file: string) => path.resolve(import.meta.dirname, '../fixtures/triggers', file);

/** The sandbox with a config file naming local handler modules (`lambdaHandlers`: function name -> module path). */
export async function startSandboxWithHandlers(lambdaHandlers: Record<string, string>): Promise<TestSandbox> {
  const configFile = path.join(tempDir('triggers-'), 'sandbox.json');
  fs.writeFileSync(configFile, JSON.stringify({ lambdaHandlers }));
  return startSandbox({ configFile });
}

type Invoked = Extract<SandboxEvent, { type: 'trigger.invoked' }>;
type Returned = Extract<SandboxEvent, { type: 'trigger.returned' }>;

/** The `trigger.invoked` events of `list`. */
export const invoked = (list: SandboxEvent[]) => list.filter((e): e is Invoked => e.type === 'trigger.invoked');

/** The `trigger.returned` events of `list`. */
export const returned = (list: SandboxEvent[]) => list.filter((e): e is Returned => e.type === 'trigger.returned');

/** Equal, and serialised in the same member order (Cognito's). */
export function expectExactly(actual: unknown, expected: unknown): void {
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}
