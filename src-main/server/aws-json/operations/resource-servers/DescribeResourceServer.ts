import type { DescribeResourceServerCommandInput, DescribeResourceServerCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ResourceServerIdentifierType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { requireResourceServer, toResourceServerType } from './resource-server.js';

export const DescribeResourceServer = operation<
  DescribeResourceServerCommandInput,
  DescribeResourceServerCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Identifier: required(ResourceServerIdentifierType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    return { ResourceServer: toResourceServerType(requireResourceServer(store, pool.id, input.Identifier!)) };
  },
}));
