/**
 * The `--config FILE` JSON (its format: shared/sandbox-config.ts): pools, app clients, groups,
 * identity providers, resource servers, domains and users to create at start (seed.ts creates
 * them), and the local handler modules of Lambda triggers (lambda-handlers.ts).
 *
 * Three shapes are read, and made one here: the sandbox's own file (what the export writes),
 * the JSON `aws cognito-idp describe-user-pool` prints (`{"UserPool": {...}}`), and what
 * `describe-user-pool-client` prints (`{"UserPoolClient": {...}}`), alone or as a list of them.
 * A Describe answer's read-only members (Arn, dates, EstimatedNumberOfUsers, Status, ...) are
 * dropped; Id, ClientId and ClientSecret are kept. A client given on its own joins the pool of its
 * UserPoolId: one in the file, or one the sandbox already has.
 */
import fs from 'node:fs';
import type { ConfigClient, ConfigPool, ConfigUser, SandboxConfigFile } from '../../shared/sandbox-config.js';

export type SeedUser = ConfigUser;
export type SeedClient = ConfigClient;
export type SeedPool = ConfigPool;
export type SeedFile = SandboxConfigFile;

export class ConfigFileError extends Error {}

/** What DescribeUserPool answers and CreateUserPool does not take (Domain is read by seed.ts when Domains is absent). */
const POOL_READ_ONLY = ['Name', 'Arn', 'CreationDate', 'LastModifiedDate', 'EstimatedNumberOfUsers', 'Status',
  'SmsConfigurationFailure', 'EmailConfigurationFailure', 'CustomDomain'];
const CLIENT_READ_ONLY = ['UserPoolId', 'CreationDate', 'LastModifiedDate'];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function without(entry: Json, members: readonly string[]): Json {
  return Object.fromEntries(Object.entries(entry).filter(([name]) => !members.includes(name)));
}

/** A pool entry of any of the shapes, as seed.ts takes it: PoolName, no read-only members (SchemaAttributes: seed.ts makes it a Schema). */
export function normalizePool(entry: Json): SeedPool {
  const pool = without(entry, POOL_READ_ONLY) as SeedPool;
  if (pool.PoolName === undefined && typeof entry.Name === 'string') pool.PoolName = entry.Name;
  if (Array.isArray(entry.Clients)) pool.Clients = entry.Clients.filter(isObject).map(normalizeClient);
  return pool;
}

export function normalizeClient(entry: Json): SeedClient {
  return without(entry, CLIENT_READ_ONLY) as SeedClient;
}

const EXPECTED =
  'expected {"userPools": [...], "lambdaHandlers": {...}}, or what `aws cognito-idp describe-user-pool` or `describe-user-pool-client` prints, or a list of them';

/** describe-user-pool / describe-user-pool-client answers (one or a list) as a sandbox config file. */
function fromDescribeAnswers(answers: unknown[]): SeedFile | undefined {
  const pools: SeedPool[] = [];
  const clients: Json[] = [];
  for (const answer of answers) {
    if (isObject(answer) && isObject(answer.UserPool)) pools.push(normalizePool(answer.UserPool));
    else if (isObject(answer) && isObject(answer.UserPoolClient)) clients.push(answer.UserPoolClient);
    else return undefined;
  }
  for (const client of clients) {
    const poolId = typeof client.UserPoolId === 'string' ? client.UserPoolId : undefined;
    let pool = pools.find((p) => poolId !== undefined && p.Id === poolId);
    if (!pool) {
      // Only named by id: seed.ts finds it in the sandbox (or says it is missing).
      pool = { Id: poolId };
      pools.push(pool);
    }
    pool.Clients = [...(pool.Clients ?? []), normalizeClient(client)];
  }
  return { userPools: pools };
}

function asConfigFile(parsed: unknown): SeedFile | undefined {
  if (Array.isArray(parsed)) return parsed.length > 0 ? fromDescribeAnswers(parsed) : undefined;
  if (!isObject(parsed)) return undefined;
  if ('UserPool' in parsed || 'UserPoolClient' in parsed) return fromDescribeAnswers([parsed]);
  if (!('userPools' in parsed) && !('lambdaHandlers' in parsed)) return undefined;
  const config = parsed as SeedFile;
  if (config.userPools === undefined) return config;
  if (!Array.isArray(config.userPools) || !config.userPools.every(isObject)) return undefined;
  return { ...config, userPools: config.userPools.map((pool) => normalizePool(pool)) };
}

export function readConfigFile(file: string): SeedFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigFileError(`--config ${file}: ${(error as Error).message}`);
  }
  const config = asConfigFile(parsed);
  if (!config) throw new ConfigFileError(`--config ${file}: ${EXPECTED}`);
  return config;
}
