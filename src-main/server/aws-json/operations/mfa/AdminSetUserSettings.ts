/** AdminSetUserSettings: SetUserSettings (SMS MFA on or off) for a user an administrator names. */
import type { AdminSetUserSettingsCommandInput, AdminSetUserSettingsCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { withLegacyMfaOptions } from '../../../../cognito/mfa.js';
import { requirePool, requireUser } from '../../../../cognito/resources.js';
import { UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { saveMfaSettings } from './settings.js';
import { MFAOptionListType } from './shapes.js';

export const AdminSetUserSettings = operation<AdminSetUserSettingsCommandInput, AdminSetUserSettingsCommandOutput, Pick<Services, 'store' | 'clock'>>(
  (services) => ({
    input: structure({ UserPoolId: required(UserPoolIdType), Username: required(UsernameType), MFAOptions: required(MFAOptionListType) }),
    handle(input) {
      const pool = requirePool(services.store, input.UserPoolId!);
      const user = requireUser(services.store, pool, input.Username!);
      saveMfaSettings(services, user, withLegacyMfaOptions(user, input.MFAOptions!));
      return {};
    },
  }),
);
