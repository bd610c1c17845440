/**
 * The sandbox's own calls to an identity provider (discovery, token, JWKS, userInfo, SAML
 * metadata): bounded in time and size, since the provider may be anything the pool names, and
 * each published in the debugger's identity-provider lane (`http.exchanged`, lane `idp`) with
 * secrets masked and tokens shortened.
 */
import type { BaseServices } from '../../base-services.js';
import type { SandboxOptions } from '../../config/options.js';
import { maskSecrets } from '../../debug/mask.js';

/** How long a provider has to answer, unless the options say otherwise (`idpTimeoutMs`). */
export const IDP_TIMEOUT_MS = 10_000;
/** The most of an answer read: a discovery document, a JWKS or SAML metadata is far smaller. */
export const IDP_BODY_LIMIT = 1024 * 1024;

const TOKEN_FIELDS = new Set(['access_token', 'id_token', 'refresh_token']);
const SECRET_FIELDS = new Set(['client_secret', 'code', 'code_verifier', 'client_assertion']);
const TOKEN_PREFIX = 24;

export interface IdpRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A form body (application/x-www-form-urlencoded). */
  form?: Record<string, string>;
}

export interface IdpAnswer {
  status: number;
  contentType: string;
  text: string;
}

/** Why a provider's answer was not had: Cognito words a timeout apart from a broken connection. */
export type UnreachableReason = 'timeout' | 'too-large' | 'network';

/** Thrown when the provider cannot be reached, is too slow, or answers too much. */
export class IdpUnreachable extends Error {
  constructor(
    url: string,
    why: string,
    readonly reason: UnreachableReason = 'network',
  ) {
    super(`${new URL(url).origin} did not answer: ${why}`);
    this.name = 'IdpUnreachable';
  }
}

/** Where the call belongs in the debugger. */
export interface IdpCallContext {
  flowId?: string | null;
  poolId?: string | null;
}

function shortened(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (SECRET_FIELDS.has(name)) out[name] = '***';
    else if (TOKEN_FIELDS.has(name) && text.length > TOKEN_PREFIX) out[name] = `${text.slice(0, TOKEN_PREFIX)}…`;
    else out[name] = text.length > 512 ? `${text.slice(0, 512)}…` : text;
  }
  return out;
}

function responseForLane(answer: IdpAnswer): unknown {
  if (!answer.contentType.includes('json')) return { body: answer.text.length > 2048 ? `${answer.text.slice(0, 2048)}…` : answer.text };
  try {
    const parsed = JSON.parse(answer.text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? maskSecrets(shortened(parsed as Record<string, unknown>)) : parsed;
  } catch {
    return { body: answer.text.slice(0, 2048) };
  }
}

async function readBounded(response: Response, url: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > IDP_BODY_LIMIT) throw new IdpUnreachable(url, `its answer is larger than ${IDP_BODY_LIMIT} bytes`, 'too-large');
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > IDP_BODY_LIMIT) throw new IdpUnreachable(url, `its answer is larger than ${IDP_BODY_LIMIT} bytes`, 'too-large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Calls the provider and publishes the exchange; any status is returned (the caller decides what a refusal means). */
export async function idpFetch(
  services: Pick<BaseServices, 'bus'> & { options?: Pick<SandboxOptions, 'idpTimeoutMs'> },
  url: string,
  request: IdpRequest,
  context: IdpCallContext,
): Promise<IdpAnswer> {
  const method = request.method ?? (request.form ? 'POST' : 'GET');
  const timeoutMs = services.options?.idpTimeoutMs ?? IDP_TIMEOUT_MS;
  const started = performance.now();
  const target = new URL(url);
  const publish = (status: number, extra: { response?: unknown; error?: { error: string; error_description?: string } }) =>
    services.bus.publish(
      'http.exchanged',
      {
        lane: 'idp',
        method,
        path: `${target.origin}${target.pathname}`,
        query: shortened(Object.fromEntries(target.searchParams)),
        ...(request.form && { form: shortened(request.form) }),
        status,
        ...extra,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      { flowId: context.flowId ?? null, poolId: context.poolId ?? null },
    );
  try {
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json, application/xml;q=0.9, */*;q=0.5', ...(request.form && { 'content-type': 'application/x-www-form-urlencoded' }), ...request.headers },
      ...(request.form && { body: new URLSearchParams(request.form).toString() }),
    });
    const answer: IdpAnswer = { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await readBounded(response, url) };
    publish(answer.status, { response: responseForLane(answer) });
    return answer;
  } catch (error) {
    if (error instanceof IdpUnreachable) {
      publish(0, { error: { error: 'unreachable', error_description: error.message } });
      throw error;
    }
    const timedOut = (error as Error).name === 'TimeoutError';
    const why = timedOut ? `no answer within ${timeoutMs / 1000} s` : networkFailure(error as Error);
    publish(0, { error: { error: 'unreachable', error_description: why } });
    throw new IdpUnreachable(url, why, timedOut ? 'timeout' : 'network');
  }
}

/** fetch says "fetch failed"; its cause names what went wrong (ECONNREFUSED, ENOTFOUND, a reset). */
function networkFailure(error: Error): string {
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}

/** The answer's JSON object, or undefined when it is not one. */
export function jsonOf(answer: IdpAnswer): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(answer.text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
