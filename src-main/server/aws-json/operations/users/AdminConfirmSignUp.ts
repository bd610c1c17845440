/**
 * AdminConfirmSignUp: confirms an UNCONFIRMED user without a code.
 *
 * Limitation: the PostConfirmation_ConfirmSignUp trigger is not invoked yet (ClientMetadata is
 * accepted for it).
 */
import type { AdminConfirmSignUpCommandInput, AdminConfirmSignUpCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { NotAuthorizedException } from '../../errors.js';
import { ClientMetadataType, UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../common.js';
import { requireUser } from './require-user.js';

export const AdminConfirmSignUp = operation<AdminConfirmSignUpCommandInput, AdminConfirmSignUpCommandOutput, Pick<Services, 'store' | 'clock'>>(
  ({ store, clock }) => ({
    input: structure({
      UserPoolId: required(UserPoolIdType),
      Username: required(UsernameType),
      ClientMetadata: ClientMetadataType,
    }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      const user = requireUser(store, pool, input.Username!);
      if (user.status !== 'UNCONFIRMED') throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
      store.users.save({ ...user, status: 'CONFIRMED', modified: clock.now() });
      return {};
    },
  }),
);
