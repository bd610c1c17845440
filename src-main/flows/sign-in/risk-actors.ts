/**
 * The sign-in machine's threat protection steps (cognito/threat-protection/): whether the
 * password sent is marked compromised (checked while the flow still holds it), and the verdict
 * on a sign-in whose password was proved: go on, MFA because of risk, or refused. Only the flows
 * Cognito covers reach them: the password flows, SRP and USER_AUTH with a password (not
 * CUSTOM_AUTH, passwordless or refresh).
 */
import { fromPromise } from 'xstate';
import type { BaseServices } from '../../base-services.js';
import { UserNotFoundException } from '../../cognito/errors.js';
import { requirePool } from '../../cognito/resources.js';
import { assessSignIn } from '../../cognito/threat-protection/assess-sign-in.js';
import { isCompromisedPassword } from '../../cognito/threat-protection/marks.js';
import { threatProtectionMode } from '../../cognito/threat-protection/mode.js';
import type { AssessRiskInput, CheckCompromisedPasswordInput, RiskStep } from './types.js';

export type RiskServices = Pick<BaseServices, 'store' | 'clock' | 'ids' | 'bus' | 'options'>;

export function riskActors(services: RiskServices) {
  const { store } = services;
  return {
    checkCompromisedPassword: fromPromise<boolean, CheckCompromisedPasswordInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      return threatProtectionMode(pool) !== 'OFF' && isCompromisedPassword(store, pool.id, input.password);
    }),

    assessRisk: fromPromise<RiskStep, AssessRiskInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      const user = store.users.findBySub(pool.id, input.account.sub);
      if (!user) throw new UserNotFoundException('User does not exist.');
      const verdict = assessSignIn(services, {
        pool,
        clientId: input.clientId,
        user,
        flowId: input.flowId,
        origin: input.origin ?? `http://${services.options.host}:${services.options.port}`,
        ...(input.sourceIp && { sourceIp: input.sourceIp }),
        ...(input.deviceKey && { deviceKey: input.deviceKey }),
        ...(input.compromisedPassword !== undefined && { compromisedPassword: input.compromisedPassword }),
      });
      if (verdict.outcome === 'block') return { outcome: 'block', eventId: verdict.eventId, failure: { reason: verdict.reason, error: verdict.error } };
      return verdict;
    }),
  };
}
