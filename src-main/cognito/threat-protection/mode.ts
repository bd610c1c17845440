/**
 * A pool's threat protection mode (UserPoolAddOns.AdvancedSecurityMode): OFF, AUDIT (assess and
 * record, never act) or ENFORCED (act as the risk configuration says). It needs the Plus feature
 * plan; the pools operations refuse it elsewhere (checkThreatProtectionTier).
 */
import { FeatureUnavailableInTierException, UserPoolAddOnNotEnabledException } from '../errors.js';
import type { UserPool, UserPoolConfig } from '../../store/repositories/user-pools.js';

export type ThreatProtectionMode = 'OFF' | 'AUDIT' | 'ENFORCED';

export function threatProtectionMode(pool: UserPool): ThreatProtectionMode {
  return (pool.config.UserPoolAddOns?.AdvancedSecurityMode as ThreatProtectionMode | undefined) ?? 'OFF';
}

/** The operations of threat protection answer only in a pool that has it on (AUDIT or ENFORCED). */
export function requireThreatProtection(pool: UserPool): void {
  if (threatProtectionMode(pool) === 'OFF') throw new UserPoolAddOnNotEnabledException('Advanced security features are not enabled for this user pool.');
}

/**
 * CreateUserPool / UpdateUserPool: AdvancedSecurityMode AUDIT or ENFORCED (and the custom flows'
 * AdvancedSecurityAdditionalFlows) need the Plus feature plan.
 */
export function checkThreatProtectionTier(config: Pick<UserPoolConfig, 'UserPoolAddOns' | 'UserPoolTier'>): void {
  const mode = config.UserPoolAddOns?.AdvancedSecurityMode ?? 'OFF';
  if (mode !== 'OFF' && (config.UserPoolTier ?? 'ESSENTIALS') !== 'PLUS') {
    throw new FeatureUnavailableInTierException('Threat protection requires the Plus feature plan (UserPoolTier PLUS).');
  }
}
