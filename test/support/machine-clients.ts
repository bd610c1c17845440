/**
 * What the client_credentials tests share: a sandbox whose pools can name the machine token
 * trigger handlers (as local modules), collecting its debugger events, and a pool with the
 * resource servers `api` (read, write, admin) and `reports` (view) and a machine client.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  CreateResourceServerCommand,
  CreateUserPoolDomainCommand,
  type CreateUserPoolClientCommandInput,
  type LambdaConfigType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { SandboxEvent } from '../../shared/events.js';
import type { SandboxOptions } from '../../src-main/config/options.js';
import { startSandbox, tempDir, type TestSandbox } from './sandbox.js';
import { arn, fixture } from './triggers.js';
import { createClient, createPool } from './world.js';

/** A client that may only get machine tokens, for three custom scopes. */
export const MACHINE_CLIENT: Omit<CreateUserPoolClientCommandInput, 'UserPoolId'> = {
  ClientName: 'machine',
  GenerateSecret: true,
  AllowedOAuthFlows: ['client_credentials'],
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthScopes: ['api/read', 'api/write', 'reports/view'],
};

/** A pre token generation function by LambdaVersion: `machine-v3` customizes machine tokens, `throws` refuses. */
export function preTokenGeneration(LambdaVersion: 'V1_0' | 'V2_0' | 'V3_0', name = 'machine-v3'): LambdaConfigType {
  return { PreTokenGeneration: arn(name), PreTokenGenerationConfig: { LambdaVersion, LambdaArn: arn(name) } };
}

export interface MachineSandbox extends TestSandbox {
  events: SandboxEvent[];
  /** The events published since `mark()`. */
  since(mark: number): SandboxEvent[];
  mark(): number;
  /** A pool (with a domain) holding `api` and `reports`, and a machine client changed by `client`. */
  world(client?: Partial<CreateUserPoolClientCommandInput>, LambdaConfig?: LambdaConfigType): Promise<{ poolId: string; clientId: string; clientSecret: string }>;
}

export async function startMachineSandbox(options: Partial<SandboxOptions> = {}): Promise<MachineSandbox> {
  const configFile = path.join(tempDir('machine-clients-'), 'sandbox.json');
  fs.writeFileSync(configFile, JSON.stringify({ lambdaHandlers: { 'machine-v3': fixture('machine-pre-token-v3.cjs'), throws: fixture('throws.cjs') } }));
  const sandbox = await startSandbox({ configFile, ...options });
  const events: SandboxEvent[] = [];
  sandbox.app.bus.subscribe((event) => events.push(event));
  const mark = () => events.at(-1)?.seq ?? 0;
  let domains = 0;
  return {
    ...sandbox,
    events,
    mark,
    since: (from) => events.filter((event) => event.seq > from),
    async world(client = {}, LambdaConfig) {
      const { cognito } = sandbox;
      const poolId = await createPool(cognito, { PoolName: 'm2m', ...(LambdaConfig && { LambdaConfig }) });
      await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `m2m-${process.pid}-${++domains}` }));
      const scopes = (names: string[]) => names.map((ScopeName) => ({ ScopeName, ScopeDescription: ScopeName }));
      await cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'api', Name: 'API', Scopes: scopes(['read', 'write', 'admin']) }));
      await cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'reports', Name: 'Reports', Scopes: scopes(['view']) }));
      const { clientId, clientSecret } = await createClient(cognito, poolId, { ...MACHINE_CLIENT, ...client });
      return { poolId, clientId, clientSecret: clientSecret ?? '' };
    },
  };
}
