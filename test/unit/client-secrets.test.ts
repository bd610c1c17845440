/** cognito/client-secrets.ts: which secrets a client accepts, and the rules of adding and deleting them. */
import { describe, expect, it } from 'vitest';
import { clientSecretsOf, matchesClientSecret, newClientSecret, requireDeletableSecret } from '../../src-main/cognito/client-secrets.js';

const FIRST = { secretId: 'client1--1000', value: 'first_secret_value_0123456789', created: 1000 };
const SECOND = { secretId: 'client1--2000', value: 'second_secret_value_012345678', created: 2000 };
const confidential = { clientId: 'client1', secret: FIRST.value, secrets: [FIRST] };
const rotating = { clientId: 'client1', secret: FIRST.value, secrets: [FIRST, SECOND] };
const generate = () => 'generated_secret_value_0123456';

describe('matchesClientSecret', () => {
  it('accepts each secret the client holds and nothing else', () => {
    expect(matchesClientSecret(rotating, FIRST.value)).toBe(true);
    expect(matchesClientSecret(rotating, SECOND.value)).toBe(true);
    expect(matchesClientSecret(rotating, `${SECOND.value}x`)).toBe(false);
    expect(matchesClientSecret(rotating, '')).toBe(false);
    expect(matchesClientSecret(rotating, undefined)).toBe(false);
    expect(matchesClientSecret({}, '')).toBe(false);
  });

  it('a client not read from the store holds its secret alone', () => {
    expect(clientSecretsOf({ secret: 'only' })).toEqual(['only']);
    expect(clientSecretsOf({})).toEqual([]);
  });
});

describe('newClientSecret', () => {
  it('is named after the client and its creation time, a millisecond after the newest when they would share one', () => {
    expect(newClientSecret(confidential, undefined, 5000, generate)).toEqual({ secretId: 'client1--5000', value: generate(), created: 5000 });
    expect(newClientSecret(confidential, 'my_own_secret_value_0123456', 1000, generate)).toMatchObject({ secretId: 'client1--1001', value: 'my_own_secret_value_0123456' });
  });

  it('refuses a public client, a third secret and a value the client holds', () => {
    expect(() => newClientSecret({ clientId: 'public', secrets: [] }, undefined, 1, generate)).toThrow(expect.objectContaining({ type: 'InvalidParameterException' }));
    expect(() => newClientSecret(rotating, undefined, 3000, generate)).toThrow(expect.objectContaining({ type: 'LimitExceededException' }));
    expect(() => newClientSecret(confidential, FIRST.value, 3000, generate)).toThrow(expect.objectContaining({ type: 'InvalidParameterException' }));
  });
});

describe('requireDeletableSecret', () => {
  it('answers a secret the client holds, never its last, and refuses an unknown id', () => {
    expect(requireDeletableSecret(rotating, SECOND.secretId)).toEqual(SECOND);
    expect(() => requireDeletableSecret(confidential, FIRST.secretId)).toThrow('You cannot delete the last remaining secret for an app client.');
    expect(() => requireDeletableSecret(rotating, 'client1--9')).toThrow(expect.objectContaining({ type: 'ResourceNotFoundException' }));
  });
});
