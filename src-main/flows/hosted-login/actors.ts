/**
 * The hosted login's effects: the password sign-in and its challenges run as the sign-in flow
 * (a child flow, `hosted-sign-in`, whose triggers and challenges the debugger shows as usual);
 * a user who is signed in already is issued tokens after the pool's pre token generation function
 * (TokenGeneration_HostedAuth).
 *
 * MFA_SETUP: an authenticator app is set up on the child flow (AssociateSoftwareToken and
 * VerifySoftwareToken with its Session, then MFA_SETUP answered). SMS is the hosted UI's own: the
 * API has no way to give a user a phone number inside a sign-in, so the code goes to the number
 * the page was given (the pool's SMS authentication message, CustomMessage_Authentication), and
 * the right code makes the number the user's, verified, with SMS MFA on and preferred; the user is
 * then issued tokens here, as for a hosted session. Assumption where the guide is silent: the
 * PostAuthentication function does not run after an SMS set-up (the child flow, which would run
 * it, is left waiting at MFA_SETUP until its Session expires).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { decodeJwt } from 'jose';
import { fromPromise } from 'xstate';
import type { BaseServices } from '../../base-services.js';
import { claimAliases } from '../../cognito/aliases.js';
import { findAppClient } from '../../cognito/app-clients.js';
import { applyAttributeChanges, isPhoneNumber } from '../../cognito/attributes.js';
import { maskedDestination } from '../../cognito/code-delivery.js';
import { CodeMismatchException, EnableSoftwareTokenMFAException, ExpiredCodeException, InternalErrorException, InvalidParameterException, NotAuthorizedException } from '../../cognito/errors.js';
import { withMfaPreference } from '../../cognito/mfa.js';
import { requirePool } from '../../cognito/resources.js';
import { resolveUser } from '../../cognito/usernames.js';
import { oneTimeCode } from '../../messaging/codes.js';
import { sendMessage } from '../../messaging/send.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { runPreTokenGeneration } from '../../tokens/pre-token-generation.js';
import type { OAuthGrant, Tokens } from '../../tokens/tokens.js';
import { awsSdkVersionOf } from '../../triggers/events/common.js';
import type { Triggers } from '../../triggers/runtime.js';
import type { FlowCall } from '../call.js';
import type { SignInAnswer, SignInFlow } from '../sign-in/sign-in.js';
import type { AssociatedSoftwareToken, AuthorizeRequest, HostedChallenge, SentSetupCode, SignInStep, SignInStepInput } from './machine.js';

export type HostedLoginServices = Pick<BaseServices, 'store' | 'clock' | 'ids' | 'bus' | 'options' | 'faults'> & { tokens: Tokens; triggers: Triggers; signIn: SignInFlow };

const grantOf = (authorize: AuthorizeRequest): OAuthGrant => ({ scopes: authorize.scopes, ...(authorize.nonce !== undefined && { nonce: authorize.nonce }) });

/** The child flow's call: the browser's origin and agent, and this login as its parent. */
const childCall = (input: SignInStepInput): FlowCall => ({ ...input.call, parentFlowId: input.flowId });

/** Who the tokens were issued to, read back from the access token the sandbox just signed. */
function signedInFrom(accessToken: string, withPassword: boolean) {
  const claims = decodeJwt(accessToken);
  return { sub: String(claims.sub), username: String(claims.username), authTime: Number(claims.auth_time), withPassword };
}

/** The users a hosted session (or a sign-up just confirmed) signs in without a password. */
const SESSION_STATUSES: ReadonlySet<string> = new Set(['CONFIRMED', 'EXTERNAL_PROVIDER']);

/** How long the SMS set-up code lives: as long as an SMS MFA code. */
const SETUP_CODE_VALIDITY_MS = 3 * 60_000;

const hashOf = (code: string) => createHash('sha256').update(code).digest('hex');

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

function stepOf(answer: SignInAnswer, username: string): SignInStep {
  if ('tokens' in answer) return { tokens: answer.tokens, signedIn: signedInFrom(answer.tokens.AccessToken, true) };
  const { name, parameters, session, available } = answer.challenge;
  const challenge: HostedChallenge = { name, parameters, session, username: parameters.USERNAME ?? username, ...(available && { available }) };
  return { challenge };
}

