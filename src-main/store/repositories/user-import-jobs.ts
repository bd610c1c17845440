import type { Db } from '../db.js';

/** Created | Pending | InProgress | Stopping | Stopped | Succeeded | Failed | Expired, as Cognito names them. */
export type UserImportJobStatus = 'Created' | 'Pending' | 'InProgress' | 'Stopping' | 'Stopped' | 'Succeeded' | 'Failed' | 'Expired';

/** A user import job as stored. Dates are epoch milliseconds. */
export interface StoredUserImportJob {
  jobId: string;
  poolId: string;
  jobName: string;
  roleArn: string;
  hashingAlgorithm?: string;
  preSignedUrl: string;
  /** The pre-signed URL's X-Amz-Signature: a PUT must present it. */
  urlSignature: string;
  status: UserImportJobStatus;
  created: number;
  started?: number;
  completed?: number;
  imported: number;
  skipped: number;
  failed: number;
  completionMessage?: string;
  /** When the CSV file was last uploaded, and its size. */
  uploaded?: number;
  fileBytes?: number;
  /** How far the importer got: the last line whose result is recorded, and the bytes read to it. */
  linesRead: number;
  bytesRead: number;
}

/** One line of the job's CloudWatch-style log. */
export interface UserImportLogLine {
  line: number;
  result: 'SUCCEEDED' | 'SKIPPED' | 'FAILED';
  message: string;
}

/** What one chunk of the importer changes on its job. */
export interface UserImportProgress {
  imported: number;
  skipped: number;
  failed: number;
  linesRead: number;
  bytesRead: number;
}

interface Row {
  job_id: string;
  pool_id: string;
  job_name: string;
  role_arn: string;
  hashing_algorithm: string | null;
  pre_signed_url: string;
  url_signature: string;
  status: string;
  created: number;
  started: number | null;
  completed: number | null;
  imported: number;
  skipped: number;
  failed: number;
  completion_message: string | null;
  uploaded: number | null;
  file_bytes: number | null;
  lines_read: number;
  bytes_read: number;
  seq: number;
}

const optional = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

function fromRow(row: Row): StoredUserImportJob {
  return {
    jobId: row.job_id,
    poolId: row.pool_id,
    jobName: row.job_name,
    roleArn: row.role_arn,
    hashingAlgorithm: optional(row.hashing_algorithm),
    preSignedUrl: row.pre_signed_url,
    urlSignature: row.url_signature,
    status: row.status as UserImportJobStatus,
    created: row.created,
    started: optional(row.started),
    completed: optional(row.completed),
    imported: row.imported,
    skipped: row.skipped,
    failed: row.failed,
    completionMessage: optional(row.completion_message),
    uploaded: optional(row.uploaded),
    fileBytes: optional(row.file_bytes),
    linesRead: row.lines_read,
    bytesRead: row.bytes_read,
  };
}

/** User import jobs and their per-line logs. Rows go with their pool. */
export class UserImportJobsRepository {
  constructor(private readonly db: Db) {}

