import type { Db } from '../db.js';

/** A local stand-in for a KMS key: the key's id as LambdaConfig.KMSKeyID names it, and its material. */
export interface StoredKmsKey {
  keyId: string;
  /** 32 bytes, base64. */
  material: string;
  /** Epoch milliseconds. */
  created: number;
}

interface Row {
  key_id: string;
  material: string;
  created: number;
}

export class LocalKmsKeysRepository {
  constructor(private readonly db: Db) {}

  find(keyId: string): StoredKmsKey | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM local_kms_keys WHERE key_id = ?', [keyId]));
    return row && { keyId: row.key_id, material: row.material, created: row.created };
  }

  /** Stores the key unless one already exists for that id; returns the one that is kept. */
  insertIfAbsent(key: StoredKmsKey): StoredKmsKey {
    this.db.write((tx) =>
      tx.run('INSERT OR IGNORE INTO local_kms_keys (key_id, material, created) VALUES (?, ?, ?)', [key.keyId, key.material, key.created]),
    );
    return this.find(key.keyId)!;
  }
}