export function hostedLoginActors(services: HostedLoginServices) {
  const { store, signIn } = services;

  function clientAndPool(input: SignInStepInput) {
    const pool = requirePool(store, input.poolId);
    const client = findAppClient(store, input.clientId);
    if (!client) throw new InternalErrorException(`App client ${input.clientId} no longer exists.`);
    return { pool, client };
  }

  return {
    signIn: fromPromise<SignInStep, SignInStepInput & { username: string; password: string }>(async ({ input }) => {
      const { pool, client } = clientAndPool(input);
      const answer = await signIn.initiate(
        {
          pool,
          client,
          authFlow: 'USER_PASSWORD_AUTH',
          parameters: { USERNAME: input.username, PASSWORD: input.password },
          clientMetadata: undefined,
          caller: 'hosted',
          oauth: grantOf(input.authorize),
        },
        childCall(input),
      );
      return stepOf(answer, input.username);
    }),

    answerChallenge: fromPromise<SignInStep, SignInStepInput & { challenge: HostedChallenge; responses: Record<string, string> }>(async ({ input }) => {
      const { pool, client } = clientAndPool(input);
      const { challenge } = input;
      const answer = await signIn.respond(
        {
          pool,
          client,
          challengeName: challenge.name,
          responses: { ...input.responses, USERNAME: challenge.username },
          session: challenge.session,
          clientMetadata: undefined,
          hosted: true,
        },
        childCall(input),
      );
      return stepOf(answer, challenge.username);
    }),

    issueForUser: fromPromise<SignInStep, SignInStepInput & { sub: string; opensSession?: boolean }>(async ({ input }) => {
      const { pool } = clientAndPool(input);
      const user = store.users.findBySub(pool.id, input.sub);
      // A federated user's hosted session signs them in again as their provider's sign-in did.
      if (!user || !SESSION_STATUSES.has(user.status)) throw new NotAuthorizedException('Incorrect username or password.');
      if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
      return issueHostedTokens(services, input, pool, user, input.opensSession === true);
    }),

    associateSoftwareToken: fromPromise<AssociatedSoftwareToken, SignInStepInput & { challenge: HostedChallenge }>(async ({ input }) => {
      return signIn.associateSoftwareToken({ session: input.challenge.session }, childCall(input));
    }),

    verifySoftwareToken: fromPromise<SignInStep, SignInStepInput & { challenge: HostedChallenge; code: string; friendlyDeviceName?: string }>(async ({ input }) => {
      const { pool, client } = clientAndPool(input);
      const { challenge } = input;
      if (!/^[0-9]{6}$/.test(input.code)) throw new EnableSoftwareTokenMFAException();
      const verified = await signIn.verifySoftwareToken(
        { session: challenge.session, userCode: input.code, ...(input.friendlyDeviceName && { friendlyDeviceName: input.friendlyDeviceName }) },
        childCall(input),
      );
      const answer = await signIn.respond(
        { pool, client, challengeName: 'MFA_SETUP', responses: { USERNAME: challenge.username }, session: verified.session, clientMetadata: undefined, hosted: true },
        childCall(input),
      );
      return stepOf(answer, challenge.username);
    }),

    sendSetupCode: fromPromise<SentSetupCode, SignInStepInput & { challenge: HostedChallenge; phoneNumber: string }>(async ({ input }) => {
      const { pool } = clientAndPool(input);
      if (!isPhoneNumber(input.phoneNumber)) throw new InvalidParameterException('Invalid phone number format.');
      const user = setupUser(pool, input.challenge);
      const code = oneTimeCode(services.options);
      await sendMessage(
        services,
        {
          pool,
          user,
          purpose: 'Authentication',
          occasion: 'Authentication',
          channel: 'SMS',
          destination: input.phoneNumber,
          code,
          caller: { clientId: input.clientId, awsSdkVersion: awsSdkVersionOf(input.call.userAgent) },
          flowId: input.flowId,
        },
        () => undefined,
      );
      return { codeHash: hashOf(code), expires: services.clock.now() + SETUP_CODE_VALIDITY_MS, destination: maskedDestination('SMS', input.phoneNumber) };
    }),

    confirmSetupCode: fromPromise<SignInStep, SignInStepInput & { challenge: HostedChallenge; phoneNumber: string; sentCode: SentSetupCode; code: string }>(async ({ input }) => {
      const { pool } = clientAndPool(input);
      const now = services.clock.now();
      if (now > input.sentCode.expires) throw new ExpiredCodeException();
      if (!sameHash(hashOf(input.code.trim()), input.sentCode.codeHash)) throw new CodeMismatchException('Invalid code received for user');
      const user = setupUser(pool, input.challenge);
      const attributes = applyAttributeChanges(user.attributes, [
        { name: 'phone_number', value: input.phoneNumber },
        { name: 'phone_number_verified', value: 'true' },
      ]);
      const withPhone: StoredUser = { ...user, attributes, modified: now };
      const losers = claimAliases(store, pool, withPhone, { force: false, creating: false, now });
      const mfa = withMfaPreference(pool, withPhone, { SMS_MFA: { Enabled: true, PreferredMfa: true } });
      const updated: StoredUser = { ...withPhone, ...(mfa ? { mfa } : {}) };
      store.transaction(() => {
        for (const loser of losers) store.users.save(loser);
        store.users.save(updated);
      });
      return issueHostedTokens(services, input, pool, updated, true);
    }),
  };

  /** The user MFA_SETUP is for, as stored now. */
  function setupUser(pool: UserPool, challenge: HostedChallenge): StoredUser {
    const user = resolveUser(store, pool, challenge.username);
    if (!user || !user.enabled) throw new NotAuthorizedException('Invalid session for the user.');
    return user;
  }
}

/** Tokens for the user after the pool's pre token generation function (TokenGeneration_HostedAuth). */
export async function issueHostedTokens(services: HostedLoginServices, input: SignInStepInput, pool: UserPool, user: StoredUser, withPassword: boolean): Promise<SignInStep> {
  const client = findAppClient(services.store, input.clientId);
  if (!client) throw new InternalErrorException(`App client ${input.clientId} no longer exists.`);
  const grant = grantOf(input.authorize);
  const customization = await runPreTokenGeneration(services, {
    pool,
    client,
    user,
    triggerSource: 'TokenGeneration_HostedAuth',
    awsSdkVersion: awsSdkVersionOf(input.call.userAgent),
    scopes: grant.scopes,
    flowId: input.flowId,
  });
  const issued = await services.tokens.issue({ pool, client, user, origin: input.call.origin, flowId: input.flowId, oauth: grant, ...(customization && { customization }) });
  return { tokens: issued, signedIn: signedInFrom(issued.AccessToken, withPassword) };
}
