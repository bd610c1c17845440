/**
 * What sign-up's messages need beyond the pool's templates (messaging/send.ts renders those):
 * where a confirmation code goes, and, for pools that confirm sign-up emails by link
 * (CONFIRM_WITH_LINK), the sandbox's `/confirmUser` link the email's `{##text##}` becomes.
 */
import type { MessageChannel } from '../../shared/debugger-api.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredUser } from '../store/repositories/users.js';
import { verificationMessagesOf } from './pool-config.js';
import { attributeMap } from './attributes.js';
import type { RecoveryDestination } from './recovery.js';

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

export function confirmUserUrl(link: ConfirmationLink, username: string, code: string): string {
  const query = new URLSearchParams({ client_id: link.clientId, user_name: username, confirmation_code: code });
  return `${link.origin}/confirmUser?${query}`;
}

/** The link a sign-up confirmation email carries instead of the code, in pools that confirm by link. */
export function confirmationLinkFor(pool: UserPool, channel: MessageChannel, link: ConfirmationLink, username: string, code: string): string | undefined {
  if (channel !== 'EMAIL' || verificationMessagesOf(pool).DefaultEmailOption !== 'CONFIRM_WITH_LINK') return undefined;
  return confirmUserUrl(link, username, code);
}
