import type { CustomDomainConfigType, RoutingType } from '@aws-sdk/client-cognito-identity-provider';
import type { Db } from '../db.js';

/** A prefix domain (`{prefix}.auth.{region}.amazoncognito.com`) or a custom domain with a certificate. */
export type DomainKind = 'prefix' | 'custom';

/** What the domain is configured with, beyond its name, pool and kind. */
export interface DomainConfig {
  /** Custom domains only. */
  CustomDomainConfig?: CustomDomainConfigType;
  /** 1: hosted UI (classic); 2: managed login. */
  ManagedLoginVersion: number;
  Routing?: RoutingType;
  /** The CloudFront distribution Cognito would put in front of the domain (a made-up, well-formed name). */
  CloudFrontDistribution: string;
  S3Bucket: string;
  Version: string;
}

/** A user pool domain: unique across all pools; a pool has at most one of each kind. */
export interface UserPoolDomain {
  domain: string;
  poolId: string;
  kind: DomainKind;
  /** Epoch milliseconds. */
  created: number;
  modified: number;
  config: DomainConfig;
}

/** The pool's domains as DescribeUserPool shows them (`Domain`, `CustomDomain`). */
export interface PoolDomains {
  prefix?: string;
  custom?: string;
}

interface Row {
  domain: string;
  pool_id: string;
  kind: DomainKind;
  created: number;
  modified: number;
  config: string;
}

const fromRow = (row: Row): UserPoolDomain => ({
  domain: row.domain,
  poolId: row.pool_id,
  kind: row.kind,
  created: row.created,
  modified: row.modified,
  config: JSON.parse(row.config),
});

export class DomainsRepository {
  constructor(private readonly db: Db) {}

  insert(domain: UserPoolDomain): void {
    this.db.write((tx) =>
      tx.run('INSERT INTO domains (domain, pool_id, kind, created, modified, config) VALUES (?, ?, ?, ?, ?, ?)', [
        domain.domain,
        domain.poolId,
        domain.kind,
        domain.created,
        domain.modified,
        JSON.stringify(domain.config),
      ]),
    );
  }

  /** Writes the domain's configuration and modification time. */
  save(domain: UserPoolDomain): void {
    this.db.write((tx) =>
      tx.run('UPDATE domains SET config = ?, modified = ? WHERE domain = ?', [JSON.stringify(domain.config), domain.modified, domain.domain]),
    );
  }

  /** The domain, whichever pool it belongs to. */
  find(domain: string): UserPoolDomain | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM domains WHERE domain = ?', [domain]));
    return row && fromRow(row);
  }

  findOfPool(poolId: string, kind: DomainKind): UserPoolDomain | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM domains WHERE pool_id = ? AND kind = ?', [poolId, kind]));
    return row && fromRow(row);
  }

  domainsOfPool(poolId: string): PoolDomains {
    const rows = this.db.read((tx) => tx.all<Row>('SELECT * FROM domains WHERE pool_id = ?', [poolId]));
    return Object.fromEntries(rows.map((row) => [row.kind, row.domain]));
  }

  delete(domain: string): boolean {
    return this.db.write((tx) => tx.run('DELETE FROM domains WHERE domain = ?', [domain])) > 0;
  }
}
