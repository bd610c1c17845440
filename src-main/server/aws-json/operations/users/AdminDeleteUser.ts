import type { AdminDeleteUserCommandInput, AdminDeleteUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { requireUser } from '../../../../cognito/resources.js';

/** Deletes the user and its group memberships. Limitation: tokens already issued are not revoked here. */
export const AdminDeleteUser = operation<AdminDeleteUserCommandInput, AdminDeleteUserCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Username: required(UsernameType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const user = requireUser(store, pool, input.Username!);
    store.users.delete(pool.id, user.usernameKey);
    return {};
  },
}));
