/** The logout requests sent to SAML providers, each waiting for its LogoutResponse at /saml2/logout. */
import type { Db } from '../db.js';

export interface SamlLogoutRequest {
  /** The LogoutRequest's ID: its LogoutResponse answers it (InResponseTo). */
  requestId: string;
  poolId: string;
  provider: string;
  /** Where the browser goes once the provider answers: the app's sign-out URL or the sign-in page. */
  next: string;
  /** Epoch milliseconds. */
  expires: number;
}

interface Row {
  request_id: string;
  pool_id: string;
  provider_name: string;
  next: string;
  expires: number;
}

export class SamlLogoutRequestsRepository {
  constructor(private readonly db: Db) {}

  /** Keeps the request; requests expired by `now` are forgotten first. */
  insert(request: SamlLogoutRequest, now: number): void {
    this.db.write((tx) => {
      tx.run('DELETE FROM saml_logout_requests WHERE expires <= ?', [now]);
      tx.run('INSERT INTO saml_logout_requests (request_id, pool_id, provider_name, next, expires) VALUES (?, ?, ?, ?, ?)', [
        request.requestId,
        request.poolId,
        request.provider,
        request.next,
        request.expires,
      ]);
    });
  }

  /** The live request with that ID, removed: each is answered once. */
  take(requestId: string, now: number): SamlLogoutRequest | undefined {
    return this.db.write((tx) => {
      const row = tx.get<Row>('SELECT * FROM saml_logout_requests WHERE request_id = ?', [requestId]);
      if (!row) return undefined;
      tx.run('DELETE FROM saml_logout_requests WHERE request_id = ?', [requestId]);
      return row.expires > now ? { requestId: row.request_id, poolId: row.pool_id, provider: row.provider_name, next: row.next, expires: row.expires } : undefined;
    });
  }
}
