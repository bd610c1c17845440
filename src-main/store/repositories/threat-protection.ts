/**
 * Threat protection's rows (migration 020): risk configurations, the developer's risk marks and
 * the auth events. Rows, not rules: what the rows mean is in cognito/threat-protection/.
 */
import type { Db } from '../db.js';

/** A risk configuration in Cognito's own member names (RiskConfigurationType without its ids and date). */
export interface StoredRiskConfiguration {
  CompromisedCredentialsRiskConfiguration?: { EventFilter?: string[]; Actions: { EventAction: string } };
  AccountTakeoverRiskConfiguration?: {
    NotifyConfiguration?: {
      From?: string;
      ReplyTo?: string;
      SourceArn: string;
      BlockEmail?: NotifyEmail;
      NoActionEmail?: NotifyEmail;
      MfaEmail?: NotifyEmail;
    };
    Actions: { LowAction?: TakeoverAction; MediumAction?: TakeoverAction; HighAction?: TakeoverAction };
  };
  RiskExceptionConfiguration?: { BlockedIPRangeList?: string[]; SkippedIPRangeList?: string[] };
}

export interface NotifyEmail {
  Subject: string;
  HtmlBody?: string;
  TextBody?: string;
}

export interface TakeoverAction {
  Notify: boolean;
  EventAction: string;
}

export interface RiskConfigurationRow {
  poolId: string;
  /** Absent for the pool's own configuration. */
  clientId?: string;
  configuration: StoredRiskConfiguration;
  modified: number;
}

export type RiskMarkKind = 'user' | 'ip' | 'device' | 'password';

/** A developer's mark: the next sign-in of a user, from an IP or with a device rated at `level`; or a compromised password. */
export interface RiskMark {
  id: string;
  poolId: string;
  kind: RiskMarkKind;
  /** The username key, the IP address, the device key, or the password's SHA-256 (hex). */
  target: string;
  level?: string;
  /** What the window shows of a password: its first and last characters. */
  hint?: string;
  created: number;
}

export interface StoredAuthEvent {
  eventId: string;
  poolId: string;
  sub: string;
  username: string;
  clientId?: string;
  flowId?: string;
  eventType: string;
  created: number;
  eventResponse: string;
  risk: { RiskDecision: string; RiskLevel?: string; CompromisedCredentialsDetected: boolean };
  challenges: { ChallengeName: string; ChallengeResponse: string }[];
  contextData: { IpAddress?: string; DeviceName?: string; Timezone?: string; City?: string; Country?: string };
  feedbackToken: string;
  feedback?: { FeedbackValue: string; Provider: string; FeedbackDate: number };
}

interface MarkRow {
  id: string;
  pool_id: string;
  kind: RiskMarkKind;
  target: string;
  level: string | null;
  hint: string | null;
  created: number;
}

interface EventRow {
  event_id: string;
  pool_id: string;
  sub: string;
  username: string;
  client_id: string | null;
  flow_id: string | null;
  event_type: string;
  created: number;
  event_response: string;
  risk: string;
  challenges: string;
  context_data: string;
  feedback_token: string;
  feedback: string | null;
}

const markOf = (row: MarkRow): RiskMark => ({
  id: row.id,
  poolId: row.pool_id,
  kind: row.kind,
  target: row.target,
  ...(row.level !== null && { level: row.level }),
  ...(row.hint !== null && { hint: row.hint }),
  created: row.created,
});

const eventOf = (row: EventRow): StoredAuthEvent => ({
  eventId: row.event_id,
  poolId: row.pool_id,
  sub: row.sub,
  username: row.username,
  ...(row.client_id !== null && { clientId: row.client_id }),
  ...(row.flow_id !== null && { flowId: row.flow_id }),
  eventType: row.event_type,
  created: row.created,
  eventResponse: row.event_response,
  risk: JSON.parse(row.risk) as StoredAuthEvent['risk'],
  challenges: JSON.parse(row.challenges) as StoredAuthEvent['challenges'],
  contextData: JSON.parse(row.context_data) as StoredAuthEvent['contextData'],
  feedbackToken: row.feedback_token,
  ...(row.feedback !== null && { feedback: JSON.parse(row.feedback) as StoredAuthEvent['feedback'] }),
});

/** Risk configurations: the pool's (client '') and its clients'. They go with their pool. */
export class RiskConfigurationsRepository {
  constructor(private readonly db: Db) {}

