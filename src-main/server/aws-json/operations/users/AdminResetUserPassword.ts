/**
 * AdminResetUserPassword: the user must reset their password (RESET_REQUIRED) and is sent a code
 * for ConfirmForgotPassword, valid one hour, by the pool's account-recovery setting. With
 * `admin_only` recovery no code is sent.
 *
 * Triggers: CustomMessage_ForgotPassword (or the custom senders), with ClientMetadata, shapes the
 * code's message.
 */
import type { AdminResetUserPasswordCommandInput, AdminResetUserPasswordCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { oneTimeCode } from '../../../../messaging/codes.js';
import { sendMessage } from '../../../../messaging/send.js';
import type { Services } from '../../../../services.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { callerOf } from '../../../../triggers/apply/caller.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { ClientMetadataType, UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { recoveryDestination } from '../../../../cognito/recovery.js';
import { requireUser } from '../../../../cognito/resources.js';

const CODE_VALIDITY_MS = 60 * 60 * 1000;

export const AdminResetUserPassword = operation<
  AdminResetUserPasswordCommandInput,
  AdminResetUserPasswordCommandOutput,
  Pick<Services, 'store' | 'clock' | 'bus' | 'options' | 'triggers' | 'faults'>
>((services) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Username: required(UsernameType),
    ClientMetadata: ClientMetadataType,
  }),
  async handle(input, context) {
    const { store, clock, options } = services;
    const pool = requirePool(store, input.UserPoolId!);
    const user = requireUser(store, pool, input.Username!);
    const destination = recoveryDestination(pool, user);
    if (!destination) {
      throw new InvalidParameterException('Cannot reset password for the user as there is no registered/verified email or phone_number');
    }
    const now = clock.now();
    const { passwordResetCode: _previous, ...extra } = user.extra;
    const reset: StoredUser = { ...user, status: 'RESET_REQUIRED', modified: now, extra };
    if (destination === 'admin_only') {
      store.users.save(reset);
      return {};
    }
    const code = oneTimeCode(options);
    const updated: StoredUser = { ...reset, extra: { ...extra, passwordResetCode: { code, expires: now + CODE_VALIDITY_MS } } };
    await sendMessage(
      services,
      {
        pool,
        user: updated,
        purpose: 'AdminResetUserPassword',
        occasion: 'ForgotPassword',
        channel: destination.channel,
        destination: destination.destination,
        code,
        caller: callerOf(context),
        clientMetadata: input.ClientMetadata,
      },
      () => store.users.save(updated),
    );
    return {};
  },
}));
