/**
 * How every flow refuses. An actor refuses by throwing one of Cognito's exceptions (anything
 * carrying a string `type` and `message`, as cognito/errors.ts's do); the machine keeps the
 * refusal as a Failure, plain JSON fit for a persisted snapshot, and the door answers with its
 * error. Anything else an actor throws is a fault: the machine errors, and the runner ends the
 * flow as a failure and rethrows it.
 */
import { fromPromise } from 'xstate';
import { CognitoError } from '../cognito/errors.js';

export interface FlowError {
  type: string;
  message: string;
  status?: number;
}

export interface Failure {
  /** What the debugger shows as the flow's end. */
  reason: string;
  /** What the door answers. */
  error: FlowError;
}

export function isRefusal(error: unknown): error is FlowError {
  const e = error as Partial<FlowError> | null;
  return typeof e === 'object' && e !== null && typeof e.type === 'string' && typeof e.message === 'string';
}

/** The error of an actor's error event, when it is a refusal. */
export function refusalOf(event: unknown): FlowError | undefined {
  const error = (event as { error?: unknown }).error;
  return isRefusal(error) ? error : undefined;
}

/** A refusal as flow data; `reason` defaults to `Type: message`. */
export function failureOf(error: FlowError, reason = `${error.type}: ${error.message}`): Failure {
  return { reason, error: { type: error.type, message: error.message, ...(typeof error.status === 'number' && { status: error.status }) } };
}

/** The refusal as the exception a door throws. */
export function refusalError(failure: Failure): CognitoError {
  return new CognitoError(failure.error.type, failure.error.message, failure.error.status);
}

/** Stands in for an actor until `createFlows` provides the real one. */
export function notProvided<TOutput, TInput>(name: string) {
  return fromPromise<TOutput, TInput>(() => Promise.reject(new Error(`the ${name} effect was not provided`)));
}
