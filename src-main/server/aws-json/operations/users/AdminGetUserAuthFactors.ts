/**
 * AdminGetUserAuthFactors: a user's MFA settings and the factors they can sign in with by
 * USER_AUTH (ConfiguredUserAuthFactors, see cognito/first-factors.ts).
 */
import type { AdminGetUserAuthFactorsCommandInput, AdminGetUserAuthFactorsCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { configuredUserAuthFactors } from '../../../../cognito/first-factors.js';
import { requirePool, requireUser } from '../../../../cognito/resources.js';
import { UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { mfaSettingsOf } from '../../wire/user-type.js';

export const AdminGetUserAuthFactors = operation<AdminGetUserAuthFactorsCommandInput, AdminGetUserAuthFactorsCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Username: required(UsernameType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const user = requireUser(store, pool, input.Username!);
    return { Username: user.username, ...mfaSettingsOf(user), ConfiguredUserAuthFactors: configuredUserAuthFactors(store, pool, user) };
  },
}));
