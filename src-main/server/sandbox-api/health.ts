import type { Services } from '../../services.js';
import type { ApiHandler } from './route.js';

const startedAt = Date.now();

export function health(services: Pick<Services, 'options' | 'store' | 'https'>): ApiHandler<'health'> {
  return (_req, res) => {
    res.json({
      status: 'ok',
      region: services.options.region,
      accountId: services.options.accountId,
      persistent: services.options.dataDir !== undefined,
      startedAt,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      userPools: services.store.pools.all().length,
      ...(services.https && { httpsUrl: services.https.url }),
    });
  };
}
