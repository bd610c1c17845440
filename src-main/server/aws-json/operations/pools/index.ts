import type { OperationFactory } from '../../operation.js';
import { AddCustomAttributes } from './AddCustomAttributes.js';
import { CreateUserPool } from './CreateUserPool.js';
import { DeleteUserPool } from './DeleteUserPool.js';
import { DescribeUserPool } from './DescribeUserPool.js';
import { GetUserPoolMfaConfig } from './GetUserPoolMfaConfig.js';
import { ListTagsForResource } from './ListTagsForResource.js';
import { ListUserPools } from './ListUserPools.js';
import { SetUserPoolMfaConfig } from './SetUserPoolMfaConfig.js';
import { TagResource } from './TagResource.js';
import { UntagResource } from './UntagResource.js';
import { UpdateUserPool } from './UpdateUserPool.js';

export const poolOperations: Record<string, OperationFactory> = {
  CreateUserPool,
  DescribeUserPool,
  UpdateUserPool,
  DeleteUserPool,
  ListUserPools,
  AddCustomAttributes,
  GetUserPoolMfaConfig,
  SetUserPoolMfaConfig,
  TagResource,
  UntagResource,
  ListTagsForResource,
};
