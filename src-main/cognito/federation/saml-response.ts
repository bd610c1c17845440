/**
 * A SAMLResponse posted to /saml2/idpresponse, checked as Cognito checks it, each check noted for
 * the debugger whether it passed or not; the first that fails refuses the response with the
 * error the app is sent.
 *
 *   readable (base64, XML, no DTD, a Response) → solicited (InResponseTo is this login's
 *   AuthnRequest; or IdP-initiated with IDPInit on) → Destination → status Success → one
 *   assertion, encrypted exactly when EncryptedResponses is on → signature (node-saml: the
 *   response's or the assertion's, by a certificate of the provider's metadata) → decryption →
 *   Conditions' time window → audience → issuer → bearer subject confirmation (Recipient, time,
 *   InResponseTo) → NameID → attribute values → not a replay
 *
 * Errors: `invalid_request` / "Invalid samlResponse or relayState from identity provider" for a
 * response that cannot be read or that no request of this login asked for while IDPInit is off
 * (Cognito's answer to an IdP-initiated response it does not take); `server_error` / "Invalid SAML
 * response received: ..." for a response that fails a check, as Cognito answered a bad assertion
 * signature ("Invalid SAML response received: SAML Assertion signature is invalid. ", with its
 * trailing space). The text after the prefix is sandbox wording for every other check: Cognito's
 * are not known.
 *
 * Assumptions: the clock skew allowed is one minute either way; with EncryptedResponses on, an
 * unencrypted assertion is refused (the guide: the connection "doesn't work until your IdP begins
 * encrypting all SAML assertions"), and with it off an encrypted one is (Cognito has no key
 * configured to read it); a replayed assertion is known by its ID until its NotOnOrAfter.
 */
import type { BaseServices } from '../../base-services.js';
import type { EventData, FederationCheck } from '../../../shared/events.js';
import { bearerConfirmations, claimsOf, hasEmoji, readAssertion, type AssertionContent } from './saml-assertion.js';
import type { SamlIdpDescription } from './saml-metadata.js';
import { assertionConsumerUrl, CLOCK_SKEW_MS, samlServiceProvider, spEntityId } from './saml-sp.js';
import { samlEncryptionKey } from './saml-keys.js';
import {
  attributeOf,
  childElement,
  childElements,
  decodePostMessage,
  parseSamlXml,
  prettyXml,
  SAML_ASSERTION,
  SAML_PROTOCOL,
  textOf,
  UnreadableSamlMessage,
} from './saml-xml.js';
import { FederationError, type FederationCall, type IdpIdentity, type PendingIdpRequest } from './types.js';
import { providerClockOf } from '../../clock.js';

type ResponseServices = Pick<BaseServices, 'store' | 'clock'>;

export type SamlReport = NonNullable<EventData<'federation.responded'>['saml']>;

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
/** How long an assertion without NotOnOrAfter is remembered against replay. */
const REMEMBER_UNDATED_MS = 24 * 60 * 60 * 1000;

/** Cognito's answer to a response it cannot read or did not ask for. */
const unreadableOrUnsolicited = () => new FederationError('invalid_request', 'Invalid samlResponse or relayState from identity provider');
/** Cognito's, trailing space included. */
const BAD_SIGNATURE_DESCRIPTION = 'Invalid SAML response received: SAML Assertion signature is invalid. ';

/** A check that failed: what the debugger lists, and what the app is sent. */
class CheckFailed extends Error {
  constructor(
    readonly detail: string,
    readonly refusal: FederationError,
  ) {
    super(detail);
  }
}

const invalid = (reason: string) => new FederationError('server_error', `Invalid SAML response received: ${reason}`);

/** The checks made so far, in order. */
export class CheckList {
  readonly checks: FederationCheck[] = [];

  pass(check: string, detail?: string): void {
    this.checks.push({ check, passed: true, ...(detail && { detail }) });
  }

  /** Notes the failure and throws it: the response is refused. */
  fail(check: string, detail: string, refusal: FederationError = invalid(detail)): never {
    this.checks.push({ check, passed: false, detail });
    throw new CheckFailed(detail, refusal);
  }

  /** The refusal a thrown CheckFailed carries; other errors are not refusals. */
  static refusalOf(error: unknown): FederationError | undefined {
    return error instanceof CheckFailed ? error.refusal : undefined;
  }
}

/** Everything the response is checked against. */
interface Expectations {
  poolId: string;
  providerName: string;
  origin: string;
  acs: string;
  audience: string;
  idp: SamlIdpDescription;
  /** The AuthnRequest's ID; undefined for an IdP-initiated response. */
  requestId: string | undefined;
  idpInit: boolean;
  encryptedResponses: boolean;
}

