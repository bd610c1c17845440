/**
 * Threat protection's developer controls, below `/_sandbox/api/risk/{poolId}`:
 * - `GET marks`, `POST marks` `{kind, target, level}` or `{kind: "password", password}`,
 *   `DELETE marks/{id}`: the deterministic risk the sandbox assesses instead of Cognito's model
 *   (cognito/threat-protection/marks.ts): the NEXT sign-in of a user (by username, alias or sub),
 *   from an IP address, or presenting a device key, rated LOW / MEDIUM / HIGH; and compromised
 *   passwords, kept until removed (only a hash and a hint are stored);
 * - `GET events`: the pool's latest auth events, every user's;
 * - `GET feedback?username&eventId&token&value`: the notification email's one-click links, which
 *   give the user's feedback as UpdateAuthEventFeedback does.
 * Bounded: targets and passwords of 1 to 256 characters without control characters.
 */
import type { Request, Response } from 'express';
import { isIP } from 'node:net';
import type { AuthEventItem, ErrorBody, RiskMarkItem, RiskMarkKind, RiskMarkLevel } from '../../../shared/debugger-api.js';
import { CognitoError } from '../../cognito/errors.js';
import { giveAuthEventFeedback } from '../../cognito/threat-protection/feedback.js';
import { passwordDigest, passwordHint } from '../../cognito/threat-protection/marks.js';
import { resolveUser, usernameKeyOf } from '../../cognito/usernames.js';
import type { Services } from '../../services.js';
import type { RiskMark, StoredAuthEvent } from '../../store/repositories/threat-protection.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import { jsonBodyReader, BadQuery, integerQuery, notFound, textQuery, type ApiHandler } from './route.js';

const KINDS: readonly RiskMarkKind[] = ['user', 'ip', 'device', 'password'];
const LEVELS: readonly RiskMarkLevel[] = ['LOW', 'MEDIUM', 'HIGH'];
const MAX_CHARS = 256;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const bodyOf = jsonBodyReader('16kb');

type Store = Services['store'];

function badRequest(res: Response<ErrorBody>, message: string): void {
  res.status(400).json({ error: 'bad_request', message });
}

const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_CHARS && !CONTROL.test(value);

export function toRiskMarkItem(mark: RiskMark): RiskMarkItem {
  return {
    id: mark.id,
    kind: mark.kind,
    target: mark.kind === 'password' ? (mark.hint ?? '') : mark.target,
    ...(mark.level && { level: mark.level as RiskMarkLevel }),
    created: mark.created,
  };
}

function toAuthEventItem(event: StoredAuthEvent): AuthEventItem {
  return {
    eventId: event.eventId,
    username: event.username,
    eventType: event.eventType,
    created: event.created,
    eventResponse: event.eventResponse,
    riskDecision: event.risk.RiskDecision,
    ...(event.risk.RiskLevel && { riskLevel: event.risk.RiskLevel }),
    compromisedCredentials: event.risk.CompromisedCredentialsDetected,
    ...(event.contextData.IpAddress && { ipAddress: event.contextData.IpAddress }),
    challenges: event.challenges,
    ...(event.feedback && { feedback: { value: event.feedback.FeedbackValue, provider: event.feedback.Provider, date: event.feedback.FeedbackDate } }),
    ...(event.flowId && { flowId: event.flowId }),
  };
}

