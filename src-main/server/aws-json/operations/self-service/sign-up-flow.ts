/**
 * The sign-up flow's effects (register, sendCode, confirmCode) and the three ways operations
 * drive it: SignUp starts it, ResendConfirmationCode and ConfirmSignUp resume the user's flow
 * (or open one awaiting the code, for a user who has none).
 */
import { fromPromise } from 'xstate';
import { storedPassword } from '../../../../auth/passwords.js';
import { signUpMachine, type CodeDelivery, type ConfirmCodeInput, type FlowEffectInput, type SignUpFlowEvent, type SignUpFlowInput } from '../../../../flows/sign-up.machine.js';
import { oneTimeCode } from '../../../../messaging/codes.js';
import { announceMessage, recordMessage } from '../../../../messaging/outbox.js';
import type { AppClient } from '../../../../store/repositories/app-clients.js';
import type { StoredFlow } from '../../../../store/repositories/flows.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { InvalidParameterException, UsernameExistsException } from '../../errors.js';
import type { RequestContext } from '../../operation.js';
import { claimAliases } from '../users/aliases.js';
import { applyAttributeChanges } from '../users/attributes.js';
import type { RecoveryDestination } from '../users/recovery.js';
import { codeDelivery } from './code-delivery.js';
import { answerFrom, currentUser, liveFlow, type FlowAnswer, type SelfServiceServices } from './flows.js';
import { confirmationDestination, confirmationMessage, type ConfirmationLink } from './messages.js';
import { CONFIRMATION_CODE_VALIDITY_MS, checkCode, selfServiceState, withSelfServiceState } from './pending-codes.js';

/** How long the flow's (unused) session is kept: as long as a confirmation code lives. */
const FLOW_MINUTES = CONFIRMATION_CODE_VALIDITY_MS / 60_000;

export interface SignUpCall {
  pool: UserPool;
  client: AppClient;
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

/** Gives `user` a new confirmation code for `destination`, writes the user with it and sends it. */
function sendConfirmationCode(
  services: SelfServiceServices,
  call: SignUpCall & { link: ConfirmationLink; flowId: string; purpose: string },
  user: StoredUser,
  destination: RecoveryDestination,
  write: (user: StoredUser) => void,
): void {
  const { store, clock, bus } = services;
  const now = clock.now();
  const code = oneTimeCode(services.options);
  const withCode = withSelfServiceState(user, {
    signUpFlowId: call.flowId,
    confirmationCode: { code, expires: now + CONFIRMATION_CODE_VALIDITY_MS, attribute: destination.attribute },
  });
  const message = confirmationMessage(call.pool, { user: withCode, destination, code, purpose: call.purpose, flowId: call.flowId }, call.link);
  const sent = store.transaction(() => {
    write(withCode);
    return recordMessage(store, now, message);
  });
  announceMessage(bus, sent);
}

/** The username, and the aliases a new user may hold, are free. */
function checkAvailable({ store }: SelfServiceServices, pool: UserPool, user: StoredUser, now: number): void {
  if (store.users.findByKey(pool.id, user.usernameKey)) throw new UsernameExistsException('User already exists');
  claimAliases(store, pool, user, { force: false, creating: true, now });
}

function registerEffect(services: SelfServiceServices, registration: Registration) {
  return fromPromise<CodeDelivery | null, FlowEffectInput>(async ({ input }) => {
    const { store, clock } = services;
    const { pool, user } = registration;
    const now = clock.now();
    checkAvailable(services, pool, user, now);
    const password = await storedPassword(pool.id, user.username, registration.password, { temporary: false, validityDays: 0, now });
    // The verifier took a while: another sign-up may have taken the name meanwhile.
    checkAvailable(services, pool, user, now);
    const withPassword: StoredUser = { ...user, password, passwordChanged: now };
    const destination = confirmationDestination(pool, withPassword);
    if (!destination) {
      store.users.insert(withPassword);
      return null;
    }
    sendConfirmationCode(services, { ...registration, flowId: input.flowId, purpose: 'SignUp' }, withPassword, destination, (u) => store.users.insert(u));
    return codeDelivery(destination);
  });
}

function sendCodeEffect(services: SelfServiceServices, call: SignUpCall & { user: StoredUser; link: ConfirmationLink }) {
  return fromPromise<CodeDelivery, FlowEffectInput>(async ({ input }) => {
    const user = currentUser(services.store, call.pool, call.user);
    const destination = confirmationDestination(call.pool, user);
    if (!destination) throw noCodeToSend();
    sendConfirmationCode(services, { ...call, flowId: input.flowId, purpose: 'ResendConfirmationCode' }, user, destination, (u) => services.store.users.save(u));
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

/** SignUp: registers the user in a new flow; the delivery of the code, absent when none was sent. */
export async function startSignUp(services: SelfServiceServices, registration: Registration, request: RequestContext): Promise<FlowAnswer> {
  const machine = signUpMachine.provide({ actors: { register: registerEffect(services, registration) } });
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
  const machine = signUpMachine.provide({ actors: { sendCode: sendCodeEffect(services, call) } });
  return resumeWith(services, machine, call, { type: 'RESEND', ...(call.clientMetadata && { clientMetadata: call.clientMetadata }) }, request);
}

/** ConfirmSignUp: the code confirms the user and verifies the attribute it went to. */
export function confirmSignUp(
  services: SelfServiceServices,
  call: SignUpCall & { user: StoredUser; code: string; forceAliasCreation: boolean },
  request: RequestContext,
): Promise<FlowAnswer> {
  const machine = signUpMachine.provide({ actors: { confirmCode: confirmCodeEffect(services, call) } });
  const event: SignUpFlowEvent = {
    type: 'CONFIRM',
    forceAliasCreation: call.forceAliasCreation,
    ...(call.clientMetadata && { clientMetadata: call.clientMetadata }),
  };
  return resumeWith(services, machine, call, event, request);
}
