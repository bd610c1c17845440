/** ListTagsForResource: the identity pool's tags, as TagResource and CreateIdentityPool set them. */
import type { ListTagsForResourceCommandInput, ListTagsForResourceCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { ARNStringType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requireTaggedIdentityPool } from './tags.js';

export const ListTagsForResource = operation<ListTagsForResourceCommandInput, ListTagsForResourceCommandOutput, Pick<Services, 'store' | 'options'>>(
  ({ store, options }) => ({
    input: structure({ ResourceArn: required(ARNStringType) }),
    handle(input) {
      return { Tags: requireTaggedIdentityPool(store, options.accountId, input.ResourceArn!).IdentityPoolTags };
    },
  }),
);
