/**
 * The sign-in machine's choice-based (USER_AUTH) effects: the first factors a user may choose
 * from (cognito/first-factors.ts), and a passkey's WEB_AUTHN challenge and its verification
 * (cognito/webauthn.ts). The codes of EMAIL_OTP and SMS_OTP are the MFA actors' (mfa-actors.ts).
 */
import { fromPromise } from 'xstate';
import type { BaseServices } from '../../base-services.js';
import { UserNotFoundException } from '../../cognito/errors.js';
import { availableFirstFactors, type FirstFactor } from '../../cognito/first-factors.js';
import { requirePool } from '../../cognito/resources.js';
import { passkeyChallenge, verifyPasskeyAssertion, type PasskeyChallenge } from '../../cognito/webauthn.js';
import type { StoredUser } from '../../store/repositories/users.js';
import type { Account, ListFirstFactorsInput, StartPasskeyInput, VerifyPasskeyInput } from './types.js';

export type FirstFactorServices = Pick<BaseServices, 'store' | 'clock' | 'ids'>;

export function firstFactorActors(services: FirstFactorServices) {
  const { store } = services;

  function currentUser(poolId: string, account: Account): StoredUser {
    const user = store.users.findBySub(poolId, account.sub);
    if (!user) throw new UserNotFoundException('User does not exist.');
    return user;
  }

  return {
    listFirstFactors: fromPromise<FirstFactor[], ListFirstFactorsInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      return availableFirstFactors(store, pool, currentUser(pool.id, input.account));
    }),

    startPasskeyChallenge: fromPromise<PasskeyChallenge, StartPasskeyInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      return passkeyChallenge(services, pool, currentUser(pool.id, input.account));
    }),

    verifyPasskey: fromPromise<void, VerifyPasskeyInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      await verifyPasskeyAssertion(services, pool, currentUser(pool.id, input.account), input.challenge, input.credential);
    }),
  };
}
