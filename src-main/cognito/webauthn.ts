/**
 * Passkeys (WebAuthn) for user-pool users: the ceremonies Cognito runs as the relying party.
 * Registration (StartWebAuthnRegistration, then CompleteWebAuthnRegistration) hands out
 * credential creation options and keeps their challenge on the user until the browser's answer
 * comes back; sign-in (the WEB_AUTHN challenge) hands out credential request options and checks
 * the assertion against the stored public key. The cryptography (attestation statements, COSE
 * keys, signatures) is @simplewebauthn/server's; what Cognito decides around it (which relying
 * party, which origins, which exception) is here.
 *
 * Assumptions where Cognito's documentation is silent:
 *  - the relying party is WebAuthnConfiguration.RelyingPartyId, else the pool's custom domain,
 *    else its prefix domain (`{prefix}.auth.{region}.amazoncognito.com`); with neither, Cognito
 *    answers WebAuthnConfigurationMissingException, the sandbox uses `localhost` instead, so a
 *    page on http://localhost can register passkeys with no configuration;
 *  - allowed origins are https:// on the relying party or a subdomain of it, and http:// on
 *    localhost (a secure context in browsers); app origins (android:apk-key-hash:...) are not;
 *  - the challenge is 32 random bytes; options and challenges last 3 minutes;
 *  - `user.id` is the user's `sub` (UTF-8, base64url), `user.name` and `displayName` the username;
 *  - a user keeps at most 20 passkeys (ListWebAuthnCredentials's largest page);
 *  - the friendly name comes from the authenticator's AAGUID for well-known providers, else
 *    "Passkey".
 */
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import type { AuthenticationResponseJSON, RegistrationResponseJSON, Uint8Array_ } from '@simplewebauthn/server';
import { convertAAGUIDToString, decodeAttestationObject, isoBase64URL, parseAuthenticatorData, toHash } from '@simplewebauthn/server/helpers';
import type { BaseServices } from '../base-services.js';
import type { Store } from '../store/index.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredUser } from '../store/repositories/users.js';
import type { StoredWebAuthnCredential } from '../store/repositories/webauthn-credentials.js';
import {
  InvalidParameterException,
  LimitExceededException,
  NotAuthorizedException,
  WebAuthnChallengeNotFoundException,
  WebAuthnClientMismatchException,
  WebAuthnCredentialNotSupportedException,
  WebAuthnNotEnabledException,
  WebAuthnOriginNotAllowedException,
  WebAuthnRelyingPartyMismatchException,
} from './errors.js';

export type WebAuthnServices = Pick<BaseServices, 'store' | 'clock' | 'ids'>;

/** How long a ceremony's options (and its challenge) last. */
export const CEREMONY_TIMEOUT_MS = 3 * 60 * 1000;
export const MAX_PASSKEYS_PER_USER = 20;
/** ES256 and RS256, the algorithms passkey providers use. */
const SUPPORTED_ALGORITHMS = [-7, -257];
const FALLBACK_RELYING_PARTY = 'localhost';

type UserVerification = 'required' | 'preferred';

// Type aliases rather than interfaces: the options travel as an AWS document (a JSON value).
type CredentialDescriptor = {
  type: 'public-key';
  id: string;
  transports?: string[];
};

/** StartWebAuthnRegistration's CredentialCreationOptions (PublicKeyCredentialCreationOptionsJSON). */
export type CredentialCreationOptions = {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: { type: 'public-key'; alg: number }[];
  timeout: number;
  excludeCredentials: CredentialDescriptor[];
  authenticatorSelection: { requireResidentKey: boolean; residentKey: 'required'; userVerification: UserVerification };
};

/** What a registration waits for, kept on the user (`extra.webAuthnRegistration`) until it completes. */
interface PendingRegistration {
  challenge: string;
  clientId: string;
  relyingPartyId: string;
  /** Epoch milliseconds. */
  expires: number;
}

/** A WEB_AUTHN challenge as the sign-in flow keeps it (plain JSON) until the user answers. */
export interface PasskeyChallenge {
  /** The challenge the assertion must sign, base64url. */
  challenge: string;
  relyingPartyId: string;
  /** CREDENTIAL_REQUEST_OPTIONS, the JSON string Cognito puts in ChallengeParameters. */
  credentialRequestOptions: string;
}

