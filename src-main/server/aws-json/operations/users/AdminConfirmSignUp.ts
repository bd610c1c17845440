/**
 * AdminConfirmSignUp: confirms an UNCONFIRMED user without a code.
 *
 * Triggers: PostConfirmation_ConfirmSignUp, with ClientMetadata, once the user is confirmed (its
 * failure is the call's error; the user stays confirmed, as in Cognito).
 */
import type { AdminConfirmSignUpCommandInput, AdminConfirmSignUpCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { callerOf } from '../../../../triggers/apply/caller.js';
import { runPostConfirmation } from '../../../../triggers/apply/post-confirmation.js';
import { NotAuthorizedException } from '../../../../cognito/errors.js';
import { ClientMetadataType, UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { requireUser } from '../../../../cognito/resources.js';

export const AdminConfirmSignUp = operation<AdminConfirmSignUpCommandInput, AdminConfirmSignUpCommandOutput, Pick<Services, 'store' | 'clock' | 'triggers'>>(
  (services) => ({
    input: structure({
      UserPoolId: required(UserPoolIdType),
      Username: required(UsernameType),
      ClientMetadata: ClientMetadataType,
    }),
    async handle(input, context) {
      const { store, clock } = services;
      const pool = requirePool(store, input.UserPoolId!);
      const user = requireUser(store, pool, input.Username!);
      if (user.status !== 'UNCONFIRMED') throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
      const confirmed: StoredUser = { ...user, status: 'CONFIRMED', modified: clock.now() };
      store.users.save(confirmed);
      await runPostConfirmation(services, {
        pool,
        user: confirmed,
        triggerSource: 'PostConfirmation_ConfirmSignUp',
        caller: callerOf(context),
        clientMetadata: input.ClientMetadata,
      });
      return {};
    },
  }),
);
