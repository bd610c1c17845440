/**
 * The one way the sandbox sends an email or SMS, as Cognito does:
 *
 *  1. the text: the pool's template for the occasion (verification, verification by link,
 *     invitation, SMS authentication), unless a CustomMessage function answers its own
 *     (triggers/apply/custom-message.ts); `{####}`, `{username}` and `{##link text##}` filled in;
 *  2. or, where the pool has a CustomEmailSender / CustomSMSSender for the channel, no text at
 *     all: the code is encrypted for that function (triggers/apply/custom-sender.ts);
 *  3. the operation's own writes and the outbox record, in one transaction;
 *  4. `message.sent` announced, and the custom sender, if any, handed the delivery.
 *
 * Everything that may fail (the CustomMessage function) runs before anything is written: a
 * refused message leaves no trace. The custom senders run after, and never fail the call.
 *
 * MFA codes at sign-in go the same way: occasion `Authentication`, by SMS (the pool's
 * SmsAuthenticationMessage, CustomMessage_Authentication, CustomSMSSender_Authentication) or by
 * email (the pool's EmailMfaConfiguration message, CustomEmailSender_Authentication).
 */
import type { MessageChannel } from '../../shared/debugger-api.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredUser } from '../store/repositories/users.js';
import { emailMfaMessagesOf, inviteMessagesOf, smsAuthenticationMessageOf, verificationMessagesOf } from '../cognito/pool-config.js';
import type { TriggerCaller } from '../triggers/apply/caller.js';
import { runCustomMessage, type CustomMessageAnswer, type MessageOccasion } from '../triggers/apply/custom-message.js';
import { customSenderFor, handToCustomSender, type CustomSenderDelivery } from '../triggers/apply/custom-sender.js';
import type { CustomMessageField } from '../triggers/events/customMessage.js';
import type { StringMap } from '../triggers/types.js';
import { announceMessage, recordMessage, type Announcement, type Message } from './outbox.js';
import { holdMessages } from './message-breakpoints.js';
import { failingDeliveries } from './delivery-faults.js';
import { renderTemplate, type TemplateValues } from './templates.js';
import type { BaseServices } from '../base-services.js';
import type { Triggers } from '../triggers/runtime.js';

export type { MessageOccasion } from '../triggers/apply/custom-message.js';

export type MessagingServices = Pick<BaseServices, 'store' | 'clock' | 'bus' | 'faults'> & Partial<Pick<BaseServices, 'breakpoints'>> & { triggers: Triggers };

export interface MessageRequest {
  pool: UserPool;
  /** The user it goes to, as stored once it is sent (its attributes go to the triggers). */
  user: StoredUser;
  /** The operation that sends it, recorded in the outbox: SignUp, AdminResetUserPassword, ... */
  purpose: string;
  occasion: MessageOccasion;
  channel: MessageChannel;
  destination: string;
  /** The one-time code, or the temporary password of an invitation. */
  code: string;
  /** A sign-up email that confirms by link: the link's URL. */
  link?: string;
  /** An invitation's `{username}`: the name the user signs in with. */
  signInName?: string;
  caller: TriggerCaller;
  /** The call's ClientMetadata, for the occasions whose API passes it to these triggers. */
  clientMetadata?: StringMap;
  flowId?: string;
}

interface Text {
  subject?: string;
  body: string;
}

interface Composed {
  request: MessageRequest;
  message: Message;
  announcement: Announcement;
  handedTo?: CustomSenderDelivery;
}

/** The pool's template for the message. */
function templateOf({ pool, occasion, channel, link }: MessageRequest): Text {
  if (occasion === 'AdminCreateUser') {
    const invite = inviteMessagesOf(pool);
    return channel === 'SMS' ? { body: invite.SMSMessage } : { subject: invite.EmailSubject, body: invite.EmailMessage };
  }
  if (occasion === 'Authentication') {
    const email = emailMfaMessagesOf(pool);
    return channel === 'SMS' ? { body: smsAuthenticationMessageOf(pool) } : { subject: email.Subject, body: email.Message };
  }
  const verification = verificationMessagesOf(pool);
  if (channel === 'SMS') return { body: verification.SmsMessage };
  if (link !== undefined) return { subject: verification.EmailSubjectByLink, body: verification.EmailMessageByLink };
  return { subject: verification.EmailSubject, body: verification.EmailMessage };
}

