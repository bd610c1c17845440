import type { Request, Response } from 'express';
import type { Services } from '../../services.js';

const startedAt = Date.now();

export function health(services: Services) {
  return (_req: Request, res: Response) => {
    res.json({
      status: 'ok',
      region: services.options.region,
      persistent: services.options.dataDir !== undefined,
      startedAt,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      userPools: services.store.pools.all().length,
    });
  };
}
