/**
 * Shapes and steps the replica and provisioned-limit operations share.
 *
 * Limitations: the sandbox is one local process in one region. A replica is a stored record of a
 * secondary region, described as Cognito describes it; no second region serves the pool, nothing
 * is copied anywhere, and a request does not fail over. A replica's creation completes at once
 * (CreateUserPoolReplica answers `CREATING`, after which the replica is `INACTIVE`), and a deleted
 * replica answers `DELETING` and is gone. Provisioned limits are stored and described; the sandbox
 * does not throttle requests by them.
 */
import type { LimitType, UserPoolReplicaType } from '@aws-sdk/client-cognito-identity-provider';
import type { Store } from '../../../../store/index.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { UserPoolReplica } from '../../../../store/repositories/replicas-limits.js';
import { InvalidParameterException, ResourceNotFoundException } from '../../../../cognito/errors.js';
import { enumeration, map, required, string, structure } from '../../shapes.js';

/** An AWS region name (`us-east-1`, `us-gov-west-1`, `ap-southeast-5`). */
export const RegionNameType = string({ min: 1, max: 32, pattern: '[a-z]{2}(-[a-z]+)+-\\d{1,2}' });
export const ReplicaUpdateStatusType = enumeration(['ACTIVE', 'INACTIVE']);

export const LimitDefinitionType = structure({
  LimitClass: required(enumeration(['API_CATEGORY'])),
  Attributes: required(map(string({ min: 1, max: 128 }), string({ min: 0, max: 256 }), { max: 10 })),
});

/** The region of a pool: its id's prefix. */
export const poolRegion = (pool: UserPool): string => pool.id.slice(0, pool.id.indexOf('_'));

const arnIn = (region: string, poolId: string, accountId: string): string => `arn:aws:cognito-idp:${region}:${accountId}:userpool/${poolId}`;

export function primaryReplicaType(pool: UserPool, accountId: string): UserPoolReplicaType {
  const region = poolRegion(pool);
  return { RegionName: region, Status: 'ACTIVE', Role: 'PRIMARY', UserPoolArn: arnIn(region, pool.id, accountId) };
}

export function toReplicaType(replica: UserPoolReplica, accountId: string, status = replica.status): UserPoolReplicaType {
  return {
    RegionName: replica.region,
    Status: status as UserPoolReplicaType['Status'],
    Role: 'SECONDARY',
    UserPoolArn: arnIn(replica.region, replica.poolId, accountId),
  };
}

/** The pool's secondary replica in the region, or ResourceNotFoundException (the primary region is refused). */
export function requireSecondaryReplica(store: Store, pool: UserPool, region: string): UserPoolReplica {
  if (region === poolRegion(pool)) {
    throw new InvalidParameterException(`Region ${region} is the primary region of user pool ${pool.id}.`);
  }
  const replica = store.userPoolReplicas.find(pool.id, region);
  if (!replica) throw new ResourceNotFoundException(`User pool ${pool.id} has no replica in region ${region}.`);
  return replica;
}

/**
 * The API categories and their default rates (requests per second), from Cognito's quotas page.
 * Assumption: the account's Service Quotas maximum for a category is ten times its default.
 */
export const DEFAULT_API_CATEGORY_LIMITS: Readonly<Record<string, number>> = {
  UserAuthentication: 120,
  UserCreation: 50,
  UserFederation: 25,
  UserAccountRecovery: 30,
  UserRead: 120,
  UserList: 30,
  UserUpdate: 25,
  UserDeletion: 50,
  UserResourceRead: 50,
  UserResourceUpdate: 25,
  UserToken: 120,
  UserPoolRead: 15,
  UserPoolUpdate: 15,
  UserPoolResourceRead: 20,
  UserPoolResourceUpdate: 15,
  UserPoolClientRead: 15,
  UserPoolClientUpdate: 15,
  UserPoolCreation: 5,
  UserPoolDeletion: 5,
};
export const MAXIMUM_LIMIT_FACTOR = 10;

export interface LimitDefinition {
  LimitClass?: string;
  Attributes?: Record<string, string>;
}

/** The definition's API category, which must be one Cognito names, and its default rate. */
export function requireApiCategory(definition: LimitDefinition): { category: string; defaultValue: number } {
  const attributes = definition.Attributes ?? {};
  const unknownKeys = Object.keys(attributes).filter((key) => key !== 'Category');
  if (unknownKeys.length > 0) throw new InvalidParameterException(`Unsupported limit attributes: ${unknownKeys.join(', ')}.`);
  const category = attributes.Category;
  if (category === undefined) throw new InvalidParameterException('The Category attribute is required for the API_CATEGORY limit class.');
  if (!Object.hasOwn(DEFAULT_API_CATEGORY_LIMITS, category)) throw new InvalidParameterException(`Unsupported API category: ${category}.`);
  return { category, defaultValue: DEFAULT_API_CATEGORY_LIMITS[category]! };
}

export function toLimitType(limitClass: string, category: string, provisioned: number, defaultValue: number): LimitType {
  return {
    LimitDefinition: { LimitClass: limitClass as 'API_CATEGORY', Attributes: { Category: category } },
    ProvisionedLimitValue: provisioned,
    FreeLimitValue: defaultValue,
  };
}
