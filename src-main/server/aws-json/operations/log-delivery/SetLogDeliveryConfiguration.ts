/**
 * Replaces a pool's log delivery configuration (an empty list clears it) and answers it.
 *
 * Cognito's rules beyond the API model, from LogConfigurationType's documentation:
 * - `userNotification` (message-delivery errors) is `ERROR` level, to a CloudWatch Logs group only;
 * - `userAuthEvents` (threat-protection user activity) is `INFO` level, to one of CloudWatch Logs,
 *   S3 or Firehose, and needs the Plus feature plan: on LITE or ESSENTIALS it is refused with
 *   FeatureUnavailableInTierException (so is an S3 or Firehose destination, "Plus tier" only);
 * - each configuration names exactly one destination, and an event source appears at most once.
 * Refusals other than the tier are InvalidParameterException; their wording is the sandbox's.
 *
 * Limitations: the sandbox delivers no logs anywhere: nothing is written to CloudWatch Logs, S3
 * or Firehose, and the ARNs are not checked to exist, to be unencrypted or to be in the pool's
 * account. userAuthEvents does not also require AdvancedSecurityMode to be on (the docs tie it to
 * the feature plan).
 */
import type { SetLogDeliveryConfigurationCommandInput, SetLogDeliveryConfigurationCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { FeatureUnavailableInTierException, InvalidParameterException } from '../../../../cognito/errors.js';
import { requirePool } from '../../../../cognito/resources.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { LogConfiguration } from '../../../../store/repositories/log-delivery-configurations.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { LogConfigurationListType, toLogDeliveryConfigurationType } from './log-delivery.js';

type Destination = 'CloudWatchLogsConfiguration' | 'S3Configuration' | 'FirehoseConfiguration';

const destinationArns: Record<Destination, (c: LogConfiguration) => string | undefined> = {
  CloudWatchLogsConfiguration: (c) => c.CloudWatchLogsConfiguration?.LogGroupArn,
  S3Configuration: (c) => c.S3Configuration?.BucketArn,
  FirehoseConfiguration: (c) => c.FirehoseConfiguration?.StreamArn,
};

/** The one destination a configuration names, with its ARN; refuses none or several. */
function soleDestination(configuration: LogConfiguration): Destination {
  const named = (Object.keys(destinationArns) as Destination[]).filter((d) => configuration[d] !== undefined);
  if (named.length !== 1) {
    throw new InvalidParameterException('Exactly one of CloudWatchLogsConfiguration, S3Configuration or FirehoseConfiguration must be provided.');
  }
  const destination = named[0]!;
  if (!destinationArns[destination](configuration)) throw new InvalidParameterException(`${destination} must have a destination ARN.`);
  return destination;
}

function requireUserNotificationRules(configuration: LogConfiguration, destination: Destination): void {
  if (configuration.LogLevel !== 'ERROR') throw new InvalidParameterException('userNotification logs must have LogLevel ERROR.');
  if (destination !== 'CloudWatchLogsConfiguration') {
    throw new InvalidParameterException('userNotification logs can only be delivered to CloudWatchLogsConfiguration.');
  }
}

function requireUserAuthEventsRules(pool: UserPool, configuration: LogConfiguration): void {
  if (pool.config.UserPoolTier !== 'PLUS') {
    throw new FeatureUnavailableInTierException('userAuthEvents log delivery requires the Plus feature plan.');
  }
  if (configuration.LogLevel !== 'INFO') throw new InvalidParameterException('userAuthEvents logs must have LogLevel INFO.');
}

function requireCognitoRules(pool: UserPool, configurations: readonly LogConfiguration[]): void {
  const sources = new Set<string>();
  for (const configuration of configurations) {
    if (sources.has(configuration.EventSource)) {
      throw new InvalidParameterException(`Only one log configuration is allowed for EventSource ${configuration.EventSource}.`);
    }
    sources.add(configuration.EventSource);
    const destination = soleDestination(configuration);
    if (configuration.EventSource === 'userNotification') requireUserNotificationRules(configuration, destination);
    else requireUserAuthEventsRules(pool, configuration);
  }
}

/** Only the members Cognito knows, so that stored and answered configurations stay in shape. */
function kept(configuration: LogConfiguration): LogConfiguration {
  const { LogLevel, EventSource, CloudWatchLogsConfiguration, S3Configuration, FirehoseConfiguration } = configuration;
  return {
    LogLevel,
    EventSource,
    ...(CloudWatchLogsConfiguration && { CloudWatchLogsConfiguration: { LogGroupArn: CloudWatchLogsConfiguration.LogGroupArn } }),
    ...(S3Configuration && { S3Configuration: { BucketArn: S3Configuration.BucketArn } }),
    ...(FirehoseConfiguration && { FirehoseConfiguration: { StreamArn: FirehoseConfiguration.StreamArn } }),
  };
}

export const SetLogDeliveryConfiguration = operation<
  SetLogDeliveryConfigurationCommandInput,
  SetLogDeliveryConfigurationCommandOutput,
  Pick<Services, 'store' | 'clock'>
>(({ store, clock }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    LogConfigurations: required(LogConfigurationListType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const configurations = (input.LogConfigurations as LogConfiguration[]).map(kept);
    requireCognitoRules(pool, configurations);
    store.logDeliveryConfigurations.save(pool.id, configurations, clock.now());
    return { LogDeliveryConfiguration: toLogDeliveryConfigurationType(pool.id, configurations) };
  },
}));
