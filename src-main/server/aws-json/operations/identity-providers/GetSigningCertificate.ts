/**
 * The pool's SAML 2.0 signing certificate: what an identity provider checks the pool's signed
 * AuthnRequests (RequestSigningAlgorithm rsa-sha256) and LogoutRequests with. Base64 DER without
 * PEM armour, as Cognito returns it; made on first need (RSA 2048, self-signed, ten years).
 *
 * Limitations: Cognito issues a new certificate every year and returns the newest; the sandbox
 * keeps its first.
 */
import type { GetSigningCertificateCommandInput, GetSigningCertificateCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import { certificateBody, samlSigningKey } from '../../../../cognito/federation/saml-keys.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const GetSigningCertificate = operation<GetSigningCertificateCommandInput, GetSigningCertificateCommandOutput, Pick<Services, 'store'>>((services) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
  }),
  async handle(input) {
    const pool = requirePool(services.store, input.UserPoolId!);
    return { Certificate: certificateBody((await samlSigningKey(services, pool.id)).certificate) };
  },
}));
