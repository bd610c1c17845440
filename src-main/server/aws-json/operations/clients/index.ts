import type { OperationFactory } from '../../operation.js';
import { CreateUserPoolClient } from './CreateUserPoolClient.js';
import { DeleteUserPoolClient } from './DeleteUserPoolClient.js';
import { DescribeUserPoolClient } from './DescribeUserPoolClient.js';
import { ListUserPoolClients } from './ListUserPoolClients.js';
import { UpdateUserPoolClient } from './UpdateUserPoolClient.js';

export const clientOperations: Record<string, OperationFactory> = {
  CreateUserPoolClient,
  DescribeUserPoolClient,
  UpdateUserPoolClient,
  DeleteUserPoolClient,
  ListUserPoolClients,
};
