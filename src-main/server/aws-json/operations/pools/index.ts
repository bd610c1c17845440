import type { OperationFactory } from '../../operation.js';
import { DescribeUserPool } from './DescribeUserPool.js';

export const poolOperations: Record<string, OperationFactory> = {
  DescribeUserPool,
};
