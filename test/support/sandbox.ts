/**
 * Starts the real sandbox on port 0 (in memory unless a data dir is given) and hands out real
 * clients pointed at it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createApp, type CreateAppOverrides, type SandboxApp } from '../../src-main/app.js';
import type { SandboxOptions } from '../../src-main/config/options.js';

export interface TestSandbox {
  app: SandboxApp;
  url: string;
  cognito: CognitoIdentityProviderClient;
  close(): Promise<void>;
}

export function cognitoClient(url: string, region = 'us-east-1'): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region,
    endpoint: url,
    credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' },
    maxAttempts: 1,
  });
}

export async function startSandbox(
  options: Partial<SandboxOptions> = {},
  overrides: CreateAppOverrides = {},
): Promise<TestSandbox> {
  const app = await createApp({ port: 0, host: '127.0.0.1', dataDir: undefined, ...options }, overrides);
  const cognito = cognitoClient(app.url);
  return {
    app,
    url: app.url,
    cognito,
    async close() {
      cognito.destroy();
      await app.close();
    },
  };
}

export function tempDir(prefix = 'cognito-sandbox-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A raw AWS JSON 1.1 call, for what the SDK would never send (bad types, bad bodies). */
export async function rawCall(
  url: string,
  target: string,
  body: string | object,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': target.includes('.') ? target : `AWSCognitoIdentityProviderService.${target}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}

/** The newest message the debugger API's outbox holds for `to`. */
export async function latestMessageTo(url: string, to: string): Promise<{ code: string; purpose: string; flowId: string }> {
  const messages = (await (await fetch(`${url}/_sandbox/api/outbox?to=${encodeURIComponent(to)}`)).json()) as { code: string; purpose: string; flowId: string }[];
  return messages.at(-1)!;
}
