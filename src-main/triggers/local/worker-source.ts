/**
 * The program each handler worker runs, as JavaScript source. It is a string, run with
 * `new Worker(source, { eval: true })`, so that it runs as it is under every way the sandbox's
 * own code is loaded (tsx, vitest, the electron-vite bundle) without a separate file to ship.
 *
 * It behaves like the Node.js Lambda runtime for one function instance:
 *  - loads the module once (TypeScript through tsx's loaders when `workerData.tsx` is given)
 *    and finds `handler` (`exports.handler`, `export const handler`, a default export holding
 *    `handler`, or a default-exported function);
 *  - calls it async or callback style (`(event, context, callback)`, `context.done/succeed/fail`);
 *    a handler declared without the callback parameter that returns no promise answers `null`
 *    (Lambda ignores a synchronous return value);
 *  - gets the event as JSON text, so it sees exactly what the Invoke API would deliver;
 *  - captures console.log/info/warn/error/debug/trace in CloudWatch's line format
 *    (`TIME\tREQUEST_ID\tLEVEL\tmessage`) for the invocation in progress;
 *  - answers the payload as JSON text, or the error as Lambda reports it
 *    ({ errorType, errorMessage, trace }; a thrown string has errorType "string"; the trace ends at
 *    the handler's frames, not this worker's).
 *
 * Messages in: { id, event (JSON text), context: { functionName, functionVersion, invokedFunctionArn,
 * memoryLimitInMB, awsRequestId, logGroupName, logStreamName, deadline }, env }.
 * Messages out: { id, payload, logs } or { id, error, logs }.
 */
export const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const { format } = require('node:util');
const path = require('node:path');

let current = null;
const LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
for (const [method, level] of Object.entries(LEVELS)) {
  console[method] = (...args) => {
    if (current) current.logs.push(new Date().toISOString() + '\t' + current.requestId + '\t' + level + '\t' + format(...args));
  };
}

function lambdaError(errorType, errorMessage, trace) {
  return { errorType, errorMessage, trace: trace || [] };
}

// The stack down to the handler: the frames below it are this worker's, which no Lambda has.
function handlerStack(error) {
  const lines = String(error.stack || '').split('\n');
  const ours = lines.findIndex((line) => line.includes('[worker eval]'));
  if (ours < 0) return lines;
  const kept = lines.slice(0, ours);
  if (kept.length > 1 && /^\s+at new Promise \(<anonymous>\)$/.test(kept[kept.length - 1])) kept.pop();
  return kept;
}

function describeError(error) {
  if (error instanceof Error) {
    return lambdaError(error.name || 'Error', error.message, handlerStack(error));
  }
  if (typeof error === 'string') return lambdaError('string', error);
  let text;
  try { text = JSON.stringify(error); } catch { text = String(error); }
  return lambdaError(typeof error, text);
}

let loading;
function loadHandler() {
  loading = loading || (async () => {
    let mod;
    try {
      if (workerData.tsx) {
        require(workerData.tsx.cjs).register();
        (await import(workerData.tsx.esm)).register();
      }
      mod = await import(pathToFileURL(workerData.file).href);
    } catch (error) {
      const type = error instanceof SyntaxError ? 'Runtime.UserCodeSyntaxError' : 'Runtime.ImportModuleError';
      throw lambdaError(type, String(error && error.name ? error.name + ': ' + error.message : error), error && error.stack ? String(error.stack).split('\n') : []);
    }
    const candidates = [mod.handler, mod.default && mod.default.handler, mod.default];
    const handler = candidates.find((candidate) => typeof candidate === 'function');
    if (!handler) {
      const name = path.basename(workerData.file).replace(/\.[^.]+$/, '');
      throw lambdaError('Runtime.HandlerNotFound', name + '.handler is undefined or not exported');
    }
    return handler;
  })();
  return loading;
}

function lambdaContext(context, settle) {
  const { deadline, ...members } = context;
  return {
    ...members,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: (error, result) => settle(error, result),
    succeed: (result) => settle(null, result),
    fail: (error) => settle(error == null ? 'handled' : error),
  };
}

function callHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error, result) => {
      if (settled) return;
      settled = true;
      if (error != null) reject(error);
      else resolve(result);
    };
    const returned = handler(event, lambdaContext(context, settle), settle);
    if (returned && typeof returned.then === 'function') returned.then((result) => settle(null, result), (error) => settle(error));
    else if (handler.length < 3) setImmediate(() => settle(null, null));
  });
}

parentPort.on('message', async ({ id, event, context, env }) => {
  const invocation = { requestId: context.awsRequestId, logs: [] };
  current = invocation;
  Object.assign(process.env, env);
  try {
    const handler = await loadHandler();
    const result = await callHandler(handler, JSON.parse(event), context);
    let payload;
    try {
      payload = JSON.stringify(result === undefined ? null : result);
    } catch (error) {
      throw lambdaError('Runtime.MalformedHandlerResponse', 'Unable to stringify response body: ' + error.message);
    }
    parentPort.postMessage({ id, payload, logs: invocation.logs });
  } catch (error) {
    const described = error && typeof error.errorType === 'string' ? error : describeError(error);
    parentPort.postMessage({ id, error: described, logs: invocation.logs });
  } finally {
    if (current === invocation) current = null;
  }
});
`;
