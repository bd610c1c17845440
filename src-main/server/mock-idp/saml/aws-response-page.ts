/**
 * The mock IdP's answer to an IdP-initiated sign-in to AWS (`sp=urn:amazon:webservices`): as a
 * real IdP does, a form that the browser posts to https://signin.aws.amazon.com/saml; since
 * nothing listens there offline, the page also shows the base64 SAMLResponse (a read-only
 * textarea, `data-saml-response`) to copy into the app's `Logins` under the SAML provider ARN, and
 * the roles it offers. The form posts itself after a few seconds unless "Stay on this page" is
 * pressed, so the response can be copied first.
 */
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { html } from '../../hosted-ui/html.js';
import { mockPage } from '../pages.js';

/** How long the page waits before posting to AWS. */
const POST_AFTER_MS = 8000;

const SCRIPT = `const t=setTimeout(()=>document.forms.aws.submit(),${POST_AFTER_MS});document.getElementById('stay').addEventListener('click',()=>{clearTimeout(t);document.getElementById('when').textContent='Staying on this page: copy the response, or post it yourself.'})`;
const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');

const CSS =
  'body{font-family:system-ui,sans-serif;max-width:46rem;margin:2.5rem auto;padding:0 1rem;color:#222}h1{font-size:1.3rem}code{word-break:break-all}textarea{width:100%;height:12rem;font:12px ui-monospace,monospace}li{margin:.3rem 0}button{margin:.5rem .5rem 0 0}';

export interface AwsResponsePage {
  samlResponse: string;
  /** Where the response is posted (Destination and Recipient). */
  destination: string;
  /** The Role attribute's values: `roleArn,samlProviderArn` pairs. */
  rolePairs: string[];
  relayState?: string;
}

export function sendAwsResponsePage(res: Response, page: AwsResponsePage): void {
  const roles = page.rolePairs.length
    ? html`<p>The roles it offers (<code>https://aws.amazon.com/SAML/Attributes/Role</code>):</p><ul>${page.rolePairs.map((pair) => html`<li><code data-role-pair>${pair}</code></li>`)}</ul>`
    : html`<p>This person has no <code>https://aws.amazon.com/SAML/Attributes/Role</code> attribute: the identity pool's authenticated role applies.</p>`;
  const relayState = page.relayState === undefined ? '' : html`<input type="hidden" name="RelayState" value="${page.relayState}">`;
  const body = html`<h1>SAML response for AWS</h1>
<p>Signed for <code>urn:amazon:webservices</code> and posted to <code>${page.destination}</code>. <span id="when">Posting in a few seconds.</span></p>
<p>To sign in to an identity pool, send it as the value of the SAML provider ARN in <code>Logins</code> (GetId, GetCredentialsForIdentity):</p>
<textarea readonly data-saml-response aria-label="SAMLResponse (base64)">${page.samlResponse}</textarea>
${roles}
<form name="aws" method="post" action="${page.destination}"><input type="hidden" name="SAMLResponse" value="${page.samlResponse}">${relayState}<button type="button" id="stay">Stay on this page</button><button type="submit">Post to AWS now</button></form>
<script>${SCRIPT}</script>`;
  const csp = `default-src 'none'; script-src 'sha256-${SCRIPT_HASH}'; style-src 'unsafe-inline'; img-src data:; form-action ${new URL(page.destination).origin}; frame-ancestors 'none'; base-uri 'none'`;
  res
    .status(200)
    .set('Content-Type', 'text/html; charset=utf-8')
    .set('Cache-Control', 'no-store')
    .set('Content-Security-Policy', csp)
    .set('X-Frame-Options', 'DENY')
    .set('Referrer-Policy', 'no-referrer')
    .send(mockPage('saml', 'SAML response for AWS', body, CSS));
}
