import type { TagResourceCommandInput, TagResourceCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { ArnType, UserPoolTagsType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { MAX_TAGS, requireTaggedPool } from './tags.js';

export const TagResource = operation<TagResourceCommandInput, TagResourceCommandOutput, Pick<Services, 'store' | 'options'>>(
  ({ store, options }) => ({
    input: structure({ ResourceArn: required(ArnType), Tags: required(UserPoolTagsType) }),
    handle(input) {
      const pool = requireTaggedPool(store, options.accountId, input.ResourceArn!);
      const tags = { ...pool.config.UserPoolTags, ...input.Tags };
      if (Object.keys(tags).length > MAX_TAGS) {
        throw new InvalidParameterException(`A user pool can have at most ${MAX_TAGS} tags.`);
      }
      store.pools.save({ ...pool, config: { ...pool.config, UserPoolTags: tags } });
      return {};
    },
  }),
);
