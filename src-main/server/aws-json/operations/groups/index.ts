import type { OperationFactory } from '../../operation.js';
import { AdminAddUserToGroup } from './AdminAddUserToGroup.js';
import { AdminListGroupsForUser } from './AdminListGroupsForUser.js';
import { AdminRemoveUserFromGroup } from './AdminRemoveUserFromGroup.js';
import { CreateGroup } from './CreateGroup.js';
import { DeleteGroup } from './DeleteGroup.js';
import { GetGroup } from './GetGroup.js';
import { ListGroups } from './ListGroups.js';
import { ListUsersInGroup } from './ListUsersInGroup.js';
import { UpdateGroup } from './UpdateGroup.js';

export const groupOperations: Record<string, OperationFactory> = {
  CreateGroup,
  GetGroup,
  UpdateGroup,
  DeleteGroup,
  ListGroups,
  AdminAddUserToGroup,
  AdminRemoveUserFromGroup,
  AdminListGroupsForUser,
  ListUsersInGroup,
};
