/**
 * The built-in mock SAML 2.0 identity provider, mounted at `/_mock-idp/saml` (entity ID
 * `{origin}/_mock-idp/saml`, the origin the browser reached):
 * - `GET  /metadata`: its metadata, for CreateIdentityProvider's MetadataFile or MetadataURL.
 * - `GET  /sso?SAMLRequest&RelayState[&SigAlg&Signature]`: an SP's AuthnRequest (HTTP-Redirect
 *   binding) → the login page listing the directory's SAML people; `POST /sso` with the chosen
 *   person → a signed Response (assertion signed, and encrypted when the SP's provider has
 *   EncryptedResponses) posted by the browser to the AssertionConsumerServiceURL (HTTP-POST).
 * - `GET  /idp-initiated?sp=urn:amazon:cognito:sp:{poolId}&RelayState`: the same page, then an
 *   unsolicited Response (no InResponseTo) posted to `{origin}/saml2/idpresponse`.
 * - `GET  /idp-initiated?sp=urn:amazon:webservices`: the same page, then an unsolicited Response
 *   addressed to AWS (Audience urn:amazon:webservices, Recipient and Destination
 *   https://signin.aws.amazon.com/saml), as an identity pool's SAML login takes it: a page that
 *   posts it there and shows it to copy into the app's Logins (aws-response-page.ts). The person's
 *   `https://aws.amazon.com/SAML/Attributes/Role` attribute offers the roles.
 * - `GET  /slo`: an SP's LogoutRequest → a signed LogoutResponse redirected to `{origin}/saml2/logout`;
 *   or the SP's LogoutResponse to a logout the mock started, which ends it.
 * - `GET  /idp-initiated-logout?sp&NameID[&SessionIndex]`: starts that logout: a signed LogoutRequest
 *   redirected to `{origin}/saml2/logout`.
 *
 * Stateless: the login page carries the AuthnRequest through its form, and the POST reads it
 * again (the redirect signature, over the GET's query, is checked at the GET). `{accountId}` in a
 * person's attribute value is the sandbox's account id (the seeded Role pair names it). A bad SAML message
 * gets a 400 page saying what is wrong. Nothing here publishes debugger events: the sandbox's SP
 * side shows what arrived.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Services } from '../../../services.js';
import { UnreadableSamlMessage } from '../../../cognito/federation/saml-xml.js';
import { AWS_SAML_AUDIENCE, AWS_SAML_RECIPIENT, SAML_ROLE_ATTRIBUTE } from '../../../cognito/identity/saml-login.js';
import type { MockPerson } from '../../../store/repositories/mock-idp-people.js';
import { mockLoginPage } from '../login-page.js';
import { requestOrigin } from '../origin.js';
import { LOGIN_PAGE_CSP, sendAutoPostForm, sendErrorPage } from '../pages.js';
import { sendAwsResponsePage } from './aws-response-page.js';
import { samlIdpKeys } from './idp-keys.js';
import { logoutRequestXml, logoutResponseXml } from './logout-messages.js';
import { idpMetadata, mockIdpEntityId } from './metadata.js';
import { carriesSignature, checkRedirectSignature, readRedirectMessage, signedRedirectUrl, type RedirectMessageKind } from './redirect-binding.js';
import { signedCancelResponse, signedSamlResponse, type SamlAddressing } from './response.js';
import { checkAssertionConsumerUrl, encryptionCertificateFor, poolOfSp, signingCertificateFor } from './service-provider.js';
import { readAuthnRequest, readLogoutRequest, readLogoutResponse } from './sp-messages.js';
import { BadSamlMessage } from './xml.js';

const form = express.urlencoded({ extended: false, limit: '128kb', parameterLimit: 20 });
/** RelayState, sp, NameID, person: Cognito's RelayState is far shorter. */
const MAX_PARAMETER_CHARS = 4096;

/** The raw query string, as signed redirect-binding messages are checked against it. */
function rawQuery(req: Request): string {
  const at = req.originalUrl.indexOf('?');
  return at < 0 ? '' : req.originalUrl.slice(at + 1);
}

