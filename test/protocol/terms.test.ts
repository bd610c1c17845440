import {
  CreateTermsCommand,
  DeleteTermsCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeTermsByClientCommand,
  DescribeTermsCommand,
  ListTermsCommand,
  UpdateTermsCommand,
  type CognitoIdentityProviderClient,
  type CreateTermsCommandInput,
  type TermsDescriptionType,
  type TermsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { termsFor } from '../../src-main/cognito/ui-customization.js';
import { rawCall, startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MISSING_TERMS = '00000000-0000-4000-8000-000000000000';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

async function poolAndClient(cognito: CognitoIdentityProviderClient = sandbox.cognito): Promise<{ poolId: string; clientId: string }> {
  const poolId = await createPool(cognito, { PoolName: 'legal' });
  const { clientId } = await createClient(cognito, poolId, { ClientName: 'web' });
  return { poolId, clientId };
}

const termsOfUse = (poolId: string, clientId: string, extra: Partial<CreateTermsCommandInput> = {}): CreateTermsCommandInput => ({
  UserPoolId: poolId,
  ClientId: clientId,
  TermsName: 'terms-of-use',
  TermsSource: 'LINK',
  Enforcement: 'NONE',
  Links: { 'cognito:default': 'https://example.com/terms', 'cognito:french': 'https://example.com/fr/terms' },
  ...extra,
});

describe('CreateTerms', () => {
  it('creates a terms document and answers it', async () => {
    const { poolId, clientId } = await poolAndClient();
    const { Terms } = await sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId)));
    expect(Terms).toEqual({
      TermsId: expect.stringMatching(UUID_V4),
      UserPoolId: poolId,
      ClientId: clientId,
      TermsName: 'terms-of-use',
      TermsSource: 'LINK',
      Enforcement: 'NONE',
      Links: { 'cognito:default': 'https://example.com/terms', 'cognito:french': 'https://example.com/fr/terms' },
      CreationDate: expect.any(Date),
      LastModifiedDate: expect.any(Date),
    });
  });

  it("takes one document of each name per client (TermsExistsException), the same name in another client", async () => {
    const { poolId, clientId } = await poolAndClient();
    await sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId)));
    await sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId, { TermsName: 'privacy-policy' })));
    await expect(sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId)))).rejects.toMatchObject({
      name: 'TermsExistsException',
      message: `App client ${clientId} already has terms named terms-of-use.`,
    });
    const { clientId: other } = await createClient(sandbox.cognito, poolId, { ClientName: 'other' });
    await expect(sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, other)))).resolves.toBeDefined();
  });

  it('takes no links, and an http link on localhost', async () => {
    const { poolId, clientId } = await poolAndClient();
    const bare = await sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId, { Links: undefined })));
    expect(bare.Terms!.Links).toEqual({});
    const local = await sandbox.cognito.send(
      new CreateTermsCommand(termsOfUse(poolId, clientId, { TermsName: 'privacy-policy', Links: { 'cognito:default': 'http://localhost:3000/privacy' } })),
    );
    expect(local.Terms!.Links).toEqual({ 'cognito:default': 'http://localhost:3000/privacy' });
  });
});

describe('CreateTerms refusals', () => {
  let poolId: string;
  let clientId: string;
  beforeAll(async () => {
    ({ poolId, clientId } = await poolAndClient());
  });

  it('refuses an unknown pool, and a client of no pool or of another pool', async () => {
    await expect(sandbox.cognito.send(new CreateTermsCommand(termsOfUse('us-east-1_Missing00', clientId)))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_Missing00 does not exist.',
    });
    await expect(sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, 'nosuchclient0000000000000a')))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient0000000000000a does not exist.',
    });
    const other = await poolAndClient();
    await expect(sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, other.clientId)))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('validates the name, source, enforcement and links as the model constrains them', async () => {
    const answer = await rawCall(sandbox.url, 'CreateTerms', {
      UserPoolId: poolId,
      ClientId: clientId,
      TermsName: 'eula',
      TermsSource: 'FILE',
      Enforcement: 'REQUIRED',
      Links: { 'cognito:klingon': 'https://example.com/tlh', 'cognito:default': 'has spaces in it' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      __type: 'InvalidParameterException',
      message:
        "5 validation errors detected: Value 'eula' at 'termsName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(terms-of-use|privacy-policy)$; " +
        "Value 'FILE' at 'termsSource' failed to satisfy constraint: Member must satisfy enum value set: [LINK]; " +
        "Value 'REQUIRED' at 'enforcement' failed to satisfy constraint: Member must satisfy enum value set: [NONE]; " +
        "Value 'cognito:klingon' at 'links.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ^cognito:(default|dutch|english|french|spanish|german|bahasa-indonesia|italian|japanese|korean|portuguese-brazil|chinese-(simplified|traditional))$; " +
        "Value 'has spaces in it' at 'links.cognito:default' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$",
    });
    const missing = await rawCall(sandbox.url, 'CreateTerms', { UserPoolId: poolId });
    expect(missing.json.message).toMatch(/^4 validation errors detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null/);
  });

  it('refuses a link that is not an https URL', async () => {
    for (const link of ['http://example.com/terms', 'ftp://example.com/terms', 'example.com/terms', 'javascript:alert(1)']) {
      await expect(sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId, { Links: { 'cognito:default': link } })))).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: `The link for cognito:default must be an https URL: ${link}`,
      });
    }
    await expect(sandbox.cognito.send(new ListTermsCommand({ UserPoolId: poolId }))).resolves.toMatchObject({ Terms: [] });
  });
});

