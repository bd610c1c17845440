/**
 * Numbered migrations, applied in order, each once. A migration is plain SQL run inside the
 * opening transaction; `schema_version` in `meta` records how far a database has come.
 */
import type { Tx } from '../tx.js';
import { m001 } from './001_initial.js';
import { m002 } from './002_auth.js';
import { m003 } from './003_triggers.js';
import { m004 } from './004_webauthn.js';
import { m005 } from './005_devices.js';
import { m006 } from './006_refresh_rotation.js';
import { m007 } from './007_refresh_device.js';
import { m008 } from './008_oauth.js';
import { m009 } from './009_branding.js';
import { m010 } from './010_provider_links.js';
import { m011 } from './011_saml.js';
import { m012 } from './012_mock_idp.js';
import { m013 } from './013_mock_saml_idp.js';
import { m014 } from './014_identity_pools.js';
import { m015 } from './015_identities.js';
import { m016 } from './016_identity_credentials.js';
import { m017 } from './017_replicas_limits.js';
import { m018 } from './018_log_delivery.js';
import { m019 } from './019_user_import_jobs.js';
import { m020 } from './020_threat_protection.js';
import { m021 } from './021_user_sessions.js';
import { m022 } from './022_client_secrets.js';
import { m023 } from './023_flow_pins.js';
import { m024 } from './024_revocation_cause.js';
import { m025 } from './025_breakpoints.js';
import { m026 } from './026_clock.js';

// A migration's place in this list is its version.
const migrations: readonly string[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011, m012, m013, m014, m015, m016, m017, m018, m019, m020, m021, m022, m023, m024, m025, m026];

export function migrate(tx: Tx): void {
  tx.run('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  tx.run("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '0'), ('journal_seq', '0')");
  const current = Number(tx.get<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'")!.value);
  migrations.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    for (const statement of sql.split(';').map((s) => s.trim()).filter(Boolean)) tx.run(statement);
    tx.run("UPDATE meta SET value = ? WHERE key = 'schema_version'", [String(version)]);
  });
}
