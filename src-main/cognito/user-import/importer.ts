/**
 * The background importer: works through started import jobs one at a time ("only one import
 * job can be active at a time per account"), reading each uploaded CSV file as a stream and
 * writing its users in chunks of 200 lines, each chunk one journaled transaction holding the
 * users, their log lines and the job's counts. Between chunks it yields to the event loop (the
 * server keeps answering) and looks whether the job was stopped. Because the counts and the
 * position in the file move together, a job that a stopped sandbox left InProgress resumes at
 * the next start where it was.
 *
 * The file is read with csv-parse (the csv project's parser: maintained, streaming, tells the
 * line and byte position of each record, which the log and the progress bar need); Cognito's
 * own rules are in csv-rules.ts.
 *
 * Assumptions: a job that imported nobody while lines failed or were skipped ends Failed with
 * "Too many users have failed or been skipped during the import." (the guide's sample), any other
 * ends Succeeded with "Import Job Completed Successfully."; a file that cannot be parsed, has a
 * header that does not match, or is missing fails the job with a message saying why.
 */
import fs from 'node:fs';
import { parse, type Info } from 'csv-parse';
import type { BaseServices } from '../../base-services.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUserImportJob, UserImportJobStatus, UserImportLogLine, UserImportProgress } from '../../store/repositories/user-import-jobs.js';
import type { Store } from '../../store/index.js';
import { claimAliases } from '../aliases.js';
import { UsernameExistsException } from '../errors.js';
import { headerProblem, IMPORT_SUCCEEDED, joinEscapedCommas, judgeLine, MAX_USERS, USER_EXISTS, type LineContext } from './csv-rules.js';
import { removeUpload, uploadPathOf } from './upload-files.js';

export type UserImportServices = Pick<BaseServices, 'store' | 'clock' | 'ids' | 'bus' | 'options'>;

const CHUNK_LINES = 200;
const PUBLISH_EVERY_MS = 250;

export const STOPPED_BY_DEVELOPER = 'The Import Job was stopped by the developer.';
const SUCCEEDED = 'Import Job Completed Successfully.';
const TOO_MANY_REFUSED = 'Too many users have failed or been skipped during the import.';
const NO_FILE = 'No CSV file was uploaded to the pre-signed URL of the job.';

/** A status from which a job does not move again. */
export const FINAL_STATUSES: readonly UserImportJobStatus[] = ['Stopped', 'Succeeded', 'Failed', 'Expired'];

/** Publishes the job as it is stored: `userImport.progressed`. */
export function publishUserImport(services: Pick<BaseServices, 'bus'>, job: StoredUserImportJob): void {
  services.bus.publish(
    'userImport.progressed',
    {
      jobId: job.jobId,
      jobName: job.jobName,
      status: job.status,
      importedUsers: job.imported,
      skippedUsers: job.skipped,
      failedUsers: job.failed,
      linesRead: job.linesRead,
      bytesRead: job.bytesRead,
      ...(job.fileBytes !== undefined && { fileBytes: job.fileBytes }),
      ...(job.completionMessage !== undefined && { completionMessage: job.completionMessage }),
    },
    { poolId: job.poolId },
  );
}

interface ParsedRecord {
  record: string[];
  info: Info;
  raw: string;
}

