import {
  CreateUserPoolDomainCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  GetUICustomizationCommand,
  SetUICustomizationCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMIZABLE_SELECTORS } from '../../src-main/cognito/hosted-ui-css.js';
import { uiCustomizationFor } from '../../src-main/cognito/ui-customization.js';
import { rawCall, startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';

/** A 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A file that starts as a JPEG does, `size` bytes long. */
const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 7)]);
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** The CSS of the API reference's SetUICustomization example: Cognito's whole template. */
const TEMPLATE_CSS = `.logo-customizable {\n\tmax-width: 60%;\n\tmax-height: 30%;\n}\n.banner-customizable {\n\tpadding: 25px 0px 25px 0px;\n\tbackground-color: lightgray;\n}\n.label-customizable {\n\tfont-weight: 400;\n}\n.textDescription-customizable {\n\tpadding-top: 10px;\n\tpadding-bottom: 10px;\n\tdisplay: block;\n\tfont-size: 16px;\n}\n.idpDescription-customizable {\n\tpadding-top: 10px;\n\tpadding-bottom: 10px;\n\tdisplay: block;\n\tfont-size: 16px;\n}\n.legalText-customizable {\n\tcolor: #747474;\n\tfont-size: 11px;\n}\n.submitButton-customizable {\n\tfont-size: 11px;\n\tfont-weight: normal;\n\tmargin: 20px -15px 10px -13px;\n\theight: 40px;\n\twidth: 108%;\n\tcolor: #fff;\n\tbackground-color: #337ab7;\n\ttext-align: center;\n}\n.submitButton-customizable:hover {\n\tcolor: #fff;\n\tbackground-color: #286090;\n}\n.errorMessage-customizable {\n\tpadding: 5px;\n\tfont-size: 14px;\n\twidth: 100%;\n\tbackground: #F5F5F5;\n\tborder: 2px solid #D64958;\n\tcolor: #D64958;\n}\n.inputField-customizable {\n\twidth: 100%;\n\theight: 34px;\n\tcolor: #555;\n\tbackground-color: #fff;\n\tborder: 1px solid #ccc;\n\tborder-radius: 0px;\n}\n.inputField-customizable:focus {\n\tborder-color: #66afe9;\n\toutline: 0;\n}\n.idpButton-customizable {\n\theight: 40px;\n\twidth: 100%;\n\twidth: 100%;\n\ttext-align: center;\n\tmargin-bottom: 15px;\n\tcolor: #fff;\n\tbackground-color: #5bc0de;\n\tborder-color: #46b8da;\n}\n.idpButton-customizable:hover {\n\tcolor: #fff;\n\tbackground-color: #31b0d5;\n}\n.socialButton-customizable {\n\tborder-radius: 2px;\n\theight: 40px;\n\tmargin-bottom: 15px;\n\tpadding: 1px;\n\ttext-align: left;\n\twidth: 100%;\n}\n.redirect-customizable {\n\ttext-align: center;\n}\n.passwordCheck-notValid-customizable {\n\tcolor: #DF3312;\n}\n.passwordCheck-valid-customizable {\n\tcolor: #19BF00;\n}\n.background-customizable {\n\tbackground-color: #fff;\n}\n`;

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

let domains = 0;
/** A pool with a prefix domain (SetUICustomization needs one) and an app client. */
async function poolWithDomain(cognito: CognitoIdentityProviderClient = sandbox.cognito): Promise<{ poolId: string; clientId: string; domain: string }> {
  const poolId = await createPool(cognito, { PoolName: 'branded' });
  const { clientId } = await createClient(cognito, poolId, { ClientName: 'web' });
  const domain = `ui-custom-${Date.now().toString(36)}-${(domains += 1)}`;
  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
  return { poolId, clientId, domain };
}

const logoPath = (poolId: string, clientId: string) => `/_sandbox/api/pools/${poolId}/ui-customization/${clientId}/logo`;

