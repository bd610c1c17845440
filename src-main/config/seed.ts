/**
 * `--config FILE`: pools, app clients, groups, identity providers, resource servers, domains,
 * hosted UI looks and users declared in a JSON file (config-file.ts reads it) and created at
 * start, idempotently, so a team can check a reproducible sandbox into its repository.
 * Every entry goes through the same operations (and validation) as an API call. An entry that
 * already exists is left as it is; a fixed `Id` / `ClientId` makes ids stable across machines.
 *
 * Exported users (those with a PasswordVerifier or a UserStatus) are written back as they were
 * (cognito/user-restore.ts): no operation can set a password verifier.
 *
 * Assumption: a describe-user-pool answer says MfaConfiguration but not which factors were on;
 * without the export's MfaConfig the pool gets SMS MFA when it has an SmsConfiguration, else TOTP.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Services } from '../services.js';
import { STANDARD_SCHEMA } from '../cognito/schema.js';
import { CognitoError } from '../cognito/errors.js';
import { requirePool } from '../cognito/resources.js';
import { restoreUser } from '../cognito/user-restore.js';
import { createInvoker, type Invoke } from '../server/aws-json/invoke.js';
import { ConfigFileError, readConfigFile, type SeedClient, type SeedPool, type SeedUser } from './config-file.js';

type Json = Record<string, unknown>;

/** The members of a pool entry that are not CreateUserPool's, each seeded by its own step. */
const POOL_PARTS = ['Id', 'SchemaAttributes', 'Clients', 'Groups', 'Users', 'MfaConfig', 'Domains', 'Domain', 'ResourceServers', 'IdentityProviders',
  'UICustomizations', 'ManagedLoginBrandings', 'MfaConfiguration'];

function withFixedIds(services: Services, ids: { poolId?: string; clientId?: string; clientSecret?: string }): Services {
  return {
    ...services,
    ids: {
      ...services.ids,
      userPoolId: (region) => ids.poolId ?? services.ids.userPoolId(region),
      clientId: () => ids.clientId ?? services.ids.clientId(),
      clientSecret: () => ids.clientSecret ?? services.ids.clientSecret(),
    },
  };
}

async function exists(call: () => Promise<unknown>, missing: string): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (error instanceof CognitoError && error.type === missing) return false;
    throw error;
  }
}

/** What CreateUserPool's Schema can change of a standard attribute. */
const STANDARD_SETTINGS = ['Required', 'Mutable', 'StringAttributeConstraints', 'NumberAttributeConstraints'] as const;

/**
 * DescribeUserPool's SchemaAttributes as CreateUserPool's Schema: the custom attributes named
 * without their `custom:` (or `dev:custom:`) prefix, and the standard ones the pool changed (a
 * Schema entry's name has at most 20 characters: phone_number_verified could not be one). Names
 * Cognito keeps for itself (`identities`) are not Schema entries.
 */
function schemaOf(attributes: unknown[]): Json[] {
  return (attributes as Json[]).flatMap((attribute) => {
    const custom = /^(dev:)?custom:(.*)$/.exec(String(attribute.Name));
    if (custom) return [{ ...attribute, Name: custom[2], ...(custom[1] && { DeveloperOnlyAttribute: true }) }];
    const standard = STANDARD_SCHEMA.find((s) => s.Name === attribute.Name);
    if (!standard) return [];
    const changed = STANDARD_SETTINGS.some((setting) => attribute[setting] !== undefined && !isDeepStrictEqual(attribute[setting], standard[setting]));
    return changed ? [attribute] : [];
  });
}

function createInputOf(seed: SeedPool): Json {
  const input = Object.fromEntries(Object.entries(seed).filter(([name]) => !POOL_PARTS.includes(name)));
  const schema = Array.isArray(seed.SchemaAttributes) ? schemaOf(seed.SchemaAttributes) : [];
  if (input.Schema === undefined && schema.length > 0) input.Schema = schema;
  return input;
}

