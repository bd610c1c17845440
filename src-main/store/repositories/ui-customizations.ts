import type { Db } from '../db.js';

/** The classic hosted UI's logo: its bytes (base64) and media type. */
export interface StoredImage {
  base64: string;
  mediaType: 'image/png' | 'image/jpeg';
}

/** A hosted UI (classic) customization: a client's own, or the pool's (`clientId` undefined: Cognito's `ALL`). */
export interface UiCustomization {
  poolId: string;
  clientId?: string;
  css?: string;
  image?: StoredImage;
  /** Epoch milliseconds. */
  created: number;
  modified: number;
}

interface Row {
  pool_id: string;
  client_id: string | null;
  css: string | null;
  image: string | null;
  image_type: StoredImage['mediaType'] | null;
  created: number;
  modified: number;
}

const fromRow = (row: Row): UiCustomization => ({
  poolId: row.pool_id,
  ...(row.client_id !== null && { clientId: row.client_id }),
  ...(row.css !== null && { css: row.css }),
  ...(row.image !== null && row.image_type !== null && { image: { base64: row.image, mediaType: row.image_type } }),
  created: row.created,
  modified: row.modified,
});

export class UiCustomizationsRepository {
  constructor(private readonly db: Db) {}

  /** The client's own customization, or the pool's when `clientId` is undefined. */
  find(poolId: string, clientId: string | undefined): UiCustomization | undefined {
    const row = this.db.read((tx) =>
      tx.get<Row>('SELECT * FROM ui_customizations WHERE pool_id = ? AND IFNULL(client_id, \'\') = ?', [poolId, clientId ?? '']),
    );
    return row && fromRow(row);
  }

  /** Writes the customization whole, in place of the one it replaces. */
  save(customization: UiCustomization): void {
    const { poolId, clientId, css, image, created, modified } = customization;
    this.db.write((tx) => {
      tx.run('DELETE FROM ui_customizations WHERE pool_id = ? AND IFNULL(client_id, \'\') = ?', [poolId, clientId ?? '']);
      tx.run('INSERT INTO ui_customizations (pool_id, client_id, css, image, image_type, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        poolId,
        clientId ?? null,
        css ?? null,
        image?.base64 ?? null,
        image?.mediaType ?? null,
        created,
        modified,
      ]);
    });
  }
}
