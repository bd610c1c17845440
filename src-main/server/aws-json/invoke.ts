/**
 * Calls an operation in-process, through the same validation as the wire: for the config-file
 * seeding and the debugger's admin helpers, which must behave exactly like an API call.
 */
import type { Services } from '../../services.js';
import type { RequestContext } from './operation.js';
import { userPoolOperations } from './operations/index.js';
import { validate } from './shapes.js';

export type Invoke = <Out = any>(operation: string, input: object, context?: Partial<RequestContext>) => Promise<Out>;

export function createInvoker(services: Services): Invoke {
  return async (name, input, context = {}) => {
    const factory = userPoolOperations[name];
    if (!factory) throw new Error(`operation ${name} is not implemented`);
    const operation = factory(services);
    validate(operation.input, input);
    return (await operation.handle(input, {
      region: services.options.region,
      requestId: services.ids.uuid(),
      origin: `http://${services.options.host}:${services.options.port}`,
      signed: true,
      ...context,
    })) as any;
  };
}
