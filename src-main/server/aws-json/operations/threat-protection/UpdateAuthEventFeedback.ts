/**
 * The user's feedback on one of their auth events, with the FeedbackToken of the notification
 * email (the `{feedback-token}` placeholder; the one-click links carry it too). Unsigned, like the
 * other calls a user makes without an access token. Errors: ResourceNotFoundException (pool, or an
 * event that is not the user's), UserNotFoundException, NotAuthorizedException (a wrong token),
 * UserPoolAddOnNotEnabledException (threat protection off).
 */
import type { UpdateAuthEventFeedbackCommandInput, UpdateAuthEventFeedbackCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool, requireUser } from '../../../../cognito/resources.js';
import { giveAuthEventFeedback } from '../../../../cognito/threat-protection/feedback.js';
import { requireThreatProtection } from '../../../../cognito/threat-protection/mode.js';
import { TokenModelType, UserPoolIdType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { EventIdType, FeedbackValueType } from './shapes.js';

export const UpdateAuthEventFeedback = operation<UpdateAuthEventFeedbackCommandInput, UpdateAuthEventFeedbackCommandOutput, Pick<Services, 'store' | 'clock'>>(
  (services) => ({
    input: structure({
      UserPoolId: required(UserPoolIdType),
      Username: required(UsernameType),
      EventId: required(EventIdType),
      FeedbackToken: required(TokenModelType),
      FeedbackValue: required(FeedbackValueType),
    }),
    handle(input) {
      const pool = requirePool(services.store, input.UserPoolId!);
      requireThreatProtection(pool);
      const user = requireUser(services.store, pool, input.Username!);
      giveAuthEventFeedback(services, { pool, user, eventId: input.EventId!, value: input.FeedbackValue!, feedbackToken: input.FeedbackToken! });
      return {};
    },
  }),
);
