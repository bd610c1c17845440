/**
 * The adaptive-authentication notification email: the NotifyConfiguration's template for what
 * was done (BlockEmail, MfaEmail, NoActionEmail), its placeholders filled in, "sent" from its
 * From address through the outbox (purpose `AdaptiveAuthentication`).
 *
 * Placeholders: {username} {ip-address} {city} {country} {login-time} {device-name} {event-id}
 * {feedback-token} {one-click-link-valid} {one-click-link-invalid}. The one-click links lead to
 * the sandbox's own feedback endpoint (`/_sandbox/api/risk/{poolId}/feedback`), which applies
 * UpdateAuthEventFeedback. Assumptions: the default templates' wording (Cognito's own is not in
 * the reference); the text body is the message (the HTML body when only it is given); city,
 * country and device name, which the sandbox cannot know, read "Unknown".
 */
import type { BaseServices } from '../../base-services.js';
import { announceMessage, recordMessage } from '../../messaging/outbox.js';
import type { NotifyEmail, StoredAuthEvent, StoredRiskConfiguration } from '../../store/repositories/threat-protection.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { attributeMap } from '../attributes.js';

export type NotifyKind = 'BlockEmail' | 'MfaEmail' | 'NoActionEmail';

const FEEDBACK_LINKS = '\nIf this was you, confirm it: {one-click-link-valid}\nIf it was not, tell us: {one-click-link-invalid}\n';
const DETAILS = '\nTime: {login-time}\nDevice: {device-name}\nLocation: {city}, {country}\nIP address: {ip-address}\n';

const DEFAULT_EMAILS: Readonly<Record<NotifyKind, NotifyEmail>> = {
  BlockEmail: { Subject: 'Blocked sign-in attempt', TextBody: `We blocked an unrecognized sign-in to your account ({username}).${DETAILS}${FEEDBACK_LINKS}` },
  MfaEmail: { Subject: 'New sign-in attempt', TextBody: `We asked for a second factor at an unrecognized sign-in to your account ({username}).${DETAILS}${FEEDBACK_LINKS}` },
  NoActionEmail: { Subject: 'New sign-in attempt', TextBody: `We observed an unrecognized sign-in to your account ({username}).${DETAILS}${FEEDBACK_LINKS}` },
};

export interface Notification {
  configuration: StoredRiskConfiguration;
  kind: NotifyKind;
  user: StoredUser;
  event: StoredAuthEvent;
  /** Where the request reached the sandbox: the one-click links' base. */
  origin: string;
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{([a-z-]+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}

function feedbackLink({ origin, event }: Notification, value: 'Valid' | 'Invalid'): string {
  const query = new URLSearchParams({ username: event.username, eventId: event.eventId, token: event.feedbackToken, value });
  return `${origin}/_sandbox/api/risk/${encodeURIComponent(event.poolId)}/feedback?${query.toString()}`;
}

/** Sends the notification to the user's email address; false when they have none. */
export function notifyUser(services: Pick<BaseServices, 'store' | 'bus'>, notification: Notification): boolean {
  const { user, event, kind } = notification;
  const destination = attributeMap(user.attributes).get('email');
  if (!destination) return false;
  const notify = notification.configuration.AccountTakeoverRiskConfiguration?.NotifyConfiguration;
  const template = notify?.[kind] ?? DEFAULT_EMAILS[kind];
  const values = {
    username: user.username,
    'ip-address': event.contextData.IpAddress ?? 'Unknown',
    city: 'Unknown',
    country: 'Unknown',
    'login-time': new Date(event.created).toUTCString(),
    'device-name': event.contextData.DeviceName ?? 'Unknown',
    'event-id': event.eventId,
    'feedback-token': event.feedbackToken,
    'one-click-link-valid': feedbackLink(notification, 'Valid'),
    'one-click-link-invalid': feedbackLink(notification, 'Invalid'),
  };
  const body = fill(template.TextBody ?? template.HtmlBody ?? DEFAULT_EMAILS[kind].TextBody!, values);
  const message = recordMessage(services.store, event.created, {
    poolId: event.poolId,
    ...(event.flowId && { flowId: event.flowId }),
    channel: 'EMAIL',
    destination,
    username: user.username,
    purpose: 'AdaptiveAuthentication',
    subject: fill(template.Subject, values),
    body,
  });
  announceMessage(services.bus, message, { carriesPassword: false });
  return true;
}
