import type { OperationFactory } from '../../operation.js';
import { CreateUserPoolDomain } from './CreateUserPoolDomain.js';
import { DeleteUserPoolDomain } from './DeleteUserPoolDomain.js';
import { DescribeUserPoolDomain } from './DescribeUserPoolDomain.js';
import { UpdateUserPoolDomain } from './UpdateUserPoolDomain.js';

export const domainOperations: Record<string, OperationFactory> = {
  CreateUserPoolDomain,
  DescribeUserPoolDomain,
  UpdateUserPoolDomain,
  DeleteUserPoolDomain,
};
