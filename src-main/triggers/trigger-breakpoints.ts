/**
 * A trigger's breakpoint (debug/breakpoints.ts), as the runtime acts on it. The flow stops BEFORE
 * the function runs, so the pause never counts against Cognito's 5-second limit. Then:
 *  - `continue`: the function runs with the event as it was;
 *  - `edit`: the function runs with the edited event (`trigger.invoked` marks it edited);
 *  - `answer`: no function runs; the answer is read exactly as a returned event is (a bad one is
 *    InvalidLambdaResponseException, as Cognito would say);
 *  - `fail`: no function runs; UserLambdaValidationException "{Trigger} failed with error {message}.".
 * `trigger.invoked` and `trigger.returned` are published with what really happened; an answer or a
 * failure given at the breakpoint is marked `byHand`.
 *
 * A breakpoint also makes a trigger the pool configures no function for run (NO_FUNCTION), so it
 * can be answered by hand. There `edit` answers with the edited event (as a function returning
 * its event unchanged would), and `continue`, or no breakpoint matching this user or client, goes
 * on as Cognito does without the trigger: the event, unanswered, is read as the answer (Cognito
 * sends each trigger's defaults in `response`, what a pool without the function gets).
 * Assumption (limitation): for UserMigration and DefineAuthChallenge an unanswered event is read
 * as "not migrated" and "no decision", where Cognito without them says the user does not exist or
 * that custom auth is not configured. The custom senders need a function to pause.
 */
import type { BreakpointTrigger } from '../../shared/breakpoints.js';
import type { BaseServices } from '../base-services.js';
import { CognitoError, UserLambdaValidationException } from '../cognito/errors.js';
import type { Held } from '../debug/breakpoints.js';
import { MASK } from '../debug/mask.js';
import { isJsonObject } from './events/read.js';
import type { TriggerName } from './types.js';

/** What a trigger runs when only a breakpoint makes it run. */
export const NO_FUNCTION = Object.freeze({ arn: '(no function: answered at a breakpoint)' });

export interface TriggerStop {
  pool: { id: string };
  trigger: TriggerName;
  triggerSource: string;
  event: unknown;
  flowId?: string | null;
  functionConfigured: boolean;
  /** The event as the debugger may show it (a migrating user's password masked). */
  shown: unknown;
}

type Publish = Pick<BaseServices, 'bus'>['bus'];

/** The developer's answer at a breakpoint on this trigger, or undefined when none stops it. */
export function holdTrigger(services: Partial<Pick<BaseServices, 'breakpoints'>>, stop: TriggerStop): Promise<Held> | undefined {
  const event = isJsonObject(stop.event) ? stop.event : {};
  const caller = isJsonObject(event.callerContext) ? event.callerContext : {};
  return services.breakpoints?.hold({
    point: 'trigger',
    poolId: stop.pool.id,
    flowId: stop.flowId,
    trigger: stop.trigger as BreakpointTrigger,
    triggerSource: stop.triggerSource,
    functionConfigured: stop.functionConfigured,
    userName: typeof event.userName === 'string' ? event.userName : null,
    clientId: typeof caller.clientId === 'string' ? caller.clientId : null,
    event: stop.shown,
  });
}

/** The edited event, with the secret the window was shown masked put back where the developer left the mask. */
export function editedEvent(edited: unknown, original: unknown): unknown {
  if (!isJsonObject(edited) || !isJsonObject(edited.request) || !isJsonObject(original) || !isJsonObject(original.request)) return edited;
  if (edited.request.password !== MASK || typeof original.request.password !== 'string') return edited;
  return { ...edited, request: { ...edited.request, password: original.request.password } };
}

/** Whether the held answer stands for the function: an answer or failure given by hand, or an edit where there is no function. */
export function answersForFunction(held: Held | undefined, configured: object): HandHeld | undefined {
  if (held?.action === 'answer' || held?.action === 'fail' || (held?.action === 'edit' && configured === NO_FUNCTION)) return held;
  return undefined;
}

type HandHeld = Held & { action: 'answer' | 'fail' | 'edit' };

export interface HandAnswer<R> {
  trigger: TriggerName;
  triggerSource: string;
  functionName: string;
  event: unknown;
  flowId?: string | null;
  poolId: string;
  asynchronous: boolean;
  read?: (output: unknown) => R;
  publishable: (event: unknown) => unknown;
}

/** Publishes what happened when the breakpoint answered for the function, and answers what the flow gets (or throws Cognito's error). */
export function answerByHand<R>(bus: Publish, call: HandAnswer<R>, held: HandHeld): R | unknown {
  const { trigger, triggerSource, functionName } = call;
  const context = { flowId: call.flowId ?? null, poolId: call.poolId };
  const edited = held.action === 'edit';
  const event = edited ? editedEvent(held.event, call.event) : call.event;
  bus.publish('trigger.invoked', { trigger, triggerSource, functionName, event: call.publishable(event), ...(edited && { editedAtBreakpoint: true as const }) }, context);
  const byHand = { action: held.action === 'fail' ? ('fail' as const) : ('answer' as const), canned: held.canned, breakpointId: held.breakpointId };
  const returned = (outcome: { response?: unknown; error?: CognitoError; functionError?: { errorType: string; errorMessage: string } }) =>
    bus.publish(
      'trigger.returned',
      {
        trigger,
        triggerSource,
        functionName,
        ...(outcome.response !== undefined && { response: call.publishable(outcome.response) }),
        ...(outcome.error && { error: { type: outcome.error.type, message: outcome.error.message } }),
        ...(outcome.functionError && { functionError: outcome.functionError }),
        ms: 0,
        logs: [],
        byHand,
      },
      context,
    );
  if (held.action === 'fail') {
    const error = new UserLambdaValidationException(`${trigger} failed with error ${held.message}.`);
    returned({ error, functionError: { errorType: 'Error', errorMessage: held.message } });
    if (call.asynchronous) return undefined;
    throw error;
  }
  const response = held.action === 'answer' ? held.response : event;
  if (call.asynchronous) {
    returned({ response });
    return undefined;
  }
  try {
    const value = call.read ? call.read(response) : response;
    returned({ response });
    return value;
  } catch (error) {
    if (error instanceof CognitoError) returned({ response, error });
    throw error;
  }
}
