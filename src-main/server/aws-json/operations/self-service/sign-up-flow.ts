/**
 * The sign-up flow's effects (preSignUp, register, sendCode, confirmCode, postConfirmation) and
 * the three ways operations drive it: SignUp starts it, ResendConfirmationCode and ConfirmSignUp
 * resume the user's flow (or open one awaiting the code, for a user who has none).
 */
import { fromPromise } from 'xstate';
import { storedPassword } from '../../../../auth/passwords.js';
import {
  signUpMachine,
  type ConfirmCodeInput,
  type RegisterInput,
  type SignUpFlowEvent,
  type SignUpFlowInput,
} from '../../../../flows/sign-up.machine.js';
import type { CodeDelivery, FlowEffectInput } from '../../../../flows/self-service-calls.js';
import { oneTimeCode } from '../../../../messaging/codes.js';
import { sendMessage, type MessageOccasion } from '../../../../messaging/send.js';
import type { AppClient } from '../../../../cognito/app-clients.js';
import type { StoredFlow } from '../../../../store/repositories/flows.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import type { TriggerCaller } from '../../../../triggers/apply/caller.js';
import { hasPostConfirmation, runPostConfirmation } from '../../../../triggers/apply/post-confirmation.js';
import { applyPreSignUpDecision, runPreSignUp } from '../../../../triggers/apply/pre-sign-up.js';
import { InvalidParameterException, UsernameExistsException } from '../../../../cognito/errors.js';
import type { RequestContext } from '../../operation.js';
import { claimAliases } from '../../../../cognito/aliases.js';
import { applyAttributeChanges } from '../../../../cognito/attributes.js';
import type { RecoveryDestination } from '../../../../cognito/recovery.js';
import { codeDelivery } from '../../../../cognito/code-delivery.js';
import { answerFrom, currentUser, liveFlow, type FlowAnswer, type SelfServiceServices } from './flows.js';
import { confirmationDestination, confirmationLinkFor, type ConfirmationLink } from '../../../../cognito/confirmation.js';
import { CONFIRMATION_CODE_VALIDITY_MS, checkCode, selfServiceState, withSelfServiceState } from '../../../../cognito/pending-codes.js';

/** How long the flow's (unused) session is kept: as long as a confirmation code lives. */
const FLOW_MINUTES = CONFIRMATION_CODE_VALIDITY_MS / 60_000;

export interface SignUpCall {
  pool: UserPool;
  client: AppClient;
  caller: TriggerCaller;
  clientMetadata?: Record<string, string>;
}

export interface Registration extends SignUpCall {
  /** The new user, complete but for password and pending code. */
  user: StoredUser;
  password: string;
  validationData?: { Name?: string; Value?: string }[];
  link: ConfirmationLink;
}

/** The pool verifies no attribute the user has, so there is nowhere to send a code. */
function noCodeToSend(): Error {
  return new InvalidParameterException('Cannot resend codes. Auto verification not turned on.');
}

export function checkCodeCanBeSent(pool: UserPool, user: StoredUser): void {
  if (!confirmationDestination(pool, user)) throw noCodeToSend();
}

/** Gives `user` a new confirmation code for `destination`, and writes the user with it as the code is sent. */
async function sendConfirmationCode(
  services: SelfServiceServices,
  call: SignUpCall & { link: ConfirmationLink; flowId: string; purpose: string; occasion: MessageOccasion },
  user: StoredUser,
  destination: RecoveryDestination,
  write: (user: StoredUser) => void,
): Promise<void> {
  const code = oneTimeCode(services.options);
  const withCode = withSelfServiceState(user, {
    signUpFlowId: call.flowId,
    confirmationCode: { code, expires: services.clock.now() + CONFIRMATION_CODE_VALIDITY_MS, attribute: destination.attribute },
  });
  const link = confirmationLinkFor(call.pool, destination.channel, call.link, user.username, code);
  await sendMessage(
    services,
    {
      pool: call.pool,
      user: withCode,
      purpose: call.purpose,
      occasion: call.occasion,
      channel: destination.channel,
      destination: destination.destination,
      code,
      ...(link && { link }),
      caller: call.caller,
      clientMetadata: call.clientMetadata,
      flowId: call.flowId,
    },
    () => write(withCode),
  );
}

