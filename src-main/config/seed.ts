/**
 * `--config FILE`: pools, app clients, groups, identity providers, resource servers, domains,
 * hosted UI looks and users declared in a JSON file (config-file.ts reads it) and created at
 * start, idempotently, so a team can check a reproducible sandbox into its repository.
 * Every entry goes through the same operations (and validation) as an API call. An entry that
 * already exists is left as it is; a fixed `Id` / `ClientId` makes ids stable across machines.
 *
 * Exported users (those with a PasswordVerifier or a UserStatus) are written back as they were
 * (cognito/user-restore.ts): no operation can set a password verifier. So are a new client's
 * exported ClientSecrets (cognito/client-secret-restore.ts): ids, values and dates kept.
 *
 * Order, so that each Set* finds what it needs: the pool (its tier and threat protection mode)
 * and MFA configuration; resource servers and identity providers; clients (and their secrets);
 * domains, looks, groups, users; then the risk configurations (the pool's, then its clients'),
 * log delivery, the session configuration (then the clients' SSO settings) and replicas; after
 * every pool, the account's provisioned limits. Each is set only where none is yet.
 *
 * Assumption: a describe-user-pool answer says MfaConfiguration but not which factors were on;
 * without the export's MfaConfig the pool gets SMS MFA when it has an SmsConfiguration, else TOTP.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Services } from '../services.js';
import { STANDARD_SCHEMA } from '../cognito/schema.js';
import { CognitoError } from '../cognito/errors.js';
import { requirePool } from '../cognito/resources.js';
import { restoreClientSecrets } from '../cognito/client-secret-restore.js';
import { restoreUser } from '../cognito/user-restore.js';
import { createInvoker, type Invoke } from '../server/aws-json/invoke.js';
import type { ConfigProvisionedLimit } from '../../shared/sandbox-config.js';
import { summarizeConfig, type ConfigSummary, type SeededPool } from './config-summary.js';
import { ConfigFileError, readConfigFile, type SeedClient, type SeedPool, type SeedUser } from './config-file.js';

type Json = Record<string, unknown>;

/** The members of a pool entry that are not CreateUserPool's, each seeded by its own step. */
const POOL_PARTS = ['Id', 'SchemaAttributes', 'Clients', 'Groups', 'Users', 'MfaConfig', 'Domains', 'Domain', 'ResourceServers', 'IdentityProviders',
  'UICustomizations', 'ManagedLoginBrandings', 'MfaConfiguration', 'RiskConfiguration', 'LogConfigurations', 'SessionConfiguration', 'Replicas'];

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

async function seedPool(services: Services, invoke: Invoke, seed: SeedPool): Promise<SeededPool> {
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
  const clients: SeededClient[] = [];
  for (const client of seed.Clients ?? []) clients.push({ seed: client, clientId: await seedClient(services, invoke, poolId, client) });
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
  await seedRiskConfigurations(services, invoke, poolId, seed, clients);
  await seedLogDelivery(services, invoke, poolId, seed);
  await seedSessionConfigurations(services, invoke, poolId, seed, clients);
  await seedReplicas(services, invoke, poolId, seed);
  return { id: poolId, name: existing?.name ?? seed.PoolName ?? poolId, created: !existing };
}

/** A client entry and the id of the client it made or found. */
interface SeededClient {
  seed: SeedClient;
  clientId: string;
}

/** The pool's and its clients' own risk configurations, each set where none is yet (the pool's threat protection must be on). */
async function seedRiskConfigurations(services: Services, invoke: Invoke, poolId: string, seed: SeedPool, clients: SeededClient[]): Promise<void> {
  const { riskConfigurations } = services.store;
  if (seed.RiskConfiguration && !riskConfigurations.find(poolId)) await invoke('SetRiskConfiguration', { ...seed.RiskConfiguration, UserPoolId: poolId });
  for (const { seed: client, clientId } of clients) {
    if (client.RiskConfiguration && !riskConfigurations.find(poolId, clientId)) {
      await invoke('SetRiskConfiguration', { ...client.RiskConfiguration, UserPoolId: poolId, ClientId: clientId });
    }
  }
}

async function seedLogDelivery(services: Services, invoke: Invoke, poolId: string, seed: SeedPool): Promise<void> {
  const configured = (services.store.logDeliveryConfigurations.find(poolId) ?? []).length > 0;
  if (seed.LogConfigurations && seed.LogConfigurations.length > 0 && !configured) {
    await invoke('SetLogDeliveryConfiguration', { UserPoolId: poolId, LogConfigurations: seed.LogConfigurations });
  }
}

/**
 * The pool's session configuration, then its clients' SSO settings, each where none is yet.
 * Cognito takes a client's SSO setting only while the pool tracks sessions; one a pool keeps
 * dormant (tracking DISABLED) is set with tracking turned on for the moment, then off again.
 */
