/**
 * Risk configurations as Cognito keeps them: one for the pool, and one per app client that
 * overrides it entirely (RiskConfigurationType.ClientId: "When the client ID isn't null, the user
 * pool configuration is overridden and the risk configuration for the client is used instead").
 *
 * Cognito's rules beyond the API model (SetRiskConfiguration refuses a configuration breaking
 * them with InvalidParameterException; the wording is the sandbox's):
 * - a higher risk level never gets a less restrictive action than a lower one
 *   (NO_ACTION < MFA_IF_CONFIGURED < MFA_REQUIRED < BLOCK), as the console explains;
 * - an action that notifies needs a NotifyConfiguration (the email's sender);
 * - the IP lists hold CIDR blocks.
 *
 * Assumption: when nothing was set (or only the UserPoolId, "to defaults"), the defaults are the
 * console's "Cognito defaults": compromised credentials detected on sign-in, sign-up and password
 * change and blocked; adaptive authentication blocks sign-in at every risk level, without notifying.
 */
import { InvalidParameterException } from '../errors.js';
import type { Store } from '../../store/index.js';
import type { StoredRiskConfiguration, TakeoverAction } from '../../store/repositories/threat-protection.js';
import { invalidRange } from './ip-ranges.js';

export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH';
export const RISK_LEVELS: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH'];
export type TakeoverEventAction = 'NO_ACTION' | 'MFA_IF_CONFIGURED' | 'MFA_REQUIRED' | 'BLOCK';
export type CompromisedEvent = 'SIGN_IN' | 'SIGN_UP' | 'PASSWORD_CHANGE';

/** Each event action by how much it restricts. */
const RESTRICTION: Readonly<Record<TakeoverEventAction, number>> = { NO_ACTION: 0, MFA_IF_CONFIGURED: 1, MFA_REQUIRED: 2, BLOCK: 3 };
const ACTION_MEMBER: Readonly<Record<RiskLevel, 'LowAction' | 'MediumAction' | 'HighAction'>> = { LOW: 'LowAction', MEDIUM: 'MediumAction', HIGH: 'HighAction' };

const COGNITO_DEFAULTS: StoredRiskConfiguration = {
  CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_IN', 'SIGN_UP', 'PASSWORD_CHANGE'], Actions: { EventAction: 'BLOCK' } },
  AccountTakeoverRiskConfiguration: {
    Actions: {
      LowAction: { Notify: false, EventAction: 'BLOCK' },
      MediumAction: { Notify: false, EventAction: 'BLOCK' },
      HighAction: { Notify: false, EventAction: 'BLOCK' },
    },
  },
};

/** Refuses what Cognito refuses beyond the API model. */
export function checkRiskConfiguration(configuration: StoredRiskConfiguration): void {
  const takeover = configuration.AccountTakeoverRiskConfiguration;
  if (takeover) {
    let previous: { level: RiskLevel; action: TakeoverEventAction } | undefined;
    for (const level of RISK_LEVELS) {
      const action = takeover.Actions[ACTION_MEMBER[level]]?.EventAction as TakeoverEventAction | undefined;
      if (!action) continue;
      if (previous && RESTRICTION[action] < RESTRICTION[previous.action]) {
        throw new InvalidParameterException(
          `The ${ACTION_MEMBER[level]} ${action} is less restrictive than the ${ACTION_MEMBER[previous.level]} ${previous.action}: a higher risk cannot have a weaker action.`,
        );
      }
      previous = { level, action };
    }
    const notifies = RISK_LEVELS.some((level) => takeover.Actions[ACTION_MEMBER[level]]?.Notify === true);
    if (notifies && !takeover.NotifyConfiguration) {
      throw new InvalidParameterException('NotifyConfiguration is required when an account takeover action notifies the user.');
    }
  }
  const exceptions = configuration.RiskExceptionConfiguration;
  const bad = invalidRange([...(exceptions?.BlockedIPRangeList ?? []), ...(exceptions?.SkippedIPRangeList ?? [])]);
  if (bad !== undefined) throw new InvalidParameterException(`${bad} is not an IP address range in CIDR notation.`);
}

export interface EffectiveRiskConfiguration {
  configuration: StoredRiskConfiguration;
  /** Whose it is: the app client's own, the pool's, or (nothing set) Cognito's defaults. */
  source: 'client' | 'pool' | 'defaults';
}

/** The configuration an event through `clientId` follows: the client's own, else the pool's; Cognito's defaults fill what neither sets. */
export function effectiveRiskConfiguration(store: Pick<Store, 'riskConfigurations'>, poolId: string, clientId: string | undefined): EffectiveRiskConfiguration {
  const client = clientId ? store.riskConfigurations.find(poolId, clientId) : undefined;
  const own = client ?? store.riskConfigurations.find(poolId);
  const configuration = own?.configuration ?? {};
  return {
    configuration: {
      CompromisedCredentialsRiskConfiguration: configuration.CompromisedCredentialsRiskConfiguration ?? COGNITO_DEFAULTS.CompromisedCredentialsRiskConfiguration,
      AccountTakeoverRiskConfiguration: configuration.AccountTakeoverRiskConfiguration ?? COGNITO_DEFAULTS.AccountTakeoverRiskConfiguration,
      ...(configuration.RiskExceptionConfiguration && { RiskExceptionConfiguration: configuration.RiskExceptionConfiguration }),
    },
    source: client ? 'client' : own ? 'pool' : 'defaults',
  };
}

/** The action configured for `level` (an action left out takes none and notifies no one). */
export function takeoverActionFor(configuration: StoredRiskConfiguration, level: RiskLevel): TakeoverAction & { EventAction: TakeoverEventAction } {
  const action = configuration.AccountTakeoverRiskConfiguration?.Actions[ACTION_MEMBER[level]];
  return { Notify: action?.Notify ?? false, EventAction: (action?.EventAction as TakeoverEventAction | undefined) ?? 'NO_ACTION' };
}

/** Whether compromised credentials are checked at `event` ("all events if no event filter is specified"), and what is done then. */
export function compromisedCredentialsAction(configuration: StoredRiskConfiguration, event: CompromisedEvent): 'BLOCK' | 'NO_ACTION' | undefined {
  const compromised = configuration.CompromisedCredentialsRiskConfiguration;
  if (!compromised) return undefined;
  const filter = compromised.EventFilter?.length ? compromised.EventFilter : ['SIGN_IN', 'SIGN_UP', 'PASSWORD_CHANGE'];
  if (!filter.includes(event)) return undefined;
  return compromised.Actions.EventAction === 'BLOCK' ? 'BLOCK' : 'NO_ACTION';
}

