/**
 * The administrator's feedback on one of a user's auth events: Valid or Invalid (EventFeedback,
 * Provider `Admin`). Errors: ResourceNotFoundException (pool, or an event that is not the
 * user's), UserNotFoundException, UserPoolAddOnNotEnabledException (threat protection off).
 */
import type { AdminUpdateAuthEventFeedbackCommandInput, AdminUpdateAuthEventFeedbackCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool, requireUser } from '../../../../cognito/resources.js';
import { giveAuthEventFeedback } from '../../../../cognito/threat-protection/feedback.js';
import { requireThreatProtection } from '../../../../cognito/threat-protection/mode.js';
import { UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { EventIdType, FeedbackValueType } from './shapes.js';

export const AdminUpdateAuthEventFeedback = operation<
  AdminUpdateAuthEventFeedbackCommandInput,
  AdminUpdateAuthEventFeedbackCommandOutput,
  Pick<Services, 'store' | 'clock'>
>((services) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    Username: required(UsernameType),
    EventId: required(EventIdType),
    FeedbackValue: required(FeedbackValueType),
  }),
  handle(input) {
    const pool = requirePool(services.store, input.UserPoolId!);
    requireThreatProtection(pool);
    const user = requireUser(services.store, pool, input.Username!);
    giveAuthEventFeedback(services, { pool, user, eventId: input.EventId!, value: input.FeedbackValue! });
    return {};
  },
}));
