/**
 * VerifySoftwareToken: the user proves their authenticator works with a code from the secret
 * AssociateSoftwareToken handed out (RFC 6238, one 30-second step of skew either side, each code
 * once); that secret then replaces the token in use. Verifying does not turn SOFTWARE_TOKEN_MFA on:
 * SetUserMFAPreference does. With a Session, the sign-in's MFA_SETUP step (the sign-in flow
 * answers, with the Session RespondToAuthChallenge takes).
 *
 * Cognito answers a wrong code with EnableSoftwareTokenMFAException ("Code mismatch and fail
 * enable Software Token MFA"), never Status ERROR; a replayed code is a wrong code. Nothing
 * associated: SoftwareTokenMFANotFoundException; a pool with TOTP off, the same exception with its
 * pool message.
 *
 * Limitations: wrong codes are not counted towards a retry limit.
 */
import type { VerifySoftwareTokenCommandInput, VerifySoftwareTokenCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { checkPoolHasSoftwareTokenMfa, withSoftwareTokenVerified } from '../../../../cognito/mfa.js';
import { signedInUser } from '../../access-token.js';
import { SessionType, TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { accessTokenOrSession } from './authorisation.js';
import { saveMfaSettings } from './settings.js';
import { FriendlyDeviceNameType, SoftwareTokenMFAUserCodeType } from './shapes.js';

export const VerifySoftwareToken = operation<
  VerifySoftwareTokenCommandInput,
  VerifySoftwareTokenCommandOutput,
  Pick<Services, 'tokens' | 'store' | 'clock' | 'flows'>
>((services) => ({
  input: structure({
    AccessToken: TokenModelType,
    Session: SessionType,
    UserCode: required(SoftwareTokenMFAUserCodeType),
    FriendlyDeviceName: FriendlyDeviceNameType,
  }),
  async handle(input, context) {
    const by = accessTokenOrSession(input);
    if ('session' in by) {
      const request = { session: by.session, userCode: input.UserCode!, ...(input.FriendlyDeviceName !== undefined && { friendlyDeviceName: input.FriendlyDeviceName }) };
      const { status, session } = await services.flows.signIn.verifySoftwareToken(request, context);
      return { Status: status, Session: session };
    }
    const { pool, user: signedIn } = await signedInUser(services, by.accessToken);
    checkPoolHasSoftwareTokenMfa(pool);
    // Read again after the last await: the check and the save of the step used are one turn, so
    // two requests racing with the same code cannot both pass.
    const user = services.store.users.findBySub(pool.id, signedIn.sub) ?? signedIn;
    saveMfaSettings(services, user, withSoftwareTokenVerified(user, input.UserCode!, services.clock.now(), input.FriendlyDeviceName));
    return { Status: 'SUCCESS' };
  },
}));
