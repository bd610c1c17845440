/**
 * `GET /_sandbox/api/pools/{poolId}/clients/{clientId}/secrets`: an app client's secrets with
 * their values, oldest first. Cognito's ListUserPoolClientSecrets answers ids and dates only; the
 * window's client page masks each value and reveals or copies it on request, as a local sandbox's
 * own debugger may.
 */
import type { Services } from '../../services.js';
import { notFound, type ApiHandler } from './route.js';

export function clientSecrets({ store }: Pick<Services, 'store'>): ApiHandler<'clientSecrets'> {
  return (req, res) => {
    const client = store.clients.findById(req.params.clientId);
    if (!client || client.poolId !== req.params.poolId) return notFound(res, 'No such app client in this pool.');
    res.json((client.secrets ?? []).map(({ secretId, value, created }) => ({ secretId, value, created })));
  };
}
