/**
 * The sandbox's stand-in for KMS and the AWS Encryption SDK, which Cognito uses to encrypt the
 * code or temporary password it hands to a CustomEmailSender / CustomSMSSender function.
 * Each KMSKeyID gets a local AES-256-GCM key; `request.code` is the base64 of this message:
 *
 *   version    1 byte   0x01
 *   keyIdLen   2 bytes  big-endian
 *   keyId      keyIdLen bytes, UTF-8 (the pool's KMSKeyID)
 *   ctxLen     2 bytes  big-endian
 *   context    ctxLen bytes, UTF-8 JSON (the encryption context: {"userpool-id": POOL_ID})
 *   iv         12 bytes
 *   tag        16 bytes (GCM tag over the ciphertext, with everything before the iv as AAD)
 *   ciphertext the rest
 *
 * A handler decrypts it with `decrypt`, whose answer has the shape of the Encryption SDK's
 * (`{ plaintext, messageHeader }`), so swapping in `@aws-crypto/client-node` for production
 * changes one line:
 *
 *   import { decrypt } from '<sandbox>/src-main/triggers/local-kms.ts';
 *   const { plaintext } = await decrypt(event.request.code);
 *   const code = plaintext.toString();
 *
 * Local handler modules find their keys in the COGNITO_SANDBOX_KMS_KEYS environment variable
 * (JSON: KMSKeyID -> base64 key), which the sandbox sets for them; a function elsewhere (SAM,
 * LocalStack) passes the key: `decrypt(code, { key: BASE64_KEY })`.
 *
 * This file imports nothing from the sandbox, so a handler may import or copy it alone.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const KMS_KEYS_ENV = 'COGNITO_SANDBOX_KMS_KEYS';

const VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface LocalKmsKey {
  keyId: string;
  /** 32 bytes. */
  material: Buffer;
}

export interface DecryptResult {
  plaintext: Buffer;
  messageHeader: { keyId: string; encryptionContext: Record<string, string> };
}

export function generateKeyMaterial(): Buffer {
  return randomBytes(32);
}

function lengthPrefixed(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** Encrypts `plaintext` under `key`; the base64 message Cognito would put in `request.code`. */
export function encrypt(plaintext: string, key: LocalKmsKey, encryptionContext: Record<string, string>): string {
  const header = Buffer.concat([Buffer.from([VERSION]), lengthPrefixed(key.keyId), lengthPrefixed(JSON.stringify(encryptionContext))]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.material, iv);
  cipher.setAAD(header);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

interface ParsedMessage {
  header: Buffer;
  keyId: string;
  encryptionContext: Record<string, string>;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function parseMessage(message: Buffer): ParsedMessage {
  const fail = () => new Error('not a message encrypted by the Cognito Sandbox local KMS');
  if (message[0] !== VERSION || message.length < 5) throw fail();
  let offset = 1;
  const readText = (): string => {
    if (offset + 2 > message.length) throw fail();
    const length = message.readUInt16BE(offset);
    const text = message.subarray(offset + 2, offset + 2 + length).toString('utf8');
    offset += 2 + length;
    return text;
  };
  const keyId = readText();
  const context = readText();
  const header = message.subarray(0, offset);
  if (offset + IV_BYTES + TAG_BYTES > message.length) throw fail();
  const iv = message.subarray(offset, offset + IV_BYTES);
  const tag = message.subarray(offset + IV_BYTES, offset + IV_BYTES + TAG_BYTES);
  return { header, keyId, encryptionContext: JSON.parse(context), iv, tag, ciphertext: message.subarray(offset + IV_BYTES + TAG_BYTES) };
}

function keyFromEnvironment(keyId: string): Buffer {
  const keys = JSON.parse(process.env[KMS_KEYS_ENV] ?? '{}') as Record<string, string>;
  const key = keys[keyId];
  if (!key) throw new Error(`no local key for ${keyId}: pass it as decrypt(code, { key }) or set ${KMS_KEYS_ENV}`);
  return Buffer.from(key, 'base64');
}

/** Decrypts a `request.code` (base64 text or its bytes). */
export async function decrypt(code: string | Uint8Array, options: { key?: string | Uint8Array } = {}): Promise<DecryptResult> {
  const message = parseMessage(typeof code === 'string' ? Buffer.from(code, 'base64') : Buffer.from(code));
  const material = options.key === undefined ? keyFromEnvironment(message.keyId) : typeof options.key === 'string' ? Buffer.from(options.key, 'base64') : Buffer.from(options.key);
  const decipher = createDecipheriv('aes-256-gcm', material, message.iv);
  decipher.setAAD(message.header);
  decipher.setAuthTag(message.tag);
  const plaintext = Buffer.concat([decipher.update(message.ciphertext), decipher.final()]);
  return { plaintext, messageHeader: { keyId: message.keyId, encryptionContext: message.encryptionContext } };
}