describe('SetUICustomization', () => {
  it("stores a client's CSS and logo and answers them, the logo at a URL the sandbox serves", async () => {
    const { poolId, clientId } = await poolWithDomain();
    const before = Date.now();
    const { UICustomization } = await sandbox.cognito.send(
      new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, CSS: TEMPLATE_CSS, ImageFile: PNG }),
    );
    expect(UICustomization).toEqual({
      UserPoolId: poolId,
      ClientId: clientId,
      CSS: TEMPLATE_CSS,
      CSSVersion: expect.stringMatching(/^\d{14}$/),
      ImageUrl: `${sandbox.url}${logoPath(poolId, clientId)}`,
      CreationDate: expect.any(Date),
      LastModifiedDate: expect.any(Date),
    });
    expect(UICustomization!.CreationDate!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(UICustomization!.CSSVersion).toBe(new Date(UICustomization!.LastModifiedDate!).toISOString().replace(/[-:T]/g, '').slice(0, 14));
  });

  it('serves the logo back byte for byte, with its media type', async () => {
    const { poolId, clientId } = await poolWithDomain();
    const logo = jpeg(20_000);
    const { UICustomization } = await sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, ImageFile: logo }));
    const response = await fetch(UICustomization!.ImageUrl!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await response.arrayBuffer()).equals(logo)).toBe(true);
  });

  it('takes every customizable class and pseudo-class of the template, and the guide\'s own example with its stray semicolon', async () => {
    const { poolId, clientId } = await poolWithDomain();
    const everyClass = CUSTOMIZABLE_SELECTORS.map((selector) => `${selector} { color: #123456; }`).join('\n');
    for (const CSS of [everyClass, '.label-customizable{ color: red};', '/* brand */ .banner-customizable, .background-customizable { background-color: #fafafa }']) {
      const { UICustomization } = await sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, CSS }));
      expect(UICustomization!.CSS).toBe(CSS);
    }
  });

  it('sets the pool-wide customization with ClientId ALL, and when ClientId is left out', async () => {
    const { poolId } = await poolWithDomain();
    const named = await sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: 'ALL', CSS: '.label-customizable { color: red; }' }));
    expect(named.UICustomization).toMatchObject({ ClientId: 'ALL', CSS: '.label-customizable { color: red; }' });
    expect(named.UICustomization!.ImageUrl).toBeUndefined();
    const unnamed = await sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ImageFile: PNG }));
    expect(unnamed.UICustomization).toMatchObject({ ClientId: 'ALL', ImageUrl: `${sandbox.url}${logoPath(poolId, 'ALL')}` });
  });

  it('replaces the whole customization: what a later call leaves out is gone, the creation date stays', async () => {
    const { poolId, clientId } = await poolWithDomain();
    const first = await sandbox.cognito.send(
      new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, CSS: '.label-customizable { color: red; }', ImageFile: PNG }),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, CSS: '.logo-customizable { max-width: 50%; }' }));
    expect(second.UICustomization!.ImageUrl).toBeUndefined();
    expect(second.UICustomization!.CSS).toBe('.logo-customizable { max-width: 50%; }');
    expect(second.UICustomization!.CreationDate).toEqual(first.UICustomization!.CreationDate);
    expect(second.UICustomization!.LastModifiedDate!.getTime()).toBeGreaterThan(first.UICustomization!.LastModifiedDate!.getTime());
    expect((await fetch(`${sandbox.url}${logoPath(poolId, clientId)}`)).status).toBe(404);
  });
});

