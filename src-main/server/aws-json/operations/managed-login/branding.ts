/**
 * Steps the managed login branding operations share: shapes as the API reference constrains
 * them, the rules for a style's Settings and Assets, lookups and the wire form.
 *
 * A request changes only what it names: Settings merge into the style's (objects member by
 * member; any other value, arrays included, replaced), an asset replaces the style's asset of
 * the same Category and ColorMode. UseCognitoProvidedValues `true` goes back to Cognito's values
 * alone and may not come with Settings or Assets.
 *
 * Sandbox rules and wording (Cognito's are not documented): Settings must be a JSON object; an
 * asset's bytes must be the image its Extension names (read from the file's first bytes);
 * FAVICON_ICO takes only ICO and FAVICON_SVG only SVG, and ICO suits no other category; one
 * asset per Category and ColorMode in a request; an asset without Bytes must name the
 * ResourceId of one of the style's assets, whose bytes it keeps. Every message below.
 */
import type { AssetType, ManagedLoginBrandingType } from '@aws-sdk/client-cognito-identity-provider';
import type { Ids } from '../../../../ids.js';
import type { Store } from '../../../../store/index.js';
import type { BrandingAsset, ManagedLoginBranding } from '../../../../store/repositories/managed-login-brandings.js';
import type { Wire } from '../../operation.js';
import { InvalidParameterException, ResourceNotFoundException } from '../../../../cognito/errors.js';
import { imageKindOf } from '../../../../cognito/images.js';
import { blob, document, enumeration, list, required, string, structure } from '../../shapes.js';
import { wireDate } from '../common.js';
import { COGNITO_PROVIDED_SETTINGS } from './branding-defaults.js';

export const ManagedLoginBrandingIdType = string({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[4][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$',
});
export const SettingsType = document();
export const AssetListType = list(
  structure({
    Category: required(
      enumeration([
        'FAVICON_ICO',
        'FAVICON_SVG',
        'EMAIL_GRAPHIC',
        'SMS_GRAPHIC',
        'AUTH_APP_GRAPHIC',
        'PASSWORD_GRAPHIC',
        'PASSKEY_GRAPHIC',
        'PAGE_HEADER_LOGO',
        'PAGE_HEADER_BACKGROUND',
        'PAGE_FOOTER_LOGO',
        'PAGE_FOOTER_BACKGROUND',
        'PAGE_BACKGROUND',
        'FORM_BACKGROUND',
        'FORM_LOGO',
        'IDP_BUTTON_ICON',
      ]),
    ),
    ColorMode: required(enumeration(['LIGHT', 'DARK', 'DYNAMIC'])),
    Extension: required(enumeration(['ICO', 'JPEG', 'PNG', 'SVG', 'WEBP'])),
    Bytes: blob({ max: 1000000 }),
    ResourceId: string({ min: 1, max: 40, pattern: '^[\\w\\- ]+$' }),
  }),
  { max: 40 },
);

/** An asset as it travels: its bytes in base64. */
export type WireAsset = Omit<AssetType, 'Bytes'> & { Bytes?: string };

/** What Create and Update may change. */
export interface StyleChange {
  UseCognitoProvidedValues?: boolean;
  Settings?: unknown;
  Assets?: WireAsset[];
}

const refuse = (message: string): never => {
  throw new InvalidParameterException(message);
};

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `patch` over `base`: objects member by member, every other value replaced. */
function merged(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isObject(current) && isObject(value) ? merged(current, value) : value;
  }
  return out;
}

const FAVICON_EXTENSIONS: Record<string, string> = { FAVICON_ICO: 'ICO', FAVICON_SVG: 'SVG' };

function checkAssetFile(asset: WireAsset, bytes: Buffer): void {
  const name = `${asset.Category} ${asset.ColorMode}`;
  const faviconExtension = FAVICON_EXTENSIONS[asset.Category!];
  if (faviconExtension ? asset.Extension !== faviconExtension : asset.Extension === 'ICO') {
    refuse(`The ${name} asset cannot be ${asset.Extension}: ${faviconExtension ? `${asset.Category} takes ${faviconExtension} only` : 'ICO is for FAVICON_ICO only'}.`);
  }
  if (imageKindOf(bytes) !== asset.Extension) refuse(`The Bytes of the ${name} asset are not a ${asset.Extension} image.`);
}

