/**
 * An injected trigger fault (debug/faults.ts) in place of running the function, ending as the real
 * failure would, without waiting for it:
 *  - `timeout`: no answer, as after Cognito's 5 seconds. The runtime counts it as a timed-out
 *    attempt, tries again as Cognito does (three attempts in all, each hit by the fault), then
 *    answers UnexpectedLambdaException "{Trigger} invocation failed due to error Socket timeout
 *    while invoking Lambda function.";
 *  - `throw`: the function threw the fault's message: UserLambdaValidationException
 *    "{Trigger} failed with error {message}.".
 */
import type { BaseServices } from '../base-services.js';
import { InvocationTimeout, type InvocationResult } from './invocation.js';
import type { TriggerName } from './types.js';

export const INJECTED_ERROR_MESSAGE = 'Fault injected by Cognito Sandbox';

export interface TriggerFaultSite {
  poolId: string;
  trigger: TriggerName;
  flowId?: string | null;
}

/** The function's injected outcome (thrown for a timeout), or undefined when no fault hits it now. */
export function injectedTriggerFault({ faults }: Pick<BaseServices, 'faults'>, site: TriggerFaultSite): InvocationResult | undefined {
  const fault = faults.match('trigger', site);
  if (!fault) return undefined;
  if (fault.mode === 'throw') {
    const errorMessage = fault.message ?? INJECTED_ERROR_MESSAGE;
    faults.injected(fault, site, { error: { type: 'UserLambdaValidationException', message: `${site.trigger} failed with error ${errorMessage}.` } });
    return { functionError: { errorType: 'Error', errorMessage }, logs: [] };
  }
  faults.injected(fault, site, {
    error: { type: 'UnexpectedLambdaException', message: `${site.trigger} invocation failed due to error Socket timeout while invoking Lambda function.` },
  });
  throw new InvocationTimeout(`${site.trigger} timed out (injected fault)`);
}
