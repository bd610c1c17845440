/**
 * Auth events (AuthEventType) as threat protection records them, and their delivery to the
 * pool's user-activity log (LogDeliveryConfiguration, event source userAuthEvents): each event
 * recorded or settled is published as `log.delivered`, with the record shaped after Cognito's
 * user-activity log records (an assumption: the field names follow the log export's documented
 * members; nothing leaves the sandbox).
 */
import type { BaseServices } from '../../base-services.js';
import type { StoredAuthEvent } from '../../store/repositories/threat-protection.js';

export type AuthEventServices = Pick<BaseServices, 'store' | 'bus'>;

/** The record a log destination would receive for `event`. */
export function logRecordOf(event: StoredAuthEvent): Record<string, unknown> {
  return {
    eventTimestamp: String(event.created),
    logLevel: 'INFO',
    eventSource: 'USER_AUTH_EVENTS',
    userPoolId: event.poolId,
    ...(event.clientId && { clientId: event.clientId }),
    eventId: event.eventId,
    eventType: event.eventType,
    eventResponse: event.eventResponse,
    userSub: event.sub,
    username: event.username,
    ...(event.contextData.IpAddress && { ipAddress: event.contextData.IpAddress }),
    riskDecision: event.risk.RiskDecision,
    ...(event.risk.RiskLevel && { riskLevel: event.risk.RiskLevel }),
    compromisedCredentialDetected: event.risk.CompromisedCredentialsDetected,
    challenges: event.challenges,
  };
}

/** Publishes `log.delivered` when the pool delivers user-activity logs. */
export function deliverAuthEventLog({ store, bus }: AuthEventServices, event: StoredAuthEvent): void {
  const configuration = store.logDeliveryConfigurations.find(event.poolId)?.find((c) => c.EventSource === 'userAuthEvents');
  if (!configuration) return;
  const destination =
    configuration.CloudWatchLogsConfiguration?.LogGroupArn ?? configuration.S3Configuration?.BucketArn ?? configuration.FirehoseConfiguration?.StreamArn ?? '';
  bus.publish(
    'log.delivered',
    { eventSource: 'userAuthEvents', logLevel: 'INFO', destination, record: logRecordOf(event) },
    { poolId: event.poolId, ...(event.flowId && { flowId: event.flowId }) },
  );
}

/** Records a new auth event and delivers its log. */
export function recordAuthEvent(services: AuthEventServices, event: StoredAuthEvent): void {
  services.store.authEvents.insert(event);
  deliverAuthEventLog(services, event);
}

/**
 * A sign-in recorded InProgress has ended with tokens: Pass, with the password and, when one was
 * answered, the MFA challenge as successes.
 */
export function settleSignInEvent(services: AuthEventServices, poolId: string, eventId: string, mfaAnswered: boolean): void {
  const event = services.store.authEvents.find(poolId, eventId);
  if (!event || event.eventResponse !== 'InProgress') return;
  const challenges = [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }, ...(mfaAnswered ? [{ ChallengeName: 'Mfa', ChallengeResponse: 'Success' }] : [])];
  services.store.authEvents.settle(poolId, eventId, 'Pass', challenges);
  deliverAuthEventLog(services, { ...event, eventResponse: 'Pass', challenges });
}
