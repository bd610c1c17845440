/**
 * ListUsers: a pool's users, optionally filtered on one standard attribute (see list-filter.ts),
 * sorted by that attribute, in pages of up to 60 behind an opaque keyset token.
 *
 * Limitations: pagination tokens do not expire after an hour as Cognito's do, and
 * AttributesToGet naming an attribute some users lack is not an error here.
 */
import type { ListUsersCommandInput, ListUsersCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { UserCursor, UserRange } from '../../../../store/repositories/users.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { AttributeNameListType, QueryLimitType, SearchPaginationTokenType, UserFilterType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { filterRange, parseFilter } from './list-filter.js';
import { toUserType } from '../../wire/user-type.js';

const DEFAULT_LIMIT = 60;

interface Token {
  /** The column the listing is sorted by: a token only continues a listing in the same order. */
  c: string;
  v: string | number;
  k: string;
}

function encodeToken(column: string, cursor: UserCursor): string {
  const token: Token = { c: column, v: cursor.value, k: cursor.key };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(text: string, column: string): UserCursor {
  let token: Partial<Token> | undefined;
  try {
    token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    token = undefined;
  }
  const valid =
    token !== null &&
    typeof token === 'object' &&
    token.c === column &&
    (typeof token.v === 'string' || typeof token.v === 'number') &&
    typeof token.k === 'string';
  if (!valid) throw new InvalidParameterException('Invalid pagination token.');
  return { value: token!.v!, key: token!.k! };
}

export const ListUsers = operation<ListUsersCommandInput, ListUsersCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    AttributesToGet: AttributeNameListType,
    Limit: QueryLimitType,
    PaginationToken: SearchPaginationTokenType,
    Filter: UserFilterType,
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const range: UserRange | 'none' | undefined = input.Filter?.trim() ? filterRange(pool, parseFilter(input.Filter)) : undefined;
    if (range === 'none') return { Users: [] };
    const column = range?.column ?? 'username_key';
    const after = input.PaginationToken ? decodeToken(input.PaginationToken, column) : undefined;
    const page = store.users.list(pool.id, range, input.Limit || DEFAULT_LIMIT, after);
    return {
      Users: page.users.map((user) => toUserType(user, input.AttributesToGet)),
      ...(page.next && { PaginationToken: encodeToken(column, page.next) }),
    };
  },
}));
