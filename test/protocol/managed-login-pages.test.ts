/**
 * Managed login branding on the hosted pages: on a pool whose domain is ManagedLoginVersion 2 the
 * client's branding style (its logo, its colours) is what the sign-in page shows, and
 * SetUICustomization's CSS is not (Cognito applies it to the classic hosted UI, version 1, only);
 * a style's values reach the page only as the colours and sizes they are, never as markup.
 */
import {
  CreateManagedLoginBrandingCommand,
  CreateUserPoolDomainCommand,
  DeleteManagedLoginBrandingCommand,
  SetUICustomizationCommand,
  UpdateManagedLoginBrandingCommand,
  type AssetType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignInPage } from '../support/hosted-login.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';

/** A 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A file that starts as a JPEG does. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 3)]);
const CALLBACK = 'http://localhost:3000/callback';
const CLASSIC_CSS = '.submitButton-customizable { background-color: #abcdef; }';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

let pools = 0;
async function poolWithDomain(managedLoginVersion: 1 | 2): Promise<{ poolId: string; clientId: string }> {
  const { cognito } = sandbox;
  const poolId = await createPool(cognito, { PoolName: `branded-${++pools}` });
  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `branded-${pools}-${process.pid}`, ManagedLoginVersion: managedLoginVersion }));
  const { clientId } = await createClient(cognito, poolId, {
    ClientName: 'web',
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid'],
    CallbackURLs: [CALLBACK],
    SupportedIdentityProviders: ['COGNITO'],
  });
  return { poolId, clientId };
}

async function signInPage(clientId: string): Promise<string> {
  const query = new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' });
  const { page } = await openSignInPage(sandbox.url, `${sandbox.url}/oauth2/authorize?${query}`);
  expect(page.status).toBe(200);
  return page.html!;
}

const logoOf = (html: string) => /<img class="logo-customizable" src="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
/** The page's CSS after its own: the customization, if any. */
const customCssOf = (html: string) => [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].slice(1).map((match) => match[1]).join('\n');

const asset = (Category: AssetType['Category'], ColorMode: AssetType['ColorMode'], Extension: AssetType['Extension'], Bytes: Uint8Array) => ({ Category, ColorMode, Extension, Bytes });

const buttonColours = (backgroundColor: string, textColor = 'ffffffff') => ({
  components: { primaryButton: { lightMode: { defaults: { backgroundColor, textColor } } } },
});

