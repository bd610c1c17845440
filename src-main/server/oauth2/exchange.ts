/**
 * Publishes every hosted-UI and OAuth request with its answer as an `http.exchanged` event: the
 * browser lane of a hosted login and the app's back-channel calls, in the flow they belong to.
 * A handler names the flow, the page it showed and the JSON it answered in `res.locals.exchange`.
 */
import type { NextFunction, Request, Response } from 'express';
import type { EventData } from '../../../shared/events.js';
import { maskSecrets, MASK } from '../../debug/mask.js';
import type { Services } from '../../services.js';

export interface ExchangeNotes {
  flowId?: string;
  poolId?: string;
  page?: string;
  response?: unknown;
  error?: { error: string; error_description?: string };
}

/** Form fields never shown: the user's passwords, the client's secret, the PKCE verifier, a sign-up or reset code. */
const SECRET_FIELDS = new Set(['password', 'new_password', 'confirm_password', 'client_secret', 'code_verifier', 'confirmation_code']);
/** How much of a token the lane shows; the tokens themselves are in `token.issued`. */
const TOKEN_PREFIX = 24;

const TOKEN_FIELDS = new Set(['access_token', 'id_token', 'refresh_token', 'token']);

/** Notes for the exchange this response answers. */
export function noteExchange(res: Response, notes: ExchangeNotes): void {
  res.locals.exchange = { ...(res.locals.exchange as ExchangeNotes | undefined), ...notes };
}

/** In a page's form `code` is the user's one-time code; in the back channel it is the authorization code the lanes link. */
const PAGE_FORM_SECRETS = new Set([...SECRET_FIELDS, 'code']);

function shortened(params: Record<string, unknown>, secrets: ReadonlySet<string> = SECRET_FIELDS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    const text = Array.isArray(value) ? value.map(String).join(', ') : String(value);
    if (secrets.has(name)) out[name] = MASK;
    else if (TOKEN_FIELDS.has(name) && text.length > TOKEN_PREFIX) out[name] = `${text.slice(0, TOKEN_PREFIX)}…`;
    else out[name] = text.length > 512 ? `${text.slice(0, 512)}… [${text.length - 512} more characters]` : text;
  }
  return out;
}

/** The redirect's target and its parameters, from the query and the fragment. */
function redirectOf(location: string): { location: string; redirectParams: Record<string, string> } {
  const [withoutFragment, fragment = ''] = location.split('#', 2);
  const query = withoutFragment!.includes('?') ? withoutFragment!.slice(withoutFragment!.indexOf('?') + 1) : '';
  const params = Object.fromEntries([...new URLSearchParams(query), ...new URLSearchParams(fragment)]);
  return { location: withoutFragment!.slice(0, 2048), redirectParams: shortened(params) };
}

export function exchangeLog(services: Pick<Services, 'bus'>, lane: 'browser' | 'backchannel') {
  return (req: Request, res: Response, next: NextFunction) => {
    // A CORS preflight is the browser asking leave, not part of any login: the lanes skip it.
    if (req.method === 'OPTIONS') return next();
    const started = performance.now();
    res.on('finish', () => {
      const notes = (res.locals.exchange ?? {}) as ExchangeNotes;
      const location = res.getHeader('location');
      const body = req.body && typeof req.body === 'object' && Object.keys(req.body).length > 0 ? (req.body as Record<string, unknown>) : undefined;
      const data: EventData<'http.exchanged'> = {
        lane,
        method: req.method,
        path: req.path,
        query: shortened(req.query as Record<string, unknown>),
        ...(body && { form: shortened(body, lane === 'browser' ? PAGE_FORM_SECRETS : SECRET_FIELDS) }),
        status: res.statusCode,
        ...(notes.page && { page: notes.page }),
        ...(typeof location === 'string' && redirectOf(location)),
        ...(notes.response !== undefined && { response: maskSecrets(shortened(notes.response as Record<string, unknown>)) }),
        ...(notes.error && { error: notes.error }),
        ms: Math.round((performance.now() - started) * 10) / 10,
      };
      services.bus.publish('http.exchanged', data, { flowId: notes.flowId ?? null, poolId: notes.poolId ?? null });
    });
    next();
  };
}
