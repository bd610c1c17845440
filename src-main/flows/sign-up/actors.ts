/**
 * The sign-up machine's effects, built once per sandbox: the pre sign-up function, writing the
 * user with its first code, new codes, checking a code, the post confirmation function.
 */
import { fromPromise } from 'xstate';
import { storedPassword } from '../../auth/passwords.js';
import { claimAliases } from '../../cognito/aliases.js';
import { applyAttributeChanges } from '../../cognito/attributes.js';
import { codeDelivery, type CodeDelivery } from '../../cognito/code-delivery.js';
import { confirmationDestination, confirmationLinkFor } from '../../cognito/confirmation.js';
import { InvalidParameterException, UsernameExistsException } from '../../cognito/errors.js';
import { CONFIRMATION_CODE_VALIDITY_MS, checkCode, selfServiceState, withSelfServiceState } from '../../cognito/pending-codes.js';
import type { RecoveryDestination } from '../../cognito/recovery.js';
import { requirePool } from '../../cognito/resources.js';
import { oneTimeCode } from '../../messaging/codes.js';
import { sendMessage, type MessageOccasion } from '../../messaging/send.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { applyPreSignUpDecision, runPreSignUp } from '../../triggers/apply/pre-sign-up.js';
import { postConfirmationActor, stepCaller, stepUser, type SelfServiceServices, type SelfServiceStep } from '../self-service.js';
import { checkPasswordNotCompromised, recordUserEvent, type PasswordVerdict, type UserActivity, type UserEventType } from '../../cognito/threat-protection/user-events.js';
import type { CheckPasswordInput, ConfirmCodeInput, PreSignUpDecision, PreSignUpInput, RegisterInput } from './machine.js';

/** The pool verifies no attribute the user has, so there is nowhere to send a code. */
export function noCodeToSend(): Error {
  return new InvalidParameterException('Cannot resend codes. Auto verification not turned on.');
}

export function signUpActors(services: SelfServiceServices) {
  const { store, clock } = services;

  /** The step's activity as threat protection records it. */
  function activity(step: SelfServiceStep, pool: UserPool, user: { sub: string; username: string }, eventType: UserEventType): UserActivity {
    return { pool, clientId: step.clientId, user, eventType, flowId: step.flowId, ...(step.sourceIp && { sourceIp: step.sourceIp }) };
  }

  /**
   * The username, and the aliases a new user may hold, are free; returns the users a verified
   * alias moves from (pre sign-up's auto-verification moves it, as the guide says).
   */
  function checkAvailable(pool: UserPool, user: StoredUser, now: number): StoredUser[] {
    if (store.users.findByKey(pool.id, user.usernameKey)) throw new UsernameExistsException('User already exists');
    return claimAliases(store, pool, user, { force: user.status === 'CONFIRMED', creating: true, now });
  }

  /** Gives `user` a new confirmation code for `destination`, and writes the user with it as the code is sent. */
  async function sendConfirmationCode(
    step: SelfServiceStep & { purpose: string; occasion: MessageOccasion },
    pool: UserPool,
    user: StoredUser,
    destination: RecoveryDestination,
    write: (user: StoredUser) => void,
  ): Promise<void> {
    const code = oneTimeCode(services.options);
    const withCode = withSelfServiceState(user, {
      signUpFlowId: step.flowId,
      confirmationCode: { code, expires: clock.now() + CONFIRMATION_CODE_VALIDITY_MS, attribute: destination.attribute },
    });
    const origin = step.origin ?? `http://${services.options.host}:${services.options.port}`;
    const link = confirmationLinkFor(pool, destination.channel, { origin, clientId: step.clientId }, user.username, code);
    await sendMessage(
      services,
      {
        pool,
        user: withCode,
        purpose: step.purpose,
        occasion: step.occasion,
        channel: destination.channel,
        destination: destination.destination,
        code,
        ...(link && { link }),
        caller: stepCaller(step),
        clientMetadata: step.clientMetadata,
        flowId: step.flowId,
      },
      () => write(withCode),
    );
  }

  return {
    checkCompromisedPassword: fromPromise<PasswordVerdict | undefined, CheckPasswordInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      return checkPasswordNotCompromised(services, activity(input, pool, { sub: input.userSub, username: input.username }, 'SignUp'), input.password, false);
    }),

    preSignUp: fromPromise<PreSignUpDecision, PreSignUpInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      checkAvailable(pool, input.user, clock.now());
      return runPreSignUp(services, {
        pool,
        user: input.user,
        triggerSource: 'PreSignUp_SignUp',
        caller: stepCaller(input),
        validationData: input.validationData,
        clientMetadata: input.clientMetadata,
        flowId: input.flowId,
      });
    }),

    register: fromPromise<CodeDelivery | null, RegisterInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      const now = clock.now();
      const user = input.preSignUp ? applyPreSignUpDecision(input.user, input.preSignUp) : input.user;
      checkAvailable(pool, user, now);
      const password = await storedPassword(pool.id, user.username, input.password, { temporary: false, validityDays: 0, now });
      // The verifier took a while: another sign-up may have taken the name meanwhile.
      const losers = checkAvailable(pool, user, now);
      const withPassword: StoredUser = { ...user, password, passwordChanged: now };
      const insert = (created: StoredUser) => {
        for (const loser of losers) store.users.save(loser);
        store.users.insert(created);
      };
      const destination = confirmationDestination(pool, withPassword);
      const recordSignUp = () => input.threatProtection && recordUserEvent(services, activity(input, pool, user, 'SignUp'), { eventResponse: 'Pass', ...(input.passwordVerdict && { verdict: input.passwordVerdict }) });
      if (withPassword.status === 'CONFIRMED' || !destination) {
        store.transaction(() => insert(withPassword));
        recordSignUp();
        return null;
      }
      await sendConfirmationCode({ ...input, purpose: 'SignUp', occasion: 'SignUp' }, pool, withPassword, destination, insert);
      recordSignUp();
      return codeDelivery(destination);
    }),

    sendCode: fromPromise<CodeDelivery, SelfServiceStep>(async ({ input }) => {
      const { pool, user } = stepUser(services, input);
      const destination = confirmationDestination(pool, user);
      if (!destination) throw noCodeToSend();
      await sendConfirmationCode({ ...input, purpose: 'ResendConfirmationCode', occasion: 'ResendCode' }, pool, user, destination, (u) => store.users.save(u));
      if (input.threatProtection) recordUserEvent(services, activity(input, pool, user, 'ResendCode'), { eventResponse: 'Pass' });
      return codeDelivery(destination);
    }),

    confirmCode: fromPromise<void, ConfirmCodeInput>(async ({ input }) => {
      const now = clock.now();
      const { pool, user } = stepUser(services, input);
      const pending = selfServiceState(user).confirmationCode;
      checkCode(pending, input.code, now);
      const confirmed = withSelfServiceState(
        {
          ...user,
          status: 'CONFIRMED',
          modified: now,
          attributes: applyAttributeChanges(user.attributes, [{ name: `${pending!.attribute}_verified`, value: 'true' }]),
        },
        { confirmationCode: undefined, signUpFlowId: undefined },
      );
      const losers = claimAliases(store, pool, confirmed, { force: input.forceAliasCreation, creating: false, now });
      store.transaction(() => {
        for (const loser of losers) store.users.save(loser);
        store.users.save(confirmed);
      });
    }),

    postConfirmation: postConfirmationActor(services, 'PostConfirmation_ConfirmSignUp'),
  };
}
