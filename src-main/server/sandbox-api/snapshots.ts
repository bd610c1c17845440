/**
 * `/_sandbox/api/snapshots`: the sandbox's whole state saved under a name, listed, downloaded as an
 * SQLite file, uploaded back (a file from another sandbox, a teammate, a repository), deleted, and
 * restored (store/snapshots.ts keeps them and replaces the state).
 *
 * What a snapshot holds: every pool with its clients, users, groups, domains, identity providers,
 * resource servers, signing keys, refresh tokens and sessions, devices and passkeys; identity
 * pools and their identities; the mock identity providers' people and keys; KMS keys; everything
 * the store keeps as Cognito's state. Not the debugger's history (events, flows, pins, the outbox
 * of messages already delivered) nor its tools (breakpoints, faults, the clock's offset): a restore
 * leaves those as they are, so the window's history runs on through it (a pool's breakpoints go
 * when the snapshot has no such pool, as they go with a deleted pool).
 *
 * After a restore, what mirrors the store in memory follows it: signing keys are read again,
 * flows that waited for the client end `abandoned` (in the restore's own transaction: their
 * Sessions belong to the replaced state), flows paused at a breakpoint are released as a reset
 * releases them, and user import jobs the snapshot holds as started go on.
 *
 * Errors answer JSON: 400 for a hostile name or a file that is no snapshot, 404 for an unknown
 * one, 413 for an upload past 256 MB, 507 when the disk refuses (nothing changed: no half
 * snapshot, the state as it was).
 *
 * Limitations: an API call already running when a restore lands (one waiting on a trigger, say)
 * finishes against the restored state, as it would after a reset; a flow a call is resuming at
 * that moment is ended with the others, and its step, once settled, records it going on after all
 * (the restore cannot see inside the runner's steps). A request
 * paused at a breakpoint is answered NotAuthorizedException (Cognito has no such case: assumed).
 * The files of user import jobs are not in a snapshot: a restored started job whose upload is
 * gone ends Failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response } from 'express';
import type { DebuggerRoute, ErrorBody } from '../../../shared/debugger-api.js';
import type { SnapshotItem, SnapshotRestored } from '../../../shared/snapshots.js';
import { NotAuthorizedException } from '../../cognito/errors.js';
import { userImporterOf } from '../../cognito/user-import/importer.js';
import type { Services } from '../../services.js';
import { StorageError } from '../../store/db.js';
import { isSnapshotName, SNAPSHOT_NAME_RULE, SnapshotFileError, type SnapshotInfo } from '../../store/snapshots.js';
import type { StoredFlow } from '../../store/repositories/flows.js';
import { jsonBodyReader, notFound, type ApiHandler, type ApiRequest, type ApiResponse } from './route.js';

type SnapshotServices = Pick<Services, 'store' | 'bus' | 'clock' | 'keys' | 'options' | 'ids' | 'breakpoints'>;

/** What a restore reads: a kept snapshot by name, or a file (`--snapshot FILE`). */
export type SnapshotSource = { name: string } | { file: string; bytes: Uint8Array };

/** What a request paused at a breakpoint is answered when a restore releases it (Cognito has no such case: assumed). */
const RELEASED_BY_RESTORE = (name: string) => `The sandbox was restored from the snapshot ${name} while this request was paused at a breakpoint: its flow was abandoned.`;
const ABANDONED_BY_RESTORE = (name: string) => `the sandbox was restored from the snapshot ${name}: the state this flow worked on was replaced`;

const bodyOf = jsonBodyReader('4kb');

function badRequest(res: Response<ErrorBody>, message: string): void {
  res.status(400).json({ error: 'bad_request', message });
}

const item = ({ name, savedAt, bytes, contents, problem }: SnapshotInfo): SnapshotItem => ({ name, savedAt, bytes, contents, ...(problem && { problem }) });

/** The name in the path, or undefined once a 400 has answered a hostile one. */
function nameOf(req: Request<{ name: string }>, res: Response<ErrorBody>): string | undefined {
  const { name } = req.params;
  if (isSnapshotName(name)) return name;
  badRequest(res, SNAPSHOT_NAME_RULE);
  return undefined;
}

/**
 * An async handler whose failures the caller can act on answer JSON: 507 when the disk refused,
 * 400 for a file that is no snapshot. Anything else goes on to the API's error answer.
 */
function handled<R extends DebuggerRoute>(run: (req: ApiRequest<R>, res: ApiResponse<R>) => Promise<void>): ApiHandler<R> {
  return (req, res) =>
    run(req, res).catch((error: unknown) => {
      if (error instanceof StorageError) return void res.status(507).json({ error: 'storage', message: error.message });
      if (error instanceof SnapshotFileError) return badRequest(res, `That snapshot cannot be restored: ${error.message}.`);
      throw error;
    });
}

