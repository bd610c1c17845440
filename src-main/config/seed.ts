/**
 * `--config FILE`: pools, app clients, groups and users declared in a JSON file and created at
 * start, idempotently, so a team can check a reproducible sandbox into its repository.
 * Every entry goes through the same operations (and validation) as an API call. An entry that
 * already exists is left as it is; a fixed `Id` / `ClientId` makes ids stable across machines.
 */
import type { Services } from '../services.js';
import { CognitoError } from '../cognito/errors.js';
import { createInvoker, type Invoke } from '../server/aws-json/invoke.js';
import { ConfigFileError, readConfigFile, type SeedClient, type SeedPool, type SeedUser } from './config-file.js';

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

async function seedPool(services: Services, invoke: Invoke, seed: SeedPool): Promise<string> {
  const { Id, Clients = [], Groups = [], Users = [], ...createInput } = seed;
  const existing = services.store.pools.all().find((p) => (Id ? p.id === Id : p.name === seed.PoolName));
  let poolId = existing?.id;
  if (!poolId) {
    const region = Id ? Id.slice(0, Id.indexOf('_')) : services.options.region;
    const created = await createInvoker(withFixedIds(services, { poolId: Id }))('CreateUserPool', createInput, { region });
    poolId = created.UserPool.Id as string;
  }
  for (const client of Clients) await seedClient(services, invoke, poolId, client);
  for (const group of Groups) {
    const GroupName = String(group.GroupName);
    const found = await exists(() => invoke('GetGroup', { UserPoolId: poolId, GroupName }), 'ResourceNotFoundException');
    if (!found) await invoke('CreateGroup', { ...group, UserPoolId: poolId });
  }
  for (const user of Users) await seedUser(invoke, poolId, user);
  return poolId;
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
  await create('CreateUserPoolClient', { ...createInput, UserPoolId: poolId });
}

async function seedUser(invoke: Invoke, poolId: string, seed: SeedUser): Promise<void> {
  const target = { UserPoolId: poolId, Username: seed.Username };
  const found = await exists(() => invoke('AdminGetUser', target), 'UserNotFoundException');
  if (!found) {
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
      throw new ConfigFileError(`--config ${file}: userPools[${index}] (${pool.PoolName}): ${reason}`);
    }
  }
}
