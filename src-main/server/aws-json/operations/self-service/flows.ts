/**
 * Running the self-service flows for an operation: a user's flow is found by the id kept on the
 * user (no Session string travels in these APIs), and a refusal the flow recorded becomes the
 * operation's error.
 */
import type { Services } from '../../../../services.js';
import type { Store } from '../../../../store/index.js';
import type { StoredFlow } from '../../../../store/repositories/flows.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import type { CodeDelivery, Refusal } from '../../../../flows/self-service-calls.js';
import { CognitoError } from '../../../../cognito/errors.js';
import type { RequestContext } from '../../operation.js';
import { unknownUser } from '../../../../cognito/client-request.js';

export type SelfServiceServices = Pick<Services, 'store' | 'clock' | 'bus' | 'flows' | 'options' | 'triggers' | 'ids'>;

/** The flow `flowId` names while it still awaits the client. */
export function liveFlow(store: Store, flowId: string | undefined): StoredFlow | undefined {
  const flow = flowId === undefined ? undefined : store.flows.findById(flowId);
  return flow && flow.ended === null && flow.snapshot !== null ? flow : undefined;
}

export interface FlowAnswer {
  flowId: string;
  delivery?: CodeDelivery;
  /** The user is confirmed (a sign-up the pre sign-up function confirmed). */
  userConfirmed?: boolean;
}

/**
 * The step's answer to the client's call, the call joined to the flow (its `api.called` event
 * carries the flow id); the refusal the flow recorded, if any, thrown as the call's error.
 */
export function answerFrom(
  step: { flowId: string; snapshot: { context: { refusal?: Refusal; delivery?: CodeDelivery; userConfirmed?: boolean } } },
  request: RequestContext,
): FlowAnswer {
  request.flowId = step.flowId;
  const { refusal, delivery, userConfirmed } = step.snapshot.context;
  if (refusal) throw new CognitoError(refusal.type, refusal.message);
  return { flowId: step.flowId, ...(delivery && { delivery }), ...(userConfirmed && { userConfirmed }) };
}

/** The user as stored now: effects run after other calls may have changed it. */
export function currentUser(store: Store, pool: UserPool, user: StoredUser): StoredUser {
  const current = store.users.findByKey(pool.id, user.usernameKey);
  if (!current) throw unknownUser();
  return current;
}
