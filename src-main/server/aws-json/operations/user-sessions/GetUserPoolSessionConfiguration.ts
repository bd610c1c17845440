/** A pool's session tracking and MaxPerUser; a pool never configured answers DISABLED and 20, on any feature plan. */
import type { GetUserPoolSessionConfigurationCommandInput, GetUserPoolSessionConfigurationCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import { poolSessionConfiguration } from '../../../../cognito/user-sessions.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const GetUserPoolSessionConfiguration = operation<
  GetUserPoolSessionConfigurationCommandInput,
  GetUserPoolSessionConfigurationCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({ UserPoolId: required(UserPoolIdType) }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const { userSessionTracking, maxPerUser } = poolSessionConfiguration(store, pool.id);
    return { UserPoolId: pool.id, UserSessionTracking: userSessionTracking, TokenSession: { MaxPerUser: maxPerUser } };
  },
}));
