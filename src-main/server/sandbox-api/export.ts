/**
 * `GET /_sandbox/api/export`: the sandbox as a `--config` file (shared/sandbox-config.ts) that
 * recreates it in another sandbox: every user pool with its settings and MFA configuration as
 * DescribeUserPool and GetUserPoolMfaConfig answer them, its resource servers, identity
 * providers, app clients (secrets included), domains, hosted UI customizations, managed login
 * brandings, groups and users. The answers are the operations' own (called in-process, so they
 * do not show in the debugger's API log), less the members no Create* takes.
 *
 * Also where a pool has them: every client secret (values, ids and dates, read from the store:
 * no operation answers a secret's value twice), the pool's and each client's own risk
 * configuration (threat protection on only), log delivery and session configurations, replicas
 * (with their tags), and at the top the account's provisioned limits changed from their defaults.
 *
 * Users carry their password verifier, never a password: the SRP salt and verifier for this
 * pool id and username, so the file signs users in only in a pool of the same Id. The file
 * holds client secrets and TOTP secrets: treat it as a secret.
 */
import type {
  ConfigClient,
  ConfigClientSecret,
  ConfigPool,
  ConfigProvisionedLimit,
  ConfigReplica,
  ConfigUser,
  SandboxConfigFile,
} from '../../../shared/sandbox-config.js';
import type { Services } from '../../services.js';
import { CognitoError } from '../../cognito/errors.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { createInvoker, type Invoke } from '../aws-json/invoke.js';
import type { ApiHandler } from './route.js';

type Json = Record<string, any>;

const POOL_READ_ONLY = ['Id', 'Arn', 'CreationDate', 'LastModifiedDate', 'EstimatedNumberOfUsers', 'Status', 'Domain', 'CustomDomain',
  'SmsConfigurationFailure', 'EmailConfigurationFailure'];
const CLIENT_READ_ONLY = ['UserPoolId', 'CreationDate', 'LastModifiedDate'];
const USERS_PER_READ = 60;
const REPLICAS_PER_READ = 60;

function without(entry: Json, members: readonly string[]): Json {
  return Object.fromEntries(Object.entries(entry).filter(([name]) => !members.includes(name) && !name.startsWith('$')));
}

