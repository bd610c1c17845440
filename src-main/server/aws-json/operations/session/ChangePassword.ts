/**
 * ChangePassword: the signed-in user proves their current password and sets a new one that
 * meets the pool's policy. Other sessions stay signed in, as in Cognito.
 *
 * Threat protection (where the pool has it on): the proposed password is checked for compromise
 * (PASSWORD_CHANGE; a block answers InvalidPasswordException) and the change is recorded as a
 * PasswordChange auth event (cognito/threat-protection/user-events.ts). The access token names
 * no app client the event could carry: it is recorded without one, and the pool's risk
 * configuration applies (an assumption: the token's client_id claim is not consulted).
 *
 * Limitations: PasswordHistorySize is not enforced (previous passwords are not kept), and wrong
 * previous passwords do not count towards the sign-in lockout.
 */
import type { ChangePasswordCommandInput, ChangePasswordCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { checkPasswordPolicy } from '../../../../cognito/password-policy.js';
import { passwordMatches, storedPassword } from '../../../../auth/passwords.js';
import type { Services } from '../../../../services.js';
import { NotAuthorizedException } from '../../../../cognito/errors.js';
import { PasswordType, TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { passwordPolicyOf } from '../../../../cognito/pool-config.js';
import { signedInUser } from '../../access-token.js';
import { checkPasswordNotCompromised, recordUserEvent } from '../../../../cognito/threat-protection/user-events.js';

export const ChangePassword = operation<ChangePasswordCommandInput, ChangePasswordCommandOutput, Pick<Services, 'tokens' | 'store' | 'clock' | 'ids' | 'bus'>>(
  (services) => ({
    input: structure({
      PreviousPassword: PasswordType,
      ProposedPassword: required(PasswordType),
      AccessToken: required(TokenModelType),
    }),
    async handle(input, context) {
      const { pool, user } = await signedInUser(services, input.AccessToken!);
      // Only a user without any password (passwordless sign-in) may leave PreviousPassword out.
      const proven = user.password === undefined || (input.PreviousPassword !== undefined && (await passwordMatches(user, input.PreviousPassword)));
      if (!proven) throw new NotAuthorizedException('Incorrect username or password.');
      const policy = passwordPolicyOf(pool);
      checkPasswordPolicy(input.ProposedPassword!, policy);
      const activity = { pool, user, eventType: 'PasswordChange' as const, ...(context.sourceIp && { sourceIp: context.sourceIp }) };
      const verdict = checkPasswordNotCompromised(services, activity, input.ProposedPassword!, true);
      const now = services.clock.now();
      const password = await storedPassword(pool.id, user.username, input.ProposedPassword!, {
        temporary: false,
        validityDays: policy.TemporaryPasswordValidityDays,
        now,
      });
      services.store.users.save({
        ...user,
        password,
        passwordChanged: now,
        modified: now,
      });
      recordUserEvent(services, activity, { eventResponse: 'Pass', ...(verdict && { verdict }) });
      return {};
    },
  }),
);
