/**
 * AdminSetUserMFAPreference: SetUserMFAPreference for a user an administrator names, under the
 * same rules (cognito/mfa.ts, withMfaPreference).
 *
 * Limitations: WebAuthnMfaSettings is checked and ignored (passkeys are not an MFA factor here).
 */
import type { AdminSetUserMFAPreferenceCommandInput, AdminSetUserMFAPreferenceCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { withMfaPreference } from '../../../../cognito/mfa.js';
import { requirePool, requireUser } from '../../../../cognito/resources.js';
import { UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { mfaPreferenceMembers, preferenceChange, saveMfaSettings } from './settings.js';

export const AdminSetUserMFAPreference = operation<
  AdminSetUserMFAPreferenceCommandInput,
  AdminSetUserMFAPreferenceCommandOutput,
  Pick<Services, 'store' | 'clock'>
>((services) => ({
  input: structure({ ...mfaPreferenceMembers, Username: required(UsernameType), UserPoolId: required(UserPoolIdType) }),
  handle(input) {
    const pool = requirePool(services.store, input.UserPoolId!);
    const user = requireUser(services.store, pool, input.Username!);
    saveMfaSettings(services, user, withMfaPreference(pool, user, preferenceChange(input)));
    return {};
  },
}));
