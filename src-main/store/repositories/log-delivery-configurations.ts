import type { Db } from '../db.js';

/** One log configuration of a pool, in Cognito's own member names. */
export interface LogConfiguration {
  LogLevel: string;
  EventSource: string;
  CloudWatchLogsConfiguration?: { LogGroupArn?: string };
  S3Configuration?: { BucketArn?: string };
  FirehoseConfiguration?: { StreamArn?: string };
}

/** A pool's log delivery configuration: where its logs would go. Rows go with their pool. */
export class LogDeliveryConfigurationsRepository {
  constructor(private readonly db: Db) {}

  /** The pool's configurations, or undefined when none was ever set. */
  find(poolId: string): LogConfiguration[] | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ configurations: string }>('SELECT configurations FROM log_delivery_configurations WHERE pool_id = ?', [poolId]),
    );
    return row ? (JSON.parse(row.configurations) as LogConfiguration[]) : undefined;
  }

  /** Replaces the pool's configurations (an empty list included). */
  save(poolId: string, configurations: LogConfiguration[], modified: number): void {
    this.db.write((tx) =>
      tx.run(
        'INSERT INTO log_delivery_configurations (pool_id, configurations, modified) VALUES (?, ?, ?) ' +
          'ON CONFLICT (pool_id) DO UPDATE SET configurations = excluded.configurations, modified = excluded.modified',
        [poolId, JSON.stringify(configurations), modified],
      ),
    );
  }
}
