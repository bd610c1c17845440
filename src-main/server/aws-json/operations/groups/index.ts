import type { OperationFactory } from '../../operation.js';
import { CreateGroup } from './CreateGroup.js';
import { DeleteGroup } from './DeleteGroup.js';
import { GetGroup } from './GetGroup.js';
import { ListGroups } from './ListGroups.js';
import { UpdateGroup } from './UpdateGroup.js';

export const groupOperations: Record<string, OperationFactory> = {
  CreateGroup,
  GetGroup,
  UpdateGroup,
  DeleteGroup,
  ListGroups,
};