/** Why the job ends early: a message for a Failed job, or a stop. */
class JobEnded extends Error {
  constructor(
    readonly status: 'Failed' | 'Stopped' | 'Gone',
    message: string,
  ) {
    super(message);
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class UserImporter {
  private draining = false;
  private readonly settledListeners = new Map<string, (() => void)[]>();

  constructor(private readonly services: UserImportServices) {}

  /** Works through the started jobs unless it already does. */
  wake(): void {
    if (this.draining) return;
    this.draining = true;
    void this.drain().finally(() => {
      this.draining = false;
    });
  }

  /** Resolves once the job is in a final status (or `timeoutMs` passed). */
  settled(jobId: string, timeoutMs: number): Promise<void> {
    const job = this.services.store.userImportJobs.findById(jobId);
    if (!job || FINAL_STATUSES.includes(job.status)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      const listeners = this.settledListeners.get(jobId) ?? [];
      listeners.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.settledListeners.set(jobId, listeners);
    });
  }

  private notifySettled(jobId: string): void {
    for (const listener of this.settledListeners.get(jobId) ?? []) listener();
    this.settledListeners.delete(jobId);
  }

  private async drain(): Promise<void> {
    const { store } = this.services;
    for (;;) {
      let next: StoredUserImportJob | undefined;
      try {
        [next] = store.userImportJobs.unfinished();
      } catch {
        return; // The store is closed: the job resumes at the next start.
      }
      if (!next) return;
      try {
        await this.run(next);
      } catch (error) {
        if (!this.end(next.jobId, error)) return;
      }
    }
  }

  /** Records how the job ended; false when nothing could be written (the store is closed). */
  private end(jobId: string, error: unknown): boolean {
    const ended =
      error instanceof JobEnded ? error : new JobEnded('Failed', `The import failed: ${error instanceof Error ? error.message : String(error)}`);
    try {
      if (ended.status !== 'Gone') {
        const from: UserImportJobStatus[] = ended.status === 'Stopped' ? ['Stopping'] : ['Pending', 'InProgress', 'Stopping'];
        this.services.store.userImportJobs.transition(jobId, from, ended.status, {
          completed: this.services.clock.now(),
          completionMessage: ended.message,
        });
        this.publishCurrent(jobId);
      }
      this.forget(jobId);
    } catch {
      return false; // The store is closed (the sandbox stopped): the job resumes at the next start.
    }
    if (!(error instanceof JobEnded)) console.error('[user-import] job', jobId, 'failed:', error);
    return true;
  }

  /** The job is over: its file goes, and those waiting for it are told. */
  private forget(jobId: string): void {
    removeUpload(this.services.options, jobId);
    this.notifySettled(jobId);
  }

  private async run(job: StoredUserImportJob): Promise<void> {
    const { store, clock } = this.services;
    if (job.status === 'Stopping') throw new JobEnded('Stopped', STOPPED_BY_DEVELOPER);
    if (job.status === 'Pending') {
      if (!store.userImportJobs.transition(job.jobId, ['Pending'], 'InProgress')) return;
      this.publishCurrent(job.jobId);
    }
    const pool = store.pools.findById(job.poolId);
    if (!pool) throw new JobEnded('Gone', 'The user pool was deleted.');
    const file = uploadPathOf(this.services.options, job.jobId);
    if (!fs.existsSync(file)) throw new JobEnded('Failed', NO_FILE);
    const progress = await this.importFile(job, pool, file);
    this.requireStillRunning(job.jobId);
    const refusedOnly = progress.imported === 0 && progress.failed + progress.skipped > 0;
    store.userImportJobs.transition(job.jobId, ['InProgress'], refusedOnly ? 'Failed' : 'Succeeded', {
      completed: clock.now(),
      completionMessage: refusedOnly ? TOO_MANY_REFUSED : SUCCEEDED,
    });
    this.publishCurrent(job.jobId);
    this.forget(job.jobId);
  }

  private publishCurrent(jobId: string): void {
    const job = this.services.store.userImportJobs.findById(jobId);
    if (job) publishUserImport(this.services, job);
  }

  /** Reads the file line by line from the start, skipping the lines an earlier run recorded. */
  private async importFile(job: StoredUserImportJob, pool: UserPool, file: string): Promise<UserImportProgress> {
    const progress: UserImportProgress = {
      imported: job.imported,
      skipped: job.skipped,
      failed: job.failed,
      linesRead: job.linesRead,
      bytesRead: job.bytesRead,
    };
    const reader = fs.createReadStream(file);
    const parser = reader.pipe(parse({ bom: true, info: true, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }));
    reader.on('error', (error) => parser.destroy(error));
    let header: string[] | undefined;
    let chunk: ParsedRecord[] = [];
    let lastPublished = Date.now();
    try {
      for await (const parsed of parser as AsyncIterable<ParsedRecord>) {
        if (!header) {
          header = parsed.record.map((column) => column.trim());
          const problem = headerProblem(pool, header);
          if (problem) throw new JobEnded('Failed', problem);
          continue;
        }
        if (parsed.info.lines <= progress.linesRead) continue;
        if (parsed.info.records - 1 > MAX_USERS) throw new JobEnded('Failed', `The CSV file has more than ${MAX_USERS.toLocaleString('en-US')} users.`);
        chunk.push(parsed);
        if (chunk.length < CHUNK_LINES) continue;
        this.writeChunk(job, pool, header, chunk, progress);
        chunk = [];
        lastPublished = this.publishThrottled(job.jobId, lastPublished);
        await nextTurn();
        this.requireStillRunning(job.jobId);
      }
    } catch (error) {
      if (error instanceof JobEnded) throw error;
      if ((error as { code?: string }).code?.startsWith('CSV_')) {
        throw new JobEnded('Failed', `Amazon Cognito is unable to parse the .csv file: ${(error as Error).message}`);
      }
      throw error;
    } finally {
      reader.destroy();
    }
    if (!header) throw new JobEnded('Failed', 'The CSV file is empty: it has no header.');
    if (chunk.length > 0) this.writeChunk(job, pool, header, chunk, progress);
    return progress;
  }

  private requireStillRunning(jobId: string): void {
    const status = this.services.store.userImportJobs.findById(jobId)?.status;
    if (status === undefined) throw new JobEnded('Gone', 'The user pool was deleted.');
    if (status === 'Stopping') throw new JobEnded('Stopped', STOPPED_BY_DEVELOPER);
  }

  private publishThrottled(jobId: string, lastPublished: number): number {
    const now = Date.now();
    if (now - lastPublished < PUBLISH_EVERY_MS) return lastPublished;
    this.publishCurrent(jobId);
    return now;
  }

  /** One transaction: the chunk's users, their log lines, the job's counts and position. */
  private writeChunk(job: StoredUserImportJob, pool: UserPool, header: string[], chunk: ParsedRecord[], progress: UserImportProgress): void {
    const { store, clock, ids } = this.services;
    const now = clock.now();
    const context: LineContext = {
      pool,
      header,
      exists: (usernameKey) => store.users.findByKey(pool.id, usernameKey) !== undefined,
      sub: () => ids.uuid(),
      now,
    };
    store.transaction(() => {
      if (!store.userImportJobs.findById(job.jobId)) throw new JobEnded('Gone', 'The user pool was deleted.');
      const lines: UserImportLogLine[] = chunk.map((parsed) => {
        const line = parsed.info.lines;
        const result = this.importLine(store, context, joinEscapedCommas(parsed.record), parsed.raw.replace(/\r?\n$/, '').length);
        progress[result.result === 'SUCCEEDED' ? 'imported' : result.result === 'SKIPPED' ? 'skipped' : 'failed'] += 1;
        return { line, result: result.result, message: `[${result.result}] Line Number ${line} - ${result.message}` };
      });
      const last = chunk[chunk.length - 1]!;
      progress.linesRead = last.info.lines;
      progress.bytesRead = last.info.bytes;
      store.userImportJobs.recordChunk(job.jobId, progress, lines);
    });
  }

  private importLine(store: Store, context: LineContext, fields: string[], rawLength: number): { result: UserImportLogLine['result']; message: string } {
    const verdict = judgeLine(context, fields, rawLength);
    if (verdict.result !== 'import') return { result: verdict.result, message: verdict.reason };
    try {
      claimAliases(store, context.pool, verdict.user, { force: false, creating: true, now: context.now });
    } catch (error) {
      if (error instanceof UsernameExistsException) return { result: 'SKIPPED', message: USER_EXISTS };
      return { result: 'FAILED', message: (error as Error).message };
    }
    store.users.insert(verdict.user);
    return { result: 'SUCCEEDED', message: IMPORT_SUCCEEDED };
  }
}

const importers = new WeakMap<Store, UserImporter>();

/** The sandbox's importer (one per store). */
export function userImporterOf(services: UserImportServices): UserImporter {
  let importer = importers.get(services.store);
  if (!importer) {
    importer = new UserImporter(services);
    importers.set(services.store, importer);
  }
  return importer;
}