  find(poolId: string, clientId?: string): RiskConfigurationRow | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ configuration: string; modified: number }>('SELECT configuration, modified FROM risk_configurations WHERE pool_id = ? AND client_id = ?', [
        poolId,
        clientId ?? '',
      ]),
    );
    return row && { poolId, ...(clientId && { clientId }), configuration: JSON.parse(row.configuration) as StoredRiskConfiguration, modified: row.modified };
  }

  save(poolId: string, clientId: string | undefined, configuration: StoredRiskConfiguration, modified: number): void {
    this.db.write((tx) =>
      tx.run(
        'INSERT INTO risk_configurations (pool_id, client_id, configuration, modified) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (pool_id, client_id) DO UPDATE SET configuration = excluded.configuration, modified = excluded.modified',
        [poolId, clientId ?? '', JSON.stringify(configuration), modified],
      ),
    );
  }

  /** A client's configuration removed: the client inherits the pool's again. */
  remove(poolId: string, clientId: string): void {
    this.db.write((tx) => tx.run('DELETE FROM risk_configurations WHERE pool_id = ? AND client_id = ?', [poolId, clientId]));
  }
}

/** The developer's risk marks. */
export class RiskMarksRepository {
  constructor(private readonly db: Db) {}

  list(poolId: string): RiskMark[] {
    return this.db.read((tx) => tx.all<MarkRow>('SELECT * FROM risk_marks WHERE pool_id = ? ORDER BY created, id', [poolId])).map(markOf);
  }

  find(poolId: string, kind: RiskMarkKind, target: string): RiskMark | undefined {
    const row = this.db.read((tx) => tx.get<MarkRow>('SELECT * FROM risk_marks WHERE pool_id = ? AND kind = ? AND target = ?', [poolId, kind, target]));
    return row && markOf(row);
  }

  /** Adds the mark, replacing one of the same kind and target. */
  put(mark: RiskMark): void {
    this.db.write((tx) => {
      tx.run('DELETE FROM risk_marks WHERE pool_id = ? AND kind = ? AND target = ?', [mark.poolId, mark.kind, mark.target]);
      tx.run('INSERT INTO risk_marks (id, pool_id, kind, target, level, hint, created) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        mark.id,
        mark.poolId,
        mark.kind,
        mark.target,
        mark.level ?? null,
        mark.hint ?? null,
        mark.created,
      ]);
    });
  }

  remove(poolId: string, id: string): boolean {
    return this.db.write((tx) => tx.run('DELETE FROM risk_marks WHERE pool_id = ? AND id = ?', [poolId, id])) > 0;
  }

  /** Removes the marks a sign-in consumed, all at once. */
  consume(poolId: string, ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.db.write((tx) => {
      for (const id of ids) tx.run('DELETE FROM risk_marks WHERE pool_id = ? AND id = ?', [poolId, id]);
    });
  }
}

/** Auth events, newest first per user. */
export class AuthEventsRepository {
  constructor(private readonly db: Db) {}

  insert(event: StoredAuthEvent): void {
    this.db.write((tx) =>
      tx.run(
        'INSERT INTO auth_events (event_id, pool_id, sub, username, client_id, flow_id, event_type, created, event_response, risk, challenges, context_data, feedback_token, feedback) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          event.eventId,
          event.poolId,
          event.sub,
          event.username,
          event.clientId ?? null,
          event.flowId ?? null,
          event.eventType,
          event.created,
          event.eventResponse,
          JSON.stringify(event.risk),
          JSON.stringify(event.challenges),
          JSON.stringify(event.contextData),
          event.feedbackToken,
          event.feedback ? JSON.stringify(event.feedback) : null,
        ],
      ),
    );
  }

  find(poolId: string, eventId: string): StoredAuthEvent | undefined {
    const row = this.db.read((tx) => tx.get<EventRow>('SELECT * FROM auth_events WHERE pool_id = ? AND event_id = ?', [poolId, eventId]));
    return row && eventOf(row);
  }

  /** A user's events, newest first, from `offset`, at most `limit`. */
  listForUser(poolId: string, sub: string, offset: number, limit: number): StoredAuthEvent[] {
    return this.db
      .read((tx) => tx.all<EventRow>('SELECT * FROM auth_events WHERE pool_id = ? AND sub = ? ORDER BY created DESC, rowid DESC LIMIT ? OFFSET ?', [poolId, sub, limit, offset]))
      .map(eventOf);
  }

  /** The pool's latest events, newest first (the window's list). */
  listForPool(poolId: string, limit: number): StoredAuthEvent[] {
    return this.db.read((tx) => tx.all<EventRow>('SELECT * FROM auth_events WHERE pool_id = ? ORDER BY created DESC, rowid DESC LIMIT ?', [poolId, limit])).map(eventOf);
  }

  /** The sign-in's outcome and the challenges answered since it was recorded. */
  settle(poolId: string, eventId: string, eventResponse: string, challenges: StoredAuthEvent['challenges']): void {
    this.db.write((tx) =>
      tx.run('UPDATE auth_events SET event_response = ?, challenges = ? WHERE pool_id = ? AND event_id = ?', [eventResponse, JSON.stringify(challenges), poolId, eventId]),
    );
  }

  setFeedback(poolId: string, eventId: string, feedback: NonNullable<StoredAuthEvent['feedback']>): void {
    this.db.write((tx) => tx.run('UPDATE auth_events SET feedback = ? WHERE pool_id = ? AND event_id = ?', [JSON.stringify(feedback), poolId, eventId]));
  }
}
