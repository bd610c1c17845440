import type { Db } from '../db.js';

/** A pool's session configuration as SetUserPoolSessionConfiguration stored it. */
export interface PoolSessionConfiguration {
  userSessionTracking: 'ENABLED' | 'DISABLED';
  maxPerUser: number;
}

/** The pools' and app clients' session configurations; rows go with their pool or client. */
export class SessionConfigurationsRepository {
  constructor(private readonly db: Db) {}

  /** The pool's configuration, or undefined when it was never set. */
  findForPool(poolId: string): PoolSessionConfiguration | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ user_session_tracking: string; max_per_user: number }>(
        'SELECT user_session_tracking, max_per_user FROM user_pool_session_configurations WHERE pool_id = ?',
        [poolId],
      ),
    );
    return row && { userSessionTracking: row.user_session_tracking as PoolSessionConfiguration['userSessionTracking'], maxPerUser: row.max_per_user };
  }

  saveForPool(poolId: string, configuration: PoolSessionConfiguration, modified: number): void {
    this.db.write((tx) =>
      tx.run(
        'INSERT INTO user_pool_session_configurations (pool_id, user_session_tracking, max_per_user, modified) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (pool_id) DO UPDATE SET user_session_tracking = excluded.user_session_tracking, max_per_user = excluded.max_per_user, modified = excluded.modified',
        [poolId, configuration.userSessionTracking, configuration.maxPerUser, modified],
      ),
    );
  }

  /** The client's SSO MaxValidityMinutes, or undefined when it was never set. */
  findSsoMaxValidityMinutes(clientId: string): number | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ sso_max_validity_minutes: number }>('SELECT sso_max_validity_minutes FROM client_session_configurations WHERE client_id = ?', [clientId]),
    );
    return row?.sso_max_validity_minutes;
  }

  /** The largest SSO MaxValidityMinutes set for any of the pool's clients, if any was set. */
  longestSsoMaxValidityMinutes(poolId: string): number | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ longest: number | null }>(
        'SELECT MAX(c.sso_max_validity_minutes) AS longest FROM client_session_configurations c JOIN app_clients a ON a.client_id = c.client_id WHERE a.pool_id = ?',
        [poolId],
      ),
    );
    return row?.longest ?? undefined;
  }

  saveSsoMaxValidityMinutes(clientId: string, minutes: number, modified: number): void {
    this.db.write((tx) =>
      tx.run(
        'INSERT INTO client_session_configurations (client_id, sso_max_validity_minutes, modified) VALUES (?, ?, ?) ' +
          'ON CONFLICT (client_id) DO UPDATE SET sso_max_validity_minutes = excluded.sso_max_validity_minutes, modified = excluded.modified',
        [clientId, minutes, modified],
      ),
    );
  }
}
