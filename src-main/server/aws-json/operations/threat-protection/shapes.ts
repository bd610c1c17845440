/**
 * What the threat protection operations share: RiskConfigurationType's members and the event
 * shapes as the API model constrains them, and the answers built from what is stored.
 */
import type { AuthEventType, RiskConfigurationType } from '@aws-sdk/client-cognito-identity-provider';
import type { RiskConfigurationRow, StoredAuthEvent } from '../../../../store/repositories/threat-protection.js';
import { ArnType } from '../../model.js';
import type { Wire } from '../../operation.js';
import { boolean, enumeration, list, required, string, structure } from '../../shapes.js';
import { wireDate } from '../common.js';

const EmailNotificationSubjectType = string({ min: 1, max: 140, pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s]+' });
const EmailNotificationBodyType = string({ min: 6, max: 20000, pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]+' });

const NotifyEmailType = structure({
  Subject: required(EmailNotificationSubjectType),
  HtmlBody: EmailNotificationBodyType,
  TextBody: EmailNotificationBodyType,
});

const AccountTakeoverActionType = structure({
  Notify: required(boolean()),
  EventAction: required(enumeration(['BLOCK', 'MFA_IF_CONFIGURED', 'MFA_REQUIRED', 'NO_ACTION'])),
});

export const CompromisedCredentialsRiskConfigurationType = structure({
  EventFilter: list(enumeration(['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP']), { max: 3 }),
  Actions: required(structure({ EventAction: required(enumeration(['BLOCK', 'NO_ACTION'])) })),
});

export const AccountTakeoverRiskConfigurationType = structure({
  NotifyConfiguration: structure({
    From: string(),
    ReplyTo: string(),
    SourceArn: required(ArnType),
    BlockEmail: NotifyEmailType,
    NoActionEmail: NotifyEmailType,
    MfaEmail: NotifyEmailType,
  }),
  Actions: required(structure({ LowAction: AccountTakeoverActionType, MediumAction: AccountTakeoverActionType, HighAction: AccountTakeoverActionType })),
});

export const RiskExceptionConfigurationType = structure({
  BlockedIPRangeList: list(string(), { max: 200 }),
  SkippedIPRangeList: list(string(), { max: 200 }),
});

export const EventIdType = string({ min: 1, max: 50, pattern: '[\\w+-]+' });
export const FeedbackValueType = enumeration(['Valid', 'Invalid']);

/** RiskConfigurationType as Describe and Set answer it. */
export function toRiskConfigurationType(poolId: string, row: RiskConfigurationRow | undefined, clientId?: string): Wire<RiskConfigurationType> {
  return {
    UserPoolId: poolId,
    ...(clientId && { ClientId: clientId }),
    ...(row?.configuration as Wire<Omit<RiskConfigurationType, 'UserPoolId' | 'ClientId' | 'LastModifiedDate'>>),
    ...(row && { LastModifiedDate: wireDate(row.modified) }),
  };
}

export function toAuthEventType(event: StoredAuthEvent): Wire<AuthEventType> {
  return {
    EventId: event.eventId,
    EventType: event.eventType as AuthEventType['EventType'],
    CreationDate: wireDate(event.created),
    EventResponse: event.eventResponse as AuthEventType['EventResponse'],
    EventRisk: event.risk as AuthEventType['EventRisk'],
    ChallengeResponses: event.challenges as AuthEventType['ChallengeResponses'],
    EventContextData: event.contextData,
    ...(event.feedback && {
      EventFeedback: { FeedbackValue: event.feedback.FeedbackValue as 'Valid' | 'Invalid', Provider: event.feedback.Provider, FeedbackDate: wireDate(event.feedback.FeedbackDate) },
    }),
  };
}
