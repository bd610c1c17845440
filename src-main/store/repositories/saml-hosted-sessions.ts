/**
 * The SAML identity a hosted session was opened with (the provider, NameID and SessionIndex of
 * the assertion), so that single logout finds the session by what the provider names. It goes
 * when its hosted session goes.
 */
import type { Db } from '../db.js';

export interface SamlHostedSession {
  /** The hosted session's id hash. */
  idHash: string;
  poolId: string;
  provider: string;
  nameId: string;
  nameIdFormat?: string;
  sessionIndex?: string;
}

interface Row {
  id_hash: string;
  pool_id: string;
  provider_name: string;
  name_id: string;
  name_id_format: string | null;
  session_index: string | null;
}

const fromRow = (row: Row): SamlHostedSession => ({
  idHash: row.id_hash,
  poolId: row.pool_id,
  provider: row.provider_name,
  nameId: row.name_id,
  ...(row.name_id_format !== null && { nameIdFormat: row.name_id_format }),
  ...(row.session_index !== null && { sessionIndex: row.session_index }),
});

export class SamlHostedSessionsRepository {
  constructor(private readonly db: Db) {}

  insert(session: SamlHostedSession): void {
    this.db.write((tx) =>
      tx.run(
        'INSERT OR REPLACE INTO saml_hosted_sessions (id_hash, pool_id, provider_name, name_id, name_id_format, session_index) VALUES (?, ?, ?, ?, ?, ?)',
        [session.idHash, session.poolId, session.provider, session.nameId, session.nameIdFormat ?? null, session.sessionIndex ?? null],
      ),
    );
  }

  find(idHash: string): SamlHostedSession | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM saml_hosted_sessions WHERE id_hash = ?', [idHash]));
    return row && fromRow(row);
  }

  /** The sessions opened with this NameID (compared exactly) from this provider. */
  withNameId(poolId: string, provider: string, nameId: string): SamlHostedSession[] {
    return this.db
      .read((tx) =>
        tx.all<Row>('SELECT * FROM saml_hosted_sessions WHERE pool_id = ? AND provider_name = ? AND name_id = ?', [poolId, provider, nameId]),
      )
      .map(fromRow);
  }
}
