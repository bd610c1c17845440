/**
 * Fault injection (src-main/debug/faults.ts) at `/_sandbox/api/faults`:
 * - `GET /faults`: the faults on, each with how many times it hit;
 * - `POST /faults` {kind, poolId?, operation?, category?, rate?, ms?, trigger?, mode?, channel?,
 *   providerName?, message?} (shared/faults.ts FaultSpec): 201 {fault};
 * - `DELETE /faults/{id}`: one fault off; `DELETE /faults`: every one.
 * Each change is published as `faults.changed`. A request that is not a fault the sandbox can
 * inject answers 400 saying why: an unknown kind, operation, category, trigger or pool, a rate
 * outside 0 to 100, a member that does not apply to the kind.
 */
import express, { type Request, type Response } from 'express';
import { API_CATEGORIES, DELIVERY_OPERATIONS, FAULT_KINDS, TRIGGER_NAMES, type FaultKind, type FaultSpec } from '../../../shared/faults.js';
import type { Services } from '../../services.js';
import { identityPoolOperationNames, userPoolOperationNames } from '../aws-json/catalogue.js';
import { notFound, type ApiHandler } from './route.js';

type FaultApiServices = Pick<Services, 'faults' | 'store'>;

/** At most this many faults at once: enough for any experiment, not a memory sink. */
export const MAX_FAULTS = 100;
const MAX_LATENCY_MS = 60_000;
const MAX_TEXT = 256;
const MAX_MESSAGE = 2_048;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const parseJson = express.json({ limit: '16kb' });

/** A fault request the sandbox cannot take: answered 400 with the message. */
class BadFault extends Error {
  readonly status = 400;
}

/** The members each kind takes besides `kind`. */
const MEMBERS: Record<FaultKind, readonly (keyof FaultSpec)[]> = {
  throttle: ['poolId', 'operation', 'category', 'rate'],
  latency: ['poolId', 'operation', 'category', 'rate', 'ms'],
  trigger: ['poolId', 'trigger', 'mode', 'rate', 'message'],
  delivery: ['poolId', 'operation', 'category', 'channel', 'rate', 'message'],
  idp: ['poolId', 'providerName', 'mode', 'rate', 'message'],
};

const OPERATIONS = new Set([...userPoolOperationNames, ...identityPoolOperationNames]);
const MODES: Partial<Record<FaultKind, readonly string[]>> = { trigger: ['timeout', 'throw'], idp: ['error', 'timeout'] };

const oneOf = (values: readonly string[]) => values.join(', ');

function textOf(body: Record<string, unknown>, name: keyof FaultSpec, max = MAX_TEXT): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > max || CONTROL.test(value)) {
    throw new BadFault(`${name} must be text of 1 to ${max} characters without control characters.`);
  }
  return value;
}

function numberOf(body: Record<string, unknown>, name: 'rate' | 'ms', min: number, max: number, unit: string): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new BadFault(`${name} must be a number from ${min} to ${max} (${unit}).`);
  }
  return value;
}

function choiceOf<T extends string>(body: Record<string, unknown>, name: keyof FaultSpec, choices: readonly T[]): T | undefined {
  const value = textOf(body, name);
  if (value !== undefined && !choices.includes(value as T)) throw new BadFault(`Unknown ${name} ${value}: it is one of ${oneOf(choices)}.`);
  return value as T | undefined;
}

function requirePool(store: FaultApiServices['store'], poolId: string | undefined): void {
  if (poolId !== undefined && !store.pools.findById(poolId) && !store.identityPools.find(poolId)) {
    throw new BadFault(`No user pool or identity pool ${poolId} in this sandbox.`);
  }
}

