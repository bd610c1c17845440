/**
 * The invitation AdminCreateUser sends: the pool's InviteMessageTemplate (or Cognito's default
 * texts, or a CustomMessage_AdminCreateUser answer) with the username and temporary password, by
 * each desired medium the user has a destination for.
 */
import type { DeliveryMediumType } from '@aws-sdk/client-cognito-identity-provider';
import type { MessageRequest } from '../../../../messaging/send.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import type { TriggerCaller } from '../../../../triggers/apply/caller.js';
import { attributeMap } from '../../../../cognito/attributes.js';

export interface Invitation {
  user: StoredUser;
  /** The name the user signs in with, as the admin gave it (an email or phone number in pools that use them as usernames). */
  signInName: string;
  temporaryPassword: string;
  mediums: readonly DeliveryMediumType[];
  caller: TriggerCaller;
}

/** Cognito sends by SMS unless told otherwise. */
export const DEFAULT_DELIVERY_MEDIUMS: readonly DeliveryMediumType[] = ['SMS'];

export function invitationMessages(pool: UserPool, invitation: Invitation): MessageRequest[] {
  const attributes = attributeMap(invitation.user.attributes);
  const common = {
    pool,
    user: invitation.user,
    purpose: 'AdminCreateUser',
    occasion: 'AdminCreateUser' as const,
    code: invitation.temporaryPassword,
    signInName: invitation.signInName,
    caller: invitation.caller,
  };
  const messages: MessageRequest[] = [];
  const email = attributes.get('email');
  if (invitation.mediums.includes('EMAIL') && email) messages.push({ ...common, channel: 'EMAIL', destination: email });
  const phoneNumber = attributes.get('phone_number');
  if (invitation.mediums.includes('SMS') && phoneNumber) messages.push({ ...common, channel: 'SMS', destination: phoneNumber });
  return messages;
}
