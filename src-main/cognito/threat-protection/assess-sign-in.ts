/**
 * Threat protection's verdict on a sign-in whose password was just proved (USER_PASSWORD_AUTH,
 * ADMIN_USER_PASSWORD_AUTH, USER_SRP_AUTH, USER_AUTH with a password): the sandbox's risk model is
 * the developer's marks (./marks.ts), the request's source address against the IP lists, and the
 * compromised passwords (checked only where the password was sent: not in SRP).
 *
 * In ENFORCED mode, in this order:
 *  1. the address in BlockedIPRangeList: blocked (RiskDecision Block), no risk assessed;
 *  2. a compromised password with the SIGN_IN filter and action BLOCK: blocked, and the user's
 *     status becomes RESET_REQUIRED (the guide: "it sets the user's UserStatus to RESET_REQUIRED");
 *  3. the address in SkippedIPRangeList: no risk assessed (NoRisk), marks left for later;
 *  4. the risk level marked: the configured action for it (BLOCK; MFA_REQUIRED: MFA if the user
 *     has a factor, else blocked; MFA_IF_CONFIGURED: MFA if they have one, else allowed;
 *     NO_ACTION), and the notification email if the action notifies.
 * In AUDIT mode the same is assessed and recorded, and nothing is done (no block, no MFA, no email).
 * Every assessment records a SignIn auth event (InProgress until the tokens settle it; Fail when
 * blocked) and publishes `risk.assessed`.
 *
 * Assumptions: a block answers NotAuthorizedException "Unable to login because of security
 * reasons." (an IP block, a risk level), and PasswordResetRequiredException for compromised
 * credentials (the user is then RESET_REQUIRED); a compromised password's event is rated High.
 */
import type { BaseServices } from '../../base-services.js';
import type { StoredAuthEvent } from '../../store/repositories/threat-protection.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import type { EventData } from '../../../shared/events.js';
import { usernameKeyOf } from '../usernames.js';
import { deliverAuthEventLog } from './auth-events.js';
import { inRanges } from './ip-ranges.js';
import { marksForSignIn } from './marks.js';
import { threatProtectionMode } from './mode.js';
import { notifyUser, type NotifyKind } from './notify.js';
import { compromisedCredentialsAction, effectiveRiskConfiguration, takeoverActionFor, type RiskLevel } from './risk-configuration.js';
import { riskMfaStep } from './risk-mfa.js';

export type ThreatServices = Pick<BaseServices, 'store' | 'clock' | 'ids' | 'bus'>;

export const SECURITY_BLOCK = { type: 'NotAuthorizedException', message: 'Unable to login because of security reasons.' } as const;
export const COMPROMISED_BLOCK = { type: 'PasswordResetRequiredException', message: 'Password reset required for the user' } as const;

export interface SignInToAssess {
  pool: UserPool;
  clientId: string;
  user: StoredUser;
  sourceIp?: string;
  deviceKey?: string;
  /** Whether the password sent is compromised; undefined where none was sent (SRP). */
  compromisedPassword?: boolean;
  flowId?: string;
  /** The one-click links' base. */
  origin: string;
}

export type RiskVerdict =
  | { outcome: 'allow'; eventId?: string }
  | { outcome: 'mfa'; eventId: string }
  | { outcome: 'block'; eventId: string; reason: string; error: { type: string; message: string } };

const LEVEL_NAMES: Readonly<Record<RiskLevel, 'Low' | 'Medium' | 'High'>> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' };

interface Decision {
  risk: StoredAuthEvent['risk'];
  why: string[];
  override?: string;
  action: string;
  notify: boolean;
  /** Consumed only when risk was assessed. */
  markIds: string[];
  compromisedBlock: boolean;
}

function decide(services: ThreatServices, request: SignInToAssess, configuration: ReturnType<typeof effectiveRiskConfiguration>['configuration']): Decision {
  const { pool, user, sourceIp } = request;
  const exceptions = configuration.RiskExceptionConfiguration;
  const compromisedAction = request.compromisedPassword ? compromisedCredentialsAction(configuration, 'SIGN_IN') : undefined;
  const compromised = compromisedAction !== undefined;
  const compromisedWhy = compromised ? [`the password is marked compromised (SIGN_IN: ${compromisedAction})`] : [];
  if (inRanges(sourceIp, exceptions?.BlockedIPRangeList)) {
    const override = `BlockedIPRangeList ${exceptions!.BlockedIPRangeList!.join(', ')}`;
    return {
      risk: { RiskDecision: 'Block', CompromisedCredentialsDetected: compromised },
      why: [`${sourceIp} is in the BlockedIPRangeList`, ...compromisedWhy],
      override,
      action: 'BLOCK',
      notify: false,
      markIds: [],
      compromisedBlock: false,
    };
  }
  if (compromisedAction === 'BLOCK') {
    return {
      risk: { RiskDecision: 'Block', RiskLevel: 'High', CompromisedCredentialsDetected: true },
      why: compromisedWhy,
      action: 'BLOCK',
      notify: false,
      markIds: [],
      compromisedBlock: true,
    };
  }
  if (inRanges(sourceIp, exceptions?.SkippedIPRangeList)) {
    return {
      risk: { RiskDecision: 'NoRisk', CompromisedCredentialsDetected: compromised },
      why: [`${sourceIp} is in the SkippedIPRangeList: no risk assessed`, ...compromisedWhy],
      override: `SkippedIPRangeList ${exceptions!.SkippedIPRangeList!.join(', ')}`,
      action: 'NO_ACTION',
      notify: false,
      markIds: [],
      compromisedBlock: false,
    };
  }
  const marks = marksForSignIn(services.store, pool.id, { usernameKey: usernameKeyOf(pool, user.username), ...(sourceIp && { ip: sourceIp }), ...(request.deviceKey && { deviceKey: request.deviceKey }) });
  if (!marks.level) {
    return {
      risk: { RiskDecision: 'NoRisk', CompromisedCredentialsDetected: compromised },
      why: ['no risk marked for this user, address or device', ...compromisedWhy],
      action: 'NO_ACTION',
      notify: false,
      markIds: [],
      compromisedBlock: false,
    };
  }
  const takeover = takeoverActionFor(configuration, marks.level);
  return {
    risk: { RiskDecision: 'AccountTakeover', RiskLevel: LEVEL_NAMES[marks.level], CompromisedCredentialsDetected: compromised },
    why: [...marks.reasons, ...compromisedWhy],
    action: takeover.EventAction,
    notify: takeover.Notify,
    markIds: marks.ids,
    compromisedBlock: false,
  };
}

