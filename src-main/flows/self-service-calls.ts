/**
 * What the two self-service flows (sign-up and forgot-password) share. Both refuse a client's
 * call the same way: an effect throws a Cognito error (any error carrying a string `type`, such
 * as CodeMismatchException); the flow keeps the refusal in its context, as plain JSON, and waits
 * for the client again, and the operation answers the call with it. Any other error is a fault:
 * the machine errors, and the runner ends the flow as a failure and rethrows it.
 */

export type { CodeDelivery } from '../cognito/code-delivery.js';

export interface Refusal {
  type: string;
  message: string;
}

export function isRefusal(error: unknown): error is Refusal {
  return typeof error === 'object' && error !== null && typeof (error as Refusal).type === 'string' && typeof (error as Refusal).message === 'string';
}

/** The refusal as JSON, fit for a persisted context. */
export function refusalOf(error: unknown): Refusal {
  const { type, message } = error as Refusal;
  return { type, message };
}

/** Every effect learns which flow runs it (messages it sends are filed under the flow). */
export interface FlowEffectInput {
  flowId: string;
}

/** The machines' effects are provided by the operation that runs them; these stand in until then. */
export function notProvided(name: string): () => Promise<never> {
  return () => Promise.reject(new Error(`the ${name} effect was not provided`));
}
