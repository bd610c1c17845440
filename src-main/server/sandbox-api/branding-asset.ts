/**
 * `GET /_sandbox/api/pools/{poolId}/managed-login-branding/{brandingId}/assets/{category}/{colorMode}`:
 * an asset of a managed login branding style, byte for byte with its media type, for the hosted
 * pages (a version-2 domain's logo and backgrounds); Cognito serves them from the pool's domain.
 * An SVG is served with a CSP that keeps any script in it from running when it is opened on its
 * own. A read: it never changes anything.
 */
import type { Request, Response } from 'express';
import type { Services } from '../../services.js';
import { ASSET_MEDIA_TYPES } from '../../cognito/managed-login-style.js';
import { notFound } from './route.js';

type AssetParams = { poolId: string; brandingId: string; category: string; colorMode: string };

export function brandingAsset({ store }: Pick<Services, 'store'>) {
  return (req: Request<AssetParams>, res: Response): void => {
    const { poolId, brandingId, category, colorMode } = req.params;
    const branding = store.managedLoginBrandings.find(poolId, brandingId);
    const asset = branding?.assets.find((candidate) => candidate.category === category && candidate.colorMode === colorMode);
    if (!asset) return notFound(res, `No ${category} ${colorMode} asset in managed login branding ${brandingId} of user pool ${poolId}.`);
    res
      .type(ASSET_MEDIA_TYPES[asset.extension] ?? 'application/octet-stream')
      .set('Cache-Control', 'no-cache')
      .set('X-Content-Type-Options', 'nosniff')
      .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
      .send(Buffer.from(asset.base64, 'base64'));
  };
}