/** What ENFORCED mode does with the decision: the sign-in's outcome, and which notification fits it. */
function enforce(request: SignInToAssess, decision: Decision): { outcome: 'allow' | 'mfa' | 'block'; taken: string; email: NotifyKind } {
  if (decision.action === 'BLOCK') return { outcome: 'block', taken: 'blocked', email: 'BlockEmail' };
  if (decision.action === 'MFA_REQUIRED' || decision.action === 'MFA_IF_CONFIGURED') {
    if (riskMfaStep(request.pool, request.user)) return { outcome: 'mfa', taken: 'MFA challenged', email: 'MfaEmail' };
    if (decision.action === 'MFA_REQUIRED') return { outcome: 'block', taken: 'blocked (MFA required, the user has no factor)', email: 'BlockEmail' };
    return { outcome: 'allow', taken: 'allowed (MFA if configured, the user has no factor)', email: 'NoActionEmail' };
  }
  return { outcome: 'allow', taken: 'allowed', email: 'NoActionEmail' };
}

export function assessSignIn(services: ThreatServices, request: SignInToAssess): RiskVerdict {
  const { store, clock, ids, bus } = services;
  const { pool, user } = request;
  const mode = threatProtectionMode(pool);
  if (mode === 'OFF') return { outcome: 'allow' };
  const { configuration, source } = effectiveRiskConfiguration(store, pool.id, request.clientId);
  const decision = decide(services, request, configuration);
  const enforced = mode === 'ENFORCED' ? enforce(request, decision) : { outcome: 'allow' as const, taken: 'recorded only (AUDIT)', email: 'NoActionEmail' as const };
  const now = clock.now();
  const event: StoredAuthEvent = {
    eventId: ids.uuid(),
    poolId: pool.id,
    sub: user.sub,
    username: user.username,
    clientId: request.clientId,
    ...(request.flowId && { flowId: request.flowId }),
    eventType: 'SignIn',
    created: now,
    eventResponse: enforced.outcome === 'block' ? 'Fail' : 'InProgress',
    risk: decision.risk,
    challenges: [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }],
    contextData: { ...(request.sourceIp && { IpAddress: request.sourceIp }) },
    feedbackToken: ids.opaque(),
  };
  store.transaction(() => {
    store.authEvents.insert(event);
    store.riskMarks.consume(pool.id, decision.markIds);
    if (mode === 'ENFORCED' && decision.compromisedBlock) store.users.save({ ...user, status: 'RESET_REQUIRED', modified: now });
  });
  deliverAuthEventLog(services, event);
  const notified = mode === 'ENFORCED' && decision.notify && notifyUser(services, { configuration, kind: enforced.email, user, event, origin: request.origin });
  const assessed: EventData<'risk.assessed'> = {
    eventId: event.eventId,
    eventType: 'SignIn',
    mode,
    username: user.username,
    ...(decision.risk.RiskLevel && { level: decision.risk.RiskLevel as 'Low' | 'Medium' | 'High' }),
    decision: decision.risk.RiskDecision as EventData<'risk.assessed'>['decision'],
    compromisedCredentials: decision.risk.CompromisedCredentialsDetected,
    why: decision.why,
    configuration: source,
    ...(decision.override && { override: decision.override }),
    action: decision.action,
    actionTaken: enforced.taken,
    notified,
    ...(request.sourceIp && { ipAddress: request.sourceIp }),
  };
  bus.publish('risk.assessed', assessed, { poolId: pool.id, ...(request.flowId && { flowId: request.flowId }) });
  if (enforced.outcome === 'block') {
    return { outcome: 'block', eventId: event.eventId, reason: `blocked by threat protection: ${decision.why.join('; ')}`, error: decision.compromisedBlock ? COMPROMISED_BLOCK : SECURITY_BLOCK };
  }
  return { outcome: enforced.outcome, eventId: event.eventId };
}
