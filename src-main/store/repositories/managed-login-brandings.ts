import type { Db } from '../db.js';

/** One image of a branding style, its bytes in base64. */
export interface BrandingAsset {
  category: string;
  colorMode: string;
  extension: string;
  base64: string;
  resourceId: string;
}

/** A managed login branding style: one per app client. */
export interface ManagedLoginBranding {
  brandingId: string;
  poolId: string;
  clientId: string;
  useCognitoProvidedValues: boolean;
  /** The settings the style customizes (a JSON object), without Cognito's defaults. */
  settings?: Record<string, unknown>;
  assets: BrandingAsset[];
  /** Epoch milliseconds. */
  created: number;
  modified: number;
}

interface Row {
  branding_id: string;
  pool_id: string;
  client_id: string;
  use_cognito_provided_values: number;
  settings: string | null;
  assets: string;
  created: number;
  modified: number;
}

const fromRow = (row: Row): ManagedLoginBranding => ({
  brandingId: row.branding_id,
  poolId: row.pool_id,
  clientId: row.client_id,
  useCognitoProvidedValues: row.use_cognito_provided_values === 1,
  ...(row.settings !== null && { settings: JSON.parse(row.settings) }),
  assets: JSON.parse(row.assets),
  created: row.created,
  modified: row.modified,
});

export class ManagedLoginBrandingsRepository {
  constructor(private readonly db: Db) {}

  insert(branding: ManagedLoginBranding): void {
    this.db.write((tx) =>
      tx.run(
        'INSERT INTO managed_login_brandings (branding_id, pool_id, client_id, use_cognito_provided_values, settings, assets, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [
          branding.brandingId,
          branding.poolId,
          branding.clientId,
          branding.useCognitoProvidedValues ? 1 : 0,
          branding.settings === undefined ? null : JSON.stringify(branding.settings),
          JSON.stringify(branding.assets),
          branding.created,
          branding.modified,
        ],
      ),
    );
  }

  /** Writes the style's values, settings, assets and modification time. */
  save(branding: ManagedLoginBranding): void {
    this.db.write((tx) =>
      tx.run('UPDATE managed_login_brandings SET use_cognito_provided_values = ?, settings = ?, assets = ?, modified = ? WHERE branding_id = ?', [
        branding.useCognitoProvidedValues ? 1 : 0,
        branding.settings === undefined ? null : JSON.stringify(branding.settings),
        JSON.stringify(branding.assets),
        branding.modified,
        branding.brandingId,
      ]),
    );
  }

  find(poolId: string, brandingId: string): ManagedLoginBranding | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM managed_login_brandings WHERE pool_id = ? AND branding_id = ?', [poolId, brandingId]));
    return row && fromRow(row);
  }

  findOfClient(poolId: string, clientId: string): ManagedLoginBranding | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM managed_login_brandings WHERE pool_id = ? AND client_id = ?', [poolId, clientId]));
    return row && fromRow(row);
  }

  delete(brandingId: string): boolean {
    return this.db.write((tx) => tx.run('DELETE FROM managed_login_brandings WHERE branding_id = ?', [brandingId])) > 0;
  }
}
