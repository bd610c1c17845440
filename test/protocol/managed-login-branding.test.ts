import {
  CreateManagedLoginBrandingCommand,
  DeleteManagedLoginBrandingCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeManagedLoginBrandingByClientCommand,
  DescribeManagedLoginBrandingCommand,
  UpdateManagedLoginBrandingCommand,
  type AssetType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCall, startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const SVG = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>');
const ICO = Buffer.concat([Buffer.from([0, 0, 1, 0, 1, 0]), Buffer.alloc(16, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 3)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([30, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(18, 2)]);
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MISSING_BRANDING = '00000000-0000-4000-8000-000000000000';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

async function poolAndClient(cognito: CognitoIdentityProviderClient = sandbox.cognito): Promise<{ poolId: string; clientId: string }> {
  const poolId = await createPool(cognito, { PoolName: 'styled' });
  const { clientId } = await createClient(cognito, poolId, { ClientName: 'web' });
  return { poolId, clientId };
}

const asset = (Category: AssetType['Category'], ColorMode: AssetType['ColorMode'], Extension: AssetType['Extension'], Bytes?: Uint8Array, ResourceId?: string): AssetType => ({
  Category,
  ColorMode,
  Extension,
  ...(Bytes && { Bytes }),
  ...(ResourceId && { ResourceId }),
});

/** An answer's assets with their bytes as Buffers, for comparing. */
const assetsOf = (assets: AssetType[] | undefined) => (assets ?? []).map((a) => ({ ...a, Bytes: Buffer.from(a.Bytes ?? []) }));

describe('CreateManagedLoginBranding', () => {
  it("creates a style of Cognito's values for a client", async () => {
    const { poolId, clientId } = await poolAndClient();
    const before = Date.now();
    const { ManagedLoginBranding } = await sandbox.cognito.send(
      new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, UseCognitoProvidedValues: true }),
    );
    expect(ManagedLoginBranding).toEqual({
      ManagedLoginBrandingId: expect.stringMatching(UUID_V4),
      UserPoolId: poolId,
      UseCognitoProvidedValues: true,
      Assets: [],
      CreationDate: expect.any(Date),
      LastModifiedDate: expect.any(Date),
    });
    expect(ManagedLoginBranding!.CreationDate!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('creates a style of its own Settings and Assets, and answers the images byte for byte', async () => {
    const { poolId, clientId } = await poolAndClient();
    const Settings = { categories: { global: { colorSchemeMode: 'DARK' } }, components: { primaryButton: { lightMode: { defaults: { backgroundColor: 'ff0000ff' } } } } };
    const { ManagedLoginBranding } = await sandbox.cognito.send(
      new CreateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        Settings,
        Assets: [
          asset('PAGE_HEADER_LOGO', 'LIGHT', 'PNG', PNG, 'header-logo'),
          asset('FAVICON_SVG', 'DYNAMIC', 'SVG', SVG),
          asset('FAVICON_ICO', 'DYNAMIC', 'ICO', ICO),
          asset('PAGE_BACKGROUND', 'DARK', 'WEBP', WEBP),
          asset('FORM_LOGO', 'LIGHT', 'JPEG', JPEG),
        ],
      }),
    );
    expect(ManagedLoginBranding!.UseCognitoProvidedValues).toBe(false);
    expect(ManagedLoginBranding!.Settings).toEqual(Settings);
    expect(assetsOf(ManagedLoginBranding!.Assets)).toEqual([
      { Category: 'PAGE_HEADER_LOGO', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: PNG, ResourceId: 'header-logo' },
      { Category: 'FAVICON_SVG', ColorMode: 'DYNAMIC', Extension: 'SVG', Bytes: SVG, ResourceId: expect.stringMatching(UUID_V4) },
      { Category: 'FAVICON_ICO', ColorMode: 'DYNAMIC', Extension: 'ICO', Bytes: ICO, ResourceId: expect.stringMatching(UUID_V4) },
      { Category: 'PAGE_BACKGROUND', ColorMode: 'DARK', Extension: 'WEBP', Bytes: WEBP, ResourceId: expect.stringMatching(UUID_V4) },
      { Category: 'FORM_LOGO', ColorMode: 'LIGHT', Extension: 'JPEG', Bytes: JPEG, ResourceId: expect.stringMatching(UUID_V4) },
    ]);
  });

  it('gives a client one style: a second is ManagedLoginBrandingExistsException', async () => {
    const { poolId, clientId } = await poolAndClient();
    const { ManagedLoginBranding } = await sandbox.cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, UseCognitoProvidedValues: true }));
    await expect(sandbox.cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, Settings: {} }))).rejects.toMatchObject({
      name: 'ManagedLoginBrandingExistsException',
      message: `App client ${clientId} already has managed login branding ${ManagedLoginBranding!.ManagedLoginBrandingId}.`,
    });
  });
});

