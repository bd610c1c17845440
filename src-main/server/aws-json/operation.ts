import type { Shape } from './shapes.js';
import type { Services } from '../../services.js';

/** What an operation knows about the HTTP request that carried it. */
export interface RequestContext {
  /** Region from the SigV4 credential scope, or the sandbox's configured region. */
  region: string;
  requestId: string;
  /** `http://HOST:PORT` as the request reached the server. */
  origin: string;
  /** Whether the request carried SigV4 (admin operations are signed). */
  signed: boolean;
  /** The caller's User-Agent (X-Amz-User-Agent first): trigger events name the caller's SDK from it. */
  userAgent?: string;
  /** The caller's IP address (an IPv4-mapped IPv6 address as IPv4), as Cognito records it (a device's last_ip_used). */
  sourceIp?: string;
  /** Set by an operation that runs a flow, so its `api.called` event joins that flow. */
  flowId?: string;
}

/**
 * An SDK output type as it travels: dates become epoch seconds, and the SDK's `$metadata` is
 * not part of the body.
 */
export type Wire<T> = T extends Date
  ? number
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T as K extends '$metadata' ? never : K]: Wire<T[K]> }
      : T;

export type Handler<In, Out> = (input: In, context: RequestContext) => Wire<Out> | Promise<Wire<Out>>;

export interface Operation<In = unknown, Out = unknown> {
  readonly input: Shape;
  readonly handle: Handler<In, Out>;
}

/**
 * An operation is a factory over the services it needs: `(services) => { input, handle }`.
 * Operations declare their dependencies with `Pick<Services, ...>` so readers see what each
 * one touches.
 */
export type OperationFactory<In = any, Out = any> = (services: Services) => Operation<In, Out>;

export function operation<In, Out, S extends Partial<Services> = Services>(
  build: (services: S) => { input: Shape; handle: Handler<In, Out> },
): OperationFactory<In, Out> {
  return build as unknown as OperationFactory<In, Out>;
}
