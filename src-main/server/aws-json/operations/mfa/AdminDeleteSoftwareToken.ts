/**
 * AdminDeleteSoftwareToken: the user's TOTP authenticator (in use or pending) is forgotten, for a
 * user who lost their device; SOFTWARE_TOKEN_MFA is off and no longer preferred, and the user may
 * associate a new one. A user without a token is answered the same (the reference names no error
 * for it).
 */
import type { AdminDeleteSoftwareTokenCommandInput, AdminDeleteSoftwareTokenCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { withoutSoftwareToken } from '../../../../cognito/mfa.js';
import { requirePool, requireUser } from '../../../../cognito/resources.js';
import { UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { saveMfaSettings } from './settings.js';

export const AdminDeleteSoftwareToken = operation<AdminDeleteSoftwareTokenCommandInput, AdminDeleteSoftwareTokenCommandOutput, Pick<Services, 'store' | 'clock'>>(
  (services) => ({
    input: structure({ UserPoolId: required(UserPoolIdType), Username: required(UsernameType) }),
    handle(input) {
      const pool = requirePool(services.store, input.UserPoolId!);
      const user = requireUser(services.store, pool, input.Username!);
      saveMfaSettings(services, user, withoutSoftwareToken(user));
      return {};
    },
  }),
);