describe('the sign-in page of a managed login (version 2) domain', () => {
  it("shows the branding's logo, served back byte for byte, and its primary button colours", async () => {
    const { poolId, clientId } = await poolWithDomain(2);
    await sandbox.cognito.send(
      new CreateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        Settings: {
          ...buttonColours('C0FFEE', 'ffffffff'),
          categories: { global: { colorSchemeMode: 'LIGHT' } },
          componentClasses: { buttons: { borderRadius: 12 } },
        },
        Assets: [asset('FORM_LOGO', 'DARK', 'JPEG', JPEG), asset('FORM_LOGO', 'LIGHT', 'PNG', PNG)],
      }),
    );
    const html = await signInPage(clientId);
    const logo = logoOf(html);
    expect(logo).toMatch(/^\/_sandbox\/api\/pools\/.+\/assets\/FORM_LOGO\/LIGHT$/);
    const served = await fetch(`${sandbox.url}${logo}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    const css = customCssOf(html);
    expect(css).toContain('.submitButton-customizable{background-color:#c0ffee;color:#ffffffff}');
    expect(css).toContain('border-radius:12px');
  });

  it('follows the colour scheme: DARK takes the dark values and the dark logo, DYNAMIC adds them for a dark preference', async () => {
    const { poolId, clientId } = await poolWithDomain(2);
    const dark = { components: { primaryButton: { darkMode: { defaults: { backgroundColor: '112233' } }, lightMode: { defaults: { backgroundColor: '445566' } } } } };
    const { ManagedLoginBranding } = await sandbox.cognito.send(
      new CreateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        Settings: { ...dark, categories: { global: { colorSchemeMode: 'DARK' } } },
        Assets: [asset('PAGE_HEADER_LOGO', 'LIGHT', 'PNG', PNG), asset('PAGE_HEADER_LOGO', 'DARK', 'JPEG', JPEG)],
      }),
    );
    const darkPage = await signInPage(clientId);
    expect(customCssOf(darkPage)).toContain('background-color:#112233');
    expect(customCssOf(darkPage)).not.toContain('#445566');
    const served = await fetch(`${sandbox.url}${logoOf(darkPage)}`);
    expect(Buffer.from(await served.arrayBuffer()).equals(JPEG)).toBe(true);

    const id = ManagedLoginBranding!.ManagedLoginBrandingId!;
    await sandbox.cognito.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id, Settings: { categories: { global: { colorSchemeMode: 'DYNAMIC' } } } }));
    const dynamic = customCssOf(await signInPage(clientId));
    expect(dynamic.indexOf('#445566')).toBeGreaterThanOrEqual(0);
    expect(dynamic).toMatch(/@media \(prefers-color-scheme: dark\)\{[^@]*#112233/);
  });

  it("ignores SetUICustomization's CSS and logo (classic hosted UI only), which a version-1 domain applies", async () => {
    const managed = await poolWithDomain(2);
    const classic = await poolWithDomain(1);
    for (const { poolId, clientId } of [managed, classic]) {
      await sandbox.cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, CSS: CLASSIC_CSS, ImageFile: JPEG }));
    }
    const classicPage = await signInPage(classic.clientId);
    expect(customCssOf(classicPage)).toContain('#abcdef');
    expect(logoOf(classicPage)).toBe(`/_sandbox/api/pools/${classic.poolId}/ui-customization/${classic.clientId}/logo`);

    const unstyled = await signInPage(managed.clientId);
    expect(customCssOf(unstyled)).toBe('');
    expect(logoOf(unstyled)).toBeUndefined();

    await sandbox.cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: managed.poolId, ClientId: managed.clientId, Settings: buttonColours('123abc') }));
    const styled = await signInPage(managed.clientId);
    expect(customCssOf(styled)).toContain('#123abc');
    expect(customCssOf(styled)).not.toContain('#abcdef');
    expect(logoOf(styled)).toBeUndefined();
  });

  it("shows Cognito's look, no CSS, for a style with UseCognitoProvidedValues, and again after the style is deleted", async () => {
    const { poolId, clientId } = await poolWithDomain(2);
    const { ManagedLoginBranding } = await sandbox.cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, UseCognitoProvidedValues: true }));
    expect(customCssOf(await signInPage(clientId))).toBe('');
    const id = ManagedLoginBranding!.ManagedLoginBrandingId!;
    await sandbox.cognito.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id, UseCognitoProvidedValues: false, Settings: buttonColours('0a0b0c') }));
    expect(customCssOf(await signInPage(clientId))).toContain('#0a0b0c');
    await sandbox.cognito.send(new DeleteManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id }));
    expect(customCssOf(await signInPage(clientId))).toBe('');
  });

  it('lets no hostile settings value reach the page: only hex colours and numeric radii are written', async () => {
    const { poolId, clientId } = await poolWithDomain(2);
    const hostile = 'red;}</style><script>alert(1)</script>';
    await sandbox.cognito.send(
      new CreateManagedLoginBrandingCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        Settings: {
          components: {
            primaryButton: { lightMode: { defaults: { backgroundColor: hostile, textColor: '1234567' }, hover: { backgroundColor: ['ffffff'] } } },
            pageBackground: { lightMode: { color: 'ffffff;background:url(https://evil.example)' } },
            form: { borderRadius: '4px;}body{display:none', lightMode: { borderColor: { toString: 'x' } } },
          },
          componentClasses: { buttons: { borderRadius: 1e9 }, input: { borderRadius: -3 }, link: { lightMode: { defaults: { textColor: 'ABCDEF' } } } },
          categories: { global: { colorSchemeMode: '</style><script>' } },
        },
      }),
    );
    const html = await signInPage(clientId);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('alert(1)');
    expect(html).not.toContain('evil.example');
    expect(html).not.toContain('display:none');
    expect(customCssOf(html)).toBe('a,.link-button{color:#abcdef}');
  });

  it('answers 404 for an asset the style does not have', async () => {
    const { poolId, clientId } = await poolWithDomain(2);
    const { ManagedLoginBranding } = await sandbox.cognito.send(
      new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, Assets: [asset('FORM_LOGO', 'LIGHT', 'PNG', PNG)] }),
    );
    const id = ManagedLoginBranding!.ManagedLoginBrandingId!;
    for (const path of [`${id}/assets/FORM_LOGO/DARK`, `${id}/assets/PAGE_BACKGROUND/LIGHT`, `00000000-0000-4000-8000-000000000000/assets/FORM_LOGO/LIGHT`]) {
      const response = await fetch(`${sandbox.url}/_sandbox/api/pools/${poolId}/managed-login-branding/${path}`);
      expect(response.status).toBe(404);
    }
    const wrongPool = await fetch(`${sandbox.url}/_sandbox/api/pools/us-east-1_nope/managed-login-branding/${id}/assets/FORM_LOGO/LIGHT`);
    expect(wrongPool.status).toBe(404);
  });
});
