import type { DeleteUserPoolCommandInput, DeleteUserPoolCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';

/**
 * Deleting the pool row cascades to its clients, users, groups and providers. As in Cognito, a
 * pool with a domain must have the domain deleted first.
 */
export const DeleteUserPool = operation<DeleteUserPoolCommandInput, DeleteUserPoolCommandOutput, Pick<Services, 'store' | 'keys'>>(({ store, keys }) => ({
  input: structure({ UserPoolId: required(UserPoolIdType) }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    if (pool.config.DeletionProtection === 'ACTIVE') {
      throw new InvalidParameterException(
        'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
      );
    }
    const domains = store.domains.domainsOfPool(pool.id);
    if (domains.prefix || domains.custom) {
      throw new InvalidParameterException('User pool cannot be deleted. It has a domain configured that should be deleted first.');
    }
    store.pools.delete(pool.id);
    keys.forget(pool.id);
    return {};
  },
}));
