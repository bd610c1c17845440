/**
 * The social mocks' pages besides the login page: the provider's error page (a request it will
 * not send back to the client: an unknown client, a redirect URI it does not accept) and the
 * self-submitting form of a `response_mode=form_post` answer (Sign in with Apple). Each is sent
 * with a Content-Security-Policy that allows only what it needs.
 */
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { MOCK_IDP_LABELS, type MockIdpKind } from '../../../shared/mock-idp.js';
import { html, raw, type Html } from '../hosted-ui/html.js';

const SUBMIT_SCRIPT = 'document.forms[0].submit()';
const SUBMIT_SCRIPT_HASH = createHash('sha256').update(SUBMIT_SCRIPT).digest('base64');
// Chromium holds a form's redirects to form-action too: the mock's answer goes on to the relying
// party and from there to the app, wherever those are, so forms may lead to any http(s) origin.
const STATIC_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self' http: https:";

const PAGE_CSS = 'body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}h1{font-size:1.3rem}code{word-break:break-all}';

/** A mock's whole page: its title, style and body, marked with the mock it belongs to. */
export function mockPage(idp: MockIdpKind, title: string, body: Html, css = PAGE_CSS): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>${raw(css)}</style>
</head>
<body data-mock-idp="${idp}">
${body}
</body>
</html>`.text;
}

function send(res: Response, status: number, body: string, csp: string): void {
  res
    .status(status)
    .set('Content-Type', 'text/html; charset=utf-8')
    .set('Cache-Control', 'no-store')
    .set('Content-Security-Policy', csp)
    .set('X-Frame-Options', 'DENY')
    .set('Referrer-Policy', 'no-referrer')
    .send(body);
}

/** The CSP of the mocks' login page: its form posts back to the mock. */
export const LOGIN_PAGE_CSP = STATIC_CSP;

/** The provider's own error page, as it shows a request it will not answer at the client's redirect URI. */
export function sendErrorPage(res: Response, idp: MockIdpKind, status: number, error: string, description: string): void {
  const body = html`<h1>${MOCK_IDP_LABELS[idp]}: <span data-error="error">${error}</span></h1>
<p data-error="error_description">${description}</p>`;
  send(res, status, mockPage(idp, `${MOCK_IDP_LABELS[idp]}: ${error}`, body), STATIC_CSP);
}

/** `response_mode=form_post`: a form the browser submits at once to `action` (a button without script). */
export function sendAutoPostForm(res: Response, idp: MockIdpKind, action: string, fields: Record<string, string | undefined>): void {
  const inputs = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  const body = html`<h1>Returning to the app…</h1>
<form method="post" action="${action}">${inputs}<noscript><button type="submit">Continue</button></noscript></form>
<script>${SUBMIT_SCRIPT}</script>`;
  const csp = `default-src 'none'; script-src 'sha256-${SUBMIT_SCRIPT_HASH}'; style-src 'unsafe-inline'; img-src data:; form-action ${new URL(action).origin} http: https:; frame-ancestors 'none'; base-uri 'none'`;
  send(res, 200, mockPage(idp, MOCK_IDP_LABELS[idp], body), csp);
}