/** A single string parameter of the query or form; BadSamlMessage when repeated or too long. */
function single(source: Record<string, unknown>, name: string): string | undefined {
  const value = source[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new BadSamlMessage(`${name} must be given once.`);
  if (value.length > MAX_PARAMETER_CHARS) throw new BadSamlMessage(`${name} is too long (over ${MAX_PARAMETER_CHARS} characters).`);
  return value;
}

/** The login page's form (an empty object when the request had no form body). */
function formOf(req: Request): Record<string, unknown> {
  return (req.body ?? {}) as Record<string, unknown>;
}

function required(source: Record<string, unknown>, name: string): string {
  const value = single(source, name);
  if (value === undefined) throw new BadSamlMessage(`${name} is missing.`);
  return value;
}

/** Cognito's SP entity ID, the only SP an IdP-initiated message can be addressed to. */
function cognitoSp(source: Record<string, unknown>): string {
  const sp = required(source, 'sp');
  if (!poolOfSp(sp)) throw new BadSamlMessage(`sp must be a user pool's SP entity ID, urn:amazon:cognito:sp:{userPoolId}; got ${sp}.`);
  return sp;
}

/** Whom an IdP-initiated sign-in answers: a user pool's SP, or AWS (an identity pool's SAML login). */
function idpInitiatedSp(source: Record<string, unknown>): string {
  const sp = required(source, 'sp');
  if (sp !== AWS_SAML_AUDIENCE && !poolOfSp(sp)) throw new BadSamlMessage(`sp must be a user pool's SP entity ID, urn:amazon:cognito:sp:{userPoolId}, or AWS's, ${AWS_SAML_AUDIENCE}; got ${sp}.`);
  return sp;
}

/** Where an IdP-initiated Response to `sp` is posted. */
function idpInitiatedAcs(req: Request, sp: string): string {
  return sp === AWS_SAML_AUDIENCE ? AWS_SAML_RECIPIENT : `${requestOrigin(req)}/saml2/idpresponse`;
}

/** The person with `{accountId}` in their attribute values made the sandbox's account id. */
function withAccountId(person: MockPerson, accountId: string): MockPerson {
  return { ...person, claims: Object.fromEntries(Object.entries(person.claims).map(([name, value]) => [name, value.replaceAll('{accountId}', accountId)])) };
}

/** A SAML message the mock cannot answer: what was wrong, on the mocks' error page. */
function sendRefusal(res: Response, reason: string): void {
  sendErrorPage(res, 'saml', 400, 'Bad SAML message', reason);
}

/** The end of something that has no SP to go back to (a logout the mock started, a cancelled IdP-initiated sign-in). */
function sendNotice(res: Response, text: string): void {
  res.status(200).set('Cache-Control', 'no-store').type('text/plain').send(text);
}

/** Runs a route, turning a bad or unreadable SAML message into its 400 page; anything else goes to the error handler below. */
function route(handler: (req: Request, res: Response) => Promise<void> | void) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof BadSamlMessage || error instanceof UnreadableSamlMessage) sendRefusal(res, error.message);
      else next(error);
    }
  };
}

