/**
 * What a hosted page shows of the app client's look: managed login's branding style on a pool
 * whose domain is ManagedLoginVersion 2, SetUICustomization's CSS and logo on a version-1
 * (classic hosted UI) domain, as Cognito applies each to its own kind of page only.
 *
 * A branding style is turned into CSS over the page's `*-customizable` classes: every value is
 * read from the style's own Settings (Cognito's defaults add nothing; a style with
 * UseCognitoProvidedValues adds no CSS), and only a colour that is hex (6 or 8 digits) or a
 * radius that is a number in 0-100 reaches the page; anything else is left out.
 *
 * What maps (per colour mode, `categories.global.colorSchemeMode` LIGHT, DARK, or DYNAMIC: the
 * light values with the dark ones under `prefers-color-scheme: dark`):
 * components.pageBackground (color, and the PAGE_BACKGROUND asset unless image.enabled is false),
 * components.form (backgroundColor, borderColor, borderRadius, the FORM_BACKGROUND asset when
 * backgroundImage.enabled), components.pageText (headingColor, bodyColor, descriptionColor),
 * components.primaryButton (defaults and hover, background and text), componentClasses.buttons
 * and input (borderRadius), input (defaults' colours, placeholderColor), inputLabel, link
 * (defaults, hover), focusState. The logo: the FORM_LOGO asset, else PAGE_HEADER_LOGO.
 * Assumptions: a pool with both a prefix and a custom domain follows its prefix domain's version
 * (the one the sandbox serves); an uploaded logo shows unless the style sets
 * `components.form.logo.enabled` (or `components.pageHeader.logo.enabled`) false; a version-2
 * domain whose client has no style shows Cognito's look (the sandbox's page, no CSS).
 * Not mapped (no place on the sandbox's page): favicons, the page header and footer, the
 * IdP button icons, auth-method graphics, dividers, form location, spacing density, languages.
 */
import type { Store } from '../store/index.js';
import type { BrandingAsset, ManagedLoginBranding } from '../store/repositories/managed-login-brandings.js';
import { uiCustomizationFor } from './ui-customization.js';

/** What `page()` takes: CSS after the page's own, and a logo URL on the sandbox's origin. */
export interface PageCustomization {
  css?: string;
  imageUrl?: string;
}

type ColorMode = 'LIGHT' | 'DARK';
type Settings = Record<string, unknown>;

/** Where the sandbox serves a style's asset, below its own origin. */
export function brandingAssetPath(poolId: string, brandingId: string, asset: Pick<BrandingAsset, 'category' | 'colorMode'>): string {
  const [pool, id, category, colorMode] = [poolId, brandingId, asset.category, asset.colorMode].map(encodeURIComponent);
  return `/_sandbox/api/pools/${pool}/managed-login-branding/${id}/assets/${category}/${colorMode}`;
}

/** The media type an asset is served with. */
export const ASSET_MEDIA_TYPES: Readonly<Record<string, string>> = {
  PNG: 'image/png',
  JPEG: 'image/jpeg',
  SVG: 'image/svg+xml',
  WEBP: 'image/webp',
  ICO: 'image/x-icon',
};

/** The version of the pool's domain: its prefix domain's, else its custom domain's; undefined without a domain. */
export function managedLoginVersionOf(store: Store, poolId: string): number | undefined {
  const domain = store.domains.findOfPool(poolId, 'prefix') ?? store.domains.findOfPool(poolId, 'custom');
  return domain?.config.ManagedLoginVersion;
}

/** The client's look on its hosted pages, by the pool domain's ManagedLoginVersion. */
export function pageCustomizationFor(store: Store, poolId: string, clientId: string): PageCustomization | undefined {
  if (managedLoginVersionOf(store, poolId) !== 2) return uiCustomizationFor(store, poolId, clientId);
  const branding = store.managedLoginBrandings.findOfClient(poolId, clientId);
  if (!branding || branding.useCognitoProvidedValues) return undefined;
  return brandingCustomization(branding);
}

const at = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Settings)[key] : undefined), value);

const HEX = /^[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?$/;

const colorAt = (settings: Settings, path: string): string | undefined => {
  const value = at(settings, path);
  return typeof value === 'string' && HEX.test(value) ? `#${value.toLowerCase()}` : undefined;
};

const radiusAt = (settings: Settings, path: string): string | undefined => {
  const value = at(settings, path);
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100 ? `${value}px` : undefined;
};

/** One rule of the declarations that have a value; none when none has. */
function rule(selector: string, declarations: Record<string, string | undefined>): string {
  const body = Object.entries(declarations)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([property, value]) => `${property}:${value}`)
    .join(';');
  return body ? `${selector}{${body}}` : '';
}

const modeKey = (mode: ColorMode) => (mode === 'LIGHT' ? 'lightMode' : 'darkMode');

/** The style's asset of the category for the mode: that mode's, else DYNAMIC, else the other mode's. */
function assetFor(branding: ManagedLoginBranding, category: string, mode: ColorMode): BrandingAsset | undefined {
  const preference = [mode, 'DYNAMIC', mode === 'LIGHT' ? 'DARK' : 'LIGHT'];
  const candidates = branding.assets.filter((asset) => asset.category === category);
  return preference.map((colorMode) => candidates.find((asset) => asset.colorMode === colorMode)).find(Boolean);
}

