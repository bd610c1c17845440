/**
 * SetUserMFAPreference: the signed-in user turns SMS, TOTP and email MFA on or off and names the
 * preferred one, under Cognito's rules (cognito/mfa.ts, withMfaPreference): one preferred at most;
 * TOTP only with a verified software token ("User has not verified software token mfa"), SMS only
 * with a phone number, email only with an email address and the pool's email MFA.
 *
 * Limitations: WebAuthnMfaSettings is checked and ignored (passkeys are not an MFA factor here).
 */
import type { SetUserMFAPreferenceCommandInput, SetUserMFAPreferenceCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { withMfaPreference } from '../../../../cognito/mfa.js';
import { signedInUser } from '../../access-token.js';
import { TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { mfaPreferenceMembers, preferenceChange, saveMfaSettings } from './settings.js';

export const SetUserMFAPreference = operation<SetUserMFAPreferenceCommandInput, SetUserMFAPreferenceCommandOutput, Pick<Services, 'tokens' | 'store' | 'clock'>>(
  (services) => ({
    input: structure({ ...mfaPreferenceMembers, AccessToken: required(TokenModelType) }),
    async handle(input) {
      const { pool, user } = await signedInUser(services, input.AccessToken!);
      saveMfaSettings(services, user, withMfaPreference(pool, user, preferenceChange(input)));
      return {};
    },
  }),
);