describe('SetUICustomization refusals', () => {
  let poolId: string;
  let clientId: string;
  beforeAll(async () => {
    ({ poolId, clientId } = await poolWithDomain());
  });

  const set = (input: { CSS?: string; ImageFile?: Uint8Array; ClientId?: string }) =>
    sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, ...input }));

  it('needs the pool to have a domain', async () => {
    const bare = await createPool(sandbox.cognito, { PoolName: 'no-domain' });
    await expect(sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: bare, ClientId: 'ALL', CSS: '' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'A domain must be associated with this user pool.',
    });
  });

  it('refuses an unknown pool and a client of no pool or of another pool', async () => {
    await expect(sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: 'us-east-1_Missing00', ClientId: 'ALL' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_Missing00 does not exist.',
    });
    await expect(set({ ClientId: 'nosuchclient0000000000000a' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient0000000000000a does not exist.',
    });
    const other = await poolWithDomain();
    await expect(set({ ClientId: other.clientId })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it.each([
    ['.foo { color: red; }', 'The CSS selector .foo is not customizable.'],
    ['.label-customizable:hover { color: red; }', 'The CSS selector .label-customizable:hover is not customizable.'],
    ['div.label-customizable { color: red; }', 'The CSS selector div.label-customizable is not customizable.'],
    ['.label-customizable, body { color: red; }', 'The CSS selector body is not customizable.'],
  ])('refuses a selector that is not customizable: %s', async (CSS, start) => {
    const error = await set({ CSS }).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'InvalidParameterException' });
    expect((error as Error).message.startsWith(start)).toBe(true);
    expect((error as Error).message).toContain('.background-customizable');
  });

  it.each([
    ['@import "https://evil.example/x.css";', 'The CSS must not contain @import rules: @import, @supports, @page, @media and other at-rules are not allowed.'],
    ['@media (min-width: 1px) { .label-customizable { color: red; } }', 'The CSS must not contain @media rules: @import, @supports, @page, @media and other at-rules are not allowed.'],
    ['@supports (display: grid) { }', 'The CSS must not contain @supports rules: @import, @supports, @page, @media and other at-rules are not allowed.'],
    ['@page { margin: 1cm; }', 'The CSS must not contain @page rules: @import, @supports, @page, @media and other at-rules are not allowed.'],
    ['.label-customizable { width: expression(alert(1)); }', 'The CSS must not contain JavaScript.'],
    ['.label-customizable { color: red; behavior: url(x.htc); }', 'The CSS must not contain JavaScript.'],
    ['.background-customizable { background: url(https://evil.example/track.png); }', 'The CSS must not load anything with url(): upload the logo as the ImageFile.'],
    ['.label-customizable { color: red; }</style><script>alert(1)</script>', 'The CSS must not contain HTML.'],
    ['.label-customizable { background: \\75 rl(x); }', 'The CSS must not contain escape sequences.'],
    ['.label-customizable { color: red; ', 'Unable to parse the CSS: expected a rule (selector { property: value; }).'],
    ['.label-customizable { color }', 'Unable to parse the CSS: "color" in .label-customizable is not a declaration (property: value).'],
    ['.label-customizable { .logo-customizable { color: red; } }', 'Unable to parse the CSS: rules cannot be nested.'],
    ['/* open comment .label-customizable { color: red; }', 'Unable to parse the CSS: a comment is not closed.'],
  ])('refuses %s', async (CSS, message) => {
    await expect(set({ CSS })).rejects.toMatchObject({ name: 'InvalidParameterException', message });
  });

  it('refuses a logo that is not a PNG or JPEG image', async () => {
    for (const ImageFile of [GIF, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), Buffer.from('not an image at all')]) {
      await expect(set({ ImageFile })).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'The logo image file must be a PNG or JPEG image.' });
    }
  });

  it('refuses a logo over 100 KB, and one over the model\'s 131,072 bytes as a validation error', async () => {
    await expect(set({ ImageFile: jpeg(100 * 1024) })).resolves.toBeDefined();
    await expect(set({ ImageFile: jpeg(100 * 1024 + 1) })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The logo image file must be 100 KB or smaller; it is 102,401 bytes.',
    });
    await expect(set({ ImageFile: jpeg(140_000) })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=140000 cap=140000]' at 'imageFile' failed to satisfy constraint: Member must have length less than or equal to 131072",
    });
  });

  it('refuses an ImageFile that is not base64, and a CSS that is not text, as the wire cannot read them', async () => {
    const notBase64 = await rawCall(sandbox.url, 'SetUICustomization', { UserPoolId: poolId, ClientId: clientId, ImageFile: 'not base64!' });
    expect(notBase64.status).toBe(400);
    expect(notBase64.json.__type).toBe('SerializationException');
    const cssNumber = await rawCall(sandbox.url, 'SetUICustomization', { UserPoolId: poolId, ClientId: clientId, CSS: 12 });
    expect(cssNumber.json.__type).toBe('SerializationException');
  });

  it('leaves the customization as it was after a refusal', async () => {
    await set({ CSS: '.label-customizable { color: green; }' });
    await expect(set({ CSS: '.nope { color: red; }', ImageFile: PNG })).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const { UICustomization } = await sandbox.cognito.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(UICustomization!.CSS).toBe('.label-customizable { color: green; }');
    expect(UICustomization!.ImageUrl).toBeUndefined();
  });
});