/** The SetUserPoolMfaConfig a new pool gets: the export's, else one made from describe-user-pool's MfaConfiguration. */
function mfaConfigOf(seed: SeedPool): Json | undefined {
  if (seed.MfaConfig) return Object.keys(seed.MfaConfig).some((name) => name !== 'MfaConfiguration') ? seed.MfaConfig : undefined;
  const mode = seed.MfaConfiguration;
  if (mode === undefined || mode === 'OFF') return undefined;
  const sms = seed.SmsConfiguration ? { SmsMfaConfiguration: { SmsConfiguration: seed.SmsConfiguration, SmsAuthenticationMessage: seed.SmsAuthenticationMessage } } : undefined;
  return { MfaConfiguration: mode, ...(sms ?? { SoftwareTokenMfaConfiguration: { Enabled: true } }) };
}

async function createPool(services: Services, invoke: Invoke, seed: SeedPool): Promise<string> {
  const { Id } = seed;
  const region = Id ? Id.slice(0, Id.indexOf('_')) : services.options.region;
  const created = await createInvoker(withFixedIds(services, { poolId: Id }))('CreateUserPool', createInputOf(seed), { region });
  const poolId = created.UserPool.Id as string;
  const mfa = mfaConfigOf(seed);
  if (mfa) await invoke('SetUserPoolMfaConfig', { ...mfa, UserPoolId: poolId });
  return poolId;
}

async function seedPool(services: Services, invoke: Invoke, seed: SeedPool): Promise<string> {
  const { Id } = seed;
  const existing = services.store.pools.all().find((p) => (Id ? p.id === Id : p.name === seed.PoolName));
  if (!existing && seed.PoolName === undefined) throw new ConfigFileError(`user pool ${Id} is neither in the file nor in the sandbox`);
  const poolId = existing?.id ?? (await createPool(services, invoke, seed));
  const inPool = { UserPoolId: poolId };
  for (const server of seed.ResourceServers ?? []) {
    const found = await exists(() => invoke('DescribeResourceServer', { ...inPool, Identifier: server.Identifier }), 'ResourceNotFoundException');
    if (!found) await invoke('CreateResourceServer', { ...server, ...inPool });
  }
  for (const provider of seed.IdentityProviders ?? []) {
    const found = await exists(() => invoke('DescribeIdentityProvider', { ...inPool, ProviderName: provider.ProviderName }), 'ResourceNotFoundException');
    if (!found) await invoke('CreateIdentityProvider', { ...provider, ...inPool });
  }
  for (const client of seed.Clients ?? []) await seedClient(services, invoke, poolId, client);
  await seedDomains(services, invoke, poolId, seed);
  for (const look of seed.UICustomizations ?? []) {
    const clientId = typeof look.ClientId === 'string' && look.ClientId !== 'ALL' ? look.ClientId : undefined;
    if (!services.store.uiCustomizations.find(poolId, clientId)) await invoke('SetUICustomization', { ...look, ...inPool });
  }
  for (const branding of seed.ManagedLoginBrandings ?? []) {
    const found = await exists(() => invoke('DescribeManagedLoginBrandingByClient', { ...inPool, ClientId: branding.ClientId }), 'ResourceNotFoundException');
    if (!found) await invoke('CreateManagedLoginBranding', { ...branding, ...inPool });
  }
  for (const group of seed.Groups ?? []) {
    const GroupName = String(group.GroupName);
    const found = await exists(() => invoke('GetGroup', { ...inPool, GroupName }), 'ResourceNotFoundException');
    if (!found) await invoke('CreateGroup', { ...group, ...inPool });
  }
  for (const user of seed.Users ?? []) await seedUser(services, invoke, poolId, user);
  return poolId;
}

/** The export's Domains, or describe-user-pool's Domain (a prefix). */
async function seedDomains(services: Services, invoke: Invoke, poolId: string, seed: SeedPool): Promise<void> {
  const domains = seed.Domains ?? (typeof seed.Domain === 'string' ? [{ Domain: seed.Domain }] : []);
  for (const domain of domains) {
    if (!services.store.domains.find(String(domain.Domain))) await invoke('CreateUserPoolDomain', { ...domain, UserPoolId: poolId });
  }
}

