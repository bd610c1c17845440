/**
 * For clients that hide which users exist: a plausible made-up CodeDeliveryDetails for a user
 * who does not exist or cannot receive a code.
 */
import { createHash } from 'node:crypto';
import type { UserPool } from '../store/repositories/user-pools.js';
import { codeDelivery, type CodeDelivery } from './code-delivery.js';
import { isEmail, isPhoneNumber } from './attributes.js';

/**
 * A delivery that never happened, for a username that resolves to no one who could receive a
 * code: by the username's own format when it is an email or phone number, else by the medium the
 * pool would use. The same username always gets the same answer.
 */
export function simulatedDelivery(pool: UserPool, username: string, preferred: 'email' | 'phone_number'): CodeDelivery {
  if (isEmail(username)) return codeDelivery({ channel: 'EMAIL', attribute: 'email', destination: username });
  if (isPhoneNumber(username)) return codeDelivery({ channel: 'SMS', attribute: 'phone_number', destination: username });
  const seed = createHash('sha256').update(`${pool.id}\u0000${username}`).digest();
  if (preferred === 'phone_number') {
    const digits = String(seed.readUInt32BE(0) % 10_000).padStart(4, '0');
    return { Destination: `+*******${digits}`, DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
  }
  const domainInitial = String.fromCharCode(97 + (seed[4]! % 26));
  return { Destination: `${username.slice(0, 1)}***@${domainInitial}***`, DeliveryMedium: 'EMAIL', AttributeName: 'email' };
}