/** A verified assertion. */
export interface VerifiedPasskey {
  credentialId: string;
  /** The authenticator verified the user (PIN, biometrics), not only their presence. */
  userVerified: boolean;
}

// ---- The pool's passkey settings

/** Passkeys are a first factor the pool's sign-in policy allows, on a feature plan that has them. */
export function passkeysEnabled(pool: UserPool): boolean {
  const factors = pool.config.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? [];
  return pool.config.UserPoolTier !== 'LITE' && factors.includes('WEB_AUTHN');
}

function requirePasskeysEnabled(pool: UserPool): void {
  if (!passkeysEnabled(pool)) throw new WebAuthnNotEnabledException('Passkey sign-in is not enabled for this user pool.');
}

/** The relying party passkeys of this pool are bound to (see the header for the order). */
export function relyingPartyOf(store: Store, pool: UserPool): string {
  const configured = pool.mfaFactors?.webAuthn?.RelyingPartyId;
  if (configured) return configured;
  const domains = store.domains.domainsOfPool(pool.id);
  if (domains.custom) return domains.custom;
  if (domains.prefix) return `${domains.prefix}.auth.${pool.id.slice(0, pool.id.indexOf('_'))}.amazoncognito.com`;
  return FALLBACK_RELYING_PARTY;
}

function userVerificationOf(pool: UserPool): UserVerification {
  return pool.mfaFactors?.webAuthn?.UserVerification === 'required' ? 'required' : 'preferred';
}

/** The passkey's origin is the relying party or a subdomain of it, over https (http on localhost). */
export function originAllowed(origin: string, relyingPartyId: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  const host = url.hostname;
  if (host !== relyingPartyId && !host.endsWith(`.${relyingPartyId}`)) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (host === 'localhost' || host.endsWith('.localhost'));
}

// ---- Small steps both ceremonies take

const descriptorOf = (credential: StoredWebAuthnCredential): CredentialDescriptor => ({
  type: 'public-key',
  id: credential.credentialId,
  ...(credential.transports.length > 0 && { transports: [...credential.transports] }),
});

/** The WebAuthn user handle: the user's `sub`. */
export function userHandleOf(user: StoredUser): string {
  return isoBase64URL.fromUTF8String(user.sub);
}

