/**
 * AWS JSON 1.1 at `POST /`: reads the target, checks the body against the operation's input
 * shape, runs it, and writes the answer or the AWS-shaped error. The only place that formats
 * error bodies for this protocol, and the place every call is published as `api.called`.
 */
import express, { type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { StorageError } from '../../store/db.js';
import { maskHeaders, maskSecrets } from '../../debug/mask.js';
import { callerOf } from '../../../shared/user-agent.js';
import type { ApiCallHttp } from '../../../shared/events.js';
import { ClientDisconnected } from '../../debug/breakpoints.js';
import { CognitoError, InternalErrorException, InvalidParameterException, UnsupportedOperationException, ValidationException } from '../../cognito/errors.js';
import { RequestEntityTooLargeException, SerializationException, UnknownOperationException } from './errors.js';
import { callSiteOf, injectCallFaults, type CallSite } from './faults.js';
import {
  IDENTITY_POOLS_SERVICE,
  USER_POOLS_SERVICE,
  identityPoolOperationNames,
  userPoolOperationNames,
} from './catalogue.js';
import type { Operation, OperationFactory, RequestContext } from './operation.js';
import { identityPoolOperations, userPoolOperations } from './operations/index.js';
import { validate } from './shapes.js';

export const MAX_BODY_BYTES = 1024 * 1024;
/** The request header the debugger window sends with its own calls (src-renderer/admin/cognito-api.ts). */
export const WINDOW_CALL_HEADER = 'x-cognito-sandbox-window';
const JSON_CONTENT_TYPES = ['application/x-amz-json-1.1', 'application/x-amz-json-1.0', 'application/json'];

interface ServiceTable {
  names: ReadonlySet<string>;
  operations: Map<string, Operation>;
  /** How the service refuses a body that breaks the model: user pools InvalidParameterException, Cognito Identity ValidationException. */
  invalid: new (message: string) => CognitoError;
}

function buildTable(
  names: readonly string[],
  factories: Record<string, OperationFactory>,
  services: Services,
  invalid: ServiceTable['invalid'],
): ServiceTable {
  const operations = new Map<string, Operation>();
  for (const [name, factory] of Object.entries(factories)) operations.set(name, factory(services));
  return { names: new Set(names), operations, invalid };
}

/** The region in a SigV4 credential scope (`Credential=AKID/20240101/us-west-2/cognito-idp/aws4_request`). */
function regionFromAuthorization(header: string | undefined): string | undefined {
  return header?.match(/Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\//)?.[1];
}

function parseBody(req: Request): Record<string, unknown> {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!JSON_CONTENT_TYPES.includes(contentType)) {
    throw new SerializationException(
      `Unsupported Content-Type '${contentType || '(none)'}': send application/x-amz-json-1.1`,
    );
  }
  const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  if (raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new SerializationException('Start of structure or map found where not expected.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SerializationException('The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

function sendError(res: Response, error: CognitoError, requestId: string): void {
  res
    .status(error.status)
    .set('x-amzn-RequestId', requestId)
    .set('x-amzn-ErrorType', error.type)
    .type('application/x-amz-json-1.1')
    .send(JSON.stringify({ __type: error.type, message: error.message }));
}

export function awsJsonRouter(services: Services): express.Router {
  // A Map: the service part of X-Amz-Target is client text (`constructor`, `__proto__` ...).
  const tables = new Map<string, ServiceTable>([
    [USER_POOLS_SERVICE, buildTable(userPoolOperationNames, userPoolOperations, services, InvalidParameterException)],
    [IDENTITY_POOLS_SERVICE, buildTable(identityPoolOperationNames, identityPoolOperations, services, ValidationException)],
  ]);
  const router = express.Router();

  router.post(
    '/',
    express.raw({ type: () => true, limit: MAX_BODY_BYTES }),
    async (req: Request, res: Response) => {
      const started = performance.now();
      const requestId = services.ids.uuid();
      const target = String(req.headers['x-amz-target'] ?? '');
      const [service = '', operationName = ''] = target.split('.');
      let body: Record<string, unknown> = {};
      let status = 200;
      let response: unknown;
      let failure: CognitoError | undefined;
      let context: RequestContext | undefined;
      let faultSite: CallSite | undefined;
      try {
        const table = tables.get(service);
        if (!table || !operationName) {
          throw new UnknownOperationException(
            target ? `Unknown operation ${target}` : 'Missing X-Amz-Target header: expected AWSCognitoIdentityProviderService.<Operation>',
          );
        }
        body = parseBody(req);
        const operation = table.operations.get(operationName);
        if (!operation) {
          if (table.names.has(operationName)) {
            throw new UnsupportedOperationException(
              `${operationName} is not implemented by Cognito Sandbox yet. See the coverage table in README.md.`,
            );
          }
          throw new UnknownOperationException(`Unknown operation ${target}`);
        }
        // The window's own admin calls are not the app's: injected faults leave them alone.
        if (req.headers[WINDOW_CALL_HEADER] !== '1') faultSite = callSiteOf(services, operationName, body);
        await injectCallFaults(services, faultSite);
        validate(operation.input, body, table.invalid);
        context = {
          region: regionFromAuthorization(req.headers.authorization) ?? services.options.region,
          requestId,
          origin: `${req.protocol}://${req.headers.host}`,
          signed: typeof req.headers.authorization === 'string' && req.headers.authorization.startsWith('AWS4-HMAC-SHA256'),
          userAgent: String(req.headers['x-amz-user-agent'] ?? req.headers['user-agent'] ?? ''),
          ...(req.socket.remoteAddress && { sourceIp: req.socket.remoteAddress.replace(/^::ffff:/, '') }),
        };
        response = (await operation.handle(body, context)) ?? {};
        res
          .status(200)
          .set('x-amzn-RequestId', requestId)
          .type('application/x-amz-json-1.1')
          .send(JSON.stringify(response));
      } catch (error) {
        failure = error instanceof CognitoError ? error : internalError(error);
        status = failure.status;
        sendError(res, failure, requestId);
      } finally {
        publishCall(services, {
          service,
          operation: operationName || target,
          body,
          response,
          failure,
          status,
          ms: performance.now() - started,
          requestId,
          flowId: context?.flowId ?? faultSite?.flowId,
          http: httpExchange(req, res),
          fromWindow: req.headers[WINDOW_CALL_HEADER] === '1',
        });
      }
    },
  );

  // Body-parser failures (too large, aborted) arrive here, still as AWS-shaped errors.
  router.use((error: unknown, _req: Request, res: Response, next: (e?: unknown) => void) => {
    if (res.headersSent) return next(error);
    const requestId = services.ids.uuid();
    const type = (error as { type?: string })?.type;
    if (type === 'entity.too.large') {
      return sendError(res, new RequestEntityTooLargeException(`Request body is larger than ${MAX_BODY_BYTES} bytes.`), requestId);
    }
    return sendError(res, new SerializationException('The request body could not be read.'), requestId);
  });

  return router;
}

function internalError(error: unknown): CognitoError {
  // The store has said so on the console already, once per outage rather than per request.
  if (error instanceof StorageError) return new InternalErrorException(error.message);
  // Nobody is there to read the answer: the flow has ended as abandoned already.
  if (error instanceof ClientDisconnected) return new InternalErrorException(error.message);
  console.error('[aws-json] unexpected failure:', error);
  return new InternalErrorException(`Internal error: ${(error as Error)?.message ?? String(error)}`);
}

/** What DevTools would show of the exchange: method, path, masked headers, the client its User-Agent names, sizes. */
function httpExchange(req: Request, res: Response): ApiCallHttp {
  const { userAgent, client } = callerOf({
    userAgent: req.headers['user-agent'],
    amzUserAgent: typeof req.headers['x-amz-user-agent'] === 'string' ? req.headers['x-amz-user-agent'] : undefined,
  });
  return {
    method: req.method,
    path: req.originalUrl,
    requestHeaders: maskHeaders(req.headers),
    responseHeaders: maskHeaders(res.getHeaders()),
    ...(userAgent && { userAgent }),
    ...(client && { client }),
    requestBytes: Buffer.isBuffer(req.body) ? req.body.length : 0,
    responseBytes: Number(res.getHeader('content-length') ?? 0),
  };
}

interface Call {
  service: string;
  operation: string;
  body: Record<string, unknown>;
  response: unknown;
  failure: CognitoError | undefined;
  status: number;
  ms: number;
  requestId: string;
  flowId: string | undefined;
  http: ApiCallHttp;
  fromWindow: boolean;
}

function publishCall(services: Services, call: Call): void {
  const named = call.body.UserPoolId ?? call.body.IdentityPoolId;
  const poolId = typeof named === 'string' ? named : null;
  try {
    services.bus.publish(
      'api.called',
      {
        service: call.service,
        operation: call.operation,
        request: maskSecrets(call.body),
        response: call.failure ? undefined : maskSecrets(call.response),
        error: call.failure && { type: call.failure.type, message: call.failure.message },
        status: call.status,
        ms: Math.round(call.ms * 100) / 100,
        requestId: call.requestId,
        http: call.http,
        ...(call.fromWindow && { origin: 'window' as const }),
      },
      { poolId, flowId: call.flowId },
    );
  } catch (error) {
    console.error('[aws-json] could not publish api.called:', error);
  }
}
