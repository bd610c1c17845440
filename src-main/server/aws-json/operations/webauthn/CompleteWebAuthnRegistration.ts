/**
 * CompleteWebAuthnRegistration: the browser's RegistrationResponseJSON for the options
 * StartWebAuthnRegistration gave, checked in Cognito's order of concerns: the pool still allows
 * passkeys (WebAuthnNotEnabledException), the challenge is the user's pending, unexpired one
 * (WebAuthnChallengeNotFoundException; a replayed response finds it spent) from the same app
 * client (WebAuthnClientMismatchException), the origin is the relying party's
 * (WebAuthnOriginNotAllowedException), the authenticator data is for the relying party ID
 * (WebAuthnRelyingPartyMismatchException), and the attestation, key algorithm (ES256, RS256) and
 * user verification are acceptable (WebAuthnCredentialNotSupportedException).
 * Limitations: assumptions where Cognito is silent: a Credential that is not a
 * RegistrationResponseJSON, or a passkey already registered in the pool, is an
 * InvalidParameterException; a 21st passkey is a LimitExceededException; the friendly name comes
 * from the authenticator's AAGUID (see cognito/webauthn.ts).
 */
import type { CompleteWebAuthnRegistrationCommandInput, CompleteWebAuthnRegistrationCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { signedInUser } from '../../access-token.js';
import { TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { document, required, structure } from '../../shapes.js';
import { completePasskeyRegistration } from '../../../../cognito/webauthn.js';

export const CompleteWebAuthnRegistration = operation<
  CompleteWebAuthnRegistrationCommandInput,
  CompleteWebAuthnRegistrationCommandOutput,
  Pick<Services, 'tokens' | 'store' | 'clock' | 'ids'>
>((services) => ({
  input: structure({ AccessToken: required(TokenModelType), Credential: required(document()) }),
  async handle(input) {
    const { pool, user, client } = await signedInUser(services, input.AccessToken!);
    await completePasskeyRegistration(services, pool, user, client.clientId, input.Credential);
    return {};
  },
}));
