/**
 * The outbox: every email and SMS the sandbox "sent" is written here (where testers read it,
 * code included) and announced to the debugger as `message.sent`. Events never carry passwords,
 * so a temporary password is masked in the event; one-time codes are shown, as the outbox shows
 * them.
 *
 * Record inside the operation's transaction, so the message exists exactly when the change that
 * caused it does; announce after the transaction commits.
 */
import type { EventData } from '../../shared/events.js';
import type { EventBus } from '../debug/bus.js';
import { MASK } from '../debug/mask.js';
import type { Store } from '../store/index.js';
import type { MessageChannel, OutboxMessage } from '../../shared/debugger-api.js';

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

/** The text as the debugger may show it: a password masked wherever it appears. */
function masked(text: string, password: string | null): string {
  return password ? text.split(password).join(MASK) : text;
}

export interface Announcement {
  /** The message carries a (temporary) password, which no event may show. */
  carriesPassword: boolean;
  customMessage?: EventData<'message.sent'>['customMessage'];
  handedTo?: EventData<'message.sent'>['handedTo'];
}

export function announceMessage(bus: EventBus, message: OutboxMessage, announcement: Announcement): void {
  const password = announcement.carriesPassword ? message.code : null;
  bus.publish(
    'message.sent',
    {
      id: message.id,
      channel: message.channel,
      to: message.destination,
      purpose: message.purpose,
      ...(message.subject !== null && { subject: masked(message.subject, password) }),
      body: masked(message.body, password),
      ...(message.code !== null && { code: masked(message.code, password) }),
      ...(announcement.customMessage && { customMessage: announcement.customMessage }),
      ...(announcement.handedTo && { handedTo: announcement.handedTo }),
    },
    { poolId: message.poolId, flowId: message.flowId },
  );
}