async function seedClient(services: Services, invoke: Invoke, poolId: string, seed: SeedClient): Promise<void> {
  const { ClientId, ClientSecret, ...createInput } = seed;
  const clients: { ClientId: string; ClientName: string }[] = [];
  let NextToken: string | undefined;
  do {
    const page = await invoke('ListUserPoolClients', { UserPoolId: poolId, MaxResults: 60, NextToken });
    clients.push(...page.UserPoolClients);
    NextToken = page.NextToken;
  } while (NextToken);
  if (clients.some((c) => (ClientId ? c.ClientId === ClientId : c.ClientName === seed.ClientName))) return;
  const create = createInvoker(withFixedIds(services, { clientId: ClientId, clientSecret: ClientSecret }));
  // A describe-user-pool-client answer has the secret without GenerateSecret: the client keeps it.
  const secret = ClientSecret !== undefined && createInput.GenerateSecret !== true ? { ClientSecret } : {};
  await create('CreateUserPoolClient', { ...createInput, ...secret, UserPoolId: poolId });
}

function isExported(seed: SeedUser): boolean {
  return seed.PasswordVerifier !== undefined || seed.UserStatus !== undefined;
}

function restoreExportedUser(services: Services, poolId: string, seed: SeedUser): void {
  const pool = requirePool(services.store, poolId);
  const now = services.clock.now();
  const verifier = seed.PasswordVerifier;
  const mfa = seed.Mfa;
  restoreUser(services.store, pool, {
    username: seed.Username,
    attributes: Object.entries(seed.Attributes ?? {}).map(([Name, Value]) => ({ Name, Value })),
    status: seed.UserStatus ?? (verifier ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD'),
    enabled: seed.Enabled !== false,
    created: seed.UserCreateDate ?? now,
    modified: seed.UserLastModifiedDate ?? now,
    ...(verifier && { password: { salt: verifier.Salt, verifier: verifier.Verifier, ...(verifier.Expires !== undefined && { expires: verifier.Expires }) } }),
    ...(mfa && {
      mfa: {
        enabled: mfa.Enabled,
        ...(mfa.Preferred && { preferred: mfa.Preferred }),
        ...(mfa.SoftwareTokenSecret && { softwareToken: { secret: mfa.SoftwareTokenSecret, verified: now } }),
      },
    }),
  }, () => services.ids.uuid());
}

async function seedUser(services: Services, invoke: Invoke, poolId: string, seed: SeedUser): Promise<void> {
  const target = { UserPoolId: poolId, Username: seed.Username };
  const found = await exists(() => invoke('AdminGetUser', target), 'UserNotFoundException');
  if (!found && isExported(seed)) restoreExportedUser(services, poolId, seed);
  else if (!found) {
    await invoke('AdminCreateUser', {
      ...target,
      MessageAction: 'SUPPRESS',
      TemporaryPassword: seed.Password,
      UserAttributes: Object.entries(seed.Attributes ?? {}).map(([Name, Value]) => ({ Name, Value })),
    });
    if (seed.Password) await invoke('AdminSetUserPassword', { ...target, Password: seed.Password, Permanent: true });
    if (seed.Enabled === false) await invoke('AdminDisableUser', target);
  }
  for (const GroupName of seed.Groups ?? []) await invoke('AdminAddUserToGroup', { ...target, GroupName });
}

export async function applyConfigFile(services: Services, file: string): Promise<void> {
  const config = readConfigFile(file);
  const invoke = createInvoker(services);
  for (const [index, pool] of (config.userPools ?? []).entries()) {
    try {
      await seedPool(services, invoke, pool);
    } catch (error) {
      const reason = error instanceof CognitoError ? `${error.type}: ${error.message}` : (error as Error).message;
      throw new ConfigFileError(`--config ${file}: userPools[${index}] (${pool.PoolName ?? pool.Id}): ${reason}`);
    }
  }
}
