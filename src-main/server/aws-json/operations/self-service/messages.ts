/**
 * The messages sign-up and password recovery send, from the pool's VerificationMessageTemplate:
 * an SMS always carries the code; a sign-up email carries the code (CONFIRM_WITH_CODE) or a link
 * to the sandbox's `/confirmUser` (CONFIRM_WITH_LINK, the `{##text##}` placeholder becoming the
 * link); a password-reset email always carries the code.
 */
import type { Message } from '../../../../messaging/outbox.js';
import { renderTemplate } from '../../../../messaging/templates.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { verificationMessagesOf } from '../pools/pool-config.js';
import { attributeMap } from '../users/attributes.js';
import type { RecoveryDestination } from '../users/recovery.js';

/**
 * Where a sign-up confirmation code goes: Cognito verifies one contact per sign-up, the phone
 * number when the pool auto-verifies phone numbers and the user gave one, else the email
 * likewise; undefined when there is nothing to verify.
 */
export function confirmationDestination(pool: UserPool, user: StoredUser): RecoveryDestination | undefined {
  const autoVerified = pool.config.AutoVerifiedAttributes ?? [];
  const attributes = attributeMap(user.attributes);
  const phoneNumber = attributes.get('phone_number');
  if (autoVerified.includes('phone_number') && phoneNumber) return { channel: 'SMS', attribute: 'phone_number', destination: phoneNumber };
  const email = attributes.get('email');
  if (autoVerified.includes('email') && email) return { channel: 'EMAIL', attribute: 'email', destination: email };
  return undefined;
}

/** What the `/confirmUser` link needs: the sandbox's own address and the client signing up. */
export interface ConfirmationLink {
  origin: string;
  clientId: string;
}

export interface CodeMessage {
  user: StoredUser;
  destination: RecoveryDestination;
  code: string;
  /** The operation that sent it: SignUp, ResendConfirmationCode, ForgotPassword. */
  purpose: string;
  flowId: string;
}

export function confirmUserUrl(link: ConfirmationLink, username: string, code: string): string {
  const query = new URLSearchParams({ client_id: link.clientId, user_name: username, confirmation_code: code });
  return `${link.origin}/confirmUser?${query}`;
}

/** `{##Verify Email##}` becomes a link to `url` reading "Verify Email". */
export function renderLinkTemplate(template: string, url: string): string {
  return template.replace(/\{##(.*?)##\}/gs, (_placeholder, text: string) => `<a href="${url}">${text}</a>`);
}

function common(pool: UserPool, message: CodeMessage) {
  return {
    poolId: pool.id,
    flowId: message.flowId,
    username: message.user.username,
    purpose: message.purpose,
    destination: message.destination.destination,
    code: message.code,
  };
}

export function confirmationMessage(pool: UserPool, message: CodeMessage, link: ConfirmationLink): Message {
  const templates = verificationMessagesOf(pool);
  const values = { code: message.code };
  if (message.destination.channel === 'SMS') return { ...common(pool, message), channel: 'SMS', body: renderTemplate(templates.SmsMessage, values) };
  if (templates.DefaultEmailOption === 'CONFIRM_WITH_LINK') {
    const url = confirmUserUrl(link, message.user.username, message.code);
    return {
      ...common(pool, message),
      channel: 'EMAIL',
      subject: templates.EmailSubjectByLink,
      body: renderLinkTemplate(templates.EmailMessageByLink, url),
    };
  }
  return {
    ...common(pool, message),
    channel: 'EMAIL',
    subject: renderTemplate(templates.EmailSubject, values),
    body: renderTemplate(templates.EmailMessage, values),
  };
}

export function resetCodeMessage(pool: UserPool, message: CodeMessage): Message {
  const templates = verificationMessagesOf(pool);
  const values = { code: message.code };
  if (message.destination.channel === 'SMS') return { ...common(pool, message), channel: 'SMS', body: renderTemplate(templates.SmsMessage, values) };
  return {
    ...common(pool, message),
    channel: 'EMAIL',
    subject: renderTemplate(templates.EmailSubject, values),
    body: renderTemplate(templates.EmailMessage, values),
  };
}
