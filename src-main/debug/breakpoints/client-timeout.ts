/**
 * How long the client whose request waits at a breakpoint waits for its answer, by its defaults,
 * read from the User-Agent (shared/user-agent.ts names the client). A client configured otherwise
 * cannot be seen from here; the window says these are defaults.
 *
 * The defaults, from the libraries' own documentation and source:
 *  - boto3 / botocore: `read_timeout` 60 s (botocore.config.Config), then it retries the call
 *    (legacy mode: up to 4 more times, standard mode: 2), each retry a new request;
 *  - AWS CLI: `--cli-read-timeout` 60 s, then it retries as botocore does;
 *  - AWS SDK for JavaScript v3: none (@smithy/node-http-handler DEFAULT_REQUEST_TIMEOUT 0; the
 *    fetch handler of browsers none either; the 300 s socket timeout of newer clients is opt-in,
 *    AWS_ENABLE_DEFAULT_SOCKET_TIMEOUT_2026);
 *  - AWS SDK for JavaScript v2: `httpOptions.timeout` 120 s of socket inactivity;
 *  - Amplify v6 and amazon-cognito-identity-js: `fetch` with no timeout;
 *  - AWS SDK for Java v2: 30 s socket timeout; v1: 50 s (ClientConfiguration DEFAULT_SOCKET_TIMEOUT);
 *  - AWS SDK for .NET: 100 s (HttpClient's default Timeout);
 *  - curl, browsers' fetch, Node.js fetch: none.
 */
import { callerOf } from '../../../shared/user-agent.js';
import type { WaitingClient } from '../../../shared/breakpoints.js';

const SECOND = 1_000;

interface Default {
  timeoutMs: number | null;
  note: string;
}

const RETRIES = 'then retries the call as a new request (this pause ends as abandoned; the retry stops at the breakpoint again)';

const DEFAULTS: Record<string, Default> = {
  boto3: { timeoutMs: 60 * SECOND, note: `botocore's read_timeout is 60 s by default; it ${RETRIES}` },
  botocore: { timeoutMs: 60 * SECOND, note: `botocore's read_timeout is 60 s by default; it ${RETRIES}` },
  'AWS CLI': { timeoutMs: 60 * SECOND, note: `--cli-read-timeout is 60 s by default; it ${RETRIES}` },
  'AWS SDK for JavaScript v3': { timeoutMs: null, note: 'requestTimeout is 0 (none) by default: it waits as long as the flow is paused' },
  'AWS SDK for JavaScript v2': { timeoutMs: 120 * SECOND, note: `httpOptions.timeout is 120 s of socket inactivity by default; it ${RETRIES}` },
  Amplify: { timeoutMs: null, note: 'fetch has no timeout: it waits as long as the flow is paused' },
  'amazon-cognito-identity-js': { timeoutMs: null, note: 'fetch has no timeout: it waits as long as the flow is paused' },
  'AWS SDK for Java v2': { timeoutMs: 30 * SECOND, note: `the HTTP client's socket timeout is 30 s by default; it ${RETRIES}` },
  'AWS SDK for Java v1': { timeoutMs: 50 * SECOND, note: `ClientConfiguration's socket timeout is 50 s by default; it ${RETRIES}` },
  'AWS SDK for .NET': { timeoutMs: 100 * SECOND, note: `HttpClient's Timeout is 100 s by default; it ${RETRIES}` },
  curl: { timeoutMs: null, note: 'curl has no timeout unless --max-time is given' },
  'a browser': { timeoutMs: null, note: "a page's fetch has no timeout of its own" },
  'Node.js fetch': { timeoutMs: null, note: 'fetch has no timeout of its own' },
};

/** The client the User-Agent headers name, and how long it waits by default. */
export function waitingClientOf(headers: { userAgent?: string; amzUserAgent?: string }): WaitingClient {
  // The SDK v2 in Node names itself `aws-sdk-nodejs/2.x`, which shared/user-agent.ts does not know.
  if ([headers.userAgent, headers.amzUserAgent].some((text) => text && /\baws-sdk-nodejs\/2\./.test(text))) {
    return { name: 'AWS SDK for JavaScript v2', ...DEFAULTS['AWS SDK for JavaScript v2']! };
  }
  const { client } = callerOf(headers);
  const known = client && DEFAULTS[client.name];
  if (!client || !known) {
    return { name: client?.name ?? 'unknown', timeoutMs: null, note: 'the User-Agent names no client whose default timeout is known: no countdown' };
  }
  return { name: client.name, ...known };
}