/** The texts of the function's answer that apply to this channel. */
function customTextOf(answer: CustomMessageAnswer | undefined, channel: MessageChannel): Partial<Text> {
  if (!answer) return {};
  if (channel === 'SMS') return { ...(answer.smsMessage !== undefined && { body: answer.smsMessage }) };
  return {
    ...(answer.emailSubject !== undefined && { subject: answer.emailSubject }),
    ...(answer.emailMessage !== undefined && { body: answer.emailMessage }),
  };
}

function customMessageNote(answer: CustomMessageAnswer, channel: MessageChannel): Announcement['customMessage'] {
  const fields: CustomMessageField[] = channel === 'SMS' ? ['smsMessage'] : ['emailSubject', 'emailMessage'];
  return {
    triggerSource: answer.triggerSource,
    functionName: answer.functionName,
    used: fields.filter((field) => answer[field] !== undefined),
    fallbacks: answer.fallbacks.filter((fallback) => fields.includes(fallback.field)).map((fallback) => fallback.reason),
  };
}

function baseMessage(request: MessageRequest): Omit<Message, 'body'> {
  return {
    poolId: request.pool.id,
    ...(request.flowId !== undefined && { flowId: request.flowId }),
    channel: request.channel,
    destination: request.destination,
    username: request.user.username,
    purpose: request.purpose,
    code: request.code,
  };
}

async function compose(services: MessagingServices, request: MessageRequest): Promise<Composed> {
  const carriesPassword = request.occasion === 'AdminCreateUser';
  const handedTo = customSenderFor(services, request);
  if (handedTo) {
    const body = `Delivery handed to the ${handedTo.trigger} function ${handedTo.functionName} (${handedTo.triggerSource}): Cognito sends no message itself.`;
    return { request, handedTo, message: { ...baseMessage(request), body }, announcement: { carriesPassword, handedTo } };
  }
  const answer = await runCustomMessage(services, {
    pool: request.pool,
    user: request.user,
    occasion: request.occasion,
    channel: request.channel,
    verifiesByLink: request.link !== undefined,
    caller: request.caller,
    clientMetadata: request.clientMetadata,
    flowId: request.flowId,
  });
  const text = { ...templateOf(request), ...customTextOf(answer, request.channel) };
  const values: TemplateValues = { code: request.code, username: request.signInName, link: request.link };
  return {
    request,
    message: {
      ...baseMessage(request),
      ...(request.channel === 'EMAIL' && text.subject !== undefined && { subject: renderTemplate(text.subject, values) }),
      body: renderTemplate(text.body, values),
    },
    announcement: { carriesPassword, ...(answer && { customMessage: customMessageNote(answer, request.channel) }) },
  };
}

/**
 * Sends the messages with the writes that cause them: composes every message (running the
 * CustomMessage function), then runs `write` and records the messages in one transaction, then
 * announces them and hands any to their custom sender. Answers what `write` returned.
 */
export async function sendMessages<T>(services: MessagingServices, requests: readonly MessageRequest[], write: () => T): Promise<T> {
  const composed: Composed[] = [];
  for (const request of requests) composed.push(await compose(services, request));
  await holdMessages(services, composed);
  const undelivered = failingDeliveries(services, composed.filter((message) => !message.handedTo).map((message) => message.request));
  const sent = composed.filter((message) => !undelivered.failed.has(message.request));
  const { store, clock, bus } = services;
  const now = clock.now();
  const { result, recorded } = store.transaction(() => {
    const result = write();
    return { result, recorded: sent.map((message) => recordMessage(store, now, message.message)) };
  });
  for (const [index, message] of sent.entries()) {
    announceMessage(bus, recorded[index]!, message.announcement);
    if (message.handedTo) {
      const { request } = message;
      await handToCustomSender(services, {
        pool: request.pool,
        user: request.user,
        delivery: message.handedTo,
        caller: request.caller,
        clientMetadata: request.clientMetadata,
        flowId: request.flowId,
      });
    }
  }
  if (undelivered.error) throw undelivered.error;
  return result;
}

/** `sendMessages` for one message. */
export function sendMessage<T>(services: MessagingServices, request: MessageRequest, write: () => T): Promise<T> {
  return sendMessages(services, [request], write);
}
