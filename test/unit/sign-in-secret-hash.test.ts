import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSecretHash, secretHash } from '../../src-main/cognito/secret-hash.js';

const client = { clientId: 'client123', secret: 'the-secret' };

describe('SECRET_HASH', () => {
  it('is Base64(HMAC-SHA256(client secret, username + client id))', () => {
    const expected = createHmac('sha256', 'the-secret').update('aliceclient123').digest('base64');
    expect(secretHash('the-secret', 'alice', 'client123')).toBe(expected);
  });

  it('passes for a hash over any of the names the user goes by', () => {
    const hash = secretHash('the-secret', 'alice@example.com', 'client123');
    expect(() => checkSecretHash(client, ['alice', 'alice@example.com'], hash)).not.toThrow();
  });

  it('refuses a wrong hash and a missing one with Cognito’s messages', () => {
    expect(() => checkSecretHash(client, 'alice', secretHash('other', 'alice', 'client123'))).toThrow('Unable to verify secret hash for client client123');
    expect(() => checkSecretHash(client, 'alice', undefined)).toThrow('Client client123 is configured with secret but SECRET_HASH was not received');
    expect(() => checkSecretHash(client, 'alice', undefined, 'SecretHash')).toThrow('Client client123 is configured for secret but secret was not received');
  });

  it('is ignored for a client without a secret', () => {
    expect(() => checkSecretHash({ clientId: 'public' }, 'alice', 'anything')).not.toThrow();
    expect(() => checkSecretHash({ clientId: 'public' }, 'alice', undefined)).not.toThrow();
  });
});
