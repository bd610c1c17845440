/**
 * AssociateSoftwareToken: a new TOTP secret for the user (32 base32 characters), pending until
 * VerifySoftwareToken accepts a code from it. With an access token, the signed-in user's; with a
 * Session, the sign-in's MFA_SETUP step (the sign-in flow answers, with the Session to verify with).
 * The pool must have TOTP on (SoftwareTokenMFANotFoundException).
 *
 * Limitations: the secret is stored as is (base32) in the sandbox's database.
 */
import type { AssociateSoftwareTokenCommandInput, AssociateSoftwareTokenCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { checkPoolHasSoftwareTokenMfa, withSoftwareTokenAssociated } from '../../../../cognito/mfa.js';
import { newTotpSecret } from '../../../../cognito/totp.js';
import { signedInUser } from '../../access-token.js';
import { SessionType, TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { structure } from '../../shapes.js';
import { accessTokenOrSession } from './authorisation.js';
import { saveMfaSettings } from './settings.js';

export const AssociateSoftwareToken = operation<
  AssociateSoftwareTokenCommandInput,
  AssociateSoftwareTokenCommandOutput,
  Pick<Services, 'tokens' | 'store' | 'clock' | 'flows'>
>((services) => ({
  input: structure({ AccessToken: TokenModelType, Session: SessionType }),
  async handle(input, context) {
    const by = accessTokenOrSession(input);
    if ('session' in by) {
      const { secretCode, session } = await services.flows.signIn.associateSoftwareToken({ session: by.session }, context);
      return { SecretCode: secretCode, Session: session };
    }
    const { pool, user } = await signedInUser(services, by.accessToken);
    checkPoolHasSoftwareTokenMfa(pool);
    const secret = newTotpSecret();
    saveMfaSettings(services, user, withSoftwareTokenAssociated(user, secret, services.clock.now()));
    return { SecretCode: secret };
  },
}));
