/**
 * TagResource: adds the tags to the identity pool the ARN names (a key it has already takes the
 * new value). An ARN that names no identity pool of this account is ResourceNotFoundException.
 *
 * Assumption: more than 50 tags in all is refused with InvalidParameterException, in the
 * sandbox's words (as TagResource of user pools is).
 */
import type { TagResourceCommandInput, TagResourceCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { ARNStringType, IdentityPoolTagsType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { MAX_TAGS, requireTaggedIdentityPool } from './tags.js';

export const TagResource = operation<TagResourceCommandInput, TagResourceCommandOutput, Pick<Services, 'store' | 'options' | 'clock'>>(
  ({ store, options, clock }) => ({
    input: structure({ ResourceArn: required(ARNStringType), Tags: required(IdentityPoolTagsType) }),
    handle(input) {
      const pool = requireTaggedIdentityPool(store, options.accountId, input.ResourceArn!);
      const tags = { ...pool.IdentityPoolTags, ...input.Tags };
      if (Object.keys(tags).length > MAX_TAGS) {
        throw new InvalidParameterException(`An identity pool can have at most ${MAX_TAGS} tags.`);
      }
      store.identityPools.save({ ...pool, IdentityPoolTags: tags, updated: clock.now() });
      return {};
    },
  }),
);
