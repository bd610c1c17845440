/**
 * 3072-bit modular exponentiation off the event loop: a small pool of worker threads runs the
 * same OpenSSL Diffie-Hellman computation as srp.ts's modPowN, so creating users and checking
 * passwords does not stall every other request for the better part of a millisecond each.
 *
 * The workers are plain CommonJS evaluated from a string (nothing to bundle or transpile), are
 * started on first use, and never keep the process alive.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { N, N_HEX, g, modPowN } from './srp.js';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createDiffieHellman } = require('node:crypto');
const prime = Buffer.from(workerData.prime, 'hex');
const generator = Buffer.from([2]);
parentPort.on('message', ({ id, base, exponent }) => {
  try {
    const dh = createDiffieHellman(prime, generator);
    dh.setPrivateKey(Buffer.from(exponent, 'hex'));
    const result = base === null ? dh.generateKeys() : dh.computeSecret(Buffer.from(base, 'hex'));
    parentPort.postMessage({ id, result: result.toString('hex') });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface Pending {
  resolve: (value: bigint) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

const evenHex = (value: bigint) => {
  const hex = value.toString(16);
  return hex.length % 2 ? `0${hex}` : hex;
};

class ModPowPool {
  private workers: PoolWorker[] = [];
  private nextId = 0;

  constructor(private readonly size: number) {}

  run(base: bigint, exponent: bigint): Promise<bigint> {
    const target = this.leastBusy();
    const id = this.nextId++;
    return new Promise<bigint>((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      target.worker.postMessage({ id, base: base === g ? null : evenHex(base), exponent: evenHex(exponent) });
    });
  }

  private leastBusy(): PoolWorker {
    if (this.workers.length < this.size && this.workers.every((w) => w.pending.size > 0)) this.workers.push(this.start());
    return this.workers.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
  }

  private start(): PoolWorker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { prime: N_HEX } });
    worker.unref();
    const entry: PoolWorker = { worker, pending: new Map() };
    worker.on('message', (message: { id: number; result?: string; error?: string }) => {
      const pending = entry.pending.get(message.id);
      entry.pending.delete(message.id);
      if (message.error !== undefined) pending?.reject(new Error(message.error));
      else pending?.resolve(BigInt(`0x${message.result || '0'}`));
    });
    const fail = (error: Error) => {
      this.workers = this.workers.filter((w) => w !== entry);
      for (const pending of entry.pending.values()) pending.reject(error);
      entry.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`modular exponentiation worker exited (${code})`)));
    return entry;
  }
}

let pool: ModPowPool | undefined;

/** base^exponent mod N, computed in a worker thread. */
export function modPowNAsync(base: bigint, exponent: bigint): Promise<bigint> {
  const reduced = ((base % N) + N) % N;
  // The cases OpenSSL refuses or that need no work are answered here, as modPowN does.
  if (exponent === 0n || reduced <= 1n || reduced === N - 1n) return Promise.resolve(modPowN(reduced, exponent));
  pool ??= new ModPowPool(Math.max(1, availableParallelism() - 1));
  return pool.run(reduced, exponent);
}
