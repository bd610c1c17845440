/**
 * A `message` breakpoint (debug/breakpoints.ts): the flow stops with the email or SMS about to go
 * to the outbox (after any CustomMessage function composed it). `edit` sends the subject and body
 * the developer gives; `drop` sends nothing, as when delivery silently never arrives: the call
 * still succeeds and the user's code is still set, only the outbox never gets the message (nor a
 * custom sender the hand-off). An invitation's temporary password is masked in what the window is
 * shown, and put back where the developer left the mask.
 */
import type { MessageAtBreakpoint } from '../../shared/breakpoints.js';
import type { BaseServices } from '../base-services.js';
import { MASK } from '../debug/mask.js';
import type { Message } from './outbox.js';

interface Held {
  request: { pool: { id: string }; user: { username: string }; caller: { clientId?: string | null }; flowId?: string };
  message: Message;
  announcement: { carriesPassword: boolean };
}

function shown(held: Held): MessageAtBreakpoint {
  const { message } = held;
  const hide = (text: string) => (held.announcement.carriesPassword && message.code ? text.split(message.code).join(MASK) : text);
  return {
    channel: message.channel,
    destination: message.destination,
    username: message.username ?? held.request.user.username,
    purpose: message.purpose,
    ...(message.subject !== undefined && { subject: hide(message.subject) }),
    body: hide(message.body),
  };
}

function unmasked(text: string, held: Held): string {
  return held.announcement.carriesPassword && held.message.code ? text.split(MASK).join(held.message.code) : text;
}

/** Stops at the pool's message breakpoints, one message after the other: removes the messages dropped and edits those edited, in place. */
export async function holdMessages(services: Partial<Pick<BaseServices, 'breakpoints'>>, messages: Held[]): Promise<void> {
  for (let index = 0; index < messages.length; ) {
    const held = messages[index]!;
    const answer = services.breakpoints?.hold({
      point: 'message',
      poolId: held.request.pool.id,
      flowId: held.request.flowId,
      userName: held.request.user.username,
      clientId: held.request.caller.clientId,
      event: shown(held),
    });
    const resolution = answer && (await answer);
    if (resolution?.action === 'drop') {
      messages.splice(index, 1);
      continue;
    }
    if (resolution?.action === 'edit' && resolution.message) {
      const { subject, body } = resolution.message;
      held.message = { ...held.message, ...(subject !== undefined && { subject: unmasked(subject, held) }), body: unmasked(body, held) };
    }
    index++;
  }
}
