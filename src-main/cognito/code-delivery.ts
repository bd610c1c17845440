/**
 * Where a code went, as Cognito reports it in CodeDeliveryDetails: the destination masked to
 * its first characters (email) or last four digits (phone number).
 */
import type { MessageChannel } from '../../shared/debugger-api.js';
import type { RecoveryDestination } from './recovery.js';

/** CodeDeliveryDetails, the destination masked. */
export interface CodeDelivery {
  Destination: string;
  DeliveryMedium: 'EMAIL' | 'SMS';
  AttributeName: 'email' | 'phone_number';
}

/** `alice@example.com` as `a***@e***`. */
function maskedEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  return `${[...local][0] ?? ''}***@${[...domain][0] ?? ''}***`;
}

/** `+15551234567` as `+*******4567`. */
function maskedPhoneNumber(phoneNumber: string): string {
  const digits = phoneNumber.replace(/^\+/, '');
  const shown = digits.slice(-4);
  return `+${'*'.repeat(digits.length - shown.length)}${shown}`;
}

export function maskedDestination(channel: MessageChannel, destination: string): string {
  return channel === 'EMAIL' ? maskedEmail(destination) : maskedPhoneNumber(destination);
}

export function codeDelivery(destination: RecoveryDestination): CodeDelivery {
  return {
    Destination: maskedDestination(destination.channel, destination.destination),
    DeliveryMedium: destination.channel,
    AttributeName: destination.attribute,
  };
}
