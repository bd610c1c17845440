import type { OperationFactory } from '../../operation.js';
import { CreateUserPool } from './CreateUserPool.js';
import { DeleteUserPool } from './DeleteUserPool.js';
import { DescribeUserPool } from './DescribeUserPool.js';

export const poolOperations: Record<string, OperationFactory> = {
  CreateUserPool,
  DescribeUserPool,
  DeleteUserPool,
};
