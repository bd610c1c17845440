import {
  DeleteUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  SetLogDeliveryConfigurationCommand,
  type LogConfigurationType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCall, startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';
import { createPool } from '../support/world.js';

const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito';
const BUCKET = 'arn:aws:s3:::cognito-user-activity';
const STREAM = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/cognito';

const notificationErrors: LogConfigurationType = {
  EventSource: 'userNotification',
  LogLevel: 'ERROR',
  CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP },
};
const authEventsToS3: LogConfigurationType = { EventSource: 'userAuthEvents', LogLevel: 'INFO', S3Configuration: { BucketArn: BUCKET } };

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const plusPool = () => createPool(sandbox.cognito, { PoolName: 'logged', UserPoolTier: 'PLUS' });
const set = (UserPoolId: string, LogConfigurations: LogConfigurationType[]) =>
  sandbox.cognito.send(new SetLogDeliveryConfigurationCommand({ UserPoolId, LogConfigurations }));
const get = (UserPoolId: string) => sandbox.cognito.send(new GetLogDeliveryConfigurationCommand({ UserPoolId }));

async function refusal(call: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata?: { httpStatusCode?: number } } | undefined;
  expect(error, 'the call was expected to be refused').toBeDefined();
  return { name: error!.name, message: error!.message, status: error!.$metadata?.httpStatusCode };
}

