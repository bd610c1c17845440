/**
 * Steps SetUICustomization and GetUICustomization share: the shapes, the customized client (an
 * app client, or `ALL` for every client without its own), the logo's rules, and the wire form.
 *
 * Sandbox wording (Cognito's is not documented): the refusals of a logo that is not a PNG or
 * JPEG image and of one over 100 KB. The model lets ImageFile be up to 131,072 bytes; the guide
 * allows a logo of 100 KB (read as 102,400 bytes).
 */
import type { UICustomizationType } from '@aws-sdk/client-cognito-identity-provider';
import type { Store } from '../../../../store/index.js';
import type { StoredImage, UiCustomization } from '../../../../store/repositories/ui-customizations.js';
import type { Wire } from '../../operation.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { imageKindOf } from '../../../../cognito/images.js';
import { requireClient } from '../../../../cognito/resources.js';
import { ALL_CLIENTS, uiLogoPath } from '../../../../cognito/ui-customization.js';
import { blob, string } from '../../shapes.js';
import { wireDate } from '../common.js';

export const CSSType = string({ max: 131072 });
export const ImageFileType = blob({ max: 131072 });

const LOGO_MAX_BYTES = 100 * 1024;

/** The client a request customizes or reads: undefined for `ALL` (or no ClientId), else an app client of the pool. */
export function customizedClient(store: Store, poolId: string, clientId: string | undefined): string | undefined {
  if (clientId === undefined || clientId === ALL_CLIENTS) return undefined;
  return requireClient(store, poolId, clientId).clientId;
}

/** The logo as stored: a PNG or JPEG image of 100 KB at most. An empty file is no logo. */
export function logoFromRequest(base64: string | undefined): StoredImage | undefined {
  if (!base64) return undefined;
  const bytes = Buffer.from(base64, 'base64');
  const kind = imageKindOf(bytes);
  if (kind !== 'PNG' && kind !== 'JPEG') throw new InvalidParameterException('The logo image file must be a PNG or JPEG image.');
  if (bytes.length > LOGO_MAX_BYTES) {
    throw new InvalidParameterException(`The logo image file must be 100 KB or smaller; it is ${bytes.length.toLocaleString('en-US')} bytes.`);
  }
  return { base64: bytes.toString('base64'), mediaType: kind === 'PNG' ? 'image/png' : 'image/jpeg' };
}

/** Cognito's CSS versions are the UTC time of the change, `yyyyMMddHHmmss`. */
function cssVersion(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The customization as Cognito answers it; its logo's URL is the sandbox's, on the origin the request reached. */
export function toUICustomizationType(customization: UiCustomization, origin: string): Wire<UICustomizationType> {
  return {
    UserPoolId: customization.poolId,
    ClientId: customization.clientId ?? ALL_CLIENTS,
    ...(customization.image && { ImageUrl: `${origin}${uiLogoPath(customization.poolId, customization.clientId)}` }),
    ...(customization.css !== undefined && { CSS: customization.css }),
    CSSVersion: cssVersion(customization.modified),
    LastModifiedDate: wireDate(customization.modified),
    CreationDate: wireDate(customization.created),
  };
}
