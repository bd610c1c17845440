/**
 * AdminResetUserPassword: the user must reset their password (RESET_REQUIRED) and is sent a code
 * for ConfirmForgotPassword, valid one hour, by the pool's account-recovery setting. With
 * `admin_only` recovery no code is sent.
 *
 * Limitation: the CustomMessage_ForgotPassword trigger is not invoked yet (ClientMetadata is
 * accepted for it).
 */
import type { AdminResetUserPasswordCommandInput, AdminResetUserPasswordCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { oneTimeCode } from '../../../../messaging/codes.js';
import { announceMessage, recordMessage, type Message } from '../../../../messaging/outbox.js';
import { renderTemplate } from '../../../../messaging/templates.js';
import type { Services } from '../../../../services.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { InvalidParameterException } from '../../errors.js';
import { ClientMetadataType, UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../common.js';
import { verificationMessagesOf } from '../pools/pool-config.js';
import { recoveryDestination, type RecoveryDestination } from './recovery.js';
import { requireUser } from './require-user.js';

const CODE_VALIDITY_MS = 60 * 60 * 1000;

function resetCodeMessage(pool: UserPool, user: StoredUser, destination: RecoveryDestination, code: string): Message {
  const templates = verificationMessagesOf(pool);
  const common = { poolId: pool.id, username: user.username, purpose: 'AdminResetUserPassword', destination: destination.destination, code };
  if (destination.channel === 'SMS') return { ...common, channel: 'SMS', body: renderTemplate(templates.SmsMessage, { code }) };
  return {
    ...common,
    channel: 'EMAIL',
    subject: renderTemplate(templates.EmailSubject, { code }),
    body: renderTemplate(templates.EmailMessage, { code }),
  };
}

export const AdminResetUserPassword = operation<
  AdminResetUserPasswordCommandInput,
  AdminResetUserPasswordCommandOutput,
  Pick<Services, 'store' | 'clock' | 'bus' | 'options'>
>(({ store, clock, bus, options }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Username: required(UsernameType),
    ClientMetadata: ClientMetadataType,
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const user = requireUser(store, pool, input.Username!);
    const destination = recoveryDestination(pool, user);
    if (!destination) {
      throw new InvalidParameterException('Cannot reset password for the user as there is no registered/verified email or phone_number');
    }
    const now = clock.now();
    const code = destination === 'admin_only' ? undefined : oneTimeCode(options);
    const { passwordResetCode: _previous, ...extra } = user.extra;
    const updated: StoredUser = {
      ...user,
      status: 'RESET_REQUIRED',
      modified: now,
      extra: code ? { ...extra, passwordResetCode: { code, expires: now + CODE_VALIDITY_MS } } : extra,
    };
    const sent = store.transaction(() => {
      store.users.save(updated);
      return code && destination !== 'admin_only' ? recordMessage(store, now, resetCodeMessage(pool, updated, destination, code)) : undefined;
    });
    if (sent) announceMessage(bus, sent);
    return {};
  },
}));