function passkeysOf(store: Store, user: StoredUser): StoredWebAuthnCredential[] {
  return store.webAuthnCredentials.listOf(user.poolId, user.sub, MAX_PASSKEYS_PER_USER);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** The browser's clientDataJSON, or undefined when it is not one. */
function clientDataOf(encoded: string): { type: string; challenge: string; origin: string } | undefined {
  try {
    const data: unknown = JSON.parse(isoBase64URL.toUTF8String(encoded));
    if (isRecord(data) && isString(data.type) && isString(data.challenge) && isString(data.origin)) {
      return { type: data.type, challenge: data.challenge, origin: data.origin };
    }
  } catch {
    // not base64url JSON
  }
  return undefined;
}

async function rpIdHashMatches(rpIdHash: Uint8Array, relyingPartyId: string): Promise<boolean> {
  const expected = await toHash(new TextEncoder().encode(relyingPartyId));
  return Buffer.from(rpIdHash).equals(Buffer.from(expected));
}

// ---- Registration

const pendingRegistrationOf = (user: StoredUser): PendingRegistration | undefined => user.extra.webAuthnRegistration as PendingRegistration | undefined;

/** Writes the user's pending registration (or clears it), on the freshest copy of the user. */
function savePendingRegistration(store: Store, user: StoredUser, pending: PendingRegistration | undefined): void {
  const current = store.users.findByKey(user.poolId, user.usernameKey);
  if (!current) return;
  const { webAuthnRegistration: _replaced, ...extra } = current.extra;
  store.users.save({ ...current, extra: pending ? { ...extra, webAuthnRegistration: pending } : extra });
}

/**
 * StartWebAuthnRegistration: the credential creation options for the signed-in user, whose
 * challenge is kept on the user, for the app client that asked, until it expires.
 */
export function startPasskeyRegistration(services: WebAuthnServices, pool: UserPool, user: StoredUser, clientId: string): CredentialCreationOptions {
  requirePasskeysEnabled(pool);
  const relyingPartyId = relyingPartyOf(services.store, pool);
  const challenge = services.ids.opaque(32);
  services.store.transaction(() =>
    savePendingRegistration(services.store, user, { challenge, clientId, relyingPartyId, expires: services.clock.now() + CEREMONY_TIMEOUT_MS }),
  );
  return {
    challenge,
    rp: { id: relyingPartyId, name: relyingPartyId },
    user: { id: userHandleOf(user), name: user.username, displayName: user.username },
    pubKeyCredParams: SUPPORTED_ALGORITHMS.map((alg) => ({ type: 'public-key', alg })),
    timeout: CEREMONY_TIMEOUT_MS,
    excludeCredentials: passkeysOf(services.store, user).map(descriptorOf),
    authenticatorSelection: { requireResidentKey: true, residentKey: 'required', userVerification: userVerificationOf(pool) },
  };
}

/** A PublicKeyCredential's JSON envelope (id, rawId, type): its `response` member, or undefined when it is none. */
function credentialResponseOf(credential: unknown): Record<string, unknown> | undefined {
  if (!isRecord(credential) || !isString(credential.id) || !isString(credential.rawId) || credential.type !== 'public-key') return undefined;
  return isRecord(credential.response) ? credential.response : undefined;
}

/** The request's Credential as a RegistrationResponseJSON, or InvalidParameterException. */
function asRegistrationResponse(credential: unknown): RegistrationResponseJSON {
  const response = credentialResponseOf(credential);
  const transportsValid = response?.transports === undefined || (Array.isArray(response.transports) && response.transports.every(isString));
  if (!response || !isString(response.clientDataJSON) || !isString(response.attestationObject) || !transportsValid) {
    throw new InvalidParameterException('Credential is not a passkey registration response (RegistrationResponseJSON).');
  }
  return credential as RegistrationResponseJSON;
}

/** The pending registration this response answers, for this client. */
function requirePendingRegistration(services: WebAuthnServices, user: StoredUser, clientId: string, challenge: string): PendingRegistration {
  const pending = pendingRegistrationOf(user);
  if (!pending || pending.expires <= services.clock.now()) {
    throw new WebAuthnChallengeNotFoundException('The passkey registration challenge was not found or has expired.');
  }
  if (pending.clientId !== clientId) {
    throw new WebAuthnClientMismatchException('The access token was issued to another app client than the one that started the passkey registration.');
  }
  if (pending.challenge !== challenge) throw new WebAuthnChallengeNotFoundException('The passkey registration challenge was not found or has expired.');
  return pending;
}

interface AttestedData {
  rpIdHash: Uint8Array_;
  userVerified: boolean;
  aaguid?: Uint8Array_;
}

function attestedDataOf(attestationObject: string): AttestedData {
  try {
    const parsed = parseAuthenticatorData(decodeAttestationObject(isoBase64URL.toBuffer(attestationObject)).get('authData'));
    return { rpIdHash: parsed.rpIdHash, userVerified: parsed.flags.uv, ...(parsed.aaguid && { aaguid: parsed.aaguid }) };
  } catch {
    throw new InvalidParameterException('Credential has an attestationObject that cannot be read.');
  }
}

/** Names of well-known passkey providers, by AAGUID. */
const PROVIDER_NAMES: Record<string, string> = {
  'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4': 'Google Password Manager',
  'adce0002-35bc-c60a-648b-0b25f1f05503': 'Chrome on Mac',
  'fbfc3007-154e-4ecc-8c0b-6e020557d7bd': 'iCloud Keychain',
  'dd4ec289-e01d-41c9-bb89-70fa845d4bf2': 'iCloud Keychain (Managed)',
  '08987058-cadc-4b81-b6e1-30de50dcbe96': 'Windows Hello',
  '9ddd1817-af5a-4672-a2b9-3e3dd95000a9': 'Windows Hello',
  '6028b017-b1d4-4c02-b4b3-afcdafc96bb2': 'Windows Hello',
  'bada5566-a7aa-401f-bd96-45619a55120d': '1Password',
  'd548826e-79b4-db40-a3d8-11116f7e8349': 'Bitwarden',
  '531126d6-e717-415c-9320-3d9aa6981239': 'Dashlane',
  'b84e4048-15dc-4dd0-8640-f4f60813c8af': 'NordPass',
  '53414d53-554e-4700-0000-000000000000': 'Samsung Pass',
};

function friendlyNameOf(aaguid: Uint8Array_ | undefined): string {
  return (aaguid && PROVIDER_NAMES[convertAAGUIDToString(aaguid)]) ?? 'Passkey';
}

/** simplewebauthn's own verification (attestation statement, algorithm, flags); any refusal is an unsupported credential. */
async function verifiedRegistration(response: RegistrationResponseJSON, pending: PendingRegistration, origin: string, pool: UserPool) {
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: pending.challenge,
      expectedOrigin: origin,
      expectedRPID: pending.relyingPartyId,
      requireUserVerification: userVerificationOf(pool) === 'required',
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
  } catch (error) {
    throw new WebAuthnCredentialNotSupportedException(`The passkey credential is not supported: ${(error as Error).message}`);
  }
  if (!verification.verified) throw new WebAuthnCredentialNotSupportedException('The passkey credential is not supported: its attestation did not verify.');
  return verification.registrationInfo;
}