/** What the debugger shows of a response before it is checked (a refused one included): unverified, replaced by the verified assertion once there is one. */
function previewResponse(response: Element, report: SamlReport): void {
  const issuer = textOf(childElement(response, SAML_ASSERTION, 'Issuer'));
  const inResponseTo = attributeOf(response, 'InResponseTo');
  if (issuer) report.issuer = issuer;
  if (inResponseTo !== undefined) report.inResponseTo = inResponseTo;
  report.encrypted = childElements(response, SAML_ASSERTION, 'EncryptedAssertion').length > 0;
  const plain = childElements(response, SAML_ASSERTION, 'Assertion')[0];
  if (plain) reportAssertion(report, readAssertion(plain));
}

function readResponse(samlResponse: string, checks: CheckList, report: SamlReport): Element {
  const check = 'SAMLResponse is readable (base64, well-formed XML without a DTD, a SAML 2.0 Response)';
  let document: Document;
  try {
    const xml = decodePostMessage(samlResponse);
    document = parseSamlXml(xml);
    report.xml = prettyXml(xml);
  } catch (error) {
    if (!(error instanceof UnreadableSamlMessage)) throw error;
    return checks.fail(check, error.message, unreadableOrUnsolicited());
  }
  const root = document.documentElement;
  if (root.namespaceURI !== SAML_PROTOCOL || root.localName !== 'Response') {
    return checks.fail(check, `The document is a <${root.localName}>, not a SAML 2.0 <Response>.`, unreadableOrUnsolicited());
  }
  checks.pass(check);
  return root;
}

function checkSolicited(response: Element, expected: Expectations, checks: CheckList): void {
  const inResponseTo = attributeOf(response, 'InResponseTo');
  if (expected.requestId !== undefined) {
    const check = "Solicited: InResponseTo is this login's AuthnRequest ID";
    if (inResponseTo !== expected.requestId) {
      checks.fail(check, `InResponseTo is ${inResponseTo === undefined ? 'missing' : `"${inResponseTo}"`}; the AuthnRequest's ID is "${expected.requestId}".`);
    }
    return checks.pass(check, expected.requestId);
  }
  const check = 'IdP-initiated: the provider has IDPInit "true" and the response answers no request';
  if (!expected.idpInit) checks.fail(check, 'The response answers no AuthnRequest of this login, and the provider does not have IDPInit "true".', unreadableOrUnsolicited());
  if (inResponseTo !== undefined) checks.fail(check, `InResponseTo "${inResponseTo}" names an AuthnRequest, but this login sent none.`);
  checks.pass(check);
}

function checkEnvelope(response: Element, expected: Expectations, checks: CheckList): Element {
  const destination = attributeOf(response, 'Destination');
  const destinationCheck = 'Destination is the ACS URL';
  if (destination !== undefined && destination !== expected.acs) checks.fail(destinationCheck, `Destination is "${destination}", not ${expected.acs}.`);
  checks.pass(destinationCheck, destination === undefined ? 'absent (optional)' : destination);

  const statusCheck = 'Status is Success';
  const statusCode = childElement(childElement(response, SAML_PROTOCOL, 'Status'), SAML_PROTOCOL, 'StatusCode');
  const status = attributeOf(statusCode, 'Value');
  if (status !== SUCCESS) {
    const second = attributeOf(childElement(statusCode, SAML_PROTOCOL, 'StatusCode'), 'Value');
    const message = textOf(childElement(childElement(response, SAML_PROTOCOL, 'Status'), SAML_PROTOCOL, 'StatusMessage'));
    checks.fail(statusCheck, `The identity provider answered ${status ?? 'no status'}${second ? ` / ${second}` : ''}${message ? `: ${message}` : ''}.`);
  }
  checks.pass(statusCheck);

  const assertionCheck = expected.encryptedResponses ? 'One assertion, encrypted (EncryptedResponses is "true")' : 'One assertion, not encrypted (EncryptedResponses is not "true")';
  const plain = childElements(response, SAML_ASSERTION, 'Assertion');
  const encrypted = childElements(response, SAML_ASSERTION, 'EncryptedAssertion');
  if (plain.length + encrypted.length !== 1) checks.fail(assertionCheck, `The response carries ${plain.length + encrypted.length} assertions; exactly one is expected.`);
  if (expected.encryptedResponses && encrypted.length === 0) checks.fail(assertionCheck, 'The SAML assertion is not encrypted, and the provider has EncryptedResponses "true".');
  if (!expected.encryptedResponses && encrypted.length > 0) checks.fail(assertionCheck, 'The SAML assertion is encrypted, and the provider does not have EncryptedResponses "true".');
  checks.pass(assertionCheck);
  return (plain[0] ?? encrypted[0])!;
}

const SIGNATURE_CHECK = "Signature (the response's or the assertion's) by a signing certificate of the provider's metadata";
const DECRYPTION_CHECK = "Assertion decrypted with the provider's encryption key";
const TIME_CHECK = 'Conditions: NotBefore and NotOnOrAfter hold (one minute of clock skew)';