function imageOf(branding: ManagedLoginBranding, category: string, mode: ColorMode): string | undefined {
  const asset = assetFor(branding, category, mode);
  return asset && `url("${brandingAssetPath(branding.poolId, branding.brandingId, asset)}")`;
}

/** The rules whose values depend on the colour mode. */
function modeRules(branding: ManagedLoginBranding, mode: ColorMode): string[] {
  const settings = branding.settings ?? {};
  const m = modeKey(mode);
  const color = (path: string) => colorAt(settings, path.replace('{mode}', m));
  const pageImage = at(settings, 'components.pageBackground.image.enabled') !== false ? imageOf(branding, 'PAGE_BACKGROUND', mode) : undefined;
  const formImage = at(settings, 'components.form.backgroundImage.enabled') === true ? imageOf(branding, 'FORM_BACKGROUND', mode) : undefined;
  return [
    rule('body,.background-customizable', { 'background-color': color('components.pageBackground.{mode}.color') }),
    rule('.background-customizable', pageImage ? { 'background-image': pageImage, 'background-size': 'cover', 'background-position': 'center' } : {}),
    rule('.modal-content', {
      'background-color': color('components.form.{mode}.backgroundColor'),
      border: color('components.form.{mode}.borderColor') && `1px solid ${color('components.form.{mode}.borderColor')}`,
      ...(formImage && { 'background-image': formImage, 'background-size': 'cover' }),
    }),
    rule('.modal-body', { color: color('components.pageText.{mode}.bodyColor') }),
    rule('h1,.textDescription-customizable.heading', { color: color('components.pageText.{mode}.headingColor') }),
    rule('.textDescription-customizable', { color: color('components.pageText.{mode}.descriptionColor') }),
    rule('.submitButton-customizable', {
      'background-color': color('components.primaryButton.{mode}.defaults.backgroundColor'),
      color: color('components.primaryButton.{mode}.defaults.textColor'),
    }),
    rule('.submitButton-customizable:hover', {
      'background-color': color('components.primaryButton.{mode}.hover.backgroundColor'),
      color: color('components.primaryButton.{mode}.hover.textColor'),
    }),
    rule('.inputField-customizable', {
      'background-color': color('componentClasses.input.{mode}.defaults.backgroundColor'),
      'border-color': color('componentClasses.input.{mode}.defaults.borderColor'),
    }),
    rule('.inputField-customizable::placeholder', { color: color('componentClasses.input.{mode}.placeholderColor') }),
    rule('.inputField-customizable:focus', { 'border-color': color('componentClasses.focusState.{mode}.borderColor') }),
    rule('.label-customizable', { color: color('componentClasses.inputLabel.{mode}.textColor') }),
    rule('a,.link-button', { color: color('componentClasses.link.{mode}.defaults.textColor') }),
    rule('a:hover,.link-button:hover', { color: color('componentClasses.link.{mode}.hover.textColor') }),
  ].filter(Boolean);
}

/** The rules that hold in every colour mode. */
function shapeRules(settings: Settings): string[] {
  return [
    rule('.modal-content', { 'border-radius': radiusAt(settings, 'components.form.borderRadius') }),
    rule('.submitButton-customizable,.idpButton-customizable', { 'border-radius': radiusAt(settings, 'componentClasses.buttons.borderRadius') }),
    rule('.inputField-customizable', { 'border-radius': radiusAt(settings, 'componentClasses.input.borderRadius') }),
  ].filter(Boolean);
}

function schemeOf(settings: Settings): 'LIGHT' | 'DARK' | 'DYNAMIC' {
  const scheme = at(settings, 'categories.global.colorSchemeMode');
  return scheme === 'DARK' || scheme === 'DYNAMIC' ? scheme : 'LIGHT';
}

function logoOf(branding: ManagedLoginBranding, mode: ColorMode): BrandingAsset | undefined {
  const settings = branding.settings ?? {};
  const formLogo = at(settings, 'components.form.logo.enabled') !== false ? assetFor(branding, 'FORM_LOGO', mode) : undefined;
  const headerLogo = at(settings, 'components.pageHeader.logo.enabled') !== false ? assetFor(branding, 'PAGE_HEADER_LOGO', mode) : undefined;
  return formLogo ?? headerLogo;
}

/** The page's CSS and logo from a style of the client's own. */
export function brandingCustomization(branding: ManagedLoginBranding): PageCustomization {
  const settings = branding.settings ?? {};
  const scheme = schemeOf(settings);
  const mode: ColorMode = scheme === 'DARK' ? 'DARK' : 'LIGHT';
  const rules = [...modeRules(branding, mode), ...shapeRules(settings)];
  if (scheme === 'DYNAMIC') {
    const dark = modeRules(branding, 'DARK');
    if (dark.length) rules.push(`@media (prefers-color-scheme: dark){${dark.join('')}}`);
  }
  const logo = logoOf(branding, mode);
  return {
    ...(rules.length && { css: rules.join('\n') }),
    ...(logo && { imageUrl: brandingAssetPath(branding.poolId, branding.brandingId, logo) }),
  };
}
