/**
 * A software passkey authenticator for protocol tests: it answers credential creation and request
 * options as a browser and its authenticator would (RegistrationResponseJSON with a `none`
 * attestation, AuthenticationResponseJSON signed with the credential's key), and can be told to
 * lie (another challenge, origin or relying party, no user verification, an unsupported key).
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

/** The Chromium virtual authenticator's AAGUID; the software one uses its own. */
export const SOFTWARE_AAGUID = '5e5e5e5e-0000-4000-8000-000000000001';

export interface CreationOptionsJson {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: { type: string; alg: number }[];
  timeout?: number;
  excludeCredentials?: { type: string; id: string; transports?: string[] }[];
  authenticatorSelection?: { requireResidentKey?: boolean; residentKey?: string; userVerification?: string };
}

export interface RequestOptionsJson {
  challenge: string;
  rpId: string;
  timeout?: number;
  allowCredentials?: { type: string; id: string; transports?: string[] }[];
  userVerification?: string;
}

/** What the authenticator may be told to do differently from an honest one. */
export interface Lies {
  challenge?: string;
  origin?: string;
  rpId?: string;
  type?: string;
  userVerified?: boolean;
  /** The counter to report instead of the next one. */
  signCount?: number;
  /** Another user handle than the one registered. */
  userHandle?: string;
}

interface Credential {
  id: Buffer;
  privateKey: KeyObject;
  rpId: string;
  userHandle: string;
  signCount: number;
}

function coseKeyOf(publicKey: KeyObject, algorithm: 'ES256' | 'EdDSA'): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  const key =
    algorithm === 'ES256'
      ? new Map<number, number | Uint8Array>([
          [1, 2],
          [3, -7],
          [-1, 1],
          [-2, Buffer.from(jwk.x!, 'base64url')],
          [-3, Buffer.from(jwk.y!, 'base64url')],
        ])
      : new Map<number, number | Uint8Array>([
          [1, 1],
          [3, -8],
          [-1, 6],
          [-2, Buffer.from(jwk.x!, 'base64url')],
        ]);
  return isoCBOR.encode(key);
}

function counterBytes(count: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(count);
  return bytes;
}

function flagsOf(userVerified: boolean, attested: boolean): number {
  return 0x01 | (userVerified ? 0x04 : 0) | (attested ? 0x40 : 0);
}

export class SoftwareAuthenticator {
  readonly credentials: Credential[] = [];

  constructor(private readonly options: { algorithm?: 'ES256' | 'EdDSA'; userVerifying?: boolean } = {}) {}

  /** navigator.credentials.create() from `origin`, as RegistrationResponseJSON. */
  register(options: CreationOptionsJson, origin: string, lies: Lies = {}) {
    const algorithm = this.options.algorithm ?? 'ES256';
    const { privateKey, publicKey } = algorithm === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
    const id = randomBytes(16);
    const rpId = lies.rpId ?? options.rp.id;
    const userVerified = lies.userVerified ?? this.options.userVerifying ?? true;
    const aaguid = Buffer.from(SOFTWARE_AAGUID.replaceAll('-', ''), 'hex');
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([flagsOf(userVerified, true)]),
      counterBytes(0),
      aaguid,
      idLength,
      id,
      coseKeyOf(publicKey, algorithm),
    ]);
    const clientData = { type: lies.type ?? 'webauthn.create', challenge: lies.challenge ?? options.challenge, origin: lies.origin ?? origin, crossOrigin: false };
    this.credentials.push({ id, privateKey, rpId, userHandle: options.user.id, signCount: 0 });
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(JSON.stringify(clientData)),
        attestationObject: b64url(isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]) as never)),
        transports: ['internal', 'hybrid'],
      },
    };
  }

  /** navigator.credentials.get() from `origin` with the first allowed credential it holds, as AuthenticationResponseJSON. */
  authenticate(options: RequestOptionsJson, origin: string, lies: Lies = {}) {
    const allowed = new Set((options.allowCredentials ?? []).map((c) => c.id));
    const credential = this.credentials.find((c) => allowed.size === 0 || allowed.has(b64url(c.id)));
    if (!credential) throw new Error('the software authenticator holds none of the allowed credentials');
    credential.signCount += 1;
    const userVerified = lies.userVerified ?? this.options.userVerifying ?? true;
    const authData = Buffer.concat([
      sha256(lies.rpId ?? options.rpId),
      Buffer.from([flagsOf(userVerified, false)]),
      counterBytes(lies.signCount ?? credential.signCount),
    ]);
    const clientDataJSON = JSON.stringify({ type: lies.type ?? 'webauthn.get', challenge: lies.challenge ?? options.challenge, origin: lies.origin ?? origin, crossOrigin: false });
    const signed = Buffer.concat([authData, sha256(clientDataJSON)]);
    const signature = sign(this.options.algorithm === 'EdDSA' ? null : 'sha256', signed, credential.privateKey);
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: lies.userHandle ?? credential.userHandle,
      },
    };
  }
}
