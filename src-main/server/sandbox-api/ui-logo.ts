/**
 * `GET /_sandbox/api/pools/{poolId}/ui-customization/{clientId}/logo`: the logo SetUICustomization
 * stored for an app client (or `ALL`), byte for byte with its media type. GetUICustomization's
 * ImageUrl and the hosted pages point here; Cognito serves the same file from the pool's domain.
 * A read: it never changes anything.
 */
import type { Request, Response } from 'express';
import type { Services } from '../../services.js';
import { ALL_CLIENTS } from '../../cognito/ui-customization.js';
import { notFound } from './route.js';

export function uiLogo({ store }: Pick<Services, 'store'>) {
  return (req: Request<{ poolId: string; clientId: string }>, res: Response): void => {
    const { poolId, clientId } = req.params;
    const customization = store.uiCustomizations.find(poolId, clientId === ALL_CLIENTS ? undefined : clientId);
    if (!customization?.image) return notFound(res, `No logo is set for ${clientId} in user pool ${poolId}.`);
    res
      .type(customization.image.mediaType)
      .set('Cache-Control', 'no-cache')
      .set('X-Content-Type-Options', 'nosniff')
      .send(Buffer.from(customization.image.base64, 'base64'));
  };
}
