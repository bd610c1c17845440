/**
 * `GET /_sandbox/api/pools/:poolId/user-import-jobs/:jobId/log[?after=&result=&limit=]`: a user
 * import job's per-line log (what Cognito writes to the job's CloudWatch Logs stream), in line
 * order, for the window's import jobs card. A read: it changes nothing.
 */
import type { UserImportLogResult } from '../../../shared/debugger-api.js';
import type { Services } from '../../services.js';
import { BadQuery, integerQuery, notFound, textQuery, type ApiHandler } from './route.js';

const RESULTS: readonly UserImportLogResult[] = ['SUCCEEDED', 'SKIPPED', 'FAILED'];

export function userImportLog({ store }: Pick<Services, 'store'>): ApiHandler<'userImportLog'> {
  return (req, res) => {
    const job = store.userImportJobs.find(req.params.poolId, req.params.jobId);
    if (!job) return notFound(res, `User import job ${req.params.jobId} does not exist in user pool ${req.params.poolId}.`);
    const result = textQuery(req.query, 'result');
    if (result !== undefined && !RESULTS.includes(result as UserImportLogResult)) throw new BadQuery(`result must be one of ${RESULTS.join(', ')}.`);
    const after = integerQuery(req.query, 'after', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
    const limit = integerQuery(req.query, 'limit', { min: 1, max: 1_000, fallback: 200 });
    res.json(store.userImportJobs.logLines(job.jobId, { after, limit, ...(result && { result: result as UserImportLogResult }) }));
  };
}
