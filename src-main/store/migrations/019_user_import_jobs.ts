/**
 * User import jobs (issue 14): a job per CreateUserImportJob, with the pre-signed URL's
 * signature, what the upload left (its file under the data dir, its size), the status and counts
 * Cognito answers, and how far the importer has read (so a job resumes where a stopped sandbox
 * left it). Each line's result is kept as the CloudWatch Logs line Cognito writes. Both go with
 * their pool.
 */
export const m019 = `
CREATE TABLE IF NOT EXISTS user_import_jobs (
  job_id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  job_name TEXT NOT NULL,
  role_arn TEXT NOT NULL,
  hashing_algorithm TEXT,
  pre_signed_url TEXT NOT NULL,
  url_signature TEXT NOT NULL,
  status TEXT NOT NULL,
  created INTEGER NOT NULL,
  started INTEGER,
  completed INTEGER,
  imported INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  completion_message TEXT,
  uploaded INTEGER,
  file_bytes INTEGER,
  lines_read INTEGER NOT NULL DEFAULT 0,
  bytes_read INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS user_import_jobs_by_pool ON user_import_jobs (pool_id, seq);
CREATE INDEX IF NOT EXISTS user_import_jobs_by_status ON user_import_jobs (status, started);
CREATE TABLE IF NOT EXISTS user_import_log_lines (
  job_id TEXT NOT NULL REFERENCES user_import_jobs(job_id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  result TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (job_id, line)
);
`;