async function seedSessionConfigurations(services: Services, invoke: Invoke, poolId: string, seed: SeedPool, clients: SeededClient[]): Promise<void> {
  const { sessionConfigurations } = services.store;
  const inPool = { UserPoolId: poolId };
  if (seed.SessionConfiguration && !sessionConfigurations.findForPool(poolId)) await invoke('SetUserPoolSessionConfiguration', { ...seed.SessionConfiguration, ...inPool });
  const sso = clients.filter(({ seed: client, clientId }) => client.SSOSession && sessionConfigurations.findSsoMaxValidityMinutes(clientId) === undefined);
  if (sso.length === 0) return;
  const current = await invoke('GetUserPoolSessionConfiguration', inPool);
  const dormant = current.UserSessionTracking !== 'ENABLED';
  if (dormant) await invoke('SetUserPoolSessionConfiguration', { ...inPool, UserSessionTracking: 'ENABLED', TokenSession: current.TokenSession });
  for (const { seed: client, clientId } of sso) await invoke('SetUserPoolClientSessionConfiguration', { ...inPool, ClientId: clientId, SSOSession: client.SSOSession });
  if (dormant) await invoke('SetUserPoolSessionConfiguration', { ...inPool, UserSessionTracking: current.UserSessionTracking, TokenSession: current.TokenSession });
}

/** Each replica the pool has not: created, then activated when the file says ACTIVE. */
async function seedReplicas(services: Services, invoke: Invoke, poolId: string, seed: SeedPool): Promise<void> {
  for (const { RegionName, Status, UserPoolTags } of seed.Replicas ?? []) {
    if (services.store.userPoolReplicas.find(poolId, RegionName)) continue;
    await invoke('CreateUserPoolReplica', { UserPoolId: poolId, RegionName, ...(UserPoolTags && { UserPoolTags }) });
    if (Status === 'ACTIVE') await invoke('UpdateUserPoolReplica', { UserPoolId: poolId, RegionName, Status });
  }
}

/** The account's provisioned limits, each set where it is still its default. */
async function seedProvisionedLimits(invoke: Invoke, limits: readonly ConfigProvisionedLimit[], file: string): Promise<void> {
  for (const [index, limit] of limits.entries()) {
    try {
      const { Limit } = await invoke('GetProvisionedLimit', { LimitDefinition: limit.LimitDefinition });
      if (Limit.ProvisionedLimitValue === Limit.FreeLimitValue) await invoke('UpdateProvisionedLimit', limit);
    } catch (error) {
      throw new ConfigFileError(`--config ${file}: provisionedLimits[${index}]: ${reasonOf(error)}`);
    }
  }
}

/** The export's Domains, or describe-user-pool's Domain (a prefix). */
async function seedDomains(services: Services, invoke: Invoke, poolId: string, seed: SeedPool): Promise<void> {
  const domains = seed.Domains ?? (typeof seed.Domain === 'string' ? [{ Domain: seed.Domain }] : []);
  for (const domain of domains) {
    if (!services.store.domains.find(String(domain.Domain))) await invoke('CreateUserPoolDomain', { ...domain, UserPoolId: poolId });
  }
}

/** Creates the client unless the pool has it (by ClientId, else by name), its exported secrets restored; answers its id. */
async function seedClient(services: Services, invoke: Invoke, poolId: string, seed: SeedClient): Promise<string> {
  const { ClientId, ClientSecret, ClientSecrets, RiskConfiguration: _risk, SSOSession: _sso, ...createInput } = seed;
  const clients: { ClientId: string; ClientName: string }[] = [];
  let NextToken: string | undefined;
  do {
    const page = await invoke('ListUserPoolClients', { UserPoolId: poolId, MaxResults: 60, NextToken });
    clients.push(...page.UserPoolClients);
    NextToken = page.NextToken;
  } while (NextToken);
  const found = clients.find((c) => (ClientId ? c.ClientId === ClientId : c.ClientName === seed.ClientName));
  if (found) return found.ClientId;
  const create = createInvoker(withFixedIds(services, { clientId: ClientId, clientSecret: ClientSecret }));
  // A describe-user-pool-client answer has the secret without GenerateSecret: the client keeps it.
  const secret = ClientSecret !== undefined && createInput.GenerateSecret !== true ? { ClientSecret } : {};
  const { UserPoolClient } = await create('CreateUserPoolClient', { ...createInput, ...secret, UserPoolId: poolId });
  const clientId = UserPoolClient.ClientId as string;
  if (ClientSecrets) restoreClientSecrets(services.store, services.store.clients.findById(clientId)!, ClientSecrets);
  return clientId;
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

function reasonOf(error: unknown): string {
  return error instanceof CognitoError ? `${error.type}: ${error.message}` : (error as Error).message;
}

/** Applies the file; answers what it loaded (describeConfigSummary says it in a line). */
export async function applyConfigFile(services: Services, file: string): Promise<ConfigSummary> {
  const config = readConfigFile(file);
  const invoke = createInvoker(services);
  const seeded: SeededPool[] = [];
  for (const [index, pool] of (config.userPools ?? []).entries()) {
    try {
      seeded.push(await seedPool(services, invoke, pool));
    } catch (error) {
      throw new ConfigFileError(`--config ${file}: userPools[${index}] (${pool.PoolName ?? pool.Id}): ${reasonOf(error)}`);
    }
  }
  await seedProvisionedLimits(invoke, config.provisionedLimits ?? [], file);
  return summarizeConfig(file, config, seeded);
}
