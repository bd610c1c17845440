import type { UntagResourceCommandInput, UntagResourceCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ArnType, TagKeysType } from '../../model.js';
import { operation } from '../../operation.js';
import { list, required, structure } from '../../shapes.js';
import { MAX_TAGS, requireTaggedPool } from './tags.js';

export const UntagResource = operation<UntagResourceCommandInput, UntagResourceCommandOutput, Pick<Services, 'store' | 'options'>>(
  ({ store, options }) => ({
    input: structure({ ResourceArn: required(ArnType), TagKeys: required(list(TagKeysType, { max: MAX_TAGS })) }),
    handle(input) {
      const pool = requireTaggedPool(store, options.accountId, input.ResourceArn!);
      const removed = new Set(input.TagKeys);
      const tags = Object.fromEntries(Object.entries(pool.config.UserPoolTags ?? {}).filter(([key]) => !removed.has(key)));
      store.pools.save({ ...pool, config: { ...pool.config, UserPoolTags: tags } });
      return {};
    },
  }),
);