describe('CreateManagedLoginBranding refusals', () => {
  let poolId: string;
  let clientId: string;
  beforeAll(async () => {
    ({ poolId, clientId } = await poolAndClient());
  });
  const create = (input: Partial<ConstructorParameters<typeof CreateManagedLoginBrandingCommand>[0]>) =>
    sandbox.cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, ...input }));

  it('refuses an unknown pool, and a client of no pool or of another pool', async () => {
    await expect(create({ UserPoolId: 'us-east-1_Missing00' })).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'User pool us-east-1_Missing00 does not exist.' });
    await expect(create({ ClientId: 'nosuchclient0000000000000a' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient0000000000000a does not exist.',
    });
    const other = await poolAndClient();
    await expect(create({ ClientId: other.clientId })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it("refuses Cognito's values together with Settings or Assets", async () => {
    const message = 'When UseCognitoProvidedValues is true, the request must not include Settings or Assets.';
    await expect(create({ UseCognitoProvidedValues: true, Settings: {} })).rejects.toMatchObject({ name: 'InvalidParameterException', message });
    await expect(create({ UseCognitoProvidedValues: true, Assets: [asset('FORM_LOGO', 'LIGHT', 'PNG', PNG)] })).rejects.toMatchObject({ name: 'InvalidParameterException', message });
  });

  it('refuses Settings that are not a JSON object', async () => {
    for (const Settings of [[1, 2], 'dark', 7]) {
      const answer = await rawCall(sandbox.url, 'CreateManagedLoginBranding', { UserPoolId: poolId, ClientId: clientId, Settings });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ __type: 'InvalidParameterException', message: 'Settings must be a JSON object.' });
    }
  });

  it.each([
    [asset('FORM_LOGO', 'LIGHT', 'PNG', JPEG), 'The Bytes of the FORM_LOGO LIGHT asset are not a PNG image.'],
    [asset('FORM_LOGO', 'LIGHT', 'SVG', Buffer.from('<html><script>alert(1)</script></html>')), 'The Bytes of the FORM_LOGO LIGHT asset are not a SVG image.'],
    [asset('FAVICON_ICO', 'LIGHT', 'PNG', PNG), 'The FAVICON_ICO LIGHT asset cannot be PNG: FAVICON_ICO takes ICO only.'],
    [asset('FAVICON_SVG', 'DARK', 'PNG', PNG), 'The FAVICON_SVG DARK asset cannot be PNG: FAVICON_SVG takes SVG only.'],
    [asset('PAGE_BACKGROUND', 'DARK', 'ICO', ICO), 'The PAGE_BACKGROUND DARK asset cannot be ICO: ICO is for FAVICON_ICO only.'],
    [asset('FORM_LOGO', 'LIGHT', 'PNG'), "The FORM_LOGO LIGHT asset has no Bytes and names no ResourceId of the style's assets."],
  ])('refuses an asset that is not what it says (%#)', async (bad, message) => {
    await expect(create({ Assets: [bad] })).rejects.toMatchObject({ name: 'InvalidParameterException', message });
  });

  it('refuses two assets for the same category and colour mode', async () => {
    await expect(create({ Assets: [asset('FORM_LOGO', 'LIGHT', 'PNG', PNG), asset('FORM_LOGO', 'LIGHT', 'JPEG', JPEG)] })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The request has more than one FORM_LOGO LIGHT asset.',
    });
  });

  it('validates the assets as the model constrains them', async () => {
    const tooMany = Array.from({ length: 41 }, () => ({ Category: 'FORM_LOGO', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: PNG.toString('base64') }));
    const answer = await rawCall(sandbox.url, 'CreateManagedLoginBranding', { UserPoolId: poolId, ClientId: clientId, Assets: tooMany });
    expect(answer.json.__type).toBe('InvalidParameterException');
    expect(answer.json.message).toContain("at 'assets' failed to satisfy constraint: Member must have length less than or equal to 40");

    const badEnums = await rawCall(sandbox.url, 'CreateManagedLoginBranding', {
      UserPoolId: poolId,
      ClientId: clientId,
      Assets: [{ Category: 'BANNER', ColorMode: 'SEPIA', Extension: 'GIF', ResourceId: 'bad/id' }],
    });
    expect(badEnums.json).toEqual({
      __type: 'InvalidParameterException',
      message:
        "4 validation errors detected: Value 'BANNER' at 'assets.1.member.category' failed to satisfy constraint: Member must satisfy enum value set: [FAVICON_ICO, FAVICON_SVG, EMAIL_GRAPHIC, SMS_GRAPHIC, AUTH_APP_GRAPHIC, PASSWORD_GRAPHIC, PASSKEY_GRAPHIC, PAGE_HEADER_LOGO, PAGE_HEADER_BACKGROUND, PAGE_FOOTER_LOGO, PAGE_FOOTER_BACKGROUND, PAGE_BACKGROUND, FORM_BACKGROUND, FORM_LOGO, IDP_BUTTON_ICON]; " +
        "Value 'SEPIA' at 'assets.1.member.colorMode' failed to satisfy constraint: Member must satisfy enum value set: [LIGHT, DARK, DYNAMIC]; " +
        "Value 'GIF' at 'assets.1.member.extension' failed to satisfy constraint: Member must satisfy enum value set: [ICO, JPEG, PNG, SVG, WEBP]; " +
        "Value 'bad/id' at 'assets.1.member.resourceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\w\\- ]+$",
    });

    const missing = await rawCall(sandbox.url, 'CreateManagedLoginBranding', { UserPoolId: poolId, Assets: [{}] });
    expect(missing.json.message).toMatch(/^4 validation errors detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null/);
  });

  it('creates nothing when it refuses', async () => {
    await expect(create({ Assets: [asset('FORM_LOGO', 'LIGHT', 'PNG', JPEG)] })).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(sandbox.cognito.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: clientId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `App client ${clientId} has no managed login branding.`,
    });
  });
});

