/** AdminUserGlobalSignOut: GlobalSignOut for any user of the pool, by an administrator. */
import type { AdminUserGlobalSignOutCommandInput, AdminUserGlobalSignOutCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { requireUser } from '../../../../cognito/resources.js';

export const AdminUserGlobalSignOut = operation<
  AdminUserGlobalSignOutCommandInput,
  AdminUserGlobalSignOutCommandOutput,
  Pick<Services, 'tokens' | 'store'>
>(({ tokens, store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Username: required(UsernameType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const user = requireUser(store, pool, input.Username!);
    tokens.signOutEverywhere(pool.id, user.sub);
    return {};
  },
}));