/** Operation or category, as the kind takes them: a known name, one or the other. */
function scopeOf(kind: FaultKind, operation: string | undefined, category: string | undefined): void {
  if (operation !== undefined && category !== undefined) throw new BadFault('Give operation or category, not both.');
  if (operation !== undefined) {
    if (kind === 'delivery' && !(DELIVERY_OPERATIONS as readonly string[]).includes(operation)) {
      throw new BadFault(`${operation} sends no code or invitation: a delivery fault's operation is one of ${oneOf(DELIVERY_OPERATIONS)}.`);
    }
    if (kind !== 'delivery' && !OPERATIONS.has(operation)) throw new BadFault(`Unknown operation ${operation}: Cognito has no operation of that name.`);
  }
  if (category !== undefined) {
    if (!Object.hasOwn(API_CATEGORIES, category)) throw new BadFault(`Unknown category ${category}: it is one of ${oneOf(Object.keys(API_CATEGORIES))}.`);
    if (kind !== 'delivery' && API_CATEGORIES[category]!.length === 0) {
      throw new BadFault(
        category === 'UserFederation'
          ? 'UserFederation has no AWS JSON operation (its requests are the hosted UI\'s federated sign-ins): inject an idp fault instead.'
          : `${category} has no AWS JSON operation (its requests are the token endpoint's client_credentials grants).`,
      );
    }
  }
}

/** The request's fault, checked; BadFault saying what is wrong. */
export function faultSpecOf(store: FaultApiServices['store'], body: unknown): FaultSpec {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadFault('The body must be a JSON object: {"kind": "throttle", ...}.');
  const input = body as Record<string, unknown>;
  const kind = choiceOf(input, 'kind', FAULT_KINDS);
  if (!kind) throw new BadFault(`kind is required: one of ${oneOf(FAULT_KINDS)}.`);
  const stray = Object.keys(input).filter((name) => name !== 'kind' && !(MEMBERS[kind] as readonly string[]).includes(name));
  if (stray.length > 0) throw new BadFault(`A ${kind} fault takes ${oneOf(MEMBERS[kind])}; not ${oneOf(stray)}.`);
  const spec: FaultSpec = {
    kind,
    poolId: textOf(input, 'poolId'),
    operation: textOf(input, 'operation'),
    category: textOf(input, 'category'),
    rate: numberOf(input, 'rate', 0, 100, '%'),
    ms: numberOf(input, 'ms', 1, MAX_LATENCY_MS, 'milliseconds'),
    trigger: choiceOf(input, 'trigger', TRIGGER_NAMES),
    mode: MODES[kind] ? (choiceOf(input, 'mode', MODES[kind]!) as FaultSpec['mode']) : undefined,
    channel: choiceOf(input, 'channel', ['EMAIL', 'SMS'] as const),
    providerName: textOf(input, 'providerName'),
    message: textOf(input, 'message', MAX_MESSAGE),
  };
  requirePool(store, spec.poolId);
  scopeOf(kind, spec.operation, spec.category);
  if (kind === 'latency' && spec.ms === undefined) throw new BadFault(`ms is required for a latency fault: 1 to ${MAX_LATENCY_MS} milliseconds.`);
  if (kind === 'trigger' && spec.message !== undefined && spec.mode !== 'throw') throw new BadFault('message applies to a trigger that throws (mode "throw").');
  return { ...spec, mode: spec.mode ?? (kind === 'trigger' ? 'timeout' : kind === 'idp' ? 'error' : undefined) };
}

function bodyOf(req: Request, res: Response): Promise<unknown> {
  return new Promise((resolve, reject) => parseJson(req, res, (error?: unknown) => (error ? reject(error) : resolve(req.body))));
}

export function listFaults({ faults }: FaultApiServices): ApiHandler<'faults'> {
  return (_req, res) => res.json({ faults: faults.list() });
}

export function addFault(services: FaultApiServices): ApiHandler<'addFault'> {
  return async (req, res) => {
    if (!req.is('application/json')) throw new BadFault('The body must be JSON (Content-Type: application/json).');
    const spec = faultSpecOf(services.store, await bodyOf(req as Request, res as Response));
    if (services.faults.list().length >= MAX_FAULTS) throw new BadFault(`At most ${MAX_FAULTS} faults can be on at once: switch some off first.`);
    res.status(201).json({ fault: services.faults.add(spec) });
  };
}

export function removeFault({ faults }: FaultApiServices): ApiHandler<'removeFault'> {
  return (req, res) => {
    if (!faults.remove(req.params.id)) return notFound(res, `No fault ${req.params.id}: it is off already.`);
    res.json({ removed: true });
  };
}

export function clearFaults({ faults }: FaultApiServices): ApiHandler<'clearFaults'> {
  return (_req, res) => res.json({ removed: faults.clear() });
}