describe('UpdateManagedLoginBranding', () => {
  it("merges Settings into the style's, replaces the assets of the same slot and keeps the others", async () => {
    const { poolId, clientId } = await poolAndClient();
    const { ManagedLoginBranding: created } = await sandbox.cognito.send(
      new CreateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        Settings: { categories: { global: { colorSchemeMode: 'DARK', spacingDensity: 'COMPACT' } }, componentClasses: { buttons: { borderRadius: 4 } } },
        Assets: [asset('FORM_LOGO', 'LIGHT', 'PNG', PNG, 'logo-light'), asset('FORM_LOGO', 'DARK', 'PNG', PNG, 'logo-dark')],
      }),
    );
    const id = created!.ManagedLoginBrandingId!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { ManagedLoginBranding: updated } = await sandbox.cognito.send(
      new UpdateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ManagedLoginBrandingId: id,
        Settings: { categories: { global: { colorSchemeMode: 'LIGHT' } }, components: { favicon: { enabledTypes: ['SVG'] } } },
        Assets: [asset('FORM_LOGO', 'DARK', 'JPEG', JPEG, 'logo-dark-2')],
      }),
    );
    expect(updated!.Settings).toEqual({
      categories: { global: { colorSchemeMode: 'LIGHT', spacingDensity: 'COMPACT' } },
      componentClasses: { buttons: { borderRadius: 4 } },
      components: { favicon: { enabledTypes: ['SVG'] } },
    });
    expect(assetsOf(updated!.Assets)).toEqual([
      { Category: 'FORM_LOGO', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: PNG, ResourceId: 'logo-light' },
      { Category: 'FORM_LOGO', ColorMode: 'DARK', Extension: 'JPEG', Bytes: JPEG, ResourceId: 'logo-dark-2' },
    ]);
    expect(updated!.CreationDate).toEqual(created!.CreationDate);
    expect(updated!.LastModifiedDate!.getTime()).toBeGreaterThan(created!.LastModifiedDate!.getTime());
  });

  it("moves an asset to another slot by its ResourceId, keeping its bytes, and goes back to Cognito's values", async () => {
    const { poolId, clientId } = await poolAndClient();
    const { ManagedLoginBranding: created } = await sandbox.cognito.send(
      new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, Settings: { a: 1 }, Assets: [asset('FORM_LOGO', 'LIGHT', 'PNG', PNG, 'logo')] }),
    );
    const id = created!.ManagedLoginBrandingId!;
    const moved = await sandbox.cognito.send(
      new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id, Assets: [asset('FORM_LOGO', 'DYNAMIC', 'PNG', undefined, 'logo')] }),
    );
    expect(assetsOf(moved.ManagedLoginBranding!.Assets)).toEqual([
      { Category: 'FORM_LOGO', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: PNG, ResourceId: 'logo' },
      { Category: 'FORM_LOGO', ColorMode: 'DYNAMIC', Extension: 'PNG', Bytes: PNG, ResourceId: 'logo' },
    ]);
    await expect(
      sandbox.cognito.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id, Assets: [asset('PAGE_BACKGROUND', 'DARK', 'JPEG', undefined, 'logo')] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'The PAGE_BACKGROUND DARK asset names ResourceId logo, a PNG image, as JPEG.' });

    const reset = await sandbox.cognito.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id, UseCognitoProvidedValues: true }));
    expect(reset.ManagedLoginBranding).toMatchObject({ UseCognitoProvidedValues: true, Assets: [] });
    expect(reset.ManagedLoginBranding!.Settings).toBeUndefined();
  });

  it('refuses an unknown style, a malformed id, and a request without the ids', async () => {
    const { poolId } = await poolAndClient();
    await expect(
      sandbox.cognito.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: MISSING_BRANDING, Settings: {} })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `Managed login branding ${MISSING_BRANDING} does not exist in user pool ${poolId}.` });
    await expect(sandbox.cognito.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: 'not-a-uuid' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining("Value 'not-a-uuid' at 'managedLoginBrandingId' failed to satisfy constraint: Member must satisfy regular expression pattern"),
    });
    const answer = await rawCall(sandbox.url, 'UpdateManagedLoginBranding', { Settings: {} });
    expect(answer.json.__type).toBe('InvalidParameterException');
  });
});