/**
 * The username, and the aliases a new user may hold, are free; returns the users a verified alias
 * moves from (pre sign-up's auto-verification moves it, as the guide says).
 */
function checkAvailable({ store }: SelfServiceServices, pool: UserPool, user: StoredUser, now: number): StoredUser[] {
  if (store.users.findByKey(pool.id, user.usernameKey)) throw new UsernameExistsException('User already exists');
  return claimAliases(store, pool, user, { force: user.status === 'CONFIRMED', creating: true, now });
}

function preSignUpEffect(services: SelfServiceServices, registration: Registration) {
  return fromPromise(async ({ input }: { input: FlowEffectInput }) => {
    checkAvailable(services, registration.pool, registration.user, services.clock.now());
    return runPreSignUp(services, {
      pool: registration.pool,
      user: registration.user,
      triggerSource: 'PreSignUp_SignUp',
      caller: registration.caller,
      validationData: registration.validationData,
      clientMetadata: registration.clientMetadata,
      flowId: input.flowId,
    });
  });
}

function registerEffect(services: SelfServiceServices, registration: Registration) {
  return fromPromise<CodeDelivery | null, RegisterInput>(async ({ input }) => {
    const { store, clock } = services;
    const { pool } = registration;
    const now = clock.now();
    const user = input.preSignUp ? applyPreSignUpDecision(registration.user, input.preSignUp) : registration.user;
    checkAvailable(services, pool, user, now);
    const password = await storedPassword(pool.id, user.username, registration.password, { temporary: false, validityDays: 0, now });
    // The verifier took a while: another sign-up may have taken the name meanwhile.
    const losers = checkAvailable(services, pool, user, now);
    const withPassword: StoredUser = { ...user, password, passwordChanged: now };
    const insert = (created: StoredUser) => {
      for (const loser of losers) store.users.save(loser);
      store.users.insert(created);
    };
    const destination = confirmationDestination(pool, withPassword);
    if (withPassword.status === 'CONFIRMED' || !destination) {
      store.transaction(() => insert(withPassword));
      return null;
    }
    await sendConfirmationCode(services, { ...registration, flowId: input.flowId, purpose: 'SignUp', occasion: 'SignUp' }, withPassword, destination, insert);
    return codeDelivery(destination);
  });
}

function sendCodeEffect(services: SelfServiceServices, call: SignUpCall & { user: StoredUser; link: ConfirmationLink }) {
  return fromPromise<CodeDelivery, FlowEffectInput>(async ({ input }) => {
    const user = currentUser(services.store, call.pool, call.user);
    const destination = confirmationDestination(call.pool, user);
    if (!destination) throw noCodeToSend();
    const sending = { ...call, flowId: input.flowId, purpose: 'ResendConfirmationCode', occasion: 'ResendCode' as const };
    await sendConfirmationCode(services, sending, user, destination, (u) => services.store.users.save(u));
    return codeDelivery(destination);
  });
}

function confirmCodeEffect(services: SelfServiceServices, call: SignUpCall & { user: StoredUser; code: string }) {
  return fromPromise<void, ConfirmCodeInput>(async ({ input }) => {
    const { store, clock } = services;
    const now = clock.now();
    const user = currentUser(store, call.pool, call.user);
    const pending = selfServiceState(user).confirmationCode;
    checkCode(pending, call.code, now);
    const confirmed = withSelfServiceState(
      {
        ...user,
        status: 'CONFIRMED',
        modified: now,
        attributes: applyAttributeChanges(user.attributes, [{ name: `${pending!.attribute}_verified`, value: 'true' }]),
      },
      { confirmationCode: undefined, signUpFlowId: undefined },
    );
    const losers = claimAliases(store, call.pool, confirmed, { force: input.forceAliasCreation, creating: false, now });
    store.transaction(() => {
      for (const loser of losers) store.users.save(loser);
      store.users.save(confirmed);
    });
  });
}

