/**
 * AdminSetUserPassword: a permanent password confirms the user (CONFIRMED); a temporary one
 * makes them change it at next sign-in (FORCE_CHANGE_PASSWORD), within the pool's
 * TemporaryPasswordValidityDays. The pool's password policy applies to both.
 */
import type { AdminSetUserPasswordCommandInput, AdminSetUserPasswordCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { checkPasswordPolicy } from '../../../../cognito/password-policy.js';
import { storedPassword } from '../../../../auth/passwords.js';
import type { Services } from '../../../../services.js';
import { BooleanType, PasswordType, UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { passwordPolicyOf } from '../../../../cognito/pool-config.js';
import { requireUser } from '../../../../cognito/resources.js';

export const AdminSetUserPassword = operation<
  AdminSetUserPasswordCommandInput,
  AdminSetUserPasswordCommandOutput,
  Pick<Services, 'store' | 'clock'>
>(({ store, clock }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Username: required(UsernameType),
    Password: required(PasswordType),
    Permanent: BooleanType,
  }),
  async handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const { username } = requireUser(store, pool, input.Username!);
    const policy = passwordPolicyOf(pool);
    checkPasswordPolicy(input.Password!, policy);
    const now = clock.now();
    const permanent = input.Permanent === true;
    const options = { temporary: !permanent, validityDays: policy.TemporaryPasswordValidityDays, now };
    const password = await storedPassword(pool.id, username, input.Password!, options);
    // Read again: the user may have changed while the verifier was computed.
    const user = requireUser(store, pool, input.Username!);
    const { passwordResetCode: _discarded, ...extra } = user.extra;
    store.users.save({ ...user, status: permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD', password, passwordChanged: now, modified: now, extra });
    return {};
  },
}));
