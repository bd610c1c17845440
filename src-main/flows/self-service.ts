/**
 * What the two self-service flows (sign-up and forgot-password) share. No Session travels in
 * their APIs: a user's live flow is found by the id kept on the user, and each step's actor reads
 * the user afresh (other calls may have changed it since). Refusals follow ./failure.ts: a
 * refused call leaves the flow awaiting the client, and the door answers with the refusal.
 */
import { fromPromise } from 'xstate';
import type { BaseServices } from '../base-services.js';
import type { AppClient } from '../cognito/app-clients.js';
import { findNamedUser, unknownUser } from '../cognito/client-request.js';
import type { CodeDelivery } from '../cognito/code-delivery.js';
import { requirePool } from '../cognito/resources.js';
import { threatProtectionMode } from '../cognito/threat-protection/mode.js';
import { usernameKeyOf } from '../cognito/usernames.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredUser } from '../store/repositories/users.js';
import { runPostConfirmation, type PostConfirmationCall } from '../triggers/apply/post-confirmation.js';
import { awsSdkVersionOf } from '../triggers/events/common.js';
import type { Triggers } from '../triggers/runtime.js';
import type { TriggerName } from '../triggers/types.js';
import type { FlowCall } from './call.js';
import { refusalError, type Failure } from './failure.js';
import type { FlowRunner } from './runner.js';

export type SelfServiceServices = Pick<BaseServices, 'store' | 'clock' | 'bus' | 'options' | 'ids' | 'faults'> & { triggers: Triggers; runner: FlowRunner };

export type StringMap = Record<string, string>;

/** What every step of a self-service flow is given: whose flow, and the latest call's ClientMetadata and SDK. */
export interface SelfServiceStep {
  flowId: string;
  poolId: string;
  clientId: string;
  username: string;
  clientMetadata?: StringMap;
  awsSdkVersion?: string;
  /** `http://HOST:PORT` of the latest call: where a confirmation link points. */
  origin?: string;
  /** The pool's threat protection mode as of the latest call, when on (AUDIT or ENFORCED): auth events are recorded. */
  threatProtection?: 'AUDIT' | 'ENFORCED';
  /** The latest call's IP address (threat protection). */
  sourceIp?: string;
}

/** What a self-service flow keeps, and the client's calls bring, besides its own data. */
export interface SelfServiceContext {
  poolId: string;
  clientId: string;
  username: string;
  /** The pool's configured triggers as they stood at the latest call. */
  triggers?: string[];
  clientMetadata?: StringMap;
  awsSdkVersion?: string;
  origin?: string;
  threatProtection?: 'AUDIT' | 'ENFORCED';
  sourceIp?: string;
  /** Why the client's latest call was refused. */
  failure?: Failure;
}

/** What each client call brings to a flow already running. */
export type CallData = Pick<SelfServiceContext, 'triggers' | 'clientMetadata' | 'awsSdkVersion' | 'origin' | 'threatProtection' | 'sourceIp'>;

/** A call naming a user through an app client. */
export interface UserCall {
  pool: UserPool;
  client: AppClient;
  /** The name as the client sent it: a username, an alias or a sub. */
  username: string;
  secretHash: string | undefined;
  clientMetadata?: StringMap;
}

/** What a call brings to its flow: which of the flow's triggers the pool has now, the call's ClientMetadata, SDK and origin. */
export function callDataOf({ triggers }: { triggers: Triggers }, flowTriggers: readonly TriggerName[], request: UserCall, call: FlowCall): CallData {
  return {
    triggers: flowTriggers.filter((trigger) => triggers.isConfigured(request.pool, trigger)),
    awsSdkVersion: awsSdkVersionOf(call.userAgent),
    origin: call.origin,
    ...(request.clientMetadata && { clientMetadata: request.clientMetadata }),
    ...activeThreatProtection(request.pool),
    ...(call.sourceIp && { sourceIp: call.sourceIp }),
  };
}

