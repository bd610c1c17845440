/**
 * LookupDeveloperIdentity: the identity a developer user identifier is linked to, or the developer
 * user identifiers of an identity (MaxResults, default 60, at a time, in order); given both, they
 * must belong together (ResourceConflictException otherwise).
 *
 * Assumptions (wording the sandbox's): neither given is InvalidParameterException; a pool without a
 * developer provider, or an identifier no identity holds, is ResourceNotFoundException.
 */
import type { LookupDeveloperIdentityCommandInput, LookupDeveloperIdentityCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { InvalidParameterException, ResourceConflictException, ResourceNotFoundException } from '../../../../cognito/errors.js';
import { answeringIdentity } from '../../../../cognito/identity/identities.js';
import { requireIdentityPool } from '../../../../cognito/identity/identity-pools.js';
import type { IdentityPool, StoredIdentity } from '../../../../cognito/identity/types.js';
import { DeveloperUserIdentifierType, IdentityIdType, IdentityPoolIdType, PaginationKeyType, QueryLimitType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { page } from '../paging.js';

const DEFAULT_PAGE = 60;

function identityOfUser(store: Services['store'], pool: IdentityPool, provider: string, userIdentifier: string): StoredIdentity {
  const owner = store.identities.findByLogin(pool.IdentityPoolId, provider, userIdentifier);
  if (!owner) throw new ResourceNotFoundException(`Developer user identifier '${userIdentifier}' not found.`);
  return answeringIdentity(store, pool, owner.IdentityId);
}

export const LookupDeveloperIdentity = operation<LookupDeveloperIdentityCommandInput, LookupDeveloperIdentityCommandOutput, Pick<Services, 'store'>>(
  ({ store }) => ({
    input: structure({
      IdentityPoolId: required(IdentityPoolIdType),
      IdentityId: IdentityIdType,
      DeveloperUserIdentifier: DeveloperUserIdentifierType,
      MaxResults: QueryLimitType,
      NextToken: PaginationKeyType,
    }),
    handle(input) {
      const pool = requireIdentityPool(store, input.IdentityPoolId!);
      if (input.IdentityId === undefined && input.DeveloperUserIdentifier === undefined) {
        throw new InvalidParameterException('Either IdentityId or DeveloperUserIdentifier must be given.');
      }
      const provider = pool.DeveloperProviderName;
      if (provider === undefined) throw new ResourceNotFoundException(`Identity pool '${pool.IdentityPoolId}' has no developer provider.`);
      const named = input.IdentityId === undefined ? undefined : answeringIdentity(store, pool, input.IdentityId);
      const ofUser = input.DeveloperUserIdentifier === undefined ? undefined : identityOfUser(store, pool, provider, input.DeveloperUserIdentifier);
      if (named && ofUser && named.IdentityId !== ofUser.IdentityId) {
        throw new ResourceConflictException(`Developer user identifier '${input.DeveloperUserIdentifier}' is not linked to identity '${input.IdentityId}'.`);
      }
      const identity = (named ?? ofUser)!;
      const { items, nextToken } = page(
        `LookupDeveloperIdentity:${identity.IdentityId}`,
        input.MaxResults ?? DEFAULT_PAGE,
        input.NextToken,
        (limit, after) => store.identities.subjectsAt(identity.IdentityId, provider, after, limit),
        (subject) => subject,
      );
      return { IdentityId: identity.IdentityId, DeveloperUserIdentifierList: items, ...(nextToken !== undefined && { NextToken: nextToken }) };
    },
  }),
);
