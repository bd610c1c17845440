/**
 * The invitation AdminCreateUser sends: the pool's InviteMessageTemplate (or Cognito's default
 * texts) with the username and temporary password, by each desired medium the user has a
 * destination for.
 */
import type { DeliveryMediumType } from '@aws-sdk/client-cognito-identity-provider';
import type { Message } from '../../../../messaging/outbox.js';
import { renderTemplate } from '../../../../messaging/templates.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { inviteMessagesOf } from '../pools/pool-config.js';
import { attributeMap } from './attributes.js';

export interface Invitation {
  user: StoredUser;
  /** The name the user signs in with, as the admin gave it (an email or phone number in pools that use them as usernames). */
  signInName: string;
  temporaryPassword: string;
  mediums: readonly DeliveryMediumType[];
}

/** Cognito sends by SMS unless told otherwise. */
export const DEFAULT_DELIVERY_MEDIUMS: readonly DeliveryMediumType[] = ['SMS'];

export function invitationMessages(pool: UserPool, invitation: Invitation): Message[] {
  const templates = inviteMessagesOf(pool);
  const attributes = attributeMap(invitation.user.attributes);
  const values = { username: invitation.signInName, code: invitation.temporaryPassword };
  const common = { poolId: pool.id, username: invitation.user.username, purpose: 'AdminCreateUser', code: invitation.temporaryPassword };
  const messages: Message[] = [];
  const email = attributes.get('email');
  if (invitation.mediums.includes('EMAIL') && email) {
    messages.push({
      ...common,
      channel: 'EMAIL',
      destination: email,
      subject: renderTemplate(templates.EmailSubject, values),
      body: renderTemplate(templates.EmailMessage, values),
    });
  }
  const phoneNumber = attributes.get('phone_number');
  if (invitation.mediums.includes('SMS') && phoneNumber) {
    messages.push({ ...common, channel: 'SMS', destination: phoneNumber, body: renderTemplate(templates.SMSMessage, values) });
  }
  return messages;
}
