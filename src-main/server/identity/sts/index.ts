/**
 * The sandbox's STS stand-in at `POST /`, beside the AWS JSON API on the same port: a request with
 * a form body (`application/x-www-form-urlencoded`) and no `X-Amz-Target` is STS's, in the AWS query
 * protocol (`Action=AssumeRoleWithWebIdentity&Version=2011-06-15&...`), and is answered in its XML;
 * any other request passes on, untouched, to the AWS JSON router. The only place that writes STS's
 * answers and errors, and the place each STS call is published as `api.called`.
 *
 * Refusals before an action runs: no Action is MissingAction; an action STS does not have, or a
 * Version other than 2011-06-15 (or none), is InvalidAction "Could not find operation X for version
 * Y"; an STS action the stand-in does not answer (AssumeRole ...) is UnsupportedOperation naming it;
 * a body over 1 MB is RequestEntityTooLarge (413).
 *
 * Limitations: POST only (STS also takes GET with the parameters in the URL; the SDKs POST).
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { CognitoError } from '../../../cognito/errors.js';
import { maskSecrets } from '../../../debug/mask.js';
import type { Services } from '../../../services.js';
import { StorageError } from '../../../store/db.js';
import type { StsAction, StsRequestContext } from './action.js';
import { stsActions } from './actions/index.js';
import { internalFailure, invalidAction, malformedQueryString, missingAction, requestTooLarge, unsupportedAction } from './protocol-errors.js';
import { readParameters, validateParameters } from './query.js';
import { actionResponse, errorResponse, type XmlElements } from './xml.js';

export const STS_SERVICE = 'AWSSecurityTokenServiceV20110615';
export const STS_VERSION = '2011-06-15';
export const MAX_STS_BODY_BYTES = 1024 * 1024;

/** Every action STS has (the SDK's commands): those the stand-in does not answer are named as such, not unknown. */
const STS_ACTION_NAMES = new Set([
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'AssumeRoot',
  'DecodeAuthorizationMessage',
  'GetAccessKeyInfo',
  'GetCallerIdentity',
  'GetDelegatedAccessToken',
  'GetFederationToken',
  'GetScopedCredentials',
  'GetSessionToken',
  'GetWebIdentityToken',
]);

/** A form without X-Amz-Target: the AWS JSON API's requests always name their target. */
function isStsRequest(req: Request): boolean {
  return req.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded' && req.headers['x-amz-target'] === undefined;
}

/** The SigV4 Authorization header's access key id and region (`Credential=ASIA.../20240101/us-east-1/sts/aws4_request`). */
function credentialScope(header: string | undefined): { accessKeyId?: string; region?: string } {
  const match = header?.match(/^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/\d{8}\/([a-z0-9-]+)\//);
  return match ? { accessKeyId: match[1], region: match[2] } : {};
}

function contextOf(req: Request, services: Services, requestId: string): StsRequestContext {
  const scope = credentialScope(req.headers.authorization);
  const securityToken = req.headers['x-amz-security-token'];
  const userAgent = String(req.headers['x-amz-user-agent'] ?? req.headers['user-agent'] ?? '');
  return {
    requestId,
    origin: `${req.protocol}://${req.headers.host}`,
    region: scope.region ?? services.options.region,
    ...(userAgent && { userAgent }),
    ...(scope.accessKeyId && { accessKeyId: scope.accessKeyId }),
    ...(typeof securityToken === 'string' && { securityToken }),
  };
}

function send(res: Response, status: number, body: string, requestId: string): void {
  res.status(status).set('x-amzn-RequestId', requestId).type('text/xml').send(body);
}

function sendError(res: Response, error: CognitoError, requestId: string): void {
  send(res, error.status, errorResponse(error, requestId), requestId);
}

function asStsError(error: unknown): CognitoError {
  if (error instanceof CognitoError) return error;
  if (!(error instanceof StorageError)) console.error('[sts] unexpected failure:', error);
  return internalFailure();
}

/** The action the form names, or why there is none. */
function actionOf(form: URLSearchParams, actions: Map<string, StsAction>): { name: string; action: StsAction } {
  const name = form.get('Action');
  if (!name) throw missingAction();
  const version = form.get('Version');
  if (!STS_ACTION_NAMES.has(name) || version !== STS_VERSION) throw invalidAction(name, version);
  const action = actions.get(name);
  if (!action) throw unsupportedAction(name, [...actions.keys()]);
  return { name, action };
}

interface StsCall {
  operation: string;
  request: Record<string, unknown>;
  response?: XmlElements;
  failure?: CognitoError;
  ms: number;
  requestId: string;
  context?: StsRequestContext;
}

function publishCall(services: Services, call: StsCall): void {
  try {
    services.bus.publish(
      'api.called',
      {
        service: STS_SERVICE,
        operation: call.operation,
        request: maskSecrets(call.request),
        response: call.failure ? undefined : maskSecrets(call.response),
        error: call.failure && { type: call.failure.type, message: call.failure.message },
        status: call.failure?.status ?? 200,
        ms: Math.round(call.ms * 100) / 100,
        requestId: call.requestId,
      },
      { poolId: call.context?.poolId ?? null, flowId: call.context?.flowId ?? null },
    );
  } catch (error) {
    console.error('[sts] could not publish api.called:', error);
  }
}

export function stsRouter(services: Services): express.Router {
  const actions = new Map(Object.entries(stsActions).map(([name, factory]) => [name, factory(services)]));
  const router = express.Router();
  const readForm = express.text({ type: () => true, limit: MAX_STS_BODY_BYTES, defaultCharset: 'utf-8' });

  router.post(
    '/',
    (req: Request, res: Response, next: NextFunction) => {
      if (!isStsRequest(req)) return next('router');
      res.locals.sts = true;
      return readForm(req, res, next);
    },
    async (req: Request, res: Response) => {
      const started = performance.now();
      const requestId = services.ids.uuid();
      const form = new URLSearchParams(typeof req.body === 'string' ? req.body : '');
      let operation = form.get('Action') ?? '';
      let request: Record<string, unknown> = Object.fromEntries(form);
      let context: StsRequestContext | undefined;
      let response: XmlElements | undefined;
      let failure: CognitoError | undefined;
      try {
        const { name, action } = actionOf(form, actions);
        operation = name;
        const params = readParameters(form, action.members);
        request = params;
        validateParameters(action.input, params);
        context = contextOf(req, services, requestId);
        response = await action.handle(params, context);
        send(res, 200, actionResponse(name, response, requestId), requestId);
      } catch (error) {
        failure = asStsError(error);
        sendError(res, failure, requestId);
      } finally {
        publishCall(services, { operation, request, response, failure, ms: performance.now() - started, requestId, context });
      }
    },
  );

  // Body-reader failures (too large, unreadable, aborted), still in STS's shape.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!res.locals.sts || res.headersSent) return next(error);
    const requestId = services.ids.uuid();
    const failure = (error as { type?: string })?.type === 'entity.too.large' ? requestTooLarge(MAX_STS_BODY_BYTES) : malformedQueryString();
    sendError(res, failure, requestId);
    publishCall(services, { operation: '', request: {}, failure, ms: 0, requestId });
  });

  return router;
}
