/**
 * AdminListDevices: the user's confirmed devices, remembered or not, in device key order,
 * `Limit` (0 or absent: 60) at a time. An unknown user, see device-owner.ts.
 */
import type { AdminListDevicesCommandInput, AdminListDevicesCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import { QueryLimitType, SearchPaginationTokenType, UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requireOwnerOfListedDevices } from './device-owner.js';
import { devicePage } from './device-type.js';

export const AdminListDevices = operation<AdminListDevicesCommandInput, AdminListDevicesCommandOutput, Pick<Services, 'store' | 'options'>>(
  ({ store, options }) => ({
    input: structure({
      UserPoolId: required(UserPoolIdType),
      Username: required(UsernameType),
      Limit: QueryLimitType,
      PaginationToken: SearchPaginationTokenType,
    }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      const user = requireOwnerOfListedDevices(store, pool, input.Username!);
      return devicePage({
        listing: 'AdminListDevices',
        store,
        user,
        selection: 'confirmed',
        accountId: options.accountId,
        limit: input.Limit,
        paginationToken: input.PaginationToken,
      });
    },
  }),
);
