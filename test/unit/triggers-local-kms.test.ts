import { afterEach, describe, expect, it } from 'vitest';
import { KMS_KEYS_ENV, decrypt, encrypt, generateKeyMaterial } from '../../src-main/triggers/local-kms.js';

const KEY_ID = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const key = { keyId: KEY_ID, material: generateKeyMaterial() };
const context = { 'userpool-id': 'us-east-1_AbC123xyZ' };

afterEach(() => {
  delete process.env[KMS_KEYS_ENV];
});

describe('the local KMS stand-in', () => {
  it('round-trips a code, answering in the Encryption SDK shape', async () => {
    const code = encrypt('123456', key, context);
    expect(code).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const { plaintext, messageHeader } = await decrypt(code, { key: key.material.toString('base64') });
    expect(plaintext.toString()).toBe('123456');
    expect(messageHeader).toEqual({ keyId: KEY_ID, encryptionContext: context });
  });

  it('takes the message as bytes and the key as bytes too', async () => {
    const code = Buffer.from(encrypt('Temp-Passw0rd!', key, context), 'base64');
    expect((await decrypt(new Uint8Array(code), { key: new Uint8Array(key.material) })).plaintext.toString()).toBe('Temp-Passw0rd!');
  });

  it('never encrypts the same code to the same message', () => {
    expect(encrypt('123456', key, context)).not.toBe(encrypt('123456', key, context));
  });

  it('lays the message out as documented: version, key id, context, iv, tag, ciphertext', () => {
    const message = Buffer.from(encrypt('123456', key, context), 'base64');
    expect(message[0]).toBe(0x01);
    const keyIdLength = message.readUInt16BE(1);
    expect(message.subarray(3, 3 + keyIdLength).toString()).toBe(KEY_ID);
    const contextLength = message.readUInt16BE(3 + keyIdLength);
    const contextEnd = 5 + keyIdLength + contextLength;
    expect(JSON.parse(message.subarray(5 + keyIdLength, contextEnd).toString())).toEqual(context);
    expect(message.length).toBe(contextEnd + 12 + 16 + '123456'.length);
  });

  it('finds its key in COGNITO_SANDBOX_KMS_KEYS, as local handlers do', async () => {
    process.env[KMS_KEYS_ENV] = JSON.stringify({ [KEY_ID]: key.material.toString('base64') });
    expect((await decrypt(encrypt('654321', key, context))).plaintext.toString()).toBe('654321');
  });

  it('says where to put the key when it has none', async () => {
    await expect(decrypt(encrypt('1', key, context))).rejects.toThrow(`no local key for ${KEY_ID}`);
  });

  it('refuses the wrong key, a tampered header or ciphertext, and what is not its message', async () => {
    const code = encrypt('123456', key, context);
    await expect(decrypt(code, { key: generateKeyMaterial() })).rejects.toThrow();
    const tampered = Buffer.from(code, 'base64');
    tampered[tampered.length - 1]! ^= 1;
    await expect(decrypt(tampered, { key: key.material })).rejects.toThrow();
    const header = Buffer.from(code, 'base64');
    header[10]! ^= 1; // inside the key id, which the tag authenticates
    await expect(decrypt(header, { key: key.material })).rejects.toThrow();
    await expect(decrypt('AYADeHbG', { key: key.material })).rejects.toThrow('not a message encrypted by the Cognito Sandbox local KMS');
  });
});
