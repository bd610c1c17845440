/**
 * Injected delivery faults (debug/faults.ts): the email or SMS Cognito sends itself (not one handed
 * to a custom sender function) fails to go out. As with a real SES or SNS failure, the operation's
 * own writes stand (the user is created, the code is stored), nothing reaches the outbox, and the
 * call answers CodeDeliveryFailureException.
 *
 * Assumption: Cognito's email text is the one it is seen answering ("Invalid email
 * provided/Unable to send the email"); the SMS text is the sandbox's, in the same words.
 */
import { CodeDeliveryFailureException } from '../cognito/errors.js';
import type { BaseServices } from '../base-services.js';
import type { Fault } from '../../shared/faults.js';
import type { MessageChannel } from '../../shared/debugger-api.js';

const UNDELIVERABLE: Record<MessageChannel, string> = {
  EMAIL: 'Invalid email provided/Unable to send the email',
  SMS: 'Invalid phone number provided/Unable to send the SMS',
};

/** The purpose an MFA code at sign-in is sent for (InitiateAuth, RespondToAuthChallenge, the hosted UI). */
export const MFA_CODE_PURPOSE = 'Authentication';

export interface Delivery {
  pool: { id: string };
  channel: MessageChannel;
  /** The operation that sends it (SignUp, ForgotPassword, ...). */
  purpose: string;
  flowId?: string;
}

/** The deliveries a delivery fault fails this time, each reported; the error the call answers, if any does. */
export function failingDeliveries<D extends Delivery>({ faults }: Pick<BaseServices, 'faults'>, deliveries: readonly D[]): { failed: Set<D>; error?: Error } {
  const failed = new Set<D>();
  let error: InstanceType<typeof CodeDeliveryFailureException> | undefined;
  for (const delivery of deliveries) {
    const site = {
      poolId: delivery.pool.id,
      channel: delivery.channel,
      operation: delivery.purpose,
      ...(delivery.purpose === MFA_CODE_PURPOSE && { category: 'UserAuthentication' }),
      flowId: delivery.flowId,
    };
    const fault: Fault | undefined = faults.match('delivery', site);
    if (!fault) continue;
    const refusal = new CodeDeliveryFailureException(fault.message ?? UNDELIVERABLE[delivery.channel]);
    faults.injected(fault, site, { error: { type: refusal.type, message: refusal.message } });
    failed.add(delivery);
    error ??= refusal;
  }
  return error ? { failed, error } : { failed };
}
