/**
 * Functions behind the AWS Lambda Invoke API (`--lambda-endpoint`): what SAM local
 * (`sam local start-lambda`), serverless-offline and LocalStack serve.
 *
 *   POST {endpoint}/2015-03-31/functions/{name}/invocations[?Qualifier=q]
 *
 * A 200 answer is the payload; with `X-Amz-Function-Error` it is the error the function threw
 * ({ errorMessage, errorType }). The tail of the function's log comes back base64 in
 * `X-Amz-Log-Result` when the server honours `X-Amz-Log-Type: Tail`.
 *
 * Limitations: requests are not SigV4-signed (the local servers above do not check); Cognito's
 * asynchronous invocation of the custom sender triggers is made synchronously here, so their
 * logs and errors can be shown.
 */
import { InvocationFailed, InvocationTimeout, type InvocationRequest, type InvocationResult } from './invocation.js';
import type { FunctionError } from './types.js';

function invocationUrl(endpoint: string, request: InvocationRequest): string {
  const url = new URL(`${endpoint.replace(/\/+$/, '')}/2015-03-31/functions/${encodeURIComponent(request.functionName)}/invocations`);
  if (request.qualifier) url.searchParams.set('Qualifier', request.qualifier);
  return url.toString();
}

function logLines(header: string | null): string[] {
  if (!header) return [];
  return Buffer.from(header, 'base64')
    .toString('utf8')
    .split('\n')
    .filter((line) => line.length > 0);
}

/** A frame of the stack as lines: Python's frames are text with the code on a second line (lists in old runtimes). */
function stackLines(frame: unknown): string[] {
  if (Array.isArray(frame)) return [`File "${frame[0]}", line ${frame[1]}, in ${frame[2]}`, ...(frame[3] ? [`    ${frame[3]}`] : [])];
  return String(frame)
    .split('\n')
    .filter((line) => line.trim().length > 0);
}

function functionErrorOf(body: string, kind: string): FunctionError {
  try {
    const parsed = JSON.parse(body) as Partial<FunctionError> & { stackTrace?: unknown };
    if (parsed && typeof parsed === 'object') {
      // Node.js runtimes name the stack `trace`; Python's and Java's `stackTrace`.
      const trace = Array.isArray(parsed.trace) ? parsed.trace : Array.isArray(parsed.stackTrace) ? parsed.stackTrace : undefined;
      return {
        errorType: String(parsed.errorType ?? kind),
        errorMessage: String(parsed.errorMessage ?? ''),
        ...(trace && { trace: trace.flatMap(stackLines) }),
      };
    }
  } catch {
    // Not JSON: the body itself is all there is to say.
  }
  return { errorType: kind, errorMessage: body };
}

/** The Lambda API's own error (no such function, throttling, ...): its `__type` or the status. */
function serviceErrorOf(response: Response, body: string): string {
  const header = response.headers.get('x-amzn-errortype')?.split(':')[0];
  if (header) return header;
  try {
    const parsed = JSON.parse(body) as { __type?: string; Type?: string; message?: string };
    const type = parsed.__type?.split('#').pop() ?? parsed.Type;
    if (type) return type;
  } catch {
    // fall through to the status line
  }
  return `HTTP ${response.status}`;
}

export async function invokeOverApi(endpoint: string, request: InvocationRequest): Promise<InvocationResult> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), request.timeoutMs);
  try {
    const response = await fetch(invocationUrl(endpoint, request), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-amz-invocation-type': 'RequestResponse',
        'x-amz-log-type': 'Tail',
      },
      body: JSON.stringify(request.event),
      signal: abort.signal,
    });
    const body = await response.text();
    const logs = logLines(response.headers.get('x-amz-log-result'));
    if (!response.ok) throw new InvocationFailed(serviceErrorOf(response, body));
    const functionError = response.headers.get('x-amz-function-error');
    if (functionError) return { functionError: functionErrorOf(body, functionError), logs };
    return { payload: body, logs };
  } catch (error) {
    if (abort.signal.aborted) throw new InvocationTimeout(`${request.functionName} did not answer within ${request.timeoutMs} ms`);
    if (error instanceof InvocationFailed) throw error;
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new InvocationFailed(`could not reach the Lambda endpoint ${endpoint} (${cause})`);
  } finally {
    clearTimeout(timer);
  }
}
