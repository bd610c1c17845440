import type { OperationFactory } from '../../operation.js';
import { AdminUserGlobalSignOut } from './AdminUserGlobalSignOut.js';
import { ChangePassword } from './ChangePassword.js';
import { DeleteUser } from './DeleteUser.js';
import { DeleteUserAttributes } from './DeleteUserAttributes.js';
import { GetUser } from './GetUser.js';
import { GetUserAttributeVerificationCode } from './GetUserAttributeVerificationCode.js';
import { GetUserAuthFactors } from './GetUserAuthFactors.js';
import { GlobalSignOut } from './GlobalSignOut.js';
import { RevokeToken } from './RevokeToken.js';
import { UpdateUserAttributes } from './UpdateUserAttributes.js';
import { VerifyUserAttribute } from './VerifyUserAttribute.js';

/** The operations a signed-in user calls with an access token, sign-out and revocation. */
export const sessionOperations: Record<string, OperationFactory> = {
  AdminUserGlobalSignOut,
  ChangePassword,
  DeleteUser,
  DeleteUserAttributes,
  GetUser,
  GetUserAttributeVerificationCode,
  GetUserAuthFactors,
  GlobalSignOut,
  RevokeToken,
  UpdateUserAttributes,
  VerifyUserAttribute,
};