/**
 * node-saml's refusal, as the check it failed. Its order: the response's signature (when it has
 * one), the EncryptedAssertion decrypted, the assertion's signature (unless the response's held),
 * the Conditions' time window, the audience.
 */
function failedNodeSamlCheck(error: Error, expected: Expectations, checks: CheckList): never {
  const message = error.message;
  const encrypted = expected.encryptedResponses;
  if (/signature/i.test(message)) {
    if (encrypted && /encrypted assertion/i.test(message)) checks.pass(DECRYPTION_CHECK);
    checks.fail(SIGNATURE_CHECK, message, new FederationError('server_error', BAD_SIGNATURE_DESCRIPTION));
  }
  const timeFailure = /not yet valid|expired/i.test(message);
  const audienceFailure = /audience/i.test(message);
  if (!timeFailure && !audienceFailure) {
    if (encrypted) checks.fail(DECRYPTION_CHECK, message, invalid('The SAML assertion could not be decrypted.'));
    checks.fail('SAML response processing', message, invalid(message));
  }
  if (encrypted) checks.pass(DECRYPTION_CHECK);
  checks.pass(SIGNATURE_CHECK);
  if (timeFailure) checks.fail(TIME_CHECK, message, invalid(/not yet valid/i.test(message) ? 'SAML assertion is not yet valid.' : 'SAML assertion has expired.'));
  checks.pass(TIME_CHECK);
  return checks.fail(`Audience is ${expected.audience}`, message, invalid(`Audience restriction does not name ${expected.audience}.`));
}

/** The assertion as node-saml verified (and decrypted) it; its XML is the only one trusted from here on. */
async function verifiedAssertion(services: ResponseServices, samlResponse: string, expected: Expectations, checks: CheckList): Promise<string> {
  const decryptionKey = expected.encryptedResponses ? (await samlEncryptionKey(services, expected.poolId, expected.providerName)).privateKey : undefined;
  const sp = samlServiceProvider({ poolId: expected.poolId, origin: expected.origin, idpCertificates: expected.idp.signingCertificates, ...(decryptionKey && { decryptionKey }) }, providerClockOf(services.clock));
  let assertionXml: string | undefined;
  try {
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: samlResponse });
    assertionXml = profile?.getAssertionXml?.();
  } catch (error) {
    failedNodeSamlCheck(error as Error, expected, checks);
  }
  if (!assertionXml) return checks.fail(SIGNATURE_CHECK, 'node-saml found no signed assertion in the response.');
  if (expected.encryptedResponses) checks.pass(DECRYPTION_CHECK);
  checks.pass(SIGNATURE_CHECK);
  checks.pass(TIME_CHECK);
  checks.pass(`Audience is ${expected.audience}`);
  return assertionXml;
}

function checkIssuer(response: Element, content: AssertionContent, expected: Expectations, checks: CheckList): void {
  const check = "Issuer is the provider's entity ID";
  const responseIssuer = textOf(childElement(response, SAML_ASSERTION, 'Issuer'));
  for (const [where, issuer] of [['response', responseIssuer], ['assertion', content.issuer]] as const) {
    if (issuer !== undefined && issuer !== expected.idp.entityId) checks.fail(check, `The ${where}'s Issuer is "${issuer}", not ${expected.idp.entityId}.`);
  }
  if (content.issuer === undefined) checks.fail(check, 'The assertion has no Issuer.');
  checks.pass(check, expected.idp.entityId);
}

function checkSubjectConfirmation(content: AssertionContent, expected: Expectations, now: number, checks: CheckList): void {
  const check = 'Subject confirmation: bearer, Recipient is the ACS URL, within its time, answering this login';
  const confirmations = bearerConfirmations(content);
  if (confirmations.length === 0) checks.fail(check, 'The assertion has no bearer SubjectConfirmation.');
  const problems = confirmations.map((confirmation) => {
    if (confirmation.recipient !== expected.acs) return `Recipient is ${confirmation.recipient === undefined ? 'missing' : `"${confirmation.recipient}"`}, not ${expected.acs}.`;
    if (confirmation.notOnOrAfter !== undefined && now - CLOCK_SKEW_MS >= Date.parse(confirmation.notOnOrAfter)) return `It expired at ${confirmation.notOnOrAfter}.`;
    if (confirmation.notBefore !== undefined && now + CLOCK_SKEW_MS < Date.parse(confirmation.notBefore)) return `It is not valid before ${confirmation.notBefore}.`;
    const requestId = expected.requestId;
    if (confirmation.inResponseTo !== undefined && confirmation.inResponseTo !== requestId) {
      return `Its InResponseTo is "${confirmation.inResponseTo}", ${requestId ? `not "${requestId}"` : 'but this login sent no AuthnRequest'}.`;
    }
    return undefined;
  });
  const good = problems.findIndex((problem) => problem === undefined);
  if (good < 0) checks.fail(check, problems[0]!);
  checks.pass(check, expected.acs);
}

