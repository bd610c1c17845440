import type { OperationFactory } from '../../operation.js';
import { CreateUserPoolReplica } from './CreateUserPoolReplica.js';
import { DeleteUserPoolReplica } from './DeleteUserPoolReplica.js';
import { GetProvisionedLimit } from './GetProvisionedLimit.js';
import { ListUserPoolReplicas } from './ListUserPoolReplicas.js';
import { UpdateProvisionedLimit } from './UpdateProvisionedLimit.js';
import { UpdateUserPoolReplica } from './UpdateUserPoolReplica.js';

export const replicaOperations: Record<string, OperationFactory> = {
  CreateUserPoolReplica,
  ListUserPoolReplicas,
  UpdateUserPoolReplica,
  DeleteUserPoolReplica,
  GetProvisionedLimit,
  UpdateProvisionedLimit,
};
