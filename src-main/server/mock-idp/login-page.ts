/**
 * The one page every mock identity provider shows at its sign-in step: "Sign in to Mock Google",
 * who asked (the client_id, or the SAML service provider), and a button per person of its
 * directory (`data-person="{id}"`). Choosing one posts the form back to the mock with the pending
 * request's hidden fields; "Cancel" answers the requester as the provider does when a user
 * declines. Consent is implied: choosing a person is agreeing.
 */
import { MOCK_IDP_LABELS, mockIdpPeoplePage, type MockIdpKind } from '../../../shared/mock-idp.js';
import type { MockPerson } from '../../store/repositories/mock-idp-people.js';
import { html } from '../hosted-ui/html.js';
import { mockPage } from './pages.js';

export interface MockLoginPage {
  idp: MockIdpKind;
  /** Who asked, as the provider would show it: `{ label: 'Client', value: client_id }` or the SP's entity ID. */
  askedBy: { label: string; value: string };
  people: MockPerson[];
  /** Where the choice is posted. */
  action: string;
  /** The pending request, carried through the form. */
  fields: Record<string, string>;
  /** Shown above the people (a refused choice). */
  notice?: string;
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:14px;color:#202124;background:#f1f3f4}
main{max-width:420px;margin:48px auto;padding:28px 28px 20px;background:#fff;border:1px solid #dadce0;border-radius:8px}
h1{font-size:20px;font-weight:500;margin:0 0 6px}
.asked{margin:0 0 18px;color:#5f6368}
.asked code{color:#202124;word-break:break-all}
.person{display:flex;flex-direction:column;align-items:flex-start;width:100%;margin:8px 0;padding:10px 14px;border:1px solid #dadce0;border-radius:6px;background:#fff;font:inherit;text-align:left;cursor:pointer}
.person:hover,.person:focus{background:#e8f0fe;border-color:#1a73e8;outline:0}
.person .who{font-weight:500}
.person .detail{color:#5f6368;font-size:12px;word-break:break-all}
.empty,.notice{padding:10px 12px;border-radius:6px;background:#fef7e0;color:#7a5d00}
.cancel{margin-top:10px;border:0;background:none;color:#1a73e8;font:inherit;cursor:pointer;padding:0}
footer{margin-top:18px;padding-top:12px;border-top:1px solid #eee;color:#80868b;font-size:12px}
footer a{color:#1a73e8}
`;

/** How the page names a person: their name from whichever claims the provider uses, else their email, else their id. */
export function displayName(person: MockPerson): string {
  const c = person.claims;
  const saml = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/';
  const parts = (first?: string, last?: string) => [first, last].filter(Boolean).join(' ');
  return (
    c.name ||
    c[`${saml}name`] ||
    parts(c.given_name ?? c.first_name ?? c.firstName ?? c[`${saml}givenname`], c.family_name ?? c.last_name ?? c.lastName ?? c[`${saml}surname`]) ||
    emailOf(person) ||
    person.id
  );
}

export function emailOf(person: MockPerson): string | undefined {
  return person.claims.email ?? person.claims['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'];
}

function personButton(person: MockPerson) {
  const email = emailOf(person);
  return html`<button class="person" type="submit" name="person" value="${person.id}" data-person="${person.id}">
<span class="who">${displayName(person)}</span>
${email ? html`<span class="detail">${email}</span>` : ''}
<span class="detail">${person.id}</span>
</button>`;
}

export function mockLoginPage(page: MockLoginPage): string {
  const label = MOCK_IDP_LABELS[page.idp];
  const hidden = Object.entries(page.fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  const people = page.people.length
    ? page.people.map(personButton)
    : html`<p class="empty">Nobody is in ${label}'s directory: add people in the debugger.</p>`;
  const body = html`<main>
<h1>Sign in to ${label}</h1>
<p class="asked">${page.askedBy.label}: <code>${page.askedBy.value}</code> asks who you are. Choose whom to sign in as:</p>
${page.notice ? html`<p class="notice" role="alert">${page.notice}</p>` : ''}
<form method="post" action="${page.action}">
${hidden}
${people}
<button class="cancel" type="submit" name="cancel" value="1">Cancel</button>
</form>
<footer>A mock identity provider of Cognito Sandbox: nobody leaves this computer. <a href="${mockIdpPeoplePage(page.idp)}" target="_blank" rel="noopener">Edit these people in the debugger</a></footer>
</main>`;
  return mockPage(page.idp, `Sign in to ${label}`, body, CSS);
}
