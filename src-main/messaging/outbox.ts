/**
 * Sending an email or SMS, sandbox style: the message is written to the outbox (where testers
 * read it, code included) and announced to the debugger as `message.sent`, with the code masked
 * in both the body and the code field, because events never carry secrets.
 *
 * Record inside the operation's transaction, so the message exists exactly when the change that
 * caused it does; announce after the transaction commits.
 */
import type { EventBus } from '../debug/bus.js';
import { MASK } from '../debug/mask.js';
import type { Store } from '../store/index.js';
import type { MessageChannel, OutboxMessage } from '../store/repositories/outbox.js';

export interface Message {
  poolId: string;
  flowId?: string;
  channel: MessageChannel;
  destination: string;
  username?: string;
  purpose: string;
  subject?: string;
  body: string;
  code?: string;
}

export function recordMessage(store: Store, time: number, message: Message): OutboxMessage {
  return store.outbox.append({
    time,
    poolId: message.poolId,
    flowId: message.flowId ?? null,
    channel: message.channel,
    destination: message.destination,
    username: message.username ?? null,
    purpose: message.purpose,
    subject: message.subject ?? null,
    body: message.body,
    code: message.code ?? null,
  });
}

/** The body as the debugger may show it: every occurrence of the code masked. */
export function maskedBody(message: Pick<OutboxMessage, 'body' | 'code'>): string {
  return message.code ? message.body.split(message.code).join(MASK) : message.body;
}

export function announceMessage(bus: EventBus, message: OutboxMessage): void {
  bus.publish(
    'message.sent',
    {
      id: message.id,
      channel: message.channel,
      to: message.destination,
      purpose: message.purpose,
      ...(message.subject !== null && { subject: message.subject }),
      body: maskedBody(message),
      ...(message.code !== null && { code: MASK }),
    },
    { poolId: message.poolId, flowId: message.flowId },
  );
}
