/**
 * Limitations: the quota of 25 resource servers per pool is not enforced; a scope name given
 * twice is refused with sandbox wording.
 */
import type { CreateResourceServerCommandInput, CreateResourceServerCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { ResourceServerIdentifierType, ResourceServerNameType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { ResourceServerScopeListType, scopesFromRequest, toResourceServerType } from './resource-server.js';

export const CreateResourceServer = operation<
  CreateResourceServerCommandInput,
  CreateResourceServerCommandOutput,
  Pick<Services, 'store' | 'clock'>
>(({ store, clock }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Identifier: required(ResourceServerIdentifierType),
    Name: required(ResourceServerNameType),
    Scopes: ResourceServerScopeListType,
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const scopes = scopesFromRequest(input.Scopes);
    if (store.resourceServers.find(pool.id, input.Identifier!)) {
      throw new InvalidParameterException(`${input.Identifier} already exists in user pool ${pool.id}.`);
    }
    const now = clock.now();
    const server = { poolId: pool.id, identifier: input.Identifier!, name: input.Name!, scopes, created: now, modified: now };
    store.resourceServers.insert(server);
    return { ResourceServer: toResourceServerType(server) };
  },
}));
