/**
 * Threat protection beyond the sign-in's risk verdict (./assess-sign-in.ts): compromised
 * credentials at sign-up and password change, and the auth events of the other user activity
 * Cognito records (EventType SignUp, ForgotPassword, PasswordChange, ResendCode, and a sign-in
 * refused for a wrong password), each delivered to the pool's userAuthEvents log.
 *
 * Which calls check passwords (the guide: "Amazon Cognito can check for compromised credentials
 * during sign-in, sign-up, and password changes"; context data is accepted by SignUp,
 * ConfirmSignUp, ForgotPassword, ConfirmForgotPassword, ResendConfirmationCode, InitiateAuth and
 * RespondToAuthChallenge and their admin sign-in counterparts only):
 *  - SIGN_UP: SignUp (and the hosted UI's sign-up, which runs the same flow);
 *  - PASSWORD_CHANGE: ChangePassword, ConfirmForgotPassword, and the NEW_PASSWORD_REQUIRED answer.
 * Assumptions: passwords an administrator sets (AdminCreateUser, AdminSetUserPassword) are not
 * checked and record no event (no user context reaches Cognito there); a blocked sign-up or
 * password change answers InvalidPasswordException with the sandbox's wording (Cognito's own is
 * not in the reference); a compromised password is rated High; a blocked sign-up leaves no user,
 * so no auth event lists it (its `risk.assessed` still shows in the flow); ForgotPassword is
 * recorded when the code is sent and ConfirmForgotPassword as PasswordChange; a blocked password
 * change is a PasswordChange event with EventResponse Fail and RiskDecision Block.
 */
import type { BaseServices } from '../../base-services.js';
import type { EventData } from '../../../shared/events.js';
import type { StoredAuthEvent } from '../../store/repositories/threat-protection.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import { InvalidPasswordException } from '../errors.js';
import { deliverAuthEventLog } from './auth-events.js';
import { isCompromisedPassword } from './marks.js';
import { threatProtectionMode } from './mode.js';
import { compromisedCredentialsAction, effectiveRiskConfiguration, type CompromisedEvent } from './risk-configuration.js';

export type UserEventServices = Pick<BaseServices, 'store' | 'clock' | 'ids' | 'bus'>;
export type UserEventType = 'SignIn' | 'SignUp' | 'ForgotPassword' | 'PasswordChange' | 'ResendCode';

export const COMPROMISED_PASSWORD_MESSAGE = 'The password given has been compromised. Choose another password.';

export interface UserActivity {
  pool: UserPool;
  clientId?: string;
  /** The user (or, at sign-up, the user about to be written). */
  user: { sub: string; username: string };
  eventType: UserEventType;
  flowId?: string;
  sourceIp?: string;
}

/** Threat protection's verdict on a password sent at sign-up or password change. */
export interface PasswordVerdict {
  /** The auth event this verdict belongs to (recorded by recordUserEvent with it). */
  eventId: string;
  compromised: boolean;
  blocked: boolean;
}

const EVENT_FILTERS: Readonly<Partial<Record<UserEventType, CompromisedEvent>>> = { SignUp: 'SIGN_UP', PasswordChange: 'PASSWORD_CHANGE', SignIn: 'SIGN_IN' };

/**
 * Checks `password` against the compromised passwords, as the risk configuration's event filter
 * and action say for the activity, and publishes `risk.assessed`; undefined where threat
 * protection is off. ENFORCED with BLOCK blocks; AUDIT and NO_ACTION only record.
 */
export function assessPassword({ store, ids, bus }: UserEventServices, activity: UserActivity, password: string): PasswordVerdict | undefined {
  const mode = threatProtectionMode(activity.pool);
  if (mode === 'OFF') return undefined;
  const { configuration, source } = effectiveRiskConfiguration(store, activity.pool.id, activity.clientId);
  const filter = EVENT_FILTERS[activity.eventType];
  const action = filter && compromisedCredentialsAction(configuration, filter);
  const compromised = action !== undefined && isCompromisedPassword(store, activity.pool.id, password);
  const blocked = compromised && mode === 'ENFORCED' && action === 'BLOCK';
  const verdict: PasswordVerdict = { eventId: ids.uuid(), compromised, blocked };
  const assessed: EventData<'risk.assessed'> = {
    eventId: verdict.eventId,
    eventType: activity.eventType,
    mode,
    username: activity.user.username,
    ...(compromised && { level: 'High' as const }),
    decision: blocked ? 'Block' : 'NoRisk',
    compromisedCredentials: compromised,
    why: compromised
      ? [`the password is marked compromised (${filter}: ${action})`]
      : [action === undefined ? `the compromised credentials filter leaves out ${filter ?? activity.eventType}` : 'the password is not marked compromised'],
    configuration: source,
    action: action ?? 'NO_ACTION',
    actionTaken: blocked ? 'blocked' : mode === 'AUDIT' ? 'recorded only (AUDIT)' : 'allowed',
    notified: false,
    ...(activity.sourceIp && { ipAddress: activity.sourceIp }),
  };
  bus.publish('risk.assessed', assessed, { poolId: activity.pool.id, ...(activity.flowId && { flowId: activity.flowId }) });
  return verdict;
}

/** The refusal of a password threat protection blocked. */
export function compromisedPasswordError(): Error {
  return new InvalidPasswordException(COMPROMISED_PASSWORD_MESSAGE);
}

/** assessPassword, throwing InvalidPasswordException when it blocks (after recording the Fail event, where the user exists). */
export function checkPasswordNotCompromised(services: UserEventServices, activity: UserActivity, password: string, userExists: boolean): PasswordVerdict | undefined {
  const verdict = assessPassword(services, activity, password);
  if (verdict?.blocked) {
    if (userExists) recordUserEvent(services, activity, { eventResponse: 'Fail', verdict });
    throw compromisedPasswordError();
  }
  return verdict;
}

export interface EventOutcome {
  eventResponse: 'Pass' | 'Fail';
  /** The password's verdict, when one was assessed: its event id and risk. */
  verdict?: PasswordVerdict;
  challenges?: StoredAuthEvent['challenges'];
}

/** Records the activity as an auth event (where threat protection is on) and delivers its log record. */
export function recordUserEvent(services: UserEventServices, activity: UserActivity, outcome: EventOutcome): StoredAuthEvent | undefined {
  const { store, clock, ids } = services;
  if (threatProtectionMode(activity.pool) === 'OFF') return undefined;
  const verdict = outcome.verdict;
  const event: StoredAuthEvent = {
    eventId: verdict?.eventId ?? ids.uuid(),
    poolId: activity.pool.id,
    sub: activity.user.sub,
    username: activity.user.username,
    ...(activity.clientId && { clientId: activity.clientId }),
    ...(activity.flowId && { flowId: activity.flowId }),
    eventType: activity.eventType,
    created: clock.now(),
    eventResponse: outcome.eventResponse,
    risk: {
      RiskDecision: verdict?.blocked ? 'Block' : 'NoRisk',
      ...(verdict?.compromised && { RiskLevel: 'High' }),
      CompromisedCredentialsDetected: verdict?.compromised ?? false,
    },
    challenges: outcome.challenges ?? [],
    contextData: { ...(activity.sourceIp && { IpAddress: activity.sourceIp }) },
    feedbackToken: ids.opaque(),
  };
  store.authEvents.insert(event);
  deliverAuthEventLog(services, event);
  return event;
}
