/**
 * What running a function gives back, whichever way it runs (a local module or the Lambda
 * Invoke API): the payload it returned as JSON text, or the error it threw, with its logs.
 * Not reaching an answer at all is thrown: InvocationTimeout, or InvocationFailed with the reason.
 */
import type { FunctionError } from './types.js';

export type InvocationResult = { payload: string; logs: string[] } | { functionError: FunctionError; logs: string[] };

export interface InvocationRequest {
  functionName: string;
  /** The ARN as LambdaConfig names it (with any qualifier). */
  arn: string;
  region: string;
  qualifier?: string;
  event: unknown;
  requestId: string;
  timeoutMs: number;
  /** Extra environment for a local function (the local KMS keys of the custom sender triggers). */
  env?: Record<string, string>;
}

/** The function did not answer within the time Cognito waits. */
export class InvocationTimeout extends Error {}

/** The function could not be invoked; `reason` completes "invocation failed due to error ...". */
export class InvocationFailed extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}