function checkCanAddPasskey(store: Store, user: StoredUser, credentialId: string): void {
  if (store.webAuthnCredentials.find(user.poolId, credentialId)) {
    throw new InvalidParameterException('This passkey is already registered.');
  }
  if (store.webAuthnCredentials.countOf(user.poolId, user.sub) >= MAX_PASSKEYS_PER_USER) {
    throw new LimitExceededException(`A user can register at most ${MAX_PASSKEYS_PER_USER} passkeys.`);
  }
}

/**
 * CompleteWebAuthnRegistration: verifies the browser's RegistrationResponseJSON against the
 * pending registration and keeps the new passkey. The challenge is spent once it succeeds.
 */
export async function completePasskeyRegistration(
  services: WebAuthnServices,
  pool: UserPool,
  user: StoredUser,
  clientId: string,
  credential: unknown,
): Promise<StoredWebAuthnCredential> {
  requirePasskeysEnabled(pool);
  const response = asRegistrationResponse(credential);
  const clientData = clientDataOf(response.response.clientDataJSON);
  if (!clientData || clientData.type !== 'webauthn.create') {
    throw new InvalidParameterException('Credential has no clientDataJSON of a passkey registration (webauthn.create).');
  }
  const pending = requirePendingRegistration(services, user, clientId, clientData.challenge);
  if (!originAllowed(clientData.origin, pending.relyingPartyId)) {
    throw new WebAuthnOriginNotAllowedException(`The origin ${clientData.origin} does not match the relying party ID ${pending.relyingPartyId}.`);
  }
  const attested = attestedDataOf(response.response.attestationObject);
  if (!(await rpIdHashMatches(attested.rpIdHash, pending.relyingPartyId))) {
    throw new WebAuthnRelyingPartyMismatchException(`The passkey credential is not for the relying party ID ${pending.relyingPartyId}.`);
  }
  if (userVerificationOf(pool) === 'required' && !attested.userVerified) {
    throw new WebAuthnCredentialNotSupportedException('The user pool requires user verification, and the authenticator did not verify the user.');
  }
  const info = await verifiedRegistration(response, pending, clientData.origin, pool);
  const stored: StoredWebAuthnCredential = {
    poolId: pool.id,
    credentialId: info.credential.id,
    sub: user.sub,
    publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
    signCount: info.credential.counter,
    transports: [...(response.response.transports ?? [])],
    friendlyName: friendlyNameOf(attested.aaguid),
    relyingPartyId: pending.relyingPartyId,
    ...(isString(response.authenticatorAttachment) && { authenticatorAttachment: response.authenticatorAttachment }),
    created: services.clock.now(),
  };
  services.store.transaction(() => {
    checkCanAddPasskey(services.store, user, stored.credentialId);
    services.store.webAuthnCredentials.insert(stored);
    savePendingRegistration(services.store, user, undefined);
  });
  return stored;
}

// ---- Sign-in (the WEB_AUTHN challenge)

/**
 * The WEB_AUTHN challenge for a user: CREDENTIAL_REQUEST_OPTIONS (a JSON string, as Cognito sends
 * it in ChallengeParameters) allowing the user's passkeys for the pool's relying party. Keep the
 * whole result with the flow and hand it back to verifyPasskeyAssertion.
 */
export function passkeyChallenge(services: WebAuthnServices, pool: UserPool, user: StoredUser): PasskeyChallenge {
  const relyingPartyId = relyingPartyOf(services.store, pool);
  const challenge = services.ids.opaque(32);
  const allowCredentials = passkeysOf(services.store, user)
    .filter((credential) => credential.relyingPartyId === relyingPartyId)
    .map(descriptorOf);
  const options = { challenge, rpId: relyingPartyId, timeout: CEREMONY_TIMEOUT_MS, allowCredentials, userVerification: userVerificationOf(pool) };
  return { challenge, relyingPartyId, credentialRequestOptions: JSON.stringify(options) };
}

