import type { AdminGetUserCommandInput, AdminGetUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { wireDate } from '../common.js';
import { requireUser } from '../../../../cognito/resources.js';
import { mfaOptionsOf, mfaSettingsOf, selectAttributes } from '../../wire/user-type.js';

export const AdminGetUser = operation<AdminGetUserCommandInput, AdminGetUserCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Username: required(UsernameType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const user = requireUser(store, pool, input.Username!);
    const mfaOptions = mfaOptionsOf(user);
    return {
      Username: user.username,
      UserAttributes: selectAttributes(user),
      UserCreateDate: wireDate(user.created),
      UserLastModifiedDate: wireDate(user.modified),
      Enabled: user.enabled,
      UserStatus: user.status as AdminGetUserCommandOutput['UserStatus'],
      ...(mfaOptions && { MFAOptions: mfaOptions }),
      ...mfaSettingsOf(user),
    };
  },
}));