/** The mark a body asks for (without id and date), or the sentence saying what is wrong with it. */
function markOf(store: Store, pool: UserPool, body: unknown): Pick<RiskMark, 'kind' | 'target' | 'level' | 'hint'> | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The body must be a JSON object: {"kind", "target", "level"} or {"kind": "password", "password"}.';
  const { kind, target, level, password } = body as Record<string, unknown>;
  if (!KINDS.includes(kind as RiskMarkKind)) return `kind must be one of ${KINDS.join(', ')}.`;
  if (kind === 'password') {
    if (!text(password)) return `password must be text of 1 to ${MAX_CHARS} characters.`;
    return { kind, target: passwordDigest(password), hint: passwordHint(password) };
  }
  if (!LEVELS.includes(level as RiskMarkLevel)) return `level must be one of ${LEVELS.join(', ')}.`;
  if (!text(target)) return `target must be text of 1 to ${MAX_CHARS} characters.`;
  if (kind === 'ip' && isIP(target) === 0) return `${target} is not an IP address.`;
  if (kind === 'user') {
    const user = resolveUser(store, pool, target);
    if (!user) return `${pool.id} has no user ${target}.`;
    return { kind, target: usernameKeyOf(pool, user.username), level: level as string };
  }
  return { kind: kind as RiskMarkKind, target, level: level as string };
}

function poolOf(store: Store, poolId: string): UserPool | undefined {
  return store.pools.findById(poolId);
}

export function riskMarks({ store }: Pick<Services, 'store'>): ApiHandler<'riskMarks'> {
  return (req, res) => {
    const pool = poolOf(store, req.params.poolId);
    if (!pool) return notFound(res, `User pool ${req.params.poolId} does not exist.`);
    res.json(store.riskMarks.list(pool.id).map(toRiskMarkItem));
  };
}

export function saveRiskMark({ store, clock, ids }: Pick<Services, 'store' | 'clock' | 'ids'>): ApiHandler<'saveRiskMark'> {
  return async (req, res) => {
    const pool = poolOf(store, req.params.poolId);
    if (!pool) return notFound(res, `User pool ${req.params.poolId} does not exist.`);
    if (!req.is('application/json')) return badRequest(res as Response<ErrorBody>, 'The body must be JSON (Content-Type: application/json).');
    const body = await bodyOf(req as Request, res as Response);
    const mark = body === undefined ? 'The body is not readable JSON of at most 16 KB.' : markOf(store, pool, body);
    if (typeof mark === 'string') return badRequest(res as Response<ErrorBody>, mark);
    const saved: RiskMark = { id: ids.uuid(), poolId: pool.id, created: clock.now(), ...mark };
    store.riskMarks.put(saved);
    res.json(toRiskMarkItem(saved));
  };
}

export function removeRiskMark({ store }: Pick<Services, 'store'>): ApiHandler<'removeRiskMark'> {
  return (req, res) => {
    if (!store.riskMarks.remove(req.params.poolId, req.params.id)) return notFound(res, `No risk mark ${req.params.id} in ${req.params.poolId}.`);
    res.json({ removed: true });
  };
}

export function authEvents({ store }: Pick<Services, 'store'>): ApiHandler<'authEvents'> {
  return (req, res) => {
    const pool = poolOf(store, req.params.poolId);
    if (!pool) return notFound(res, `User pool ${req.params.poolId} does not exist.`);
    const limit = integerQuery(req.query, 'limit', { min: 1, max: 1000, fallback: 100 });
    res.json(store.authEvents.listForPool(pool.id, limit).map(toAuthEventItem));
  };
}

export function riskFeedback({ store, clock }: Pick<Services, 'store' | 'clock'>): ApiHandler<'riskFeedback'> {
  return (req, res) => {
    const pool = poolOf(store, req.params.poolId);
    if (!pool) return notFound(res, `User pool ${req.params.poolId} does not exist.`);
    const [username, eventId, token, value] = ['username', 'eventId', 'token', 'value'].map((name) => textQuery(req.query, name));
    if (!username || !eventId || !token) throw new BadQuery('username, eventId and token are required.');
    if (value !== 'Valid' && value !== 'Invalid') throw new BadQuery('value must be Valid or Invalid.');
    const user = resolveUser(store, pool, username);
    if (!user) return notFound(res, `${pool.id} has no user ${username}.`);
    try {
      giveAuthEventFeedback({ store, clock }, { pool, user, eventId, value, feedbackToken: token });
    } catch (error) {
      if (error instanceof CognitoError) return notFound(res, error.message);
      throw error;
    }
    res.json({ recorded: true, feedbackValue: value });
  };
}
