/**
 * Feedback on an auth event (AdminUpdateAuthEventFeedback, UpdateAuthEventFeedback, the
 * notification's one-click links): Valid or Invalid, by whom, when. The event must be the
 * user's; the user's own feedback must carry the event's FeedbackToken.
 *
 * Assumptions: an unknown event (or another user's) is ResourceNotFoundException, a wrong token
 * NotAuthorizedException; Provider reads `Admin` for the administrator's feedback and `User` for
 * the user's. The sandbox's risk model is the developer's marks, so feedback changes no later
 * assessment.
 */
import { timingSafeEqual } from 'node:crypto';
import type { BaseServices } from '../../base-services.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { NotAuthorizedException, ResourceNotFoundException } from '../errors.js';

export interface Feedback {
  pool: UserPool;
  user: StoredUser;
  eventId: string;
  value: 'Valid' | 'Invalid';
  /** The user's feedback carries the token of the notification email; the administrator's none. */
  feedbackToken?: string;
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function giveAuthEventFeedback({ store, clock }: Pick<BaseServices, 'store' | 'clock'>, feedback: Feedback): void {
  const event = store.authEvents.find(feedback.pool.id, feedback.eventId);
  if (!event || event.sub !== feedback.user.sub) throw new ResourceNotFoundException('Auth event not found.');
  if (feedback.feedbackToken !== undefined && !sameToken(feedback.feedbackToken, event.feedbackToken)) {
    throw new NotAuthorizedException('Invalid feedback token.');
  }
  store.authEvents.setFeedback(feedback.pool.id, event.eventId, {
    FeedbackValue: feedback.value,
    Provider: feedback.feedbackToken === undefined ? 'Admin' : 'User',
    FeedbackDate: clock.now(),
  });
}