describe('GetLogDeliveryConfiguration', () => {
  it('answers the pool id and no configurations for a pool that never set one', async () => {
    const poolId = await plusPool();
    const { LogDeliveryConfiguration } = await get(poolId);
    expect(LogDeliveryConfiguration).toEqual({ UserPoolId: poolId, LogConfigurations: [] });
  });

  it('refuses an unknown pool with ResourceNotFoundException', async () => {
    expect(await refusal(get('us-east-1_missing'))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
  });
});

describe('SetLogDeliveryConfiguration', () => {
  it('stores both event sources and answers them, then Get answers the same', async () => {
    const poolId = await plusPool();
    const { LogDeliveryConfiguration } = await set(poolId, [notificationErrors, authEventsToS3]);
    expect(LogDeliveryConfiguration).toEqual({ UserPoolId: poolId, LogConfigurations: [notificationErrors, authEventsToS3] });
    expect((await get(poolId)).LogDeliveryConfiguration).toEqual(LogDeliveryConfiguration);
  });

  it('replaces the configuration, and an empty list clears it', async () => {
    const poolId = await plusPool();
    await set(poolId, [notificationErrors]);
    const firehose: LogConfigurationType = { EventSource: 'userAuthEvents', LogLevel: 'INFO', FirehoseConfiguration: { StreamArn: STREAM } };
    await set(poolId, [firehose]);
    expect((await get(poolId)).LogDeliveryConfiguration!.LogConfigurations).toEqual([firehose]);
    await set(poolId, []);
    expect((await get(poolId)).LogDeliveryConfiguration!.LogConfigurations).toEqual([]);
  });

  it('refuses userAuthEvents outside the Plus plan with FeatureUnavailableInTierException', async () => {
    const poolId = await createPool(sandbox.cognito, { PoolName: 'essentials', UserPoolTier: 'ESSENTIALS' });
    expect(await refusal(set(poolId, [authEventsToS3]))).toMatchObject({ name: 'FeatureUnavailableInTierException', status: 400 });
    await set(poolId, [notificationErrors]);
    expect((await get(poolId)).LogDeliveryConfiguration!.LogConfigurations).toEqual([notificationErrors]);
  });

  it.each([
    ['userNotification at INFO', [{ ...notificationErrors, LogLevel: 'INFO' }]],
    ['userNotification to S3', [{ EventSource: 'userNotification', LogLevel: 'ERROR', S3Configuration: { BucketArn: BUCKET } }]],
    ['userAuthEvents at ERROR', [{ ...authEventsToS3, LogLevel: 'ERROR' }]],
    ['no destination', [{ EventSource: 'userNotification', LogLevel: 'ERROR' }]],
    ['two destinations', [{ ...authEventsToS3, CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP } }]],
    ['a destination without its ARN', [{ EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: {} }]],
    ['an event source twice', [notificationErrors, notificationErrors]],
  ] as [string, LogConfigurationType[]][])('refuses %s with InvalidParameterException and keeps what was stored', async (_, configurations) => {
    const poolId = await plusPool();
    await set(poolId, [notificationErrors]);
    expect(await refusal(set(poolId, configurations))).toMatchObject({ name: 'InvalidParameterException', status: 400 });
    expect((await get(poolId)).LogDeliveryConfiguration!.LogConfigurations).toEqual([notificationErrors]);
  });

  it('refuses an unknown pool with ResourceNotFoundException', async () => {
    expect(await refusal(set('us-east-1_missing', [notificationErrors]))).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('validates as the API model constrains: list length, enums, ARN patterns', async () => {
    const poolId = await plusPool();
    const three = await refusal(set(poolId, [notificationErrors, authEventsToS3, notificationErrors]));
    expect(three.name).toBe('InvalidParameterException');
    expect(three.message).toContain('Member must have length less than or equal to 2');
    const badLevel = await refusal(set(poolId, [{ ...notificationErrors, LogLevel: 'DEBUG' as 'ERROR' }]));
    expect(badLevel.message).toContain("Value 'DEBUG' at 'logConfigurations.1.member.logLevel' failed to satisfy constraint");
    const badBucket = await refusal(set(poolId, [{ ...authEventsToS3, S3Configuration: { BucketArn: 'arn:aws:s3:us-east-1:123456789012:bucket' } }]));
    expect(badBucket.message).toContain('logConfigurations.1.member.s3Configuration.bucketArn');
    const badGroup = await refusal(set(poolId, [{ ...notificationErrors, CloudWatchLogsConfiguration: { LogGroupArn: 'not-an-arn' } }]));
    expect(badGroup.name).toBe('InvalidParameterException');
  });

  it('answers hostile input AWS-shaped, never a 500', async () => {
    const poolId = await plusPool();
    const bodies: unknown[] = [
      { UserPoolId: poolId },
      { UserPoolId: poolId, LogConfigurations: 'all' },
      { UserPoolId: poolId, LogConfigurations: [null] },
      { UserPoolId: poolId, LogConfigurations: [{ EventSource: 'userNotification' }] },
      { UserPoolId: poolId, LogConfigurations: [{ ...notificationErrors, CloudWatchLogsConfiguration: { LogGroupArn: 42 } }] },
      { UserPoolId: poolId, LogConfigurations: [{ ...notificationErrors, CloudWatchLogsConfiguration: 'x' }] },
      { UserPoolId: 7, LogConfigurations: [] },
      '{"UserPoolId":',
    ];
    for (const body of bodies) {
      const { status, json } = await rawCall(sandbox.url, 'SetLogDeliveryConfiguration', body as object);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json.__type, JSON.stringify(body)).toMatch(/InvalidParameterException|SerializationException/);
    }
    expect((await get(poolId)).LogDeliveryConfiguration!.LogConfigurations).toEqual([]);
  });

  it('forgets the configuration with its pool', async () => {
    const poolId = await plusPool();
    const stored = () =>
      sandbox.app.store.db.read((tx) => tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM log_delivery_configurations WHERE pool_id = ?', [poolId]))!.n;
    await set(poolId, [notificationErrors]);
    expect(stored()).toBe(1);
    await sandbox.cognito.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
    expect(await refusal(get(poolId))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(stored()).toBe(0);
  });

  it('keeps the configuration across a restart', async () => {
    const dataDir = tempDir();
    const first = await startSandbox({ dataDir });
    const poolId = await createPool(first.cognito, { PoolName: 'kept', UserPoolTier: 'PLUS' });
    await first.cognito.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: poolId, LogConfigurations: [notificationErrors, authEventsToS3] }));
    await first.close();
    const second = await startSandbox({ dataDir });
    try {
      const { LogDeliveryConfiguration } = await second.cognito.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }));
      expect(LogDeliveryConfiguration).toEqual({ UserPoolId: poolId, LogConfigurations: [notificationErrors, authEventsToS3] });
    } finally {
      await second.close();
    }
  });
});
