/**
 * Who is calling, as a trigger event's callerContext names it: the app client the API call came
 * through (admin calls name none) and the caller's SDK, read from its User-Agent.
 */
import { awsSdkVersionOf, type CommonInput } from '../events/common.js';

export type TriggerCaller = Omit<CommonInput, 'userPoolId'>;

export function callerOf(request: { userAgent?: string }, clientId?: string | null): TriggerCaller {
  return { clientId: clientId ?? null, awsSdkVersion: awsSdkVersionOf(request.userAgent) };
}
