/**
 * Threat protection's configuration operations with the SDK: the Plus tier rule for
 * AdvancedSecurityMode, SetRiskConfiguration and DescribeRiskConfiguration (pool, client
 * override, defaults, Cognito's rules), and their refusals.
 */
import {
  DescribeRiskConfigurationCommand,
  SetRiskConfigurationCommand,
  UpdateUserPoolCommand,
  type SetRiskConfigurationCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createClient, createPool } from '../support/world.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const SOURCE_ARN = 'arn:aws:ses:us-east-1:123456789012:identity/security@example.com';

const protectedPool = (mode: 'AUDIT' | 'ENFORCED' = 'ENFORCED') =>
  createPool(sandbox.cognito, { PoolName: 'guarded', UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: mode } });
const set = (input: SetRiskConfigurationCommandInput) => sandbox.cognito.send(new SetRiskConfigurationCommand(input));
const describeRisk = (UserPoolId: string, ClientId?: string) => sandbox.cognito.send(new DescribeRiskConfigurationCommand({ UserPoolId, ...(ClientId && { ClientId }) }));

async function refusal(call: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata?: { httpStatusCode?: number } } | undefined;
  expect(error, 'the call was expected to be refused').toBeDefined();
  return { name: error!.name, message: error!.message, status: error!.$metadata?.httpStatusCode };
}

const fullConfiguration = (UserPoolId: string): SetRiskConfigurationCommandInput => ({
  UserPoolId,
  CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_IN', 'SIGN_UP'], Actions: { EventAction: 'BLOCK' } },
  AccountTakeoverRiskConfiguration: {
    NotifyConfiguration: {
      From: 'security@example.com',
      SourceArn: SOURCE_ARN,
      BlockEmail: { Subject: 'Blocked', TextBody: 'We blocked {username} from {ip-address}.' },
    },
    Actions: {
      LowAction: { Notify: false, EventAction: 'NO_ACTION' },
      MediumAction: { Notify: true, EventAction: 'MFA_IF_CONFIGURED' },
      HighAction: { Notify: true, EventAction: 'BLOCK' },
    },
  },
  RiskExceptionConfiguration: { BlockedIPRangeList: ['10.0.0.0/8'], SkippedIPRangeList: ['192.168.100.0/24', '2001:db8::/32'] },
});

describe('the feature plan', () => {
  it('refuses AdvancedSecurityMode AUDIT or ENFORCED below PLUS with FeatureUnavailableInTierException, on create and update', async () => {
    expect(
      await refusal(createPool(sandbox.cognito, { PoolName: 'cheap', UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } })),
    ).toMatchObject({ name: 'FeatureUnavailableInTierException', status: 400 });
    const essentials = await createPool(sandbox.cognito, { PoolName: 'essentials', UserPoolAddOns: { AdvancedSecurityMode: 'OFF' } });
    expect(
      await refusal(sandbox.cognito.send(new UpdateUserPoolCommand({ UserPoolId: essentials, UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } }))),
    ).toMatchObject({ name: 'FeatureUnavailableInTierException' });
    await sandbox.cognito.send(new UpdateUserPoolCommand({ UserPoolId: essentials, UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } }));
    expect((await describeRisk(essentials)).RiskConfiguration).toEqual({ UserPoolId: essentials });
  });
});