/** The pool's threat protection mode as a flow keeps it: present only when on. */
export function activeThreatProtection(pool: UserPool): Pick<SelfServiceContext, 'threatProtection'> {
  const mode = threatProtectionMode(pool);
  return mode === 'OFF' ? {} : { threatProtection: mode };
}

export function selfServiceStep(context: SelfServiceContext, flowId: string): SelfServiceStep {
  return {
    flowId,
    poolId: context.poolId,
    clientId: context.clientId,
    username: context.username,
    ...(context.clientMetadata && { clientMetadata: context.clientMetadata }),
    ...(context.awsSdkVersion && { awsSdkVersion: context.awsSdkVersion }),
    ...(context.origin && { origin: context.origin }),
    ...(context.threatProtection && { threatProtection: context.threatProtection }),
    ...(context.sourceIp && { sourceIp: context.sourceIp }),
  };
}

/** A new call from the client: the previous refusal is history, the call's own data the latest. */
export function acceptedCall(context: SelfServiceContext, call: CallData): Partial<SelfServiceContext> {
  return {
    failure: undefined,
    clientMetadata: call.clientMetadata,
    triggers: call.triggers ?? context.triggers,
    awsSdkVersion: call.awsSdkVersion ?? context.awsSdkVersion,
    origin: call.origin ?? context.origin,
    threatProtection: call.threatProtection,
    sourceIp: call.sourceIp ?? context.sourceIp,
  };
}

/** Runs the pool's post confirmation function for the step's user, as the flow's `postConfirmation` actor. */
export function postConfirmationActor(services: SelfServiceServices, triggerSource: PostConfirmationCall['triggerSource']) {
  return fromPromise<void, SelfServiceStep>(async ({ input }) => {
    const { pool, user } = stepUser(services, input);
    await runPostConfirmation(services, { pool, user, triggerSource, caller: stepCaller(input), clientMetadata: input.clientMetadata, flowId: input.flowId });
  });
}

/**
 * Runs `work` with the user the call names (once its SecretHash checks out), read afresh once the
 * user's earlier calls have settled: a user's self-service calls take turns.
 */
export async function withNamedUser<T>(services: Pick<SelfServiceServices, 'store' | 'runner'>, request: UserCall, work: (user: StoredUser | undefined) => Promise<T>): Promise<T> {
  const named = findNamedUser(services.store, request, request.username, request.secretHash);
  if (!named) return work(undefined);
  return services.runner.inTurn(`${request.pool.id}/${named.sub}`, () => work(services.store.users.findBySub(request.pool.id, named.sub)));
}

/** Who is calling, as trigger events' callerContext names them. */
export function stepCaller(step: SelfServiceStep): { clientId: string; awsSdkVersion?: string } {
  return { clientId: step.clientId, ...(step.awsSdkVersion && { awsSdkVersion: step.awsSdkVersion }) };
}

/** The step's pool and its user as stored now. */
export function stepUser({ store }: Pick<BaseServices, 'store'>, step: Pick<SelfServiceStep, 'poolId' | 'username'>): { pool: UserPool; user: StoredUser } {
  const pool = requirePool(store, step.poolId);
  const user = store.users.findByKey(pool.id, usernameKeyOf(pool, step.username));
  if (!user) throw unknownUser();
  return { pool, user };
}

export interface FlowAnswer {
  flowId: string;
  delivery?: CodeDelivery;
  /** The user is confirmed (a sign-up the pre sign-up function confirmed). */
  userConfirmed?: boolean;
}

/**
 * The step's answer to the client's call, the call joined to the flow (its door's event carries
 * the flow id); the refusal the flow recorded, if any, thrown as the call's error.
 */
export function answerFrom(
  step: { flowId: string; snapshot: { context: { failure?: Failure; delivery?: CodeDelivery; userConfirmed?: boolean } } },
  call: FlowCall,
): FlowAnswer {
  call.flowId = step.flowId;
  const { failure, delivery, userConfirmed } = step.snapshot.context;
  if (failure) throw refusalError(failure);
  return { flowId: step.flowId, ...(delivery && { delivery }), ...(userConfirmed && { userConfirmed }) };
}
