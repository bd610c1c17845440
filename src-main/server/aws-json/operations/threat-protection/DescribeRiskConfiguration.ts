/**
 * The risk configuration of a pool, or of an app client: the client's own when it has one, else
 * the pool's, which it inherits (answered without ClientId, as the pool's).
 *
 * Assumptions: a pool that never had one answers its UserPoolId alone; the pool must have threat
 * protection on, as for SetRiskConfiguration (UserPoolAddOnNotEnabledException).
 */
import type { DescribeRiskConfigurationCommandInput, DescribeRiskConfigurationCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requireClient, requirePool } from '../../../../cognito/resources.js';
import { requireThreatProtection } from '../../../../cognito/threat-protection/mode.js';
import { ClientIdType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { toRiskConfigurationType } from './shapes.js';

export const DescribeRiskConfiguration = operation<DescribeRiskConfigurationCommandInput, DescribeRiskConfigurationCommandOutput, Pick<Services, 'store'>>(
  ({ store }) => ({
    input: structure({ UserPoolId: required(UserPoolIdType), ClientId: ClientIdType }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      const clientId = input.ClientId && requireClient(store, pool.id, input.ClientId).clientId;
      requireThreatProtection(pool);
      const own = clientId ? store.riskConfigurations.find(pool.id, clientId) : undefined;
      if (own) return { RiskConfiguration: toRiskConfigurationType(pool.id, own, clientId || undefined) };
      return { RiskConfiguration: toRiskConfigurationType(pool.id, store.riskConfigurations.find(pool.id)) };
    },
  }),
);