  insert(job: StoredUserImportJob): void {
    this.db.write((tx) => {
      const seq = (tx.get<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM user_import_jobs')?.seq ?? 1) as number;
      tx.run(
        'INSERT INTO user_import_jobs (job_id, pool_id, seq, job_name, role_arn, hashing_algorithm, pre_signed_url, url_signature, status, created) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [job.jobId, job.poolId, seq, job.jobName, job.roleArn, job.hashingAlgorithm ?? null, job.preSignedUrl, job.urlSignature, job.status, job.created],
      );
    });
  }

  find(poolId: string, jobId: string): StoredUserImportJob | undefined {
    const job = this.findById(jobId);
    return job?.poolId === poolId ? job : undefined;
  }

  findById(jobId: string): StoredUserImportJob | undefined {
    const row = this.db.read((tx) => tx.get<Row>('SELECT * FROM user_import_jobs WHERE job_id = ?', [jobId]));
    return row ? fromRow(row) : undefined;
  }

  countInPool(poolId: string): number {
    return this.db.read((tx) => tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM user_import_jobs WHERE pool_id = ?', [poolId])!.n);
  }

  /** The pool's jobs, newest first, those created before `beforeSeq` when given; with each job's order key. */
  listNewestFirst(poolId: string, limit: number, beforeSeq?: number): { job: StoredUserImportJob; seq: number }[] {
    const rows = this.db.read((tx) =>
      tx.all<Row>('SELECT * FROM user_import_jobs WHERE pool_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?', [
        poolId,
        beforeSeq ?? Number.MAX_SAFE_INTEGER,
        limit,
      ]),
    );
    return rows.map((row) => ({ job: fromRow(row), seq: row.seq }));
  }

  /** Jobs the importer has to work on: those in progress first, then the pending ones, each in the order they started. */
  unfinished(): StoredUserImportJob[] {
    const rows = this.db.read((tx) =>
      tx.all<Row>(
        "SELECT * FROM user_import_jobs WHERE status IN ('InProgress', 'Stopping', 'Pending') " +
          "ORDER BY CASE status WHEN 'Pending' THEN 1 ELSE 0 END, started, seq",
      ),
    );
    return rows.map(fromRow);
  }

  /** Records an upload of the job's file. */
  markUploaded(jobId: string, uploaded: number, fileBytes: number): void {
    this.db.write((tx) => tx.run('UPDATE user_import_jobs SET uploaded = ?, file_bytes = ? WHERE job_id = ?', [uploaded, fileBytes, jobId]));
  }

  /**
   * Moves the job to `to` when its status is one of `from`; answers whether it did. Dates and the
   * completion message are set when given.
   */
  transition(
    jobId: string,
    from: readonly UserImportJobStatus[],
    to: UserImportJobStatus,
    fields: { started?: number; completed?: number; completionMessage?: string } = {},
  ): boolean {
    return this.db.write((tx) => {
      const placeholders = from.map(() => '?').join(', ');
      const changed = tx.run(
        `UPDATE user_import_jobs SET status = ?, started = COALESCE(?, started), completed = COALESCE(?, completed), ` +
          `completion_message = COALESCE(?, completion_message) WHERE job_id = ? AND status IN (${placeholders})`,
        [to, fields.started ?? null, fields.completed ?? null, fields.completionMessage ?? null, jobId, ...from],
      );
      return changed > 0;
    });
  }

  /** Records one chunk's log lines and the job's new counts; call inside the transaction that wrote the chunk's users. */
  recordChunk(jobId: string, progress: UserImportProgress, lines: readonly UserImportLogLine[]): void {
    this.db.write((tx) => {
      for (const line of lines) {
        tx.run('INSERT OR REPLACE INTO user_import_log_lines (job_id, line, result, message) VALUES (?, ?, ?, ?)', [
          jobId,
          line.line,
          line.result,
          line.message,
        ]);
      }
      tx.run('UPDATE user_import_jobs SET imported = ?, skipped = ?, failed = ?, lines_read = ?, bytes_read = ? WHERE job_id = ?', [
        progress.imported,
        progress.skipped,
        progress.failed,
        progress.linesRead,
        progress.bytesRead,
        jobId,
      ]);
    });
  }

  /** The job's log lines after line `after`, in line order; `result` filters to one kind. */
  logLines(jobId: string, options: { after?: number; limit: number; result?: UserImportLogLine['result'] }): UserImportLogLine[] {
    const filter = options.result ? ' AND result = ?' : '';
    return this.db.read((tx) =>
      tx.all<UserImportLogLine>(
        `SELECT line, result, message FROM user_import_log_lines WHERE job_id = ? AND line > ?${filter} ORDER BY line LIMIT ?`,
        [jobId, options.after ?? 0, ...(options.result ? [options.result] : []), options.limit],
      ),
    );
  }
}
