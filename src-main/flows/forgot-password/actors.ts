/**
 * The forgot-password machine's effects, built once per sandbox: the migrate user function, a
 * reset code to the user's recovery destination, the new password, the post confirmation function.
 */
import { fromPromise } from 'xstate';
import { storedPassword } from '../../auth/passwords.js';
import { codeDelivery, type CodeDelivery } from '../../cognito/code-delivery.js';
import { InvalidParameterException, NotAuthorizedException } from '../../cognito/errors.js';
import { RESET_CODE_VALIDITY_MS, checkCode, selfServiceState, withSelfServiceState } from '../../cognito/pending-codes.js';
import { recoveryDestination, type RecoveryDestination } from '../../cognito/recovery.js';
import { requirePool } from '../../cognito/resources.js';
import { oneTimeCode } from '../../messaging/codes.js';
import { sendMessage } from '../../messaging/send.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { migratedUser, runUserMigration, saveMigratedUser } from '../../triggers/apply/user-migration.js';
import { postConfirmationActor, stepCaller, stepUser, type SelfServiceServices, type SelfServiceStep } from '../self-service.js';
import { checkPasswordNotCompromised, recordUserEvent, type UserActivity, type UserEventType } from '../../cognito/threat-protection/user-events.js';
import type { ResetPasswordInput } from './machine.js';

export const NOT_RESETTABLE = 'User password cannot be reset in the current state.';
export const NO_VERIFIED_CONTACT = 'Cannot reset password for the user as there is no registered/verified email or phone_number';

/** Where the user's reset code goes, or the refusal when it can go nowhere. */
export function requireRecoveryDestination(pool: UserPool, user: StoredUser): RecoveryDestination {
  const destination = recoveryDestination(pool, user);
  if (destination === 'admin_only') throw new NotAuthorizedException(NOT_RESETTABLE);
  if (!destination) throw new InvalidParameterException(NO_VERIFIED_CONTACT);
  return destination;
}

export function forgotPasswordActors(services: SelfServiceServices) {
  const { store, clock, options } = services;

  /** The step's activity as threat protection records it (where the pool has it on as of the call). */
  function activity(step: SelfServiceStep, pool: UserPool, user: StoredUser, eventType: UserEventType): UserActivity {
    return { pool, clientId: step.clientId, user, eventType, flowId: step.flowId, ...(step.sourceIp && { sourceIp: step.sourceIp }) };
  }

  return {
    /** UserMigration_ForgotPassword: the function describes the user, who is created (RESET_REQUIRED) for the code to go to. */
    migrateUser: fromPromise<string, SelfServiceStep>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      const answer = await runUserMigration(services, {
        pool,
        userName: input.username,
        triggerSource: 'UserMigration_ForgotPassword',
        clientId: input.clientId,
        caller: stepCaller(input),
        clientMetadata: input.clientMetadata,
        flowId: input.flowId,
      });
      const prepared = await migratedUser(services, { pool, userName: input.username }, answer);
      store.transaction(() => saveMigratedUser(store, prepared));
      return prepared.user.username;
    }),

    sendCode: fromPromise<CodeDelivery, SelfServiceStep>(async ({ input }) => {
      const code = oneTimeCode(options);
      const { pool, user: current } = stepUser(services, input);
      const destination = requireRecoveryDestination(pool, current);
      const user = withSelfServiceState(current, {
        passwordResetFlowId: input.flowId,
        passwordResetCode: { code, expires: clock.now() + RESET_CODE_VALIDITY_MS },
      });
      await sendMessage(
        services,
        {
          pool,
          user,
          purpose: 'ForgotPassword',
          occasion: 'ForgotPassword',
          channel: destination.channel,
          destination: destination.destination,
          code,
          caller: stepCaller(input),
          clientMetadata: input.clientMetadata,
          flowId: input.flowId,
        },
        () => store.users.save(user),
      );
      if (input.threatProtection) recordUserEvent(services, activity(input, pool, user, 'ForgotPassword'), { eventResponse: 'Pass' });
      return codeDelivery(destination);
    }),

    resetPassword: fromPromise<void, ResetPasswordInput>(async ({ input }) => {
      const { pool, user: before } = stepUser(services, input);
      const password = await storedPassword(pool.id, before.username, input.password, { temporary: false, validityDays: 0, now: clock.now() });
      // Checked after the verifier's await, so that two calls cannot both spend the code.
      const now = clock.now();
      const { user } = stepUser(services, input);
      checkCode(selfServiceState(user).passwordResetCode, input.code, now);
      const changing = activity(input, pool, user, 'PasswordChange');
      const verdict = input.threatProtection && checkPasswordNotCompromised(services, changing, input.password, true);
      store.users.save(
        withSelfServiceState(
          { ...user, status: 'CONFIRMED', password, passwordChanged: now, modified: now },
          { passwordResetCode: undefined, passwordResetFlowId: undefined },
        ),
      );
      if (input.threatProtection) recordUserEvent(services, changing, { eventResponse: 'Pass', ...(verdict && { verdict }) });
    }),

    postConfirmation: postConfirmationActor(services, 'PostConfirmation_ConfirmForgotPassword'),
  };
}