describe('UpdateTerms', () => {
  it('changes what the request names and replaces the links whole', async () => {
    const { poolId, clientId } = await poolAndClient();
    const { Terms: created } = await sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId)));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { Terms } = await sandbox.cognito.send(
      new UpdateTermsCommand({ UserPoolId: poolId, TermsId: created!.TermsId, Links: { 'cognito:default': 'https://example.com/terms-v2' } }),
    );
    expect(Terms).toEqual({ ...created, Links: { 'cognito:default': 'https://example.com/terms-v2' }, LastModifiedDate: expect.any(Date) });
    expect(Terms!.LastModifiedDate!.getTime()).toBeGreaterThan(created!.LastModifiedDate!.getTime());

    const renamed = await sandbox.cognito.send(new UpdateTermsCommand({ UserPoolId: poolId, TermsId: created!.TermsId, TermsName: 'privacy-policy' }));
    expect(renamed.Terms).toMatchObject({ TermsName: 'privacy-policy', Links: { 'cognito:default': 'https://example.com/terms-v2' } });
  });

  it("refuses a name the client's other document has, an unknown document and a bad link", async () => {
    const { poolId, clientId } = await poolAndClient();
    const { Terms } = await sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId)));
    await sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId, { TermsName: 'privacy-policy' })));
    await expect(sandbox.cognito.send(new UpdateTermsCommand({ UserPoolId: poolId, TermsId: Terms!.TermsId, TermsName: 'privacy-policy' }))).rejects.toMatchObject({
      name: 'TermsExistsException',
    });
    await expect(sandbox.cognito.send(new UpdateTermsCommand({ UserPoolId: poolId, TermsId: Terms!.TermsId, TermsName: 'terms-of-use' }))).resolves.toBeDefined();
    await expect(sandbox.cognito.send(new UpdateTermsCommand({ UserPoolId: poolId, TermsId: MISSING_TERMS }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Terms ${MISSING_TERMS} do not exist in user pool ${poolId}.`,
    });
    await expect(
      sandbox.cognito.send(new UpdateTermsCommand({ UserPoolId: poolId, TermsId: Terms!.TermsId, Links: { 'cognito:default': 'http://example.com' } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const { Terms: unchanged } = await sandbox.cognito.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: Terms!.TermsId }));
    expect(unchanged!.Links).toEqual(Terms!.Links);
  });
});

describe('DescribeTerms, DescribeTermsByClient and ListTerms', () => {
  it('answers a document by id and by client and name', async () => {
    const { poolId, clientId } = await poolAndClient();
    const { Terms } = await sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId)));
    expect((await sandbox.cognito.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: Terms!.TermsId }))).Terms).toEqual(Terms);
    expect((await sandbox.cognito.send(new DescribeTermsByClientCommand({ UserPoolId: poolId, ClientId: clientId, TermsName: 'terms-of-use' }))).Terms).toEqual(Terms);
  });

  it('refuses what does not exist', async () => {
    const { poolId, clientId } = await poolAndClient();
    await expect(sandbox.cognito.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: MISSING_TERMS }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(sandbox.cognito.send(new DescribeTermsByClientCommand({ UserPoolId: poolId, ClientId: clientId, TermsName: 'privacy-policy' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `App client ${clientId} has no terms named privacy-policy.`,
    });
    await expect(
      sandbox.cognito.send(new DescribeTermsByClientCommand({ UserPoolId: poolId, ClientId: 'nosuchclient0000000000000a', TermsName: 'privacy-policy' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'User pool client nosuchclient0000000000000a does not exist.' });
    await expect(sandbox.cognito.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: 'terms-1' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining("Value 'terms-1' at 'termsId' failed to satisfy constraint"),
    });
  });

  it("lists a pool's documents a page at a time", async () => {
    const { poolId, clientId } = await poolAndClient();
    const { clientId: other } = await createClient(sandbox.cognito, poolId, { ClientName: 'other' });
    const created: TermsType[] = [];
    for (const [client, TermsName] of [
      [clientId, 'terms-of-use'],
      [clientId, 'privacy-policy'],
      [other, 'terms-of-use'],
    ] as const) {
      created.push((await sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, client, { TermsName })))).Terms!);
    }
    const seen: TermsDescriptionType[] = [];
    let NextToken: string | undefined;
    do {
      const page = await sandbox.cognito.send(new ListTermsCommand({ UserPoolId: poolId, MaxResults: 2, NextToken }));
      expect(page.Terms!.length).toBeLessThanOrEqual(2);
      seen.push(...page.Terms!);
      NextToken = page.NextToken;
    } while (NextToken);
    expect(seen.map((t) => t.TermsId).sort()).toEqual(created.map((t) => t.TermsId).sort());
    expect(seen.find((t) => t.TermsId === created[0]!.TermsId)).toEqual({
      TermsId: created[0]!.TermsId,
      TermsName: 'terms-of-use',
      Enforcement: 'NONE',
      CreationDate: created[0]!.CreationDate,
      LastModifiedDate: created[0]!.LastModifiedDate,
    });

    await expect(sandbox.cognito.send(new ListTermsCommand({ UserPoolId: poolId, NextToken: 'forged' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid pagination token.',
    });
    await expect(sandbox.cognito.send(new ListTermsCommand({ UserPoolId: poolId, MaxResults: 61 }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(sandbox.cognito.send(new ListTermsCommand({ UserPoolId: 'us-east-1_Missing00' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('DeleteTerms', () => {
  it('deletes a document, after which the name is free again', async () => {
    const { poolId, clientId } = await poolAndClient();
    const { Terms } = await sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId)));
    await sandbox.cognito.send(new DeleteTermsCommand({ UserPoolId: poolId, TermsId: Terms!.TermsId }));
    await expect(sandbox.cognito.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: Terms!.TermsId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(sandbox.cognito.send(new DeleteTermsCommand({ UserPoolId: poolId, TermsId: Terms!.TermsId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId)))).resolves.toBeDefined();
  });
});

describe('what the sign-up page shows (termsFor)', () => {
  it("links both documents once both exist, in the page's language where they have it, else their default", async () => {
    const { poolId, clientId } = await poolAndClient();
    const store = sandbox.app.store;
    await sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId)));
    expect(termsFor(store, poolId, clientId)).toBeUndefined();
    await sandbox.cognito.send(
      new CreateTermsCommand(termsOfUse(poolId, clientId, { TermsName: 'privacy-policy', Links: { 'cognito:default': 'https://example.com/privacy' } })),
    );
    expect(termsFor(store, poolId, clientId)).toEqual({ termsOfUse: 'https://example.com/terms', privacyPolicy: 'https://example.com/privacy' });
    expect(termsFor(store, poolId, clientId, 'fr')).toEqual({ termsOfUse: 'https://example.com/fr/terms', privacyPolicy: 'https://example.com/privacy' });
    expect(termsFor(store, poolId, clientId, 'ja')).toEqual(termsFor(store, poolId, clientId));
  });

  it('shows nothing when a document has no link for the language and no default', async () => {
    const { poolId, clientId } = await poolAndClient();
    await sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId)));
    await sandbox.cognito.send(
      new CreateTermsCommand(termsOfUse(poolId, clientId, { TermsName: 'privacy-policy', Links: { 'cognito:french': 'https://example.com/fr/privacy' } })),
    );
    expect(termsFor(sandbox.app.store, poolId, clientId)).toBeUndefined();
    expect(termsFor(sandbox.app.store, poolId, clientId, 'fr')).toEqual({ termsOfUse: 'https://example.com/fr/terms', privacyPolicy: 'https://example.com/fr/privacy' });
  });
});

describe('cleanup', () => {
  it('goes with its client and with its pool', async () => {
    const store = sandbox.app.store;
    const { poolId, clientId } = await poolAndClient();
    const { clientId: other } = await createClient(sandbox.cognito, poolId, { ClientName: 'other' });
    const { Terms: gone } = await sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId)));
    const { Terms: kept } = await sandbox.cognito.send(new CreateTermsCommand(termsOfUse(poolId, other)));

    await sandbox.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    await expect(sandbox.cognito.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: gone!.TermsId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect((await sandbox.cognito.send(new ListTermsCommand({ UserPoolId: poolId }))).Terms!.map((t) => t.TermsId)).toEqual([kept!.TermsId]);

    await sandbox.cognito.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
    expect(store.terms.find(poolId, kept!.TermsId!)).toBeUndefined();
  });
});

describe('durability', () => {
  it('keeps the documents across a restart', async () => {
    const dataDir = tempDir();
    const first = await startSandbox({ dataDir });
    const { poolId, clientId } = await poolAndClient(first.cognito);
    const { Terms } = await first.cognito.send(new CreateTermsCommand(termsOfUse(poolId, clientId)));
    await first.close();

    const second = await startSandbox({ dataDir });
    try {
      expect((await second.cognito.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: Terms!.TermsId }))).Terms).toEqual(Terms);
    } finally {
      await second.close();
    }
  });
});