/** PostConfirmation_ConfirmSignUp for the user as confirmed, with the confirming call's ClientMetadata. */
function postConfirmationEffect(services: SelfServiceServices, call: SignUpCall & { user: StoredUser }) {
  return fromPromise<void, FlowEffectInput>(async ({ input }) => {
    await runPostConfirmation(services, {
      pool: call.pool,
      user: currentUser(services.store, call.pool, call.user),
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      caller: call.caller,
      clientMetadata: call.clientMetadata,
      flowId: input.flowId,
    });
  });
}

/** The machine with the pool's triggers known and the call's effects. */
function machineFor(services: SelfServiceServices, call: SignUpCall & { user: StoredUser }, actors: Parameters<typeof signUpMachine.provide>[0]['actors']) {
  return signUpMachine.provide({
    actors: { postConfirmation: postConfirmationEffect(services, call), ...actors },
    guards: {
      hasPreSignUp: () => services.triggers.isConfigured(call.pool, 'PreSignUp'),
      hasPostConfirmation: () => hasPostConfirmation(services, call.pool),
    },
  });
}

function flowInput(call: SignUpCall, user: StoredUser, registered: boolean): SignUpFlowInput {
  return {
    poolId: call.pool.id,
    clientId: call.client.clientId,
    username: user.username,
    userSub: user.sub,
    registered,
    ...(call.clientMetadata && { clientMetadata: call.clientMetadata }),
  };
}

function meta(call: SignUpCall, user: StoredUser) {
  return { kind: 'sign-up', poolId: call.pool.id, clientId: call.client.clientId, username: user.username, sessionMinutes: FLOW_MINUTES };
}

/** SignUp: registers the user in a new flow; the delivery of the code (absent when none was sent), and whether the user is confirmed. */
export async function startSignUp(services: SelfServiceServices, registration: Registration, request: RequestContext): Promise<FlowAnswer> {
  const machine = machineFor(services, registration, {
    preSignUp: preSignUpEffect(services, registration),
    register: registerEffect(services, registration),
  });
  const input: SignUpFlowInput = {
    ...flowInput(registration, registration.user, false),
    ...(registration.validationData && { validationData: registration.validationData }),
  };
  const step = await services.flows.start(machine, meta(registration, registration.user), input);
  return answerFrom(step, request);
}

/** The user's sign-up flow awaiting a code: the live one, or one opened for the code they hold. */
async function openFlow(services: SelfServiceServices, machine: typeof signUpMachine, call: SignUpCall, user: StoredUser): Promise<StoredFlow> {
  const live = liveFlow(services.store, selfServiceState(user).signUpFlowId);
  if (live) return live;
  const step = await services.flows.start(machine, meta(call, user), flowInput(call, user, true));
  return services.store.flows.findById(step.flowId)!;
}

async function resumeWith(
  services: SelfServiceServices,
  machine: typeof signUpMachine,
  call: SignUpCall & { user: StoredUser },
  event: SignUpFlowEvent,
  request: RequestContext,
): Promise<FlowAnswer> {
  const flow = await openFlow(services, machine, call, call.user);
  return answerFrom(await services.flows.resume(machine, flow, FLOW_MINUTES, event), request);
}

/** ResendConfirmationCode: a new code (the old one dead); its delivery. */
export function resendConfirmationCode(
  services: SelfServiceServices,
  call: SignUpCall & { user: StoredUser; link: ConfirmationLink },
  request: RequestContext,
): Promise<FlowAnswer> {
  const machine = machineFor(services, call, { sendCode: sendCodeEffect(services, call) });
  return resumeWith(services, machine, call, { type: 'RESEND', ...(call.clientMetadata && { clientMetadata: call.clientMetadata }) }, request);
}

/** ConfirmSignUp: the code confirms the user and verifies the attribute it went to. */
export function confirmSignUp(
  services: SelfServiceServices,
  call: SignUpCall & { user: StoredUser; code: string; forceAliasCreation: boolean },
  request: RequestContext,
): Promise<FlowAnswer> {
  const machine = machineFor(services, call, { confirmCode: confirmCodeEffect(services, call) });
  const event: SignUpFlowEvent = {
    type: 'CONFIRM',
    forceAliasCreation: call.forceAliasCreation,
    ...(call.clientMetadata && { clientMetadata: call.clientMetadata }),
  };
  return resumeWith(services, machine, call, event, request);
}