/** Every item of a paged List* answer. */
async function allPages(invoke: Invoke, operation: string, input: Json, items: string, limit: number): Promise<Json[]> {
  const all: Json[] = [];
  let NextToken: string | undefined;
  do {
    const page = await invoke(operation, { ...input, MaxResults: limit, NextToken });
    all.push(...(page[items] ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return all;
}

function exportedUser(services: Pick<Services, 'store'>, user: StoredUser): ConfigUser {
  const groups = services.store.groups.groupsForUser(user.poolId, user.usernameKey).map((g) => g.name);
  const mfa = user.mfa;
  return {
    Username: user.username,
    Attributes: Object.fromEntries(user.attributes.map((a) => [a.Name, a.Value])),
    Enabled: user.enabled,
    UserStatus: user.status,
    UserCreateDate: user.created,
    UserLastModifiedDate: user.modified,
    ...(groups.length > 0 && { Groups: groups }),
    ...(user.password && {
      PasswordVerifier: { Salt: user.password.salt, Verifier: user.password.verifier, ...(user.password.expires !== undefined && { Expires: user.password.expires }) },
    }),
    ...(mfa && (mfa.enabled.length > 0 || mfa.softwareToken) && {
      Mfa: { Enabled: mfa.enabled, ...(mfa.preferred && { Preferred: mfa.preferred }), ...(mfa.softwareToken && { SoftwareTokenSecret: mfa.softwareToken.secret }) },
    }),
  };
}

function exportedUsers(services: Pick<Services, 'store'>, poolId: string): ConfigUser[] {
  const users: ConfigUser[] = [];
  let page = services.store.users.list(poolId, undefined, USERS_PER_READ);
  for (;;) {
    users.push(...page.users.map((user) => exportedUser(services, user)));
    if (!page.next) return users;
    page = services.store.users.list(poolId, undefined, USERS_PER_READ, page.next);
  }
}

/** The pool's and its clients' classic hosted UI customizations, logo bytes included. */
function uiCustomizations(services: Pick<Services, 'store'>, poolId: string, clientIds: string[]): Json[] {
  return [undefined, ...clientIds].flatMap((clientId) => {
    const look = services.store.uiCustomizations.find(poolId, clientId);
    if (!look) return [];
    return [{ ...(clientId && { ClientId: clientId }), ...(look.css !== undefined && { CSS: look.css }), ...(look.image && { ImageFile: look.image.base64 }) }];
  });
}

async function brandings(invoke: Invoke, poolId: string, clientIds: string[]): Promise<Json[]> {
  const found: Json[] = [];
  for (const ClientId of clientIds) {
    try {
      const { ManagedLoginBranding: branding } = await invoke('DescribeManagedLoginBrandingByClient', { UserPoolId: poolId, ClientId });
      found.push({ ClientId, UseCognitoProvidedValues: branding.UseCognitoProvidedValues, Settings: branding.Settings, Assets: branding.Assets });
    } catch (error) {
      if (!(error instanceof CognitoError && error.type === 'ResourceNotFoundException')) throw error;
      // No branding for this client.
    }
  }
  return found;
}

/** Every secret of the client, oldest first, values included (ListUserPoolClientSecrets never answers them). */
function clientSecrets(services: Pick<Services, 'store'>, clientId: string): ConfigClientSecret[] {
  const secrets = services.store.clients.findById(clientId)?.secrets ?? [];
  return secrets.map((s) => ({ ClientSecretId: s.secretId, ClientSecretValue: s.value, ClientSecretCreateDate: s.created }));
}

/** SetRiskConfiguration's members of a DescribeRiskConfiguration answer. */
const riskInput = (answer: Json): Json => without(answer.RiskConfiguration, ['UserPoolId', 'ClientId', 'LastModifiedDate']);

/** What a client has of its own beyond DescribeUserPoolClient: its secrets, risk configuration and SSO session setting. */
async function clientExtras(services: Services, invoke: Invoke, poolId: string, clientId: string, threatProtection: boolean): Promise<Json> {
  const inClient = { UserPoolId: poolId, ClientId: clientId };
  const secrets = clientSecrets(services, clientId);
  const ownRisk = threatProtection && services.store.riskConfigurations.find(poolId, clientId) !== undefined;
  const ownSso = services.store.sessionConfigurations.findSsoMaxValidityMinutes(clientId) !== undefined;
  return {
    ...(secrets.length > 0 && { ClientSecrets: secrets }),
    ...(ownRisk && { RiskConfiguration: riskInput(await invoke('DescribeRiskConfiguration', inClient)) }),
    ...(ownSso && { SSOSession: (await invoke('GetUserPoolClientSessionConfiguration', inClient)).SSOSession }),
  };
}

/** The pool's risk, log delivery and session configurations and its replicas, where it has them. */
async function poolExtras(services: Services, invoke: Invoke, poolId: string, threatProtection: boolean): Promise<Json> {
  const inPool = { UserPoolId: poolId };
  const { store } = services;
  const risk = threatProtection && store.riskConfigurations.find(poolId) !== undefined;
  const logs = (store.logDeliveryConfigurations.find(poolId) ?? []).length > 0;
  const sessions = store.sessionConfigurations.findForPool(poolId) !== undefined;
  const replicas = poolReplicas(services, poolId);
  return {
    ...(risk && { RiskConfiguration: riskInput(await invoke('DescribeRiskConfiguration', inPool)) }),
    ...(logs && { LogConfigurations: (await invoke('GetLogDeliveryConfiguration', inPool)).LogDeliveryConfiguration.LogConfigurations }),
    ...(sessions && { SessionConfiguration: without(await invoke('GetUserPoolSessionConfiguration', inPool), ['UserPoolId']) }),
    ...(replicas.length > 0 && { Replicas: replicas }),
  };
}

/** The pool's secondary replicas with their status and tags (ListUserPoolReplicas does not show tags). */
function poolReplicas(services: Pick<Services, 'store'>, poolId: string): ConfigReplica[] {
  const replicas: ConfigReplica[] = [];
  let after = '';
  for (;;) {
    const page = services.store.userPoolReplicas.listPage(poolId, REPLICAS_PER_READ, after);
    replicas.push(
      ...page.map((r) => ({ RegionName: r.region, Status: r.status as ConfigReplica['Status'], ...(Object.keys(r.tags).length > 0 && { UserPoolTags: r.tags }) })),
    );
    if (page.length < REPLICAS_PER_READ) return replicas;
    after = page[page.length - 1]!.region;
  }
}

function provisionedLimits(services: Pick<Services, 'store'>): ConfigProvisionedLimit[] {
  return services.store.provisionedLimits.all().map((limit) => ({
    LimitDefinition: { LimitClass: limit.limitClass, Attributes: { Category: limit.category } },
    RequestedLimitValue: limit.value,
  }));
}

async function exportedPool(services: Services, invoke: Invoke, poolId: string): Promise<ConfigPool> {
  const inPool = { UserPoolId: poolId };
  const { UserPool: described } = await invoke('DescribeUserPool', inPool);
  const mfaConfig = without(await invoke('GetUserPoolMfaConfig', inPool), []);
  const domainNames = [described.Domain, described.CustomDomain].filter((d): d is string => typeof d === 'string');
  const domains: Json[] = [];
  for (const Domain of domainNames) {
    const { DomainDescription: d } = await invoke('DescribeUserPoolDomain', { Domain });
    domains.push({ Domain, ...(d.CustomDomainConfig && { CustomDomainConfig: d.CustomDomainConfig }), ...(d.ManagedLoginVersion && { ManagedLoginVersion: d.ManagedLoginVersion }) });
  }
  const servers = await allPages(invoke, 'ListResourceServers', inPool, 'ResourceServers', 50);
  const providers: Json[] = [];
  for (const { ProviderName } of await allPages(invoke, 'ListIdentityProviders', inPool, 'Providers', 60)) {
    const { IdentityProvider: p } = await invoke('DescribeIdentityProvider', { ...inPool, ProviderName });
    providers.push({ ProviderName, ProviderType: p.ProviderType, ProviderDetails: p.ProviderDetails, AttributeMapping: p.AttributeMapping, IdpIdentifiers: p.IdpIdentifiers });
  }
  const threatProtection = (described.UserPoolAddOns?.AdvancedSecurityMode ?? 'OFF') !== 'OFF';
  const clients: Json[] = [];
  for (const { ClientId } of await allPages(invoke, 'ListUserPoolClients', inPool, 'UserPoolClients', 60)) {
    const client = without((await invoke('DescribeUserPoolClient', { ...inPool, ClientId })).UserPoolClient, CLIENT_READ_ONLY);
    clients.push({ ...client, ...(await clientExtras(services, invoke, poolId, ClientId, threatProtection)) });
  }
  const clientIds = clients.map((c) => c.ClientId as string);
  const groups = await allPages(invoke, 'ListGroups', inPool, 'Groups', 60);
  return {
    Id: poolId,
    ...without(described, POOL_READ_ONLY),
    MfaConfig: mfaConfig,
    ...(domains.length > 0 && { Domains: domains }),
    ResourceServers: servers.map((s) => without(s, ['UserPoolId'])),
    IdentityProviders: providers,
    Clients: clients as ConfigClient[],
    UICustomizations: uiCustomizations(services, poolId, clientIds),
    ManagedLoginBrandings: await brandings(invoke, poolId, clientIds),
    Groups: groups.map((g) => without(g, ['UserPoolId', 'CreationDate', 'LastModifiedDate'])),
    Users: exportedUsers(services, poolId),
    ...(await poolExtras(services, invoke, poolId, threatProtection)),
  };
}

export async function exportSandbox(services: Services): Promise<SandboxConfigFile> {
  const invoke = createInvoker(services);
  const userPools: ConfigPool[] = [];
  for (const pool of services.store.pools.all()) userPools.push(await exportedPool(services, invoke, pool.id));
  const limits = provisionedLimits(services);
  return { exportedBy: 'cognito-sandbox', exported: new Date(services.clock.now()).toISOString(), userPools, ...(limits.length > 0 && { provisionedLimits: limits }) };
}

export function exportConfig(services: Services): ApiHandler<'exportConfig'> {
  return (_req, res) => {
    exportSandbox(services).then(
      (file) => {
        res.setHeader('Content-Disposition', 'attachment; filename="cognito-sandbox.config.json"');
        res.json(file);
      },
      (error: unknown) => {
        console.error('[sandbox-api] export failed:', error);
        res.status(500).json({ error: 'internal', message: 'The export failed.' });
      },
    );
  };
}
