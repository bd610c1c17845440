/**
 * Sets the risk configuration of a pool, or of one of its app clients (which then overrides the
 * pool's entirely), and answers it. Only UserPoolId: the pool's configuration back to the
 * defaults. UserPoolId and ClientId only: the client's own configuration removed, so that it
 * inherits the pool's again (the answer names the pool's).
 *
 * Cognito's rules (cognito/threat-protection/risk-configuration.ts): a higher risk never gets a
 * weaker action, a notifying action needs a NotifyConfiguration, the IP lists hold CIDR blocks
 * (InvalidParameterException). The pool must have threat protection on (AUDIT or ENFORCED, which
 * needs the Plus plan): else UserPoolAddOnNotEnabledException.
 *
 * Limitations: the NotifyConfiguration's SES identity (SourceArn, From) is not checked, so
 * InvalidEmailRoleAccessPolicyException and CodeDeliveryFailureException never occur.
 */
import type { SetRiskConfigurationCommandInput, SetRiskConfigurationCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requireClient, requirePool } from '../../../../cognito/resources.js';
import { requireThreatProtection } from '../../../../cognito/threat-protection/mode.js';
import { checkRiskConfiguration } from '../../../../cognito/threat-protection/risk-configuration.js';
import type { StoredRiskConfiguration } from '../../../../store/repositories/threat-protection.js';
import { ClientIdType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import {
  AccountTakeoverRiskConfigurationType,
  CompromisedCredentialsRiskConfigurationType,
  RiskExceptionConfigurationType,
  toRiskConfigurationType,
} from './shapes.js';

/** The members of the request that make up the configuration, as given. */
function configurationOf(input: SetRiskConfigurationCommandInput): StoredRiskConfiguration {
  const { CompromisedCredentialsRiskConfiguration, AccountTakeoverRiskConfiguration, RiskExceptionConfiguration } = input as StoredRiskConfiguration;
  return {
    ...(CompromisedCredentialsRiskConfiguration && { CompromisedCredentialsRiskConfiguration }),
    ...(AccountTakeoverRiskConfiguration && { AccountTakeoverRiskConfiguration }),
    ...(RiskExceptionConfiguration && { RiskExceptionConfiguration }),
  };
}

export const SetRiskConfiguration = operation<SetRiskConfigurationCommandInput, SetRiskConfigurationCommandOutput, Pick<Services, 'store' | 'clock'>>(
  ({ store, clock }) => ({
    input: structure({
      UserPoolId: required(UserPoolIdType),
      ClientId: ClientIdType,
      CompromisedCredentialsRiskConfiguration: CompromisedCredentialsRiskConfigurationType,
      AccountTakeoverRiskConfiguration: AccountTakeoverRiskConfigurationType,
      RiskExceptionConfiguration: RiskExceptionConfigurationType,
    }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      const clientId = input.ClientId && requireClient(store, pool.id, input.ClientId).clientId;
      requireThreatProtection(pool);
      const configuration = configurationOf(input);
      checkRiskConfiguration(configuration);
      if (clientId && Object.keys(configuration).length === 0) {
        store.riskConfigurations.remove(pool.id, clientId);
        return { RiskConfiguration: toRiskConfigurationType(pool.id, store.riskConfigurations.find(pool.id)) };
      }
      store.riskConfigurations.save(pool.id, clientId || undefined, configuration, clock.now());
      return { RiskConfiguration: toRiskConfigurationType(pool.id, store.riskConfigurations.find(pool.id, clientId || undefined), clientId || undefined) };
    },
  }),
);
