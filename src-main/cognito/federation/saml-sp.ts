/**
 * The SP side of one SAML provider, as @node-saml/node-saml (passport-saml's core) does it:
 * AuthnRequests and LogoutRequests by the HTTP-Redirect binding, and the XML-signature and
 * decryption checks of a response. Its clock is the sandbox's (services.clock), so a test that
 * moves time moves NotBefore / NotOnOrAfter with it.
 *
 * What node-saml is told not to do, because the sandbox does it where Cognito's rules differ or
 * where the debugger lists each check: InResponseTo (the login keeps the AuthnRequest's ID, not an
 * in-memory cache), Recipient and Destination, the SubjectConfirmation's own time limits (node-saml
 * checks them only with InResponseTo validation on), issuers, replays.
 */
import { SAML, ValidateInResponseTo, type SamlConfig } from '@node-saml/node-saml';
import type { Clock } from '../../clock.js';

/** The SP entity ID and audience of a pool: Cognito's. */
export function spEntityId(poolId: string): string {
  return `urn:amazon:cognito:sp:${poolId}`;
}

/** The assertion consumer service, where the IdP posts its response. */
export function assertionConsumerUrl(origin: string): string {
  return `${origin}/saml2/idpresponse`;
}

/** How far the IdP's clock may be from the sandbox's when NotBefore / NotOnOrAfter are checked. */
export const CLOCK_SKEW_MS = 60_000;

/** Cognito's AuthnRequest asks for no particular NameID format. */
const UNSPECIFIED_NAME_ID = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

export interface SpSettings {
  poolId: string;
  origin: string;
  /** The IdP's signing certificates (base64 DER). */
  idpCertificates: string[];
  /** The IdP's HTTP-Redirect SSO endpoint. */
  ssoUrl?: string;
  /** The IdP's HTTP-Redirect SLO endpoint. */
  sloUrl?: string;
  /** The pool's signing key (PEM): requests are signed (rsa-sha256) when it is given. */
  signingKey?: string;
  /** The provider's encryption key (PEM): an EncryptedAssertion is decrypted with it. */
  decryptionKey?: string;
  /** The ID the next request gets. */
  requestId?: string;
  /** The audience a response must name, when it is not the pool's SP entity ID (a SAML login of an identity pool is addressed to AWS). */
  audience?: string;
}

/** node-saml with the sandbox's clock in place of the machine's. */
class ClockedSaml extends SAML {
  constructor(
    config: SamlConfig,
    private readonly clock: Clock,
  ) {
    super(config);
  }

  protected override checkTimestampsValidityError(_nowMs: number, notBefore: string, notOnOrAfter: string, maxTimeLimitMs?: number): Error | null {
    return super.checkTimestampsValidityError(this.clock.now(), notBefore, notOnOrAfter, maxTimeLimitMs);
  }
}

export function samlServiceProvider(settings: SpSettings, clock: Clock): SAML {
  const entityId = spEntityId(settings.poolId);
  return new ClockedSaml(
    {
      issuer: entityId,
      audience: settings.audience ?? entityId,
      callbackUrl: assertionConsumerUrl(settings.origin),
      idpCert: settings.idpCertificates,
      ...(settings.ssoUrl && { entryPoint: settings.ssoUrl }),
      ...(settings.sloUrl && { logoutUrl: settings.sloUrl, entryPoint: settings.ssoUrl ?? settings.sloUrl }),
      ...(settings.signingKey && { privateKey: settings.signingKey, signatureAlgorithm: 'sha256' as const }),
      ...(settings.decryptionKey && { decryptionPvk: settings.decryptionKey }),
      ...(settings.requestId && { generateUniqueId: () => settings.requestId! }),
      identifierFormat: UNSPECIFIED_NAME_ID,
      allowCreate: true,
      disableRequestedAuthnContext: true,
      // Either the response or the assertion must carry a valid signature; node-saml requires one of them.
      wantAuthnResponseSigned: false,
      wantAssertionsSigned: false,
      acceptedClockSkewMs: CLOCK_SKEW_MS,
      validateInResponseTo: ValidateInResponseTo.never,
    },
    clock,
  );
}
