import type { OperationFactory } from '../../operation.js';
import { CreateResourceServer } from './CreateResourceServer.js';
import { DeleteResourceServer } from './DeleteResourceServer.js';
import { DescribeResourceServer } from './DescribeResourceServer.js';
import { ListResourceServers } from './ListResourceServers.js';
import { UpdateResourceServer } from './UpdateResourceServer.js';

export const resourceServerOperations: Record<string, OperationFactory> = {
  CreateResourceServer,
  DescribeResourceServer,
  UpdateResourceServer,
  DeleteResourceServer,
  ListResourceServers,
};
