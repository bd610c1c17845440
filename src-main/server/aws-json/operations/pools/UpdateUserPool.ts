/**
 * Replaces the pool's mutable settings: whatever the request omits goes back to its default, as
 * Cognito documents. The sign-in options and the schema are immutable and stay; so do the name,
 * the tags and the feature plan unless the request names new ones.
 * LIMITATIONS: DcrConfiguration, KeyConfiguration, IssuerConfiguration and AcrConfiguration are
 * accepted but not stored.
 */
import type { UpdateUserPoolCommandInput, UpdateUserPoolCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { PoolMfaFactors, UserPool, UserPoolConfig } from '../../../../store/repositories/user-pools.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { UserPoolIdType, UserPoolNameType, UserPoolTagsType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { MFA_NEEDS_SMS_MESSAGE, buildPoolSettings, dropUndefined, poolSettingsMembers } from './settings.js';
import { checkThreatProtectionTier } from '../../../../cognito/threat-protection/mode.js';

/** The SMS factor needs an SMS configuration; the others survive from SetUserPoolMfaConfig. */
function mfaFactorsAfterUpdate(pool: UserPool, input: UpdateUserPoolCommandInput): PoolMfaFactors {
  const mode = input.MfaConfiguration ?? 'OFF';
  const factors = pool.mfaFactors ?? {};
  const sms = input.SmsConfiguration !== undefined && (factors.sms === true || mode !== 'OFF');
  const next = { ...factors, sms };
  if (mode !== 'OFF' && !next.sms && !next.softwareToken && !next.email) {
    throw new InvalidParameterException(MFA_NEEDS_SMS_MESSAGE);
  }
  return next;
}

function updatedConfig(pool: UserPool, input: UpdateUserPoolCommandInput): UserPoolConfig {
  const { Policies, DeletionProtection, LambdaConfig, ...rest } = buildPoolSettings(input);
  const kept = pool.config;
  return dropUndefined({
    Policies,
    DeletionProtection,
    LambdaConfig,
    SchemaAttributes: kept.SchemaAttributes,
    AliasAttributes: kept.AliasAttributes,
    UsernameAttributes: kept.UsernameAttributes,
    ...rest,
    UserPoolTags: input.UserPoolTags ?? kept.UserPoolTags,
    UsernameConfiguration: kept.UsernameConfiguration,
    UserPoolTier: input.UserPoolTier ?? kept.UserPoolTier,
  });
}

export const UpdateUserPool = operation<UpdateUserPoolCommandInput, UpdateUserPoolCommandOutput, Pick<Services, 'store' | 'clock'>>(
  ({ store, clock }) => ({
    input: structure({
      UserPoolId: required(UserPoolIdType),
      PoolName: UserPoolNameType,
      ...poolSettingsMembers,
      UserPoolTags: UserPoolTagsType,
    }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      const mfaFactors = mfaFactorsAfterUpdate(pool, input);
      const config = updatedConfig(pool, input);
      checkThreatProtectionTier(config);
      store.pools.save({
        ...pool,
        name: input.PoolName ?? pool.name,
        modified: clock.now(),
        config,
        mfaFactors,
      });
      return {};
    },
  }),
);
