import type { ListTagsForResourceCommandInput, ListTagsForResourceCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ArnType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requireTaggedPool } from './tags.js';

export const ListTagsForResource = operation<ListTagsForResourceCommandInput, ListTagsForResourceCommandOutput, Pick<Services, 'store' | 'options'>>(
  ({ store, options }) => ({
    input: structure({ ResourceArn: required(ArnType) }),
    handle(input) {
      const pool = requireTaggedPool(store, options.accountId, input.ResourceArn!);
      return { Tags: pool.config.UserPoolTags ?? {} };
    },
  }),
);