export function samlMockRoutes(services: Services): express.Router {
  const router = express.Router();
  const people = () => services.store.mockIdpPeople.list('saml');

  /** Checks a signed message's redirect signature when its SP is a pool, whose signing certificate the sandbox holds; others' are taken unchecked. */
  const checkSpSignature = async (req: Request, kind: RedirectMessageKind, spEntityId: string) => {
    if (!carriesSignature(rawQuery(req))) return;
    const certificate = await signingCertificateFor(services, spEntityId);
    if (certificate) checkRedirectSignature(rawQuery(req), kind, certificate);
  };

  /** The SP-initiated sign-in as the GET query or the login page's form carries it. */
  const pendingSignIn = (req: Request, source: Record<string, unknown>) => {
    const request = readAuthnRequest(readRedirectMessage(source.SAMLRequest, 'SAMLRequest'));
    const acs = checkAssertionConsumerUrl(request.assertionConsumerServiceUrl ?? `${requestOrigin(req)}/saml2/idpresponse`, req.headers.host);
    return { samlRequest: source.SAMLRequest as string, relayState: single(source, 'RelayState'), request, acs };
  };

  const loginPage = (res: Response, req: Request, askedBy: string, fields: Record<string, string | undefined>, notice?: string) => {
    const kept = Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined));
    res
      .status(notice ? 400 : 200)
      .set('Cache-Control', 'no-store')
      .set('Content-Security-Policy', LOGIN_PAGE_CSP)
      .type('html')
      .send(mockLoginPage({ idp: 'saml', askedBy: { label: 'Service provider', value: askedBy }, people: people(), action: `${req.baseUrl}${req.path}`, fields: kept, ...(notice && { notice }) }));
  };

  /** Answers the chosen person's sign-in with a signed (and, when asked, encrypted) Response posted to the SP. */
  const answer = async (req: Request, res: Response, addressing: SamlAddressing, relayState: string | undefined, fields: Record<string, string | undefined>) => {
    const keys = await samlIdpKeys(services);
    if (formOf(req).cancel) {
      sendAutoPostForm(res, 'saml', addressing.assertionConsumerServiceUrl, { SAMLResponse: base64(signedCancelResponse(addressing, services, keys)), RelayState: relayState });
      return;
    }
    const personId = single(formOf(req), 'person');
    const stored = personId === undefined ? undefined : services.store.mockIdpPeople.find('saml', personId);
    const person = stored && withAccountId(stored, services.options.accountId);
    if (!person) {
      loginPage(res, req, addressing.spEntityId, fields, personId === undefined ? 'Choose a person to sign in as.' : `Nobody with NameID ${personId} is in the directory any more.`);
      return;
    }
    const encryptFor = await encryptionCertificateFor(services, addressing.spEntityId);
    const response = await signedSamlResponse({ ...addressing, person, ...(encryptFor && { encryptFor }) }, services, keys);
    if (addressing.spEntityId === AWS_SAML_AUDIENCE) {
      const rolePair = person.claims[SAML_ROLE_ATTRIBUTE];
      sendAwsResponsePage(res, { samlResponse: base64(response), destination: addressing.assertionConsumerServiceUrl, rolePairs: rolePair ? [rolePair] : [], ...(relayState && { relayState }) });
      return;
    }
    sendAutoPostForm(res, 'saml', addressing.assertionConsumerServiceUrl, { SAMLResponse: base64(response), RelayState: relayState });
  };

  router.get(
    '/metadata',
    route(async (req, res) => {
      const metadata = idpMetadata(requestOrigin(req), await samlIdpKeys(services));
      res.set('Cache-Control', 'no-cache').type('application/xml').send(metadata);
    }),
  );

  router.get(
    '/sso',
    route(async (req, res) => {
      const signIn = pendingSignIn(req, req.query);
      await checkSpSignature(req, 'SAMLRequest', signIn.request.issuer);
      loginPage(res, req, signIn.request.issuer, { SAMLRequest: signIn.samlRequest, RelayState: signIn.relayState });
    }),
  );

  router.post(
    '/sso',
    form,
    route(async (req, res) => {
      const signIn = pendingSignIn(req, formOf(req));
      const addressing = { idpEntityId: mockIdpEntityId(requestOrigin(req)), spEntityId: signIn.request.issuer, assertionConsumerServiceUrl: signIn.acs, inResponseTo: signIn.request.id };
      await answer(req, res, addressing, signIn.relayState, { SAMLRequest: signIn.samlRequest, RelayState: signIn.relayState });
    }),
  );

  router.get(
    '/idp-initiated',
    route((req, res) => {
      const sp = idpInitiatedSp(req.query);
      loginPage(res, req, sp, { sp, RelayState: single(req.query, 'RelayState') });
    }),
  );

  router.post(
    '/idp-initiated',
    form,
    route(async (req, res) => {
      const sp = idpInitiatedSp(formOf(req));
      const relayState = single(formOf(req), 'RelayState');
      if (formOf(req).cancel) {
        sendNotice(res, 'Sign-in cancelled: nothing was sent to the service provider.');
        return;
      }
      const addressing = { idpEntityId: mockIdpEntityId(requestOrigin(req)), spEntityId: sp, assertionConsumerServiceUrl: idpInitiatedAcs(req, sp) };
      await answer(req, res, addressing, relayState, { sp, RelayState: relayState });
    }),
  );

  router.get(
    '/slo',
    route(async (req, res) => {
      if (req.query.SAMLResponse !== undefined) {
        const response = readLogoutResponse(readRedirectMessage(req.query.SAMLResponse, 'SAMLResponse'));
        await checkSpSignature(req, 'SAMLResponse', response.issuer);
        sendNotice(res, response.succeeded ? `Signed out: ${response.issuer} ended its session.` : `Sign-out not confirmed: ${response.issuer} did not confirm the logout.`);
        return;
      }
      const request = readLogoutRequest(readRedirectMessage(req.query.SAMLRequest, 'SAMLRequest'));
      if (!poolOfSp(request.issuer)) throw new BadSamlMessage(`The mock IdP knows the single logout endpoint of user pools only; ${request.issuer} is not one.`);
      await checkSpSignature(req, 'SAMLRequest', request.issuer);
      const destination = `${requestOrigin(req)}/saml2/logout`;
      const response = logoutResponseXml(services, { idpEntityId: mockIdpEntityId(requestOrigin(req)), destination, inResponseTo: request.id });
      res.redirect(302, signedRedirectUrl(destination, 'SAMLResponse', response, single(req.query, 'RelayState'), (await samlIdpKeys(services)).privateKey));
    }),
  );

  router.get(
    '/idp-initiated-logout',
    route(async (req, res) => {
      cognitoSp(req.query);
      const destination = `${requestOrigin(req)}/saml2/logout`;
      const sessionIndex = single(req.query, 'SessionIndex');
      const request = logoutRequestXml(services, {
        idpEntityId: mockIdpEntityId(requestOrigin(req)),
        destination,
        nameId: required(req.query, 'NameID'),
        ...(sessionIndex && { sessionIndex }),
      });
      res.redirect(302, signedRedirectUrl(destination, 'SAMLRequest', request, single(req.query, 'RelayState'), (await samlIdpKeys(services)).privateKey));
    }),
  );

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = (error as { status?: number }).status;
    if (status !== undefined && status >= 400 && status < 500) sendRefusal(res, `The request could not be read: ${(error as Error).message}.`);
    else next(error);
  });
  return router;
}

function base64(xmlText: string): string {
  return Buffer.from(xmlText, 'utf8').toString('base64');
}
