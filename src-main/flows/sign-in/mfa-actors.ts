/**
 * The sign-in machine's MFA effects: which MFA step the user takes (cognito/mfa-challenges.ts),
 * sending an SMS or email code through the pool's templates and triggers (occasion
 * `Authentication`: SmsAuthenticationMessage / the email MFA message, CustomMessage_Authentication,
 * the custom senders), checking the code the client answers with (a software token's against
 * the user's verified token, each code once), and setting up a software token in MFA_SETUP. The
 * flow keeps only a code's hash; a right SMS code verifies the phone number it went to, as
 * Cognito does.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { fromPromise } from 'xstate';
import type { BaseServices } from '../../base-services.js';
import { applyAttributeChanges, attributeMap } from '../../cognito/attributes.js';
import { codeDelivery } from '../../cognito/code-delivery.js';
import { UserNotFoundException } from '../../cognito/errors.js';
import { mfaStepFor, type MfaStep } from '../../cognito/mfa-challenges.js';
import { riskMfaStep } from '../../cognito/threat-protection/risk-mfa.js';
import { acceptSoftwareTokenCode, checkPoolHasSoftwareTokenMfa, withSoftwareTokenAssociated, withSoftwareTokenVerified } from '../../cognito/mfa.js';
import { newTotpSecret } from '../../cognito/totp.js';
import { requirePool } from '../../cognito/resources.js';
import { oneTimeCode } from '../../messaging/codes.js';
import { sendMessage } from '../../messaging/send.js';
import type { StoredUser } from '../../store/repositories/users.js';
import type { Triggers } from '../../triggers/runtime.js';
import type {
  Account,
  CheckMfaCodeInput,
  DecideMfaInput,
  MfaCodeCheck,
  SendMfaCodeInput,
  SentMfaCode,
  SoftwareTokenSetupInput,
  VerifySoftwareTokenInput,
} from './types.js';

export type MfaServices = Pick<BaseServices, 'store' | 'clock' | 'bus' | 'options' | 'faults'> & { triggers: Triggers };

/** How long an SMS or email MFA code lives (Cognito: three minutes, as long as the Session). */
export const MFA_CODE_VALIDITY_MS = 3 * 60_000;

const hashOf = (code: string) => createHash('sha256').update(code).digest('hex');

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function mfaActors(services: MfaServices) {
  const { store, clock } = services;

  function currentUser(poolId: string, account: Account): StoredUser {
    const user = store.users.findBySub(poolId, account.sub);
    if (!user) throw new UserNotFoundException('User does not exist.');
    return user;
  }

  return {
    decideMfa: fromPromise<MfaStep, DecideMfaInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      const user = currentUser(pool.id, input.account);
      return (input.riskMfa && riskMfaStep(pool, user)) || mfaStepFor(pool, user);
    }),

    sendMfaCode: fromPromise<SentMfaCode, SendMfaCodeInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      const user = currentUser(pool.id, input.account);
      const sms = input.factor !== 'EMAIL_OTP';
      const attribute = sms ? 'phone_number' : 'email';
      const destination = attributeMap(user.attributes).get(attribute) ?? '';
      const code = oneTimeCode(services.options);
      await sendMessage(
        services,
        {
          pool,
          user,
          purpose: 'Authentication',
          occasion: 'Authentication',
          channel: sms ? 'SMS' : 'EMAIL',
          destination,
          code,
          caller: { clientId: input.clientId, awsSdkVersion: input.awsSdkVersion },
          clientMetadata: input.clientMetadata,
          flowId: input.flowId,
        },
        () => undefined,
      );
      const delivery = codeDelivery({ channel: sms ? 'SMS' : 'EMAIL', attribute, destination });
      return { factor: input.factor, codeHash: hashOf(code), expires: clock.now() + MFA_CODE_VALIDITY_MS, medium: delivery.DeliveryMedium, destination: delivery.Destination };
    }),

    checkMfaCode: fromPromise<MfaCodeCheck, CheckMfaCodeInput>(async ({ input }) => {
      if (input.factor === 'SOFTWARE_TOKEN_MFA') {
        const user = currentUser(input.poolId, input.account);
        const check = acceptSoftwareTokenCode(user, input.code, clock.now());
        if (!check.accepted) return check.reason === 'replayed' ? 'replayed' : 'wrong';
        store.users.save({ ...user, mfa: check.mfa, modified: clock.now() });
        return 'correct';
      }
      const { sent } = input;
      if (!sent || sent.factor !== input.factor) return 'wrong';
      if (!sameHash(hashOf(input.code), sent.codeHash)) return 'wrong';
      if (clock.now() > sent.expires) return 'expired';
      if (sent.factor !== 'EMAIL_OTP') {
        const user = currentUser(input.poolId, input.account);
        if (attributeMap(user.attributes).get('phone_number_verified') !== 'true') {
          store.users.save({ ...user, attributes: applyAttributeChanges(user.attributes, [{ name: 'phone_number_verified', value: 'true' }]), modified: clock.now() });
        }
      }
      return 'correct';
    }),

    /** AssociateSoftwareToken in MFA_SETUP: a new secret, pending on the user until verified. */
    associateSoftwareToken: fromPromise<void, SoftwareTokenSetupInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      checkPoolHasSoftwareTokenMfa(pool);
      const user = currentUser(pool.id, input.account);
      store.users.save({ ...user, mfa: withSoftwareTokenAssociated(user, newTotpSecret(), clock.now()), modified: clock.now() });
    }),

    /**
     * VerifySoftwareToken in MFA_SETUP: the pending token verified and, since MFA is required and
     * this is the factor the user set up, turned on and preferred.
     */
    verifySoftwareToken: fromPromise<void, VerifySoftwareTokenInput>(async ({ input }) => {
      const user = currentUser(input.poolId, input.account);
      const now = clock.now();
      const verified = withSoftwareTokenVerified(user, input.code, now, input.friendlyDeviceName);
      const enabled = [...new Set([...verified.enabled, 'SOFTWARE_TOKEN_MFA'])];
      store.users.save({ ...user, mfa: { ...verified, enabled, preferred: 'SOFTWARE_TOKEN_MFA' }, modified: now });
    }),
  };
}
