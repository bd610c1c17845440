/**
 * The `--config FILE` JSON: pools, app clients, groups and users to create at start (seed.ts
 * creates them), and the local handler modules of Lambda triggers (lambda-handlers.ts).
 */
import fs from 'node:fs';

export interface SeedUser {
  Username: string;
  /** Permanent password; omitted: the user must be given one (FORCE_CHANGE_PASSWORD). */
  Password?: string;
  /** Attribute name to value, e.g. { "email": "a@example.com", "email_verified": "true" }. */
  Attributes?: Record<string, string>;
  Groups?: string[];
  Enabled?: boolean;
}

export interface SeedClient extends Record<string, unknown> {
  ClientName: string;
  /** A fixed client id (26 lowercase alphanumerics is what Cognito's look like). */
  ClientId?: string;
  /** A fixed secret, for clients created with GenerateSecret. */
  ClientSecret?: string;
}

export interface SeedPool extends Record<string, unknown> {
  PoolName: string;
  /** A fixed pool id, `REGION_` followed by alphanumerics. */
  Id?: string;
  Clients?: SeedClient[];
  Groups?: Record<string, unknown>[];
  Users?: SeedUser[];
}

export interface SeedFile {
  userPools?: SeedPool[];
  /** Read by lambda-handlers.ts: function name -> local handler module. */
  lambdaHandlers?: Record<string, string>;
}

export class ConfigFileError extends Error {}

export function readConfigFile(file: string): SeedFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigFileError(`--config ${file}: ${(error as Error).message}`);
  }
  const config = parsed as SeedFile | null;
  const known = config !== null && typeof config === 'object' && ('userPools' in config || 'lambdaHandlers' in config);
  if (!known || (config.userPools !== undefined && !Array.isArray(config.userPools))) {
    throw new ConfigFileError(`--config ${file}: expected {"userPools": [...], "lambdaHandlers": {...}}`);
  }
  return config;
}
