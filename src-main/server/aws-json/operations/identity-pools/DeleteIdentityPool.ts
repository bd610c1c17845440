/**
 * DeleteIdentityPool: the pool and its identities go together; credentials it handed out stay
 * recorded until they expire (GetCallerIdentity still names their role), as AWS credentials
 * outlive the pool that vended them.
 */
import type { DeleteIdentityPoolCommandInput, DeleteIdentityPoolCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { requireIdentityPool } from '../../../../cognito/identity/identity-pools.js';
import { IdentityPoolIdType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const DeleteIdentityPool = operation<DeleteIdentityPoolCommandInput, DeleteIdentityPoolCommandOutput, Pick<Services, 'store'>>(
  ({ store }) => ({
    input: structure({ IdentityPoolId: required(IdentityPoolIdType) }),
    handle(input) {
      const pool = requireIdentityPool(store, input.IdentityPoolId!);
      store.transaction(() => {
        store.identities.removeAllInPool(pool.IdentityPoolId);
        store.identityPools.remove(pool.IdentityPoolId);
      });
      return {};
    },
  }),
);