function storedAsset(asset: WireAsset, style: BrandingAsset[], ids: Ids): BrandingAsset {
  const name = `${asset.Category} ${asset.ColorMode}`;
  const kept = asset.ResourceId === undefined ? undefined : style.find((existing) => existing.resourceId === asset.ResourceId);
  if (!asset.Bytes) {
    if (!kept) return refuse(`The ${name} asset has no Bytes and names no ResourceId of the style's assets.`);
    if (kept.extension !== asset.Extension) refuse(`The ${name} asset names ResourceId ${asset.ResourceId}, a ${kept.extension} image, as ${asset.Extension}.`);
    return { ...kept, category: asset.Category!, colorMode: asset.ColorMode! };
  }
  const bytes = Buffer.from(asset.Bytes, 'base64');
  checkAssetFile(asset, bytes);
  return {
    category: asset.Category!,
    colorMode: asset.ColorMode!,
    extension: asset.Extension!,
    base64: bytes.toString('base64'),
    resourceId: asset.ResourceId ?? ids.uuid(),
  };
}

/** The style's assets after the request's: each replaces the one of its Category and ColorMode. */
function assetsAfter(style: BrandingAsset[], incoming: WireAsset[], ids: Ids): BrandingAsset[] {
  const slot = (asset: { category: string; colorMode: string }) => `${asset.category}/${asset.colorMode}`;
  const replaced = new Map<string, BrandingAsset>();
  for (const asset of incoming) {
    const stored = storedAsset(asset, style, ids);
    if (replaced.has(slot(stored))) refuse(`The request has more than one ${stored.category} ${stored.colorMode} asset.`);
    replaced.set(slot(stored), stored);
  }
  return [...style.filter((asset) => !replaced.has(slot(asset))), ...replaced.values()];
}

/**
 * The style's values after a Create or Update: Cognito's alone when UseCognitoProvidedValues is
 * true, else the style's own (none for a new style) with the request's Settings and Assets.
 */
export function styleAfter(
  style: Pick<ManagedLoginBranding, 'settings' | 'assets'> | undefined,
  change: StyleChange,
  ids: Ids,
): Pick<ManagedLoginBranding, 'useCognitoProvidedValues' | 'settings' | 'assets'> {
  if (change.UseCognitoProvidedValues) {
    if (change.Settings !== undefined || change.Assets !== undefined) {
      refuse('When UseCognitoProvidedValues is true, the request must not include Settings or Assets.');
    }
    return { useCognitoProvidedValues: true, assets: [] };
  }
  if (change.Settings !== undefined && !isObject(change.Settings)) refuse('Settings must be a JSON object.');
  const settings = change.Settings === undefined ? style?.settings : merged(style?.settings ?? {}, change.Settings as Record<string, unknown>);
  return {
    useCognitoProvidedValues: false,
    ...(settings !== undefined && { settings }),
    assets: assetsAfter(style?.assets ?? [], change.Assets ?? [], ids),
  };
}

export function requireBranding(store: Store, poolId: string, brandingId: string): ManagedLoginBranding {
  const branding = store.managedLoginBrandings.find(poolId, brandingId);
  if (!branding) throw new ResourceNotFoundException(`Managed login branding ${brandingId} does not exist in user pool ${poolId}.`);
  return branding;
}

/** Blobs travel as base64 text. */
const wireBytes = (base64: string) => base64 as unknown as Wire<Uint8Array>;

/**
 * The style as Cognito answers it: its own values, or (`mergedResources`) Cognito's values with
 * the style's over them.
 */
export function toManagedLoginBrandingType(branding: ManagedLoginBranding, mergedResources = false): Wire<ManagedLoginBrandingType> {
  const settings = mergedResources ? merged(COGNITO_PROVIDED_SETTINGS, branding.settings ?? {}) : branding.settings;
  return {
    ManagedLoginBrandingId: branding.brandingId,
    UserPoolId: branding.poolId,
    UseCognitoProvidedValues: branding.useCognitoProvidedValues,
    ...(settings !== undefined && { Settings: settings as Wire<ManagedLoginBrandingType>['Settings'] }),
    Assets: branding.assets.map((asset) => ({
      Category: asset.category as AssetType['Category'],
      ColorMode: asset.colorMode as AssetType['ColorMode'],
      Extension: asset.extension as AssetType['Extension'],
      Bytes: wireBytes(asset.base64),
      ResourceId: asset.resourceId,
    })),
    CreationDate: wireDate(branding.created),
    LastModifiedDate: wireDate(branding.modified),
  };
}
