/** A pool's terms documents, by app client and then name; without `MaxResults` a page holds the most allowed, 60. */
import type { ListTermsCommandInput, ListTermsCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { termsListingKey } from '../../../../store/repositories/terms.js';
import { requirePool } from '../../../../cognito/resources.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { integer, required, string, structure } from '../../shapes.js';
import { page } from '../paging.js';
import { toTermsDescriptionType } from './terms.js';

const MAX_PAGE_SIZE = 60;

export const ListTerms = operation<ListTermsCommandInput, ListTermsCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    MaxResults: integer({ min: 1, max: MAX_PAGE_SIZE }),
    NextToken: string({ max: 131072 }),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const { items, nextToken } = page(
      `ListTerms:${pool.id}`,
      input.MaxResults ?? MAX_PAGE_SIZE,
      input.NextToken || undefined,
      (limit, after) => store.terms.listPage(pool.id, limit, after),
      termsListingKey,
    );
    return { Terms: items.map(toTermsDescriptionType), ...(nextToken && { NextToken: nextToken }) };
  },
}));