function checkSubject(content: AssertionContent, checks: CheckList): string {
  const nameIdCheck = 'NameID present (kept exactly, case-sensitive)';
  if (content.nameId === undefined) checks.fail(nameIdCheck, 'The assertion has no NameID.');
  checks.pass(nameIdCheck, content.nameId);
  const valuesCheck = 'Attribute values Cognito accepts (no emoji)';
  for (const [name, values] of Object.entries(content.attributes)) {
    if (values.some(hasEmoji)) checks.fail(valuesCheck, `Attribute ${name} has a value with an emoji.`, invalid(`Invalid user attributes: ${name}: Attribute value contains an emoji.`));
  }
  checks.pass(valuesCheck);
  return content.nameId!;
}

function rememberedUntil(content: AssertionContent, now: number): number {
  const limits = [content.conditions.notOnOrAfter, ...bearerConfirmations(content).map((confirmation) => confirmation.notOnOrAfter)]
    .filter((limit): limit is string => limit !== undefined)
    .map(Date.parse)
    .filter(Number.isFinite);
  return limits.length ? Math.max(...limits) + CLOCK_SKEW_MS : now + REMEMBER_UNDATED_MS;
}

function checkNotReplayed(services: ResponseServices, content: AssertionContent, expected: Expectations, checks: CheckList): void {
  const check = 'Assertion not seen before (no replay)';
  if (!content.id) checks.fail(check, 'The assertion has no ID.');
  const now = providerClockOf(services.clock).now();
  if (!services.store.seenSamlAssertions.remember(expected.poolId, content.id!, rememberedUntil(content, now), now)) {
    checks.fail(check, `Assertion ${content.id} was accepted before.`, invalid('The SAML assertion was already used.'));
  }
  checks.pass(check, content.id);
}

function reportAssertion(report: SamlReport, content: AssertionContent): void {
  const recipient = bearerConfirmations(content).find((confirmation) => confirmation.recipient !== undefined)?.recipient;
  Object.assign(report, {
    ...(content.issuer && { issuer: content.issuer }),
    ...(content.nameId !== undefined && { nameId: content.nameId }),
    ...(content.nameIdFormat && { nameIdFormat: content.nameIdFormat }),
    ...(content.sessionIndex && { sessionIndex: content.sessionIndex }),
    conditions: {
      ...(content.conditions.notBefore && { notBefore: content.conditions.notBefore }),
      ...(content.conditions.notOnOrAfter && { notOnOrAfter: content.conditions.notOnOrAfter }),
      audiences: content.conditions.audiences,
      ...(recipient && { recipient }),
    },
    attributes: content.attributes,
  });
}

/**
 * The identity the response vouches for, or CheckList.refusalOf(error) for a refused one; the
 * checks and the report are filled either way.
 */
export async function checkSamlResponse(
  services: ResponseServices,
  call: FederationCall,
  pending: PendingIdpRequest | undefined,
  samlResponse: string,
  idp: SamlIdpDescription,
  checks: CheckList,
  report: SamlReport,
): Promise<IdpIdentity> {
  const details = call.provider.details;
  const expected: Expectations = {
    poolId: call.pool.id,
    providerName: call.provider.name,
    origin: call.origin,
    acs: assertionConsumerUrl(call.origin),
    audience: spEntityId(call.pool.id),
    idp,
    requestId: pending?.requestId,
    idpInit: details.IDPInit === 'true',
    encryptedResponses: details.EncryptedResponses === 'true',
  };
  const response = readResponse(samlResponse, checks, report);
  previewResponse(response, report);
  checkSolicited(response, expected, checks);
  checkEnvelope(response, expected, checks);
  const assertionXml = await verifiedAssertion(services, samlResponse, expected, checks);
  const content = readAssertion(parseSamlXml(assertionXml).documentElement);
  reportAssertion(report, content);
  if (report.encrypted) report.xml = `${report.xml}\n\n<!-- The EncryptedAssertion, decrypted with the provider's encryption key: -->\n${prettyXml(assertionXml)}`;
  checkIssuer(response, content, expected, checks);
  checkSubjectConfirmation(content, expected, providerClockOf(services.clock).now(), checks);
  const nameId = checkSubject(content, checks);
  checkNotReplayed(services, content, expected, checks);
  return {
    providerName: call.provider.name,
    providerType: 'SAML',
    userId: nameId,
    claims: claimsOf(content.attributes),
    saml: { nameId, ...(content.nameIdFormat && { nameIdFormat: content.nameIdFormat }), ...(content.sessionIndex && { sessionIndex: content.sessionIndex }) },
  };
}

