import type { Db } from '../db.js';
import type { UserExtra } from './users.js';

/** A window of time: after `from`, up to and including `to` (epoch milliseconds). */
export interface Span {
  from: number;
  to: number;
}

/** A user that may hold something with a deadline: a temporary password, or codes in `extra`. */
export interface UserWithDeadlines {
  poolId: string;
  username: string;
  status: string;
  /** When the temporary password stops signing in; absent for a permanent one. */
  passwordExpires?: number;
  extra: UserExtra;
}

export interface ExpiringRefreshToken {
  poolId: string;
  clientId: string;
  sub: string;
  expires: number;
}

export interface EndingLockout {
  poolId: string;
  sub: string;
  failures: number;
  lockedUntil: number;
}

export interface ExpiringHostedSession {
  poolId: string;
  sub: string;
  expires: number;
}

export interface ExpiringFlowSession {
  flowId: string;
  poolId: string | null;
  kind: string;
  username: string | null;
  state: string;
  sessionExpires: number;
}

export interface ExpiringCredentials {
  identityId: string;
  identityPoolId: string | null;
  expires: number;
}

/** A `token.issued` event's body (JSON), for the ID and access tokens, which the sandbox keeps nowhere else. */
export interface IssuedTokenEvent {
  time: number;
  poolId: string | null;
  body: string;
}

/**
 * What reaches its deadline within a span of time, across the tables that keep deadlines: the
 * time-travel report (cognito/expiry.ts) asks after the clock moves. Rows, not rules: which
 * members of a user's `extra` are codes is the caller's business.
 */
export class ExpiringRepository {
  constructor(private readonly db: Db) {}

  /** Users with a temporary password or something with `expires` in their extra (rows are filtered by the caller). */
  usersWithDeadlines(): UserWithDeadlines[] {
    const rows = this.db.read((tx) =>
      tx.all<{ poolId: string; username: string; status: string; password: string | null; extra: string }>(
        `SELECT pool_id AS poolId, username, status, password, extra FROM users WHERE password LIKE '%:%:%' OR extra LIKE '%"expires"%'`,
      ),
    );
    return rows.map((row) => {
      const expires = row.password?.split(':')[2];
      return {
        poolId: row.poolId,
        username: row.username,
        status: row.status,
        ...(expires !== undefined && { passwordExpires: Number(expires) }),
        extra: JSON.parse(row.extra) as UserExtra,
      };
    });
  }

  /** Refresh tokens not revoked nor replaced whose life ends within the span. */
  refreshTokens({ from, to }: Span): ExpiringRefreshToken[] {
    return this.db.read((tx) =>
      tx.all<ExpiringRefreshToken>(
        `SELECT pool_id AS poolId, client_id AS clientId, sub, expires FROM refresh_tokens
         WHERE revoked IS NULL AND rotated IS NULL AND expires > ? AND expires <= ? ORDER BY expires`,
        [from, to],
      ),
    );
  }

  /** Lockouts after failed sign-ins that end within the span. */
  lockouts({ from, to }: Span): EndingLockout[] {
    return this.db.read((tx) =>
      tx.all<EndingLockout>(
        'SELECT pool_id AS poolId, sub, failures, locked_until AS lockedUntil FROM sign_in_failures WHERE locked_until > ? AND locked_until <= ? ORDER BY locked_until',
        [from, to],
      ),
    );
  }

  /** The hosted UI's sign-in sessions (its `cognito` cookie) that end within the span. */
  hostedSessions({ from, to }: Span): ExpiringHostedSession[] {
    return this.db.read((tx) =>
      tx.all<ExpiringHostedSession>('SELECT pool_id AS poolId, sub, expires FROM hosted_sessions WHERE expires > ? AND expires <= ? ORDER BY expires', [from, to]),
    );
  }

  /** Flows waiting for the client whose Session ends within the span. */
  flowSessions({ from, to }: Span): ExpiringFlowSession[] {
    return this.db.read((tx) =>
      tx.all<ExpiringFlowSession>(
        `SELECT id AS flowId, pool_id AS poolId, kind, username, state, session_expires AS sessionExpires FROM flows
         WHERE ended IS NULL AND snapshot IS NOT NULL AND session_expires > ? AND session_expires <= ? ORDER BY session_expires`,
        [from, to],
      ),
    );
  }

  /** AWS credentials an identity pool handed out that end within the span. */
  credentials({ from, to }: Span): ExpiringCredentials[] {
    return this.db.read((tx) =>
      tx.all<ExpiringCredentials>(
        'SELECT identity_id AS identityId, pool_id AS identityPoolId, expires FROM issued_credentials WHERE expires > ? AND expires <= ? ORDER BY expires',
        [from, to],
      ),
    );
  }

  /** `token.issued` events published within the span (the caller reads each token's `exp`). */
  issuedTokenEvents({ from, to }: Span): IssuedTokenEvent[] {
    return this.db.read((tx) =>
      tx.all<IssuedTokenEvent>("SELECT time, pool_id AS poolId, body FROM events WHERE type = 'token.issued' AND time > ? AND time <= ? ORDER BY seq", [from, to]),
    );
  }
}