export function listSnapshots({ store }: SnapshotServices): ApiHandler<'snapshots'> {
  return handled(async (_req, res) => {
    const snapshots = (await store.snapshots.list()).map(item);
    res.json({ snapshots, where: store.snapshots.where() });
  });
}

export function saveSnapshot(services: SnapshotServices): ApiHandler<'saveSnapshot'> {
  return handled(async (req, res) => {
    if (!req.is('application/json')) return badRequest(res, 'The body must be JSON (Content-Type: application/json): {"name": "..."}.');
    const body = await bodyOf(req as Request, res as Response);
    const name: unknown = (body as { name?: unknown } | undefined)?.name;
    if (!isSnapshotName(name)) return badRequest(res, `name: ${SNAPSHOT_NAME_RULE}`);
    const replaced = (await services.store.snapshots.info(name)) !== undefined;
    const snapshot = item(await services.store.snapshots.save(name, services.clock.now()));
    services.bus.publish('snapshot.saved', { snapshot, replaced });
    res.status(201).json({ snapshot, replaced });
  });
}

export function downloadSnapshot({ store }: SnapshotServices): ApiHandler<'snapshot'> {
  return (req, res) => {
    const name = nameOf(req, res);
    if (name === undefined) return;
    const bytes = store.snapshots.read(name);
    if (!bytes) return notFound(res, `No snapshot is named ${name}.`);
    res
      .type('application/vnd.sqlite3')
      .set('Content-Disposition', `attachment; filename="${name}.sqlite"`)
      .set('Cache-Control', 'no-store')
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  };
}

/** The largest snapshot file an upload takes (sql.js reads a snapshot whole into memory to check it). */
const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
const TOO_LARGE = `A snapshot upload is at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; start the sandbox with --snapshot FILE for a larger one.`;
const readSnapshotFile = express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES });

/** 413, and the connection closed after it: what is left of the body is not read. */
function tooLarge(res: Response<ErrorBody>): void {
  res.status(413).set('Connection', 'close').json({ error: 'too_large', message: TOO_LARGE });
}

/** The body as bytes; or undefined once a 413 (past the limit) or a 400 (unreadable) has answered. */
function uploadedBytes(req: Request, res: Response<ErrorBody>): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES) {
    // Said from the Content-Length: a client need not send 256 MB to hear it.
    tooLarge(res);
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) =>
    readSnapshotFile(req, res, (error?: unknown) => {
      if (!error) return resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      if ((error as { type?: string }).type === 'entity.too.large') tooLarge(res);
      else badRequest(res, `The body could not be read: ${(error as Error).message}.`);
      resolve(undefined);
    }),
  );
}

export function uploadSnapshot({ store, bus }: SnapshotServices): ApiHandler<'uploadSnapshot'> {
  return handled(async (req, res) => {
    const name = nameOf(req, res);
    if (name === undefined) return void req.resume();
    const bytes = await uploadedBytes(req as Request, res as Response<ErrorBody>);
    if (!bytes) return;
    if (bytes.length === 0) return badRequest(res, 'The body must be a snapshot file: the SQLite file GET /_sandbox/api/snapshots/{name} downloads (Content-Type: application/vnd.sqlite3).');
    const replaced = (await store.snapshots.info(name)) !== undefined;
    const snapshot = item(await store.snapshots.keep(name, bytes));
    bus.publish('snapshot.saved', { snapshot, replaced });
    res.status(201).json({ snapshot, replaced });
  });
}

export function deleteSnapshot({ store, bus }: SnapshotServices): ApiHandler<'deleteSnapshot'> {
  return handled(async (req, res) => {
    const name = nameOf(req, res);
    if (name === undefined) return;
    if (!store.snapshots.delete(name)) return notFound(res, `No snapshot is named ${name}.`);
    bus.publish('snapshot.deleted', { name });
    res.json({ deleted: true });
  });
}

export function restoreSnapshotRoute(services: SnapshotServices): ApiHandler<'restoreSnapshot'> {
  return handled(async (req, res) => {
    const name = nameOf(req, res);
    if (name === undefined) return;
    if (!(await services.store.snapshots.info(name))) return notFound(res, `No snapshot is named ${name}.`);
    res.json(await restoreSnapshot(services, { name }));
  });
}