describe('SetRiskConfiguration and DescribeRiskConfiguration', () => {
  it('store the pool configuration and answer it, with its LastModifiedDate', async () => {
    const poolId = await protectedPool();
    const { RiskConfiguration } = await set(fullConfiguration(poolId));
    const { UserPoolId, ...members } = fullConfiguration(poolId);
    expect(RiskConfiguration).toEqual({ UserPoolId, ...members, LastModifiedDate: expect.any(Date) });
    expect((await describeRisk(poolId)).RiskConfiguration).toEqual(RiskConfiguration);
  });

  it('keep a client configuration apart; the client inherits the pool until it has one, and again after it is reset', async () => {
    const poolId = await protectedPool('AUDIT');
    const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'web' });
    await set(fullConfiguration(poolId));
    expect((await describeRisk(poolId, clientId)).RiskConfiguration).not.toHaveProperty('ClientId');

    const own = await set({ UserPoolId: poolId, ClientId: clientId, CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'NO_ACTION' } } });
    expect(own.RiskConfiguration).toEqual({
      UserPoolId: poolId,
      ClientId: clientId,
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'NO_ACTION' } },
      LastModifiedDate: expect.any(Date),
    });
    expect((await describeRisk(poolId, clientId)).RiskConfiguration).toEqual(own.RiskConfiguration);
    expect((await describeRisk(poolId)).RiskConfiguration?.RiskExceptionConfiguration).toBeDefined();

    await set({ UserPoolId: poolId, ClientId: clientId });
    const inherited = (await describeRisk(poolId, clientId)).RiskConfiguration;
    expect(inherited).not.toHaveProperty('ClientId');
    expect(inherited?.AccountTakeoverRiskConfiguration?.Actions?.HighAction).toEqual({ Notify: true, EventAction: 'BLOCK' });
  });

  it('set the pool back to the defaults when given only the UserPoolId', async () => {
    const poolId = await protectedPool();
    await set(fullConfiguration(poolId));
    const { RiskConfiguration } = await set({ UserPoolId: poolId });
    expect(RiskConfiguration).toEqual({ UserPoolId: poolId, LastModifiedDate: expect.any(Date) });
  });

  it('refuse a higher risk with a weaker action, a notifying action without NotifyConfiguration, and a range that is not CIDR', async () => {
    const poolId = await protectedPool();
    const weaker = await refusal(
      set({
        UserPoolId: poolId,
        AccountTakeoverRiskConfiguration: {
          Actions: { LowAction: { Notify: false, EventAction: 'MFA_REQUIRED' }, HighAction: { Notify: false, EventAction: 'MFA_IF_CONFIGURED' } },
        },
      }),
    );
    expect(weaker).toMatchObject({ name: 'InvalidParameterException', status: 400 });
    expect(weaker.message).toContain('HighAction');
    expect(
      await refusal(set({ UserPoolId: poolId, AccountTakeoverRiskConfiguration: { Actions: { HighAction: { Notify: true, EventAction: 'BLOCK' } } } })),
    ).toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('NotifyConfiguration') });
    expect(await refusal(set({ UserPoolId: poolId, RiskExceptionConfiguration: { BlockedIPRangeList: ['10.0.0.1'] } }))).toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('10.0.0.1'),
    });
    expect(await refusal(set({ UserPoolId: poolId, RiskExceptionConfiguration: { SkippedIPRangeList: ['10.0.0.0/33'] } }))).toMatchObject({
      name: 'InvalidParameterException',
    });
    expect((await describeRisk(poolId)).RiskConfiguration).toEqual({ UserPoolId: poolId });
  });

  it('refuse a pool with threat protection off (UserPoolAddOnNotEnabledException), an unknown pool and a client of another pool', async () => {
    const off = await createPool(sandbox.cognito, { PoolName: 'plain', UserPoolTier: 'PLUS' });
    expect(await refusal(set({ UserPoolId: off }))).toMatchObject({ name: 'UserPoolAddOnNotEnabledException', status: 400 });
    expect(await refusal(describeRisk(off))).toMatchObject({ name: 'UserPoolAddOnNotEnabledException' });
    expect(await refusal(set({ UserPoolId: 'us-east-1_missing' }))).toMatchObject({ name: 'ResourceNotFoundException' });
    const poolId = await protectedPool();
    const { clientId } = await createClient(sandbox.cognito, off, { ClientName: 'elsewhere' });
    expect(await refusal(set({ UserPoolId: poolId, ClientId: clientId }))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await refusal(describeRisk(poolId, clientId))).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('answer a body that breaks the API model with InvalidParameterException', async () => {
    const poolId = await protectedPool();
    const badAction = await rawCall(sandbox.url, 'SetRiskConfiguration', {
      UserPoolId: poolId,
      AccountTakeoverRiskConfiguration: { Actions: { LowAction: { Notify: false, EventAction: 'SHRUG' } } },
    });
    expect(badAction.status).toBe(400);
    expect(badAction.json.__type).toBe('InvalidParameterException');
    const noActions = await rawCall(sandbox.url, 'SetRiskConfiguration', { UserPoolId: poolId, CompromisedCredentialsRiskConfiguration: {} });
    expect(noActions.json.__type).toBe('InvalidParameterException');
    const shortBody = await rawCall(sandbox.url, 'SetRiskConfiguration', {
      UserPoolId: poolId,
      AccountTakeoverRiskConfiguration: { NotifyConfiguration: { SourceArn: SOURCE_ARN, MfaEmail: { Subject: 'x', TextBody: 'tiny' } }, Actions: {} },
    });
    expect(shortBody.json.__type).toBe('InvalidParameterException');
    const tooMany = await rawCall(sandbox.url, 'SetRiskConfiguration', {
      UserPoolId: poolId,
      RiskExceptionConfiguration: { BlockedIPRangeList: Array.from({ length: 201 }, (_, i) => `10.${i}.0.0/16`) },
    });
    expect(tooMany.json.__type).toBe('InvalidParameterException');
  });
});
