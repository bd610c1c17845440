/**
 * `GET /_sandbox/api/kms-keys?keyId=KMS_KEY_ID`: the local key that stands in for a pool's
 * KMSKeyID, so a custom sender function running outside the sandbox (SAM local, LocalStack)
 * can decrypt `request.code` with `decrypt(code, { key })` from src-main/triggers/local-kms.ts.
 * The key exists once the sandbox has encrypted a code with it; reading never creates one.
 */
import type { Services } from '../../services.js';
import { notFound, type ApiHandler } from './route.js';

export function kmsKey({ store }: Pick<Services, 'store'>): ApiHandler<'kmsKey'> {
  return (req, res) => {
    const keyId = typeof req.query.keyId === 'string' ? req.query.keyId : '';
    const key = keyId ? store.kmsKeys.find(keyId) : undefined;
    if (!key) return notFound(res, `No local key for KMSKeyID '${keyId}' yet: it is made when the sandbox first encrypts a code with it.`);
    res.json({ keyId: key.keyId, key: key.material });
  };
}
