/**
 * Local handler modules, run like Lambda runs them: each function instance is a worker thread
 * that loads the module once and serves one invocation at a time. Instances stay warm and are
 * reused; a second concurrent invocation gets a second instance, as Lambda scales out. An
 * instance that timed out, crashed or failed to load is terminated (Lambda discards such an
 * execution environment too), and so are idle ones when the module file changes on disk, so
 * an edit takes effect at the next invocation.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InvocationFailed, InvocationTimeout, type InvocationRequest, type InvocationResult } from '../invocation.js';
import type { FunctionError } from '../types.js';
import { WORKER_SOURCE } from './worker-source.js';

const TYPESCRIPT = /\.(ts|mts|cts|tsx)$/;
const MEMORY_MB = '128';

interface TsxLoaders {
  cjs: string;
  esm: string;
}

/** tsx's require hook and ESM loader API, or undefined when tsx is not installed. */
function findTsx(): TsxLoaders | undefined {
  try {
    const resolveModule = createRequire(import.meta.url).resolve;
    const manifestPath = resolveModule('tsx/package.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    const esmApi = manifest.exports['./esm/api'].import.default as string;
    return { cjs: resolveModule('tsx/cjs/api'), esm: pathToFileURL(path.join(path.dirname(manifestPath), esmApi)).href };
  } catch {
    return undefined;
  }
}

type WorkerReply = { id: number; payload: string; logs: string[] } | { id: number; error: FunctionError; logs: string[] };

/** One warm function instance. */
class FunctionInstance {
  readonly worker: Worker;
  private nextId = 1;
  private pending: { id: number; settle: (outcome: InvocationResult) => void } | undefined;
  dead = false;

  constructor(
    readonly file: string,
    readonly mtimeMs: number,
    env: Record<string, string>,
    tsx: TsxLoaders | undefined,
  ) {
    // The sandbox's own node flags (test runners' hooks, loaders) are not the function's.
    this.worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { file, tsx }, env: { ...process.env, ...env } });
    this.worker.unref();
    this.worker.on('message', (reply: WorkerReply) => this.answer(reply));
    this.worker.on('error', (error) => this.crash({ errorType: error.name || 'Error', errorMessage: error.message }));
    this.worker.on('exit', (code) =>
      this.crash({ errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: exit status ${code}` }),
    );
  }

  run(request: InvocationRequest, context: Record<string, unknown>): Promise<InvocationResult> {
    const id = this.nextId++;
    this.worker.postMessage({ id, event: JSON.stringify(request.event), context, env: request.env ?? {} });
    return new Promise<InvocationResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        void this.terminate();
        reject(new InvocationTimeout(`${request.functionName} did not answer within ${request.timeoutMs} ms`));
      }, request.timeoutMs);
      this.pending = {
        id,
        settle: (outcome) => {
          clearTimeout(timer);
          this.pending = undefined;
          resolve(outcome);
        },
      };
    });
  }

  terminate(): Promise<number> {
    this.dead = true;
    return this.worker.terminate();
  }

  private answer(reply: WorkerReply): void {
    if (this.pending?.id !== reply.id) return;
    if ('error' in reply) {
      // A module that failed to load stays failed in this instance's module cache.
      if (reply.error.errorType.startsWith('Runtime.')) void this.terminate();
      this.pending.settle({ functionError: reply.error, logs: reply.logs });
    } else {
      this.pending.settle({ payload: reply.payload, logs: reply.logs });
    }
  }

  private crash(error: FunctionError): void {
    const wasDead = this.dead;
    this.dead = true;
    if (this.pending && !wasDead) this.pending.settle({ functionError: error, logs: [] });
  }
}

export class LocalHandlers {
  private idle = new Map<string, FunctionInstance[]>();
  private all = new Set<FunctionInstance>();
  private tsx: TsxLoaders | undefined | null = null;

  /** @param modules function name -> absolute path of its handler module */
  constructor(private readonly modules: Readonly<Record<string, string>>) {}

  has(functionName: string): boolean {
    return Object.hasOwn(this.modules, functionName);
  }

  async invoke(request: InvocationRequest): Promise<InvocationResult> {
    const instance = this.take(request);
    try {
      return await instance.run(request, this.contextFor(request));
    } finally {
      this.release(request.functionName, instance);
    }
  }

  /** Terminates every instance (the app is closing). */
  async close(): Promise<void> {
    const instances = [...this.all];
    this.all.clear();
    this.idle.clear();
    await Promise.all(instances.map((instance) => instance.terminate()));
  }

  private take(request: InvocationRequest): FunctionInstance {
    const file = this.modules[request.functionName]!;
    const mtimeMs = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    const warm: FunctionInstance[] = [];
    for (const instance of this.idle.get(request.functionName) ?? []) {
      if (instance.dead || instance.mtimeMs !== mtimeMs) this.retire(instance);
      else warm.push(instance);
    }
    const instance = warm.pop() ?? this.start(request, file, mtimeMs);
    this.idle.set(request.functionName, warm);
    return instance;
  }

  private release(functionName: string, instance: FunctionInstance): void {
    if (instance.dead || !this.all.has(instance)) {
      this.all.delete(instance);
      return;
    }
    const idle = this.idle.get(functionName) ?? [];
    idle.push(instance);
    this.idle.set(functionName, idle);
  }

  private retire(instance: FunctionInstance): void {
    this.all.delete(instance);
    void instance.terminate();
  }

  private start(request: InvocationRequest, file: string, mtimeMs: number): FunctionInstance {
    const instance = new FunctionInstance(file, mtimeMs, this.environmentFor(request, file), TYPESCRIPT.test(file) ? this.tsxLoaders(file) : undefined);
    this.all.add(instance);
    return instance;
  }

  private tsxLoaders(file: string): TsxLoaders {
    if (this.tsx === null) this.tsx = findTsx();
    if (!this.tsx) throw new InvocationFailed(`${file} is TypeScript, and running it needs tsx (npm install --save-dev tsx)`);
    return this.tsx;
  }

  /** The variables Lambda sets for a function. */
  private environmentFor(request: InvocationRequest, file: string): Record<string, string> {
    return {
      AWS_LAMBDA_FUNCTION_NAME: request.functionName,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: MEMORY_MB,
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${request.functionName}`,
      AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${process.versions.node.split('.')[0]}.x`,
      AWS_REGION: request.region,
      AWS_DEFAULT_REGION: request.region,
      LAMBDA_TASK_ROOT: path.dirname(file),
    };
  }

  /** The `context` object's data members (the worker adds its functions). */
  private contextFor(request: InvocationRequest): Record<string, unknown> {
    return {
      functionName: request.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: request.arn,
      memoryLimitInMB: MEMORY_MB,
      awsRequestId: request.requestId,
      logGroupName: `/aws/lambda/${request.functionName}`,
      logStreamName: `sandbox/[$LATEST]${request.functionName}`,
      deadline: Date.now() + request.timeoutMs,
    };
  }
}
