import type { OperationFactory } from '../../operation.js';
import { AdminConfirmSignUp } from './AdminConfirmSignUp.js';
import { AdminCreateUser } from './AdminCreateUser.js';
import { AdminDeleteUser } from './AdminDeleteUser.js';
import { AdminDeleteUserAttributes } from './AdminDeleteUserAttributes.js';
import { AdminDisableUser } from './AdminDisableUser.js';
import { AdminEnableUser } from './AdminEnableUser.js';
import { AdminGetUser } from './AdminGetUser.js';
import { AdminGetUserAuthFactors } from './AdminGetUserAuthFactors.js';
import { AdminResetUserPassword } from './AdminResetUserPassword.js';
import { AdminSetUserPassword } from './AdminSetUserPassword.js';
import { AdminUpdateUserAttributes } from './AdminUpdateUserAttributes.js';
import { ListUsers } from './ListUsers.js';

export const userOperations: Record<string, OperationFactory> = {
  AdminConfirmSignUp,
  AdminCreateUser,
  AdminDeleteUser,
  AdminDeleteUserAttributes,
  AdminDisableUser,
  AdminEnableUser,
  AdminGetUser,
  AdminGetUserAuthFactors,
  AdminResetUserPassword,
  AdminSetUserPassword,
  AdminUpdateUserAttributes,
  ListUsers,
};
