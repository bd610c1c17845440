/**
 * The mock IdP's own pages: the HTTP-POST binding's self-submitting form that carries the
 * SAMLResponse to the SP, the refusal of a bad SAML message (400, never a 500), and the end of a
 * logout. The sign-in page listing the people is the mocks' shared login page.
 */
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { html, type Html } from '../../hosted-ui/html.js';

const SUBMIT_SCRIPT = 'document.forms[0].submit()';
const SUBMIT_SCRIPT_HASH = createHash('sha256').update(SUBMIT_SCRIPT).digest('base64');

function frame(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}h1{font-size:1.3rem}code{word-break:break-all}</style>
</head>
<body>
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

const STATIC_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** SAML's HTTP-POST binding: a form the browser submits at once to `action` (a button without script). */
export function sendAutoPostForm(res: Response, action: string, fields: Record<string, string | undefined>): void {
  const inputs = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  const body = html`<h1>Returning to the service provider…</h1>
<form method="post" action="${action}">${inputs}<noscript><button type="submit">Continue</button></noscript></form>
<script>${SUBMIT_SCRIPT}</script>`;
  const csp = `default-src 'none'; script-src 'sha256-${SUBMIT_SCRIPT_HASH}'; style-src 'unsafe-inline'; form-action ${new URL(action).origin}; frame-ancestors 'none'; base-uri 'none'`;
  send(res, 200, frame('Mock SAML IdP', body), csp);
}

/** A SAML message the mock cannot answer: what was wrong, as a 400 page. */
export function sendRefusal(res: Response, reason: string): void {
  send(res, 400, frame('Mock SAML IdP: bad request', html`<h1>The mock SAML IdP cannot answer this request</h1><p>${reason}</p>`), STATIC_CSP);
}

export function sendNotice(res: Response, title: string, text: Html | string): void {
  send(res, 200, frame(title, html`<h1>${title}</h1><p>${text}</p>`), STATIC_CSP);
}