describe('DescribeManagedLoginBranding and DescribeManagedLoginBrandingByClient', () => {
  it("answers the style by id and by client; ReturnMergedResources puts the style's values over Cognito's", async () => {
    const { poolId, clientId } = await poolAndClient();
    const { ManagedLoginBranding: created } = await sandbox.cognito.send(
      new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, Settings: { categories: { global: { colorSchemeMode: 'DARK' } } } }),
    );
    const id = created!.ManagedLoginBrandingId!;
    const byId = await sandbox.cognito.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id }));
    expect(byId.ManagedLoginBranding).toEqual(created);
    const byClient = await sandbox.cognito.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(byClient.ManagedLoginBranding).toEqual(created);

    const mergedById = await sandbox.cognito.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id, ReturnMergedResources: true }));
    const settings = mergedById.ManagedLoginBranding!.Settings as any;
    expect(settings.categories.global).toEqual({ colorSchemeMode: 'DARK', pageFooter: { enabled: false }, pageHeader: { enabled: false }, spacingDensity: 'REGULAR' });
    expect(settings.components.primaryButton.lightMode.defaults.backgroundColor).toBe('0972d3ff');
    const mergedByClient = await sandbox.cognito.send(
      new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: clientId, ReturnMergedResources: true }),
    );
    expect(mergedByClient.ManagedLoginBranding!.Settings).toEqual(settings);
  });

  it('refuses an unknown style, an unknown client and a client without a style', async () => {
    const { poolId, clientId } = await poolAndClient();
    await expect(sandbox.cognito.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: MISSING_BRANDING }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(
      sandbox.cognito.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: 'nosuchclient0000000000000a' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'User pool client nosuchclient0000000000000a does not exist.' });
    await expect(sandbox.cognito.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: clientId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `App client ${clientId} has no managed login branding.`,
    });
  });

  it("does not find another pool's style by its id", async () => {
    const first = await poolAndClient();
    const second = await poolAndClient();
    const { ManagedLoginBranding } = await sandbox.cognito.send(
      new CreateManagedLoginBrandingCommand({ UserPoolId: first.poolId, ClientId: first.clientId, UseCognitoProvidedValues: true }),
    );
    await expect(
      sandbox.cognito.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: second.poolId, ManagedLoginBrandingId: ManagedLoginBranding!.ManagedLoginBrandingId })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('DeleteManagedLoginBranding', () => {
  it('deletes the style, after which the client may have a new one', async () => {
    const { poolId, clientId } = await poolAndClient();
    const { ManagedLoginBranding } = await sandbox.cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, UseCognitoProvidedValues: true }));
    const id = ManagedLoginBranding!.ManagedLoginBrandingId!;
    await sandbox.cognito.send(new DeleteManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id }));
    await expect(sandbox.cognito.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(sandbox.cognito.send(new DeleteManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Managed login branding ${id} does not exist in user pool ${poolId}.`,
    });
    const again = await sandbox.cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, UseCognitoProvidedValues: true }));
    expect(again.ManagedLoginBranding!.ManagedLoginBrandingId).not.toBe(id);
  });
});

describe('cleanup', () => {
  it('goes with its client and with its pool', async () => {
    const store = sandbox.app.store;
    const { poolId, clientId } = await poolAndClient();
    const { clientId: second } = await createClient(sandbox.cognito, poolId, { ClientName: 'second' });
    const { ManagedLoginBranding: first } = await sandbox.cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, UseCognitoProvidedValues: true }));
    const { ManagedLoginBranding: other } = await sandbox.cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: second, UseCognitoProvidedValues: true }));

    await sandbox.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    await expect(
      sandbox.cognito.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: first!.ManagedLoginBrandingId })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(store.managedLoginBrandings.find(poolId, other!.ManagedLoginBrandingId!)).toBeDefined();

    await sandbox.cognito.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
    expect(store.managedLoginBrandings.find(poolId, other!.ManagedLoginBrandingId!)).toBeUndefined();
  });
});

describe('durability', () => {
  it('keeps a style, its settings and its images across a restart', async () => {
    const dataDir = tempDir();
    const first = await startSandbox({ dataDir });
    const { poolId, clientId } = await poolAndClient(first.cognito);
    const { ManagedLoginBranding: created } = await first.cognito.send(
      new CreateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        Settings: { categories: { global: { colorSchemeMode: 'DARK' } } },
        Assets: [asset('PAGE_HEADER_LOGO', 'DYNAMIC', 'PNG', PNG)],
      }),
    );
    await first.close();

    const second = await startSandbox({ dataDir });
    try {
      const { ManagedLoginBranding } = await second.cognito.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: clientId }));
      expect({ ...ManagedLoginBranding, Assets: assetsOf(ManagedLoginBranding!.Assets) }).toEqual({ ...created, Assets: assetsOf(created!.Assets) });
    } finally {
      await second.close();
    }
  });
});