/** Flows waiting for the client, ended `abandoned` inside the restore's transaction; their events go out once it commits. */
function abandonWaitingFlows({ store, clock }: SnapshotServices): StoredFlow[] {
  const now = clock.now();
  const waiting = store.flows.waitingPast(Number.MAX_SAFE_INTEGER);
  for (const flow of waiting) {
    store.flows.save({ ...flow, snapshot: null, sessionHash: null, sessionExpires: null, updated: now, ended: now, outcome: 'abandoned' });
  }
  return waiting;
}

/**
 * Replaces the state with a snapshot's, and brings what mirrors it in memory along. Throws
 * SnapshotFileError (no snapshot we can restore), StorageError (the disk refused: nothing changed),
 * or an Error when no snapshot has that name.
 */
export async function restoreSnapshot(services: SnapshotServices, source: SnapshotSource): Promise<SnapshotRestored> {
  const { store, bus, keys } = services;
  const label = 'name' in source ? source.name : path.basename(source.file);
  const bytes = 'name' in source ? store.snapshots.read(source.name) : source.bytes;
  if (!bytes) throw new Error(`No snapshot is named ${label} (in ${store.snapshots.where()}).`);
  const poolsBefore = store.pools.all().map((pool) => pool.id);
  let ended: StoredFlow[] = [];
  const restored = await store.snapshots.restore(bytes, label, () => {
    ended = abandonWaitingFlows(services);
  });
  for (const poolId of new Set([...poolsBefore, ...store.pools.all().map((pool) => pool.id)])) keys.forget(poolId);
  for (const flow of ended) {
    bus.publish('flow.ended', { outcome: 'abandoned', reason: ABANDONED_BY_RESTORE(label) }, { flowId: flow.id, poolId: flow.poolId });
  }
  // Released as a reset releases them; only once the restore has landed, so that a refused one changes nothing.
  const releasedPauses = await services.breakpoints.releaseAll(() => new NotAuthorizedException(RELEASED_BY_RESTORE(label)));
  userImporterOf(services).wake();
  const info = 'name' in source ? await store.snapshots.info(source.name) : undefined;
  const snapshot = item(info ?? { ...restored.header, bytes: bytes.length });
  const answer: SnapshotRestored = { restored: snapshot, endedFlows: ended.length, releasedPauses };
  bus.publish('snapshot.restored', { snapshot, endedFlows: ended.length, releasedPauses });
  return answer;
}

/**
 * `--snapshot NAME|FILE` at start: a snapshot kept under that name in the data folder, else that
 * file (one downloaded from a sandbox, checked into a repository). Throws, saying where it looked,
 * when it is neither, or when the file is no snapshot.
 */
export async function restoreSnapshotAtStart(services: SnapshotServices, nameOrFile: string): Promise<SnapshotRestored> {
  const { store } = services;
  try {
    if (isSnapshotName(nameOrFile) && (await store.snapshots.info(nameOrFile))) return await restoreSnapshot(services, { name: nameOrFile });
    if (fs.existsSync(nameOrFile) && fs.statSync(nameOrFile).isFile()) {
      return await restoreSnapshot(services, { file: nameOrFile, bytes: fs.readFileSync(nameOrFile) });
    }
  } catch (error) {
    if (error instanceof SnapshotFileError) throw new Error(`--snapshot ${nameOrFile}: it cannot be restored: ${error.message}.`);
    throw error;
  }
  const where = store.snapshots.where();
  const kept = isSnapshotName(nameOrFile) ? `no snapshot is named ${nameOrFile} in ${where === 'memory' ? 'memory (an in-memory sandbox starts with none)' : where}, and ` : '';
  throw new Error(`--snapshot ${nameOrFile}: ${kept}no file ${path.resolve(nameOrFile)} exists.`);
}

const counted = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** What a restore brought, in one line for the terminal: "Restored snapshot base (saved ...): 2 user pools, 5 users, ...". */
export function describeRestored({ restored, endedFlows }: SnapshotRestored): string {
  const { userPools, users, groups, appClients, identityPools, identities } = restored.contents;
  const parts = [counted(userPools, 'user pool'), counted(appClients, 'app client'), counted(users, 'user'), counted(groups, 'group')];
  if (identityPools > 0) parts.push(counted(identityPools, 'identity pool'), counted(identities, 'identity', 'identities'));
  const saved = restored.savedAt > 0 ? ` (saved ${new Date(restored.savedAt).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')})` : '';
  const ended = endedFlows > 0 ? `; ${counted(endedFlows, 'waiting flow')} ended` : '';
  return `Restored snapshot ${restored.name}${saved}: ${parts.join(', ')}${ended}`;
}
