/**
 * ListDevices: the signed-in user's remembered devices, in device key order, `Limit` (0 or absent:
 * 60) at a time. Devices that are not remembered are left out, as Cognito leaves them out;
 * AdminListDevices lists them.
 */
import type { ListDevicesCommandInput, ListDevicesCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { signedInUser } from '../../access-token.js';
import { QueryLimitType, SearchPaginationTokenType, TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { devicePage } from './device-type.js';

export const ListDevices = operation<ListDevicesCommandInput, ListDevicesCommandOutput, Pick<Services, 'tokens' | 'store' | 'options'>>(
  (services) => ({
    input: structure({
      AccessToken: required(TokenModelType),
      Limit: QueryLimitType,
      PaginationToken: SearchPaginationTokenType,
    }),
    async handle(input) {
      const { user } = await signedInUser(services, input.AccessToken!);
      return devicePage({
        listing: 'ListDevices',
        store: services.store,
        user,
        selection: 'remembered',
        accountId: services.options.accountId,
        limit: input.Limit,
        paginationToken: input.PaginationToken,
      });
    },
  }),
);