describe('GetUICustomization', () => {
  it("answers the client's own, else the pool's ALL, and the pool's without a ClientId", async () => {
    const { poolId, clientId } = await poolWithDomain();
    const { clientId: plain } = await createClient(sandbox.cognito, poolId, { ClientName: 'plain' });
    await sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: 'ALL', CSS: '.label-customizable { color: blue; }', ImageFile: PNG }));
    await sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, CSS: '.label-customizable { color: red; }' }));

    const own = await sandbox.cognito.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(own.UICustomization).toMatchObject({ ClientId: clientId, CSS: '.label-customizable { color: red; }' });
    expect(own.UICustomization!.ImageUrl).toBeUndefined();

    const fallback = await sandbox.cognito.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: plain }));
    expect(fallback.UICustomization).toMatchObject({
      UserPoolId: poolId,
      ClientId: 'ALL',
      CSS: '.label-customizable { color: blue; }',
      ImageUrl: `${sandbox.url}${logoPath(poolId, 'ALL')}`,
    });
    const pool = await sandbox.cognito.send(new GetUICustomizationCommand({ UserPoolId: poolId }));
    expect(pool.UICustomization).toEqual(fallback.UICustomization);
    const all = await sandbox.cognito.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: 'ALL' }));
    expect(all.UICustomization).toEqual(fallback.UICustomization);
  });

  it('answers an empty UICustomization when nothing is set', async () => {
    const { poolId, clientId } = await poolWithDomain();
    const raw = await rawCall(sandbox.url, 'GetUICustomization', { UserPoolId: poolId, ClientId: clientId });
    expect(raw.status).toBe(200);
    expect(raw.json).toEqual({ UICustomization: {} });
  });

  it('refuses an unknown pool or client', async () => {
    const { poolId } = await poolWithDomain();
    await expect(sandbox.cognito.send(new GetUICustomizationCommand({ UserPoolId: 'us-east-1_Missing00' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(sandbox.cognito.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: 'nosuchclient0000000000000a' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient0000000000000a does not exist.',
    });
  });
});

describe('what the hosted pages read (uiCustomizationFor)', () => {
  it("gives the client's own CSS and logo, else the pool's, as a same-origin logo path; nothing when none is set", async () => {
    const { poolId, clientId } = await poolWithDomain();
    const { clientId: plain } = await createClient(sandbox.cognito, poolId, { ClientName: 'plain' });
    const store = sandbox.app.store;
    expect(uiCustomizationFor(store, poolId, clientId)).toBeUndefined();

    await sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: 'ALL', ImageFile: PNG }));
    expect(uiCustomizationFor(store, poolId, plain)).toEqual({ imageUrl: logoPath(poolId, 'ALL') });
    await sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, CSS: '.label-customizable { color: red; }' }));
    expect(uiCustomizationFor(store, poolId, clientId)).toEqual({ css: '.label-customizable { color: red; }' });
    expect(uiCustomizationFor(store, poolId, plain)).toEqual({ imageUrl: logoPath(poolId, 'ALL') });

    const served = await fetch(`${sandbox.url}${uiCustomizationFor(store, poolId, plain)!.imageUrl}`);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
  });
});

describe('cleanup', () => {
  it("goes with its client, and the pool's with the pool", async () => {
    const { poolId, clientId, domain } = await poolWithDomain();
    await sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, ImageFile: PNG }));
    await sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: 'ALL', ImageFile: PNG }));
    const store = sandbox.app.store;

    await sandbox.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(store.uiCustomizations.find(poolId, clientId)).toBeUndefined();
    expect((await fetch(`${sandbox.url}${logoPath(poolId, clientId)}`)).status).toBe(404);
    expect(store.uiCustomizations.find(poolId, undefined)).toBeDefined();

    await sandbox.cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
    await sandbox.cognito.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
    expect(store.uiCustomizations.find(poolId, undefined)).toBeUndefined();
    expect((await fetch(`${sandbox.url}${logoPath(poolId, 'ALL')}`)).status).toBe(404);
  });
});

describe('durability', () => {
  it('keeps the CSS and the logo across a restart', async () => {
    const dataDir = tempDir();
    const first = await startSandbox({ dataDir });
    const { poolId, clientId } = await poolWithDomain(first.cognito);
    const logo = jpeg(50_000);
    const { UICustomization: set } = await first.cognito.send(
      new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, CSS: TEMPLATE_CSS, ImageFile: logo }),
    );
    await first.close();

    const second = await startSandbox({ dataDir });
    try {
      const { UICustomization } = await second.cognito.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }));
      expect({ ...UICustomization, ImageUrl: undefined }).toEqual({ ...set, ImageUrl: undefined });
      const served = await fetch(UICustomization!.ImageUrl!);
      expect(Buffer.from(await served.arrayBuffer()).equals(logo)).toBe(true);
    } finally {
      await second.close();
    }
  });
});