const refused = (why: string) => new NotAuthorizedException(`Passkey authentication failed: ${why}.`);

/** CREDENTIAL as an AuthenticationResponseJSON, or InvalidParameterException. */
function asAuthenticationResponse(credential: string): AuthenticationResponseJSON {
  let parsed: unknown;
  try {
    parsed = JSON.parse(credential);
  } catch {
    parsed = undefined;
  }
  const response = credentialResponseOf(parsed);
  const userHandleValid = response?.userHandle === undefined || response.userHandle === null || typeof response.userHandle === 'string';
  if (!response || !isString(response.clientDataJSON) || !isString(response.authenticatorData) || !isString(response.signature) || !userHandleValid) {
    throw new InvalidParameterException('CREDENTIAL is not a passkey authentication response (AuthenticationResponseJSON).');
  }
  return parsed as AuthenticationResponseJSON;
}

function requireOwnPasskey(store: Store, user: StoredUser, credentialId: string, relyingPartyId: string): StoredWebAuthnCredential {
  const credential = store.webAuthnCredentials.find(user.poolId, credentialId);
  if (!credential || credential.sub !== user.sub) throw refused('the passkey is not registered to this user');
  if (credential.relyingPartyId !== relyingPartyId) throw refused('the passkey is registered for another relying party');
  return credential;
}

async function checkAssertionData(response: AuthenticationResponseJSON, user: StoredUser, challenge: PasskeyChallenge): Promise<string> {
  const clientData = clientDataOf(response.response.clientDataJSON);
  if (!clientData || clientData.type !== 'webauthn.get') throw refused('the response is not a passkey assertion (webauthn.get)');
  if (clientData.challenge !== challenge.challenge) throw refused('the assertion answers another challenge');
  if (!originAllowed(clientData.origin, challenge.relyingPartyId)) {
    throw refused(`the origin ${clientData.origin} does not match the relying party ID ${challenge.relyingPartyId}`);
  }
  let rpIdHash: Uint8Array_;
  try {
    rpIdHash = parseAuthenticatorData(isoBase64URL.toBuffer(response.response.authenticatorData)).rpIdHash;
  } catch {
    throw refused('the authenticator data cannot be read');
  }
  if (!(await rpIdHashMatches(rpIdHash, challenge.relyingPartyId))) throw refused(`the assertion is not for the relying party ID ${challenge.relyingPartyId}`);
  if (response.response.userHandle && response.response.userHandle !== userHandleOf(user)) throw refused('the passkey belongs to another user');
  return clientData.origin;
}

/**
 * Verifies a WEB_AUTHN answer: CREDENTIAL (the AuthenticationResponseJSON string from
 * ChallengeResponses) must be signed by one of the user's passkeys over the challenge the flow
 * kept, from an allowed origin, with user verification when the pool requires it; the passkey's
 * signature counter is then recorded. Refusals are NotAuthorizedException (InvalidParameterException
 * for a CREDENTIAL that is not an AuthenticationResponseJSON at all).
 */
export async function verifyPasskeyAssertion(
  services: Pick<BaseServices, 'store'>,
  pool: UserPool,
  user: StoredUser,
  challenge: PasskeyChallenge,
  credential: string,
): Promise<VerifiedPasskey> {
  const response = asAuthenticationResponse(credential);
  const passkey = requireOwnPasskey(services.store, user, response.id, challenge.relyingPartyId);
  const origin = await checkAssertionData(response, user, challenge);
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: origin,
      expectedRPID: challenge.relyingPartyId,
      credential: { id: passkey.credentialId, publicKey: isoBase64URL.toBuffer(passkey.publicKey), counter: passkey.signCount },
      requireUserVerification: userVerificationOf(pool) === 'required',
    });
  } catch (error) {
    throw refused((error as Error).message);
  }
  if (!verification.verified) throw refused('the signature does not verify');
  services.store.webAuthnCredentials.updateSignCount(pool.id, passkey.credentialId, verification.authenticationInfo.newCounter);
  return { credentialId: passkey.credentialId, userVerified: verification.authenticationInfo.userVerified };
}
