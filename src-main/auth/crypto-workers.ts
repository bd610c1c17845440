/**
 * The expensive crypto of a sign-in off the event loop, so that both cores serve: a small pool
 * of worker threads runs
 *  - 3072-bit modular exponentiation (the same OpenSSL Diffie-Hellman computation as srp.ts's
 *    modPowN): verifiers, password checks, the server's SRP values;
 *  - the SRP shared secret S = (A * v^u)^b mod N, both exponentiations in one trip;
 *  - RS256 signatures with a pool's keys (each worker is given a key once, then only its kid).
 *
 * The workers are plain CommonJS evaluated from a string (nothing to bundle or transpile), are
 * started on demand (one per core but the one the server runs on), and never keep the process
 * alive.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { N, N_HEX } from './srp.js';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createDiffieHellman, createPrivateKey, sign } = require('node:crypto');
const prime = Buffer.from(workerData.prime, 'hex');
const N = BigInt('0x' + workerData.prime);
const generator = Buffer.from([2]);
const keys = new Map();
const big = (hex) => BigInt('0x' + (hex || '0'));
const bytes = (value) => { const hex = value.toString(16); return Buffer.from(hex.length % 2 ? '0' + hex : hex, 'hex'); };
function modPow(base, exponent) {
  base %= N;
  if (exponent === 0n) return 1n;
  if (base <= 1n) return base;
  if (base === N - 1n) return exponent % 2n === 0n ? 1n : N - 1n;
  const dh = createDiffieHellman(prime, generator);
  dh.setPrivateKey(bytes(exponent));
  return big((base === 2n ? dh.generateKeys() : dh.computeSecret(bytes(base))).toString('hex'));
}
const jobs = {
  modPow: ({ base, exponent }) => modPow(big(base), big(exponent)).toString(16),
  srpSecret: ({ A, v, u, b }) => modPow((big(A) * modPow(big(v), big(u))) % N, big(b)).toString(16),
  sign: ({ kid, key, input }) => {
    if (key) keys.set(kid, createPrivateKey(key));
    return sign('sha256', Buffer.from(input), keys.get(kid)).toString('base64url');
  },
};
parentPort.on('message', (job) => {
  try {
    parentPort.postMessage({ id: job.id, result: jobs[job.kind](job) });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String((error && error.message) || error) });
  }
});
`;

type Job =
  | { kind: 'modPow'; base: string; exponent: string }
  | { kind: 'srpSecret'; A: string; v: string; u: string; b: string }
  | { kind: 'sign'; kid: string; key?: string; input: string };

interface Pending {
  resolve: (value: string) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
  /** The kids of the signing keys this worker holds. */
  keys: Set<string>;
}

const hex = (value: bigint) => value.toString(16);

class CryptoPool {
  private workers: PoolWorker[] = [];
  private nextId = 0;

  constructor(private readonly size: number) {}

  run(job: Job, worker = this.leastBusy()): Promise<string> {
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      worker.pending.set(id, { resolve, reject });
      worker.worker.postMessage({ ...job, id });
    });
  }

  /** A signature with the key `kid`, handing the key to the worker the first time it needs it. */
  sign(kid: string, pem: string, input: string): Promise<string> {
    const worker = this.leastBusy();
    const key = worker.keys.has(kid) ? undefined : pem;
    worker.keys.add(kid);
    return this.run({ kind: 'sign', kid, input, ...(key && { key }) }, worker);
  }

  private leastBusy(): PoolWorker {
    if (this.workers.length < this.size && this.workers.every((w) => w.pending.size > 0)) this.workers.push(this.start());
    return this.workers.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
  }

  private start(): PoolWorker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { prime: N_HEX } });
    worker.unref();
    const entry: PoolWorker = { worker, pending: new Map(), keys: new Set() };
    worker.on('message', (message: { id: number; result?: string; error?: string }) => {
      const pending = entry.pending.get(message.id);
      entry.pending.delete(message.id);
      if (message.error !== undefined) pending?.reject(new Error(message.error));
      else pending?.resolve(message.result!);
    });
    const fail = (error: Error) => {
      this.workers = this.workers.filter((w) => w !== entry);
      for (const pending of entry.pending.values()) pending.reject(error);
      entry.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`crypto worker exited (${code})`)));
    return entry;
  }
}

let pool: CryptoPool | undefined;
const workers = () => (pool ??= new CryptoPool(Math.max(1, availableParallelism() - 1)));

const fromHex = (text: string) => BigInt(`0x${text || '0'}`);

/** base^exponent mod N, computed in a worker thread. */
export async function modPowNAsync(base: bigint, exponent: bigint): Promise<bigint> {
  return fromHex(await workers().run({ kind: 'modPow', base: hex(((base % N) + N) % N), exponent: hex(exponent) }));
}

/** The SRP premaster secret S = (A * v^u)^b mod N, both exponentiations in one worker trip. */
export async function srpSecretAsync(A: bigint, v: bigint, u: bigint, b: bigint): Promise<bigint> {
  return fromHex(await workers().run({ kind: 'srpSecret', A: hex(A % N), v: hex(v % N), u: hex(u), b: hex(b) }));
}

/** An RS256 signature (base64url) of `input` with the private key `kid`, whose PKCS #8 PEM is `pem`, computed in a worker thread. */
export function rsaSignAsync(kid: string, pem: string, input: string): Promise<string> {
  return workers().sign(kid, pem, input);
}
