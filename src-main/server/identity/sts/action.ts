/** An STS action the stand-in answers: its parameters as the form carries them, their shape, its handler. */
import type { Services } from '../../../services.js';
import type { Shape } from '../../aws-json/shapes.js';
import type { QueryMember } from './query.js';
import type { XmlElements } from './xml.js';

export interface StsRequestContext {
  requestId: string;
  /** `http://HOST:PORT` as the request reached the sandbox. */
  origin: string;
  /** The SigV4 credential scope's region, or the sandbox's. */
  region: string;
  userAgent?: string;
  /** A signed request's access key id (the Authorization header's credential scope). */
  accessKeyId?: string;
  /** A signed request's `X-Amz-Security-Token`. */
  securityToken?: string;
  /** Set by an action that ran a flow, so the `api.called` event joins it. */
  flowId?: string;
  /** The identity pool the answer concerns, for the event. */
  poolId?: string;
}

export interface StsAction {
  members: Record<string, QueryMember>;
  input: Shape;
  /** The `{Action}Result` element's children. */
  handle(params: Record<string, unknown>, context: StsRequestContext): XmlElements | Promise<XmlElements>;
}

export type StsActionFactory = (services: Services) => StsAction;
