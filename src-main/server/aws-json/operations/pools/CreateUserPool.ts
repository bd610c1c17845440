/**
 * LIMITATIONS: DcrConfiguration, KeyConfiguration, IssuerConfiguration and AcrConfiguration are
 * accepted but not stored; feature-plan (UserPoolTier) eligibility is enforced only for threat
 * protection (AdvancedSecurityMode AUDIT or ENFORCED needs PLUS).
 */
import type {
  CreateUserPoolCommandInput,
  CreateUserPoolCommandOutput,
  SchemaAttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { PoolMfaFactors, UserPool, UserPoolConfig } from '../../../../store/repositories/user-pools.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { UserPoolNameType, UserPoolTagsType } from '../../model.js';
import { operation } from '../../operation.js';
import { list, required, structure } from '../../shapes.js';
import { buildSchema } from '../../../../cognito/schema.js';
import { MFA_NEEDS_SMS_MESSAGE, buildPoolSettings, dropUndefined, poolSettingsMembers } from './settings.js';
import { checkThreatProtectionTier } from '../../../../cognito/threat-protection/mode.js';
import * as shapes from './shapes.js';
import { userPoolView } from './view.js';

function checkSignInAttributes(input: CreateUserPoolCommandInput): void {
  if (input.AliasAttributes?.length && input.UsernameAttributes?.length) {
    throw new InvalidParameterException('Only one of aliasAttributes or usernameAttributes can be set in a user pool.');
  }
}

function checkPreferredUsername(input: CreateUserPoolCommandInput, schema: SchemaAttributeType[]): void {
  const required = schema.find((a) => a.Name === 'preferred_username')?.Required;
  if (required && input.AliasAttributes?.includes('preferred_username')) {
    throw new InvalidParameterException('preferred_username cannot be both an alias and a required attribute.');
  }
}

/** At creation the only factor Cognito can turn on is SMS, so MFA ON/OPTIONAL needs it. */
function initialMfaFactors(input: CreateUserPoolCommandInput): PoolMfaFactors {
  if ((input.MfaConfiguration ?? 'OFF') === 'OFF') return {};
  if (!input.SmsConfiguration || !input.AutoVerifiedAttributes?.includes('phone_number')) {
    throw new InvalidParameterException(MFA_NEEDS_SMS_MESSAGE);
  }
  return { sms: true };
}

function poolConfig(input: CreateUserPoolCommandInput, schema: SchemaAttributeType[]): UserPoolConfig {
  const { Policies, DeletionProtection, LambdaConfig, ...rest } = buildPoolSettings(input);
  return dropUndefined({
    Policies,
    DeletionProtection,
    LambdaConfig,
    SchemaAttributes: schema,
    AliasAttributes: input.AliasAttributes?.length ? [...new Set(input.AliasAttributes)] : undefined,
    UsernameAttributes: input.UsernameAttributes?.length ? [...new Set(input.UsernameAttributes)] : undefined,
    ...rest,
    UserPoolTags: input.UserPoolTags ?? {},
    UsernameConfiguration: input.UsernameConfiguration,
  });
}

export const CreateUserPool = operation<CreateUserPoolCommandInput, CreateUserPoolCommandOutput, Pick<Services, 'store' | 'options' | 'clock' | 'ids' | 'keys'>>(
  (services) => ({
    input: structure({
      PoolName: required(UserPoolNameType),
      ...poolSettingsMembers,
      AliasAttributes: shapes.AliasAttributesListType,
      UsernameAttributes: shapes.UsernameAttributesListType,
      UserPoolTags: UserPoolTagsType,
      Schema: list(shapes.SchemaAttributeType, { min: 1, max: 50 }),
      UsernameConfiguration: shapes.UsernameConfigurationType,
    }),
    handle(input, context) {
      checkSignInAttributes(input);
      const schema = buildSchema(input.Schema);
      checkPreferredUsername(input, schema);
      const mfaFactors = initialMfaFactors(input);
      const config = poolConfig(input, schema);
      checkThreatProtectionTier(config);
      const now = services.clock.now();
      const pool: UserPool = {
        id: services.ids.userPoolId(context.region),
        name: input.PoolName!,
        created: now,
        modified: now,
        config,
        mfaFactors,
      };
      services.store.pools.insert(pool);
      services.keys.warm();
      return { UserPool: userPoolView(pool, services) };
    },
  }),
);
