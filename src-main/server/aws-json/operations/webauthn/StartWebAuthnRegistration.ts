/**
 * StartWebAuthnRegistration: the signed-in user asks for credential creation options
 * (PublicKeyCredentialCreationOptionsJSON) to register a passkey; the challenge waits on the user
 * for CompleteWebAuthnRegistration from the same app client, for 3 minutes. The pool must allow
 * WEB_AUTHN as a first factor (Policies.SignInPolicy.AllowedFirstAuthFactors) on a feature plan
 * above LITE, else WebAuthnNotEnabledException.
 * The relying party is WebAuthnConfiguration.RelyingPartyId, else the pool's custom domain, else
 * its prefix domain.
 * Limitations: a deliberate difference: where Cognito answers WebAuthnConfigurationMissingException
 * (no relying party ID and no domain), the sandbox uses `localhost`, so an app on
 * http://localhost can register passkeys without configuring one. The options' exact members
 * (rp.name, user.name, timeout) are the sandbox's best reading of Cognito's; see cognito/webauthn.ts.
 */
import type { StartWebAuthnRegistrationCommandInput, StartWebAuthnRegistrationCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { signedInUser } from '../../access-token.js';
import { TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { startPasskeyRegistration } from '../../../../cognito/webauthn.js';

export const StartWebAuthnRegistration = operation<
  StartWebAuthnRegistrationCommandInput,
  StartWebAuthnRegistrationCommandOutput,
  Pick<Services, 'tokens' | 'store' | 'clock' | 'ids'>
>((services) => ({
  input: structure({ AccessToken: required(TokenModelType) }),
  async handle(input) {
    const { pool, user, client } = await signedInUser(services, input.AccessToken!);
    const options = startPasskeyRegistration(services, pool, user, client.clientId);
    return { CredentialCreationOptions: options };
  },
}));
