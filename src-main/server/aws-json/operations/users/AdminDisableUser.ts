import type { AdminDisableUserCommandInput, AdminDisableUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { requireUser } from '../../../../cognito/resources.js';

export const AdminDisableUser = operation<AdminDisableUserCommandInput, AdminDisableUserCommandOutput, Pick<Services, 'store' | 'clock'>>(
  ({ store, clock }) => ({
    input: structure({
      UserPoolId: required(UserPoolIdType),
      Username: required(UsernameType),
    }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      const user = requireUser(store, pool, input.Username!);
      store.users.save({ ...user, enabled: false, modified: clock.now() });
      return {};
    },
  }),
);
