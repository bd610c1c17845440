/**
 * Keyset paging for the listings that page by one sortable key (groups, members, resource
 * servers, identity providers): opaque `NextToken`s. A token names the listing it belongs to
 * (operation and pool) and the last key it returned, so pages stay stable while items come and
 * go, and a token presented to another listing is refused.
 */
import { InvalidParameterException } from '../../../cognito/errors.js';

/** Cognito's page size when `Limit` is absent or 0 (the group listings). */
export const DEFAULT_GROUP_PAGE_SIZE = 60;

function pageToken(listing: string, lastKey: string): string {
  return Buffer.from(JSON.stringify([listing, lastKey]), 'utf8').toString('base64url');
}

/** The last key of the previous page, or '' for the first page. */
function afterKey(listing: string, token: string | undefined): string {
  if (token === undefined) return '';
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded[0] !== listing || typeof decoded[1] !== 'string') {
    throw new InvalidParameterException('Invalid pagination token.');
  }
  return decoded[1];
}

/**
 * One page from a keyset query: asks for one item more than the page holds, so a token is
 * returned only when another page exists.
 */
export function page<T>(
  listing: string,
  size: number,
  token: string | undefined,
  fetch: (limit: number, after: string) => T[],
  keyOf: (item: T) => string,
): { items: T[]; nextToken?: string } {
  const fetched = fetch(size + 1, afterKey(listing, token));
  const items = fetched.slice(0, size);
  if (fetched.length <= size) return { items };
  return { items, nextToken: pageToken(listing, keyOf(items[items.length - 1]!)) };
}
