import {
  CreateResourceServerCommand,
  DeleteResourceServerCommand,
  DescribeResourceServerCommand,
  ListResourceServersCommand,
  UpdateResourceServerCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { storedPools } from '../support/world.js';

const MISSING_POOL = 'us-east-1_Missing00';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

/** A pool straight in the store: these tests are about resource servers, not pool creation. */
const newPool = storedPools(() => sandbox.app.store, 'RsPool');

const photos = {
  Identifier: 'https://photos.example.com',
  Name: 'Photos API',
  Scopes: [
    { ScopeName: 'photos.read', ScopeDescription: 'Read photos' },
    { ScopeName: 'photos.write', ScopeDescription: 'Upload photos' },
  ],
};

describe('CreateResourceServer', () => {
  let poolId: string;
  beforeAll(() => {
    poolId = newPool();
  });

  it('creates a server with its scopes and returns it', async () => {
    const { ResourceServer } = await sandbox.cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, ...photos }));
    expect(ResourceServer).toEqual({ UserPoolId: poolId, ...photos });
  });

  it('creates a server without scopes', async () => {
    const { ResourceServer } = await sandbox.cognito.send(
      new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'solar-system-data', Name: 'Solar' }),
    );
    expect(ResourceServer).toEqual({ UserPoolId: poolId, Identifier: 'solar-system-data', Name: 'Solar', Scopes: [] });
  });

  it('refuses an identifier the pool already has', async () => {
    await expect(sandbox.cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, ...photos }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `https://photos.example.com already exists in user pool ${poolId}.`,
    });
  });

  it('allows the same identifier in another pool', async () => {
    const other = newPool();
    const { ResourceServer } = await sandbox.cognito.send(new CreateResourceServerCommand({ UserPoolId: other, ...photos }));
    expect(ResourceServer!.UserPoolId).toBe(other);
  });

  it('refuses a scope name given twice', async () => {
    await expect(
      sandbox.cognito.send(
        new CreateResourceServerCommand({
          UserPoolId: poolId,
          Identifier: 'dupes',
          Name: 'Dupes',
          Scopes: [
            { ScopeName: 'read', ScopeDescription: 'one' },
            { ScopeName: 'read', ScopeDescription: 'two' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Duplicate scope name: read.' });
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expect(sandbox.cognito.send(new CreateResourceServerCommand({ UserPoolId: MISSING_POOL, ...photos }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool ${MISSING_POOL} does not exist.`,
    });
  });

  it('validates identifier, name and scope names against the model', async () => {
    await expect(
      sandbox.cognito.send(
        new CreateResourceServerCommand({
          UserPoolId: poolId,
          Identifier: 'has space',
          Name: 'Bad!',
          Scopes: [{ ScopeName: 'a/b', ScopeDescription: 'slash' }],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        "3 validation errors detected: Value 'has space' at 'identifier' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\x21\\x23-\\x5B\\x5D-\\x7E]+; " +
        "Value 'Bad!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+; " +
        "Value 'a/b' at 'scopes.1.member.scopeName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+",
    });
  });

  it('requires every scope to have a name and a description', async () => {
    const r = await rawCall(sandbox.url, 'CreateResourceServer', {
      UserPoolId: poolId,
      Identifier: 'x',
      Name: 'X',
      Scopes: [{ ScopeName: 'read' }],
    });
    expect(r.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'scopes.1.member.scopeDescription' failed to satisfy constraint: Member must not be null",
    });
  });

  it('allows at most 100 scopes', async () => {
    const scopes = (count: number) => Array.from({ length: count }, (_, i) => ({ ScopeName: `s${i}`, ScopeDescription: `scope ${i}` }));
    const { ResourceServer } = await sandbox.cognito.send(
      new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'hundred', Name: 'Hundred', Scopes: scopes(100) }),
    );
    expect(ResourceServer!.Scopes).toHaveLength(100);
    await expect(
      sandbox.cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'too-many', Name: 'Too many', Scopes: scopes(101) })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/^1 validation error detected: Value '\[.*\]' at 'scopes' failed to satisfy constraint: Member must have length less than or equal to 100$/),
    });
  });
});

describe('DescribeResourceServer', () => {
  let poolId: string;
  beforeAll(async () => {
    poolId = newPool();
    await sandbox.cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, ...photos }));
  });

  it('returns the server', async () => {
    const { ResourceServer } = await sandbox.cognito.send(
      new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: photos.Identifier }),
    );
    expect(ResourceServer).toEqual({ UserPoolId: poolId, ...photos });
  });

  it('answers ResourceNotFoundException for an unknown identifier', async () => {
    await expect(
      sandbox.cognito.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'nope' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Resource server nope does not exist.' });
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expect(
      sandbox.cognito.send(new DescribeResourceServerCommand({ UserPoolId: MISSING_POOL, Identifier: photos.Identifier })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `User pool ${MISSING_POOL} does not exist.` });
  });
});

describe('UpdateResourceServer', () => {
  let poolId: string;
  beforeAll(async () => {
    poolId = newPool();
    await sandbox.cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, ...photos }));
  });

  it('replaces the name and the whole scope list', async () => {
    const Scopes = [{ ScopeName: 'photos.admin', ScopeDescription: 'Administer' }];
    const { ResourceServer } = await sandbox.cognito.send(
      new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: photos.Identifier, Name: 'Photos v2', Scopes }),
    );
    expect(ResourceServer).toEqual({ UserPoolId: poolId, Identifier: photos.Identifier, Name: 'Photos v2', Scopes });
    const described = await sandbox.cognito.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: photos.Identifier }));
    expect(described.ResourceServer).toEqual(ResourceServer);
  });

  it('removes every scope when Scopes is omitted', async () => {
    const { ResourceServer } = await sandbox.cognito.send(
      new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: photos.Identifier, Name: 'Photos v3' }),
    );
    expect(ResourceServer!.Scopes).toEqual([]);
  });

  it('answers ResourceNotFoundException for an unknown identifier', async () => {
    await expect(
      sandbox.cognito.send(new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: 'nope', Name: 'N' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Resource server nope does not exist.' });
  });

  it('requires Name', async () => {
    const r = await rawCall(sandbox.url, 'UpdateResourceServer', { UserPoolId: poolId, Identifier: photos.Identifier });
    expect(r.json).toEqual({
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    });
  });
});

describe('DeleteResourceServer', () => {
  let poolId: string;
  beforeAll(async () => {
    poolId = newPool();
    await sandbox.cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, ...photos }));
  });

  it('deletes the server, after which it is gone', async () => {
    const output = await sandbox.cognito.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: photos.Identifier }));
    expect(output.$metadata.httpStatusCode).toBe(200);
    await expect(
      sandbox.cognito.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: photos.Identifier })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('answers ResourceNotFoundException for an unknown identifier', async () => {
    await expect(
      sandbox.cognito.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: photos.Identifier })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `Resource server ${photos.Identifier} does not exist.` });
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expect(
      sandbox.cognito.send(new DeleteResourceServerCommand({ UserPoolId: MISSING_POOL, Identifier: 'x' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `User pool ${MISSING_POOL} does not exist.` });
  });
});

describe('ListResourceServers', () => {
  let poolId: string;
  const identifiers = Array.from({ length: 7 }, (_, i) => `api-${i}`);
  beforeAll(async () => {
    poolId = newPool();
    for (const Identifier of [...identifiers].reverse()) {
      await sandbox.cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier, Name: Identifier }));
    }
  });

  async function listAll(MaxResults?: number): Promise<{ identifiers: string[]; pageSizes: number[] }> {
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let NextToken: string | undefined;
    do {
      const page = await sandbox.cognito.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults, NextToken }));
      seen.push(...page.ResourceServers!.map((s) => s.Identifier!));
      pageSizes.push(page.ResourceServers!.length);
      NextToken = page.NextToken;
    } while (NextToken);
    return { identifiers: seen, pageSizes };
  }

  it('lists every server in identifier order in one page by default', async () => {
    const page = await sandbox.cognito.send(new ListResourceServersCommand({ UserPoolId: poolId }));
    expect(page.ResourceServers!.map((s) => s.Identifier)).toEqual(identifiers);
    expect(page.ResourceServers![0]).toEqual({ UserPoolId: poolId, Identifier: 'api-0', Name: 'api-0', Scopes: [] });
    expect(page.NextToken).toBeUndefined();
  });

  it('pages with MaxResults and NextToken', async () => {
    expect(await listAll(3)).toEqual({ identifiers, pageSizes: [3, 3, 1] });
    expect(await listAll(7)).toEqual({ identifiers, pageSizes: [7] });
  });

  it('lists an empty pool as an empty list', async () => {
    const page = await sandbox.cognito.send(new ListResourceServersCommand({ UserPoolId: newPool(), MaxResults: 10 }));
    expect(page.ResourceServers).toEqual([]);
  });

  it('refuses MaxResults outside 1..50', async () => {
    await expect(sandbox.cognito.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 51 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
    });
    await expect(sandbox.cognito.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 0 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
  });

  it('refuses a token from another listing', async () => {
    const first = await sandbox.cognito.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 1 }));
    const other = newPool();
    await expect(
      sandbox.cognito.send(new ListResourceServersCommand({ UserPoolId: other, MaxResults: 1, NextToken: first.NextToken })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid pagination token.' });
    await expect(
      sandbox.cognito.send(new ListResourceServersCommand({ UserPoolId: poolId, NextToken: 'garbage' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid pagination token.' });
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expect(sandbox.cognito.send(new ListResourceServersCommand({ UserPoolId: MISSING_POOL }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool ${MISSING_POOL} does not exist.`,
    });
  });
});

describe('scopeNames (the contract app clients use)', () => {
  it('lists every custom scope of the pool as identifier/scopeName', async () => {
    const poolId = newPool();
    await sandbox.cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, ...photos }));
    await sandbox.cognito.send(
      new CreateResourceServerCommand({
        UserPoolId: poolId,
        Identifier: 'billing',
        Name: 'Billing',
        Scopes: [{ ScopeName: 'invoices', ScopeDescription: 'Invoices' }],
      }),
    );
    expect(sandbox.app.store.resourceServers.scopeNames(poolId)).toEqual([
      'billing/invoices',
      'https://photos.example.com/photos.read',
      'https://photos.example.com/photos.write',
    ]);
    expect(sandbox.app.store.resourceServers.scopeNames(newPool())).toEqual([]);
  });
});
