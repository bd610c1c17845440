/** UntagResource: removes the keys from the identity pool's tags (a key it does not have is no error). */
import type { UntagResourceCommandInput, UntagResourceCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { ARNStringType, TagKeysType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { list, required, structure } from '../../shapes.js';
import { requireTaggedIdentityPool } from './tags.js';

export const UntagResource = operation<UntagResourceCommandInput, UntagResourceCommandOutput, Pick<Services, 'store' | 'options' | 'clock'>>(
  ({ store, options, clock }) => ({
    input: structure({ ResourceArn: required(ARNStringType), TagKeys: required(list(TagKeysType)) }),
    handle(input) {
      const pool = requireTaggedIdentityPool(store, options.accountId, input.ResourceArn!);
      const removed = new Set(input.TagKeys);
      const tags = Object.fromEntries(Object.entries(pool.IdentityPoolTags).filter(([key]) => !removed.has(key)));
      store.identityPools.save({ ...pool, IdentityPoolTags: tags, updated: clock.now() });
      return {};
    },
  }),
);
