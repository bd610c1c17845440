/**
 * The pre-signed URL of a user import job (`PUT /_user-import/{JobId}?X-Amz-...`), standing in
 * for the S3 object Cognito hands out: the guide's `curl -T users.csv -H
 * "x-amz-server-side-encryption:aws:kms" "PRE_SIGNED_URL"` uploads the job's CSV file. The body
 * is streamed to a file (cognito/user-import/upload-files.ts), never held in memory, and cut off
 * past Cognito's 100 MB limit. Refusals are S3's XML errors: a wrong signature or a missing
 * signed header (SignatureDoesNotMatch), an expired URL (AccessDenied "Request has expired"), a
 * job already started (AccessDenied), a file too large (EntityTooLarge). An upload before the
 * start replaces the previous one, as a PUT to S3 does.
 *
 * Limitation: the signature is a per-job secret compared as a whole, not SigV4 recomputed over
 * the request; the other query parameters are not checked.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { type Request, type Response } from 'express';
import type { Services } from '../services.js';
import { MAX_FILE_BYTES } from '../cognito/user-import/csv-rules.js';
import { publishUserImport } from '../cognito/user-import/importer.js';
import { partialUploadPathOf, uploadPathOf } from '../cognito/user-import/upload-files.js';
import type { StoredUserImportJob } from '../store/repositories/user-import-jobs.js';

const URL_VALID_MS = 900 * 1000;

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** S3's error document. */
function s3Error(res: Response, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  const fields = Object.entries({ Code: code, Message: message, ...extra, RequestId: randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase() })
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  res.status(status).type('application/xml').send(`<?xml version="1.0" encoding="UTF-8"?>\n<Error>${fields}</Error>`);
}

function signatureMatches(job: StoredUserImportJob, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(job.urlSignature);
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

const amzTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}/, '');

/** Counts the bytes going through and the MD5 S3 answers as the ETag; fails past the limit. */
class BoundedBody extends Transform {
  bytes = 0;
  readonly md5 = createHash('md5');

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > MAX_FILE_BYTES) return done(new EntityTooLarge());
    this.md5.update(chunk);
    done(null, chunk);
  }
}

class EntityTooLarge extends Error {}

type Refusal = [status: number, code: string, message: string, extra?: Record<string, string>];

/** Why the PUT may not land, or undefined when it may. */
function refusal(services: Pick<Services, 'clock'>, job: StoredUserImportJob | undefined, req: Request): Refusal | undefined {
  if (!job || !signatureMatches(job, req.query['X-Amz-Signature'])) {
    return [403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'];
  }
  const now = services.clock.now();
  if (now > job.created + URL_VALID_MS) {
    return [403, 'AccessDenied', 'Request has expired', { 'X-Amz-Expires': '900', Expires: amzTime(job.created + URL_VALID_MS), ServerTime: amzTime(now) }];
  }
  if (req.headers['x-amz-server-side-encryption'] !== 'aws:kms') {
    return [403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided: x-amz-server-side-encryption: aws:kms is a signed header of this URL.'];
  }
  if (job.status !== 'Created') return [403, 'AccessDenied', 'Access Denied'];
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_FILE_BYTES) return [400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { MaxSizeAllowed: String(MAX_FILE_BYTES) }];
  return undefined;
}

async function receive(services: Pick<Services, 'store' | 'clock' | 'bus' | 'options'>, job: StoredUserImportJob, req: Request, res: Response) {
  const partial = partialUploadPathOf(services.options, job.jobId);
  const body = new BoundedBody();
  try {
    await pipeline(req, body, fs.createWriteStream(partial));
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (error instanceof EntityTooLarge) {
      s3Error(res, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { MaxSizeAllowed: String(MAX_FILE_BYTES) });
      req.resume();
      return;
    }
    throw error;
  }
  // Checked again: the job may have been started while the body arrived.
  const current = services.store.userImportJobs.findById(job.jobId);
  if (current?.status !== 'Created') {
    fs.rmSync(partial, { force: true });
    return s3Error(res, 403, 'AccessDenied', 'Access Denied');
  }
  fs.renameSync(partial, uploadPathOf(services.options, job.jobId));
  services.store.userImportJobs.markUploaded(job.jobId, services.clock.now(), body.bytes);
  publishUserImport(services, services.store.userImportJobs.findById(job.jobId)!);
  res.status(200).set({ ETag: `"${body.md5.digest('hex')}"`, 'x-amz-server-side-encryption': 'aws:kms' }).end();
}

export function userImportUploads(services: Pick<Services, 'store' | 'clock' | 'bus' | 'options'>): express.Router {
  const router = express.Router();
  router.put('/:jobId', async (req, res, next) => {
    const job = services.store.userImportJobs.findById(req.params.jobId);
    const refused = refusal(services, job, req);
    if (refused) {
      s3Error(res, ...refused);
      req.resume();
      return;
    }
    try {
      await receive(services, job!, req, res);
    } catch (error) {
      next(error);
    }
  });
  router.all('/:jobId', (req, res) => {
    res.set('Allow', 'PUT');
    s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: req.method, ResourceType: 'OBJECT' });
  });
  return router;
}
