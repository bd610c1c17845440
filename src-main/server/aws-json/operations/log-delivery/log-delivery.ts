/**
 * What Get and SetLogDeliveryConfiguration share: the LogConfigurationType shape as the API
 * model constrains it, and the answer built from what is stored.
 */
import type { LogDeliveryConfigurationType } from '@aws-sdk/client-cognito-identity-provider';
import type { LogConfiguration } from '../../../../store/repositories/log-delivery-configurations.js';
import { ArnType } from '../../model.js';
import { enumeration, list, required, string, structure } from '../../shapes.js';

/** S3ArnType of the API model: a bucket ARN has no region nor account. */
const S3ArnType = string({ min: 3, max: 1024, pattern: 'arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:::[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?' });

export const LogConfigurationType = structure({
  LogLevel: required(enumeration(['ERROR', 'INFO'])),
  EventSource: required(enumeration(['userNotification', 'userAuthEvents'])),
  CloudWatchLogsConfiguration: structure({ LogGroupArn: ArnType }),
  S3Configuration: structure({ BucketArn: S3ArnType }),
  FirehoseConfiguration: structure({ StreamArn: ArnType }),
});

/** LogConfigurationListType: at most two, one per event source. */
export const LogConfigurationListType = list(LogConfigurationType, { max: 2 });

export function toLogDeliveryConfigurationType(poolId: string, configurations: readonly LogConfiguration[]): LogDeliveryConfigurationType {
  return { UserPoolId: poolId, LogConfigurations: configurations.map((c) => ({ ...c })) as LogDeliveryConfigurationType['LogConfigurations'] };
}
