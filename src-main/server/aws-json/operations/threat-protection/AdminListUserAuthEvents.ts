/**
 * A user's auth events, newest first, as threat protection recorded them (EventRisk, the
 * challenges answered, the source address, the feedback given). MaxResults 0 or absent: 60.
 * NextToken is opaque and names this pool and user; another's is InvalidParameterException.
 *
 * Errors: ResourceNotFoundException (pool), UserNotFoundException, UserPoolAddOnNotEnabledException
 * (threat protection off). Limitations: EventContextData has the IP address only (no city,
 * country, device name or time zone); events are kept as long as the pool, not two years.
 */
import type { AdminListUserAuthEventsCommandInput, AdminListUserAuthEventsCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { requirePool, requireUser } from '../../../../cognito/resources.js';
import { requireThreatProtection } from '../../../../cognito/threat-protection/mode.js';
import { PaginationKey, QueryLimitType, UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { toAuthEventType } from './shapes.js';

const DEFAULT_PAGE_SIZE = 60;

function tokenOf(listing: string, offset: number): string {
  return Buffer.from(JSON.stringify([listing, offset]), 'utf8').toString('base64url');
}

function offsetOf(listing: string, token: string | undefined): number {
  if (token === undefined) return 0;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded[0] !== listing || !Number.isSafeInteger(decoded[1]) || (decoded[1] as number) < 0) {
    throw new InvalidParameterException('Invalid pagination token.');
  }
  return decoded[1] as number;
}

export const AdminListUserAuthEvents = operation<AdminListUserAuthEventsCommandInput, AdminListUserAuthEventsCommandOutput, Pick<Services, 'store'>>(
  ({ store }) => ({
    input: structure({
      UserPoolId: required(UserPoolIdType),
      Username: required(UsernameType),
      MaxResults: QueryLimitType,
      NextToken: PaginationKey,
    }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      requireThreatProtection(pool);
      const user = requireUser(store, pool, input.Username!);
      const listing = `AdminListUserAuthEvents:${pool.id}:${user.sub}`;
      const size = input.MaxResults || DEFAULT_PAGE_SIZE;
      const offset = offsetOf(listing, input.NextToken);
      const fetched = store.authEvents.listForUser(pool.id, user.sub, offset, size + 1);
      const events = fetched.slice(0, size);
      return {
        AuthEvents: events.map(toAuthEventType),
        ...(fetched.length > size && { NextToken: tokenOf(listing, offset + size) }),
      };
    },
  }),
);
