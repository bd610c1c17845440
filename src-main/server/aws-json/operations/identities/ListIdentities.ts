/**
 * ListIdentities: a pool's identities in creation order (by id within a millisecond), MaxResults (1-60) at a time; HideDisabled
 * leaves out the identities that no longer answer (merged into another, or left without logins).
 * NextToken names where the previous page ended, for this pool only.
 *
 * Limitations: a token that is not one of ours is InvalidParameterException, in the sandbox's words.
 */
import type { ListIdentitiesCommandInput, ListIdentitiesCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { requireIdentityPool } from '../../../../cognito/identity/identity-pools.js';
import type { StoredIdentity } from '../../../../cognito/identity/types.js';
import type { IdentityCursor } from '../../../../store/repositories/identities.js';
import { BooleanType, IdentityPoolIdType, PaginationKeyType, QueryLimitType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { page } from '../paging.js';
import { describeIdentity } from './identity-description.js';

/** A page's last identity as the paging key: `{created}:{id}` (creation times hold no colon). */
const keyOf = (identity: StoredIdentity): string => `${identity.created}:${identity.IdentityId}`;

function cursorOf(key: string): IdentityCursor | undefined {
  if (key === '') return undefined;
  const colon = key.indexOf(':');
  const created = Number(key.slice(0, colon));
  if (colon < 1 || !Number.isSafeInteger(created)) throw new InvalidParameterException('Invalid pagination token.');
  return { created, id: key.slice(colon + 1) };
}

export const ListIdentities = operation<ListIdentitiesCommandInput, ListIdentitiesCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({
    IdentityPoolId: required(IdentityPoolIdType),
    MaxResults: required(QueryLimitType),
    NextToken: PaginationKeyType,
    HideDisabled: BooleanType,
  }),
  handle(input) {
    const pool = requireIdentityPool(store, input.IdentityPoolId!);
    const { items, nextToken } = page(
      `ListIdentities:${pool.IdentityPoolId}`,
      input.MaxResults!,
      input.NextToken,
      (limit, after) => store.identities.page(pool.IdentityPoolId, cursorOf(after), limit, input.HideDisabled === true),
      keyOf,
    );
    return {
      IdentityPoolId: pool.IdentityPoolId,
      Identities: items.map(describeIdentity),
      ...(nextToken !== undefined && { NextToken: nextToken }),
    };
  },
}));
