/** What repositories and migrations see of the database: statements, nothing about files. */
import type { SqlValue } from 'sql.js';

export type Params = SqlValue[];
export type Row = Record<string, SqlValue>;

export interface Tx {
  run(sql: string, params?: Params): number;
  get<T = Row>(sql: string, params?: Params): T | undefined;
  all<T = Row>(sql: string, params?: Params): T[];
}
