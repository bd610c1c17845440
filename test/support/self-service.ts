import type { SelfServiceStep } from '../../src-main/flows/self-service.js';

export const POOL_ID = 'us-east-1_Pool00001';

/** What every step of a self-service flow for alice, through `client`, is given. */
export function stepOf(flowId: string, clientMetadata?: Record<string, string>): SelfServiceStep {
  return { flowId, poolId: POOL_ID, clientId: 'client', username: 'alice', ...(clientMetadata && { clientMetadata }) };
}

/** A Cognito-style refusal: an error carrying its exception type. */
export const refusal = (type: string, message: string) => Object.assign(new Error(message), { type });
