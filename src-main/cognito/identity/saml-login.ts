/**
 * A SAML login of an identity pool: `Logins: { 'arn:aws:iam::ACCOUNT:saml-provider/NAME': base64
 * SAMLResponse }`, the key one of the pool's SamlProviderARNs. The response is the one an IdP
 * posts to AWS in an IdP-initiated sign-in: addressed to AWS (Audience `urn:amazon:webservices`,
 * Recipient and Destination `https://signin.aws.amazon.com/saml`), its attribute
 * `https://aws.amazon.com/SAML/Attributes/Role` offering roles as `roleArn,samlProviderArn` pairs
 * (either order). The identity's subject is the NameID; the claims are the attributes (one value
 * a string, several an array); the roles offered for THIS provider ARN become samlRoles, which
 * role mapping chooses among (CustomRoleArn when there are several).
 *
 * Trust: Cognito trusts the IAM SAML provider the ARN names (the IdP metadata uploaded to IAM).
 * The sandbox has no IAM: the IAM SAML provider NAME is stood in for by the SAML identity provider
 * named NAME of one of the sandbox's user pools (CreateIdentityProvider, ProviderType SAML). Its
 * metadata (MetadataFile, or the MetadataURL document) gives the IdP entity ID and the signing
 * certificates the response is checked against; the ARN's account is not looked at. When several
 * user pools have a SAML provider of that name, the one whose entity ID is the response's Issuer
 * is trusted. No such provider: NotAuthorizedException saying so.
 *
 * Checks, in order, each listed for the debugger: the provider → readable (base64, well-formed
 * XML without a DTD, a SAML 2.0 Response) → Issuer = the entity ID → unsolicited (no
 * InResponseTo: AWS takes IdP-initiated responses only) → Destination → status Success → one
 * assertion, not encrypted → signature (node-saml: the response's or the assertion's, by a
 * signing certificate of the metadata) → Conditions' time window (one minute of clock skew, as
 * the user pools' SAML sign-in allows) → audience → bearer subject confirmation (Recipient, its
 * NotOnOrAfter) → NameID → the roles offered.
 *
 * Assumptions (Cognito's wording is not known; sandbox wording in its style): every refusal is
 * NotAuthorizedException "Invalid login token. ..." ("Issuer doesn't match providerName",
 * "Couldn't verify signed token.", "Token expired: {now} >= {NotOnOrAfter}", "Incorrect token
 * audience." as for tokens); a MetadataURL that cannot be read is ExternalServiceException.
 * Replays are not refused: the app sends the same assertion to GetId and then to
 * GetCredentialsForIdentity (and again while it is valid), and Cognito takes it each time.
 * Encrypted assertions are refused: IAM decrypts with a private key uploaded to the SAML
 * provider, which the sandbox does not have. A response without a role for this provider is not
 * refused here: role mapping then falls back to the pool's authenticated role.
 */
import type { BaseServices } from '../../base-services.js';
import type { IdentityProvider } from '../../store/repositories/identity-providers.js';
import { CognitoError, ExternalServiceException, NotAuthorizedException } from '../errors.js';
import { bearerConfirmations, readAssertion, type AssertionContent } from '../federation/saml-assertion.js';
import { samlIdpOf } from '../federation/saml-idp.js';
import type { SamlIdpDescription } from '../federation/saml-metadata.js';
import { CLOCK_SKEW_MS, samlServiceProvider } from '../federation/saml-sp.js';
import {
  attributeOf,
  childElement,
  childElements,
  decodePostMessage,
  parseSamlXml,
  SAML_ASSERTION,
  SAML_PROTOCOL,
  textOf,
  UnreadableSamlMessage,
} from '../federation/saml-xml.js';
import { FederationError } from '../federation/types.js';
import type { VerifiedLogin } from './types.js';

/** Whom a SAML response for AWS is addressed to. */
export const AWS_SAML_AUDIENCE = 'urn:amazon:webservices';
/** Where an IdP posts a SAML response for AWS: Destination and Recipient. */
export const AWS_SAML_RECIPIENT = 'https://signin.aws.amazon.com/saml';
/** The attribute offering roles: `roleArn,samlProviderArn` pairs, one per value. */
export const SAML_ROLE_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/Role';

const SAML_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/(.+)$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

type SamlLoginServices = Pick<BaseServices, 'store' | 'clock' | 'bus'>;

/** Where the checks are listed (logins.ts's LoginCheck): a failed one throws the refusal. */
export interface SamlCheckList {
  claims?: Record<string, unknown>;
  pass(check: string, detail?: string): void;
  fail(check: string, detail: string, refusal: CognitoError): never;
}

export interface SamlLoginContext {
  flowId: string | null;
  identityPoolId: string;
}

const invalidToken = (why: string) => new NotAuthorizedException(`Invalid login token. ${why}`);

const PROVIDER_CHECK = "SAML provider: a user pool's SAML identity provider of the ARN's name stands for IAM's";
const READABLE_CHECK = 'SAMLResponse is readable (base64, well-formed XML without a DTD, a SAML 2.0 Response)';
const ISSUER_CHECK = "Issuer is the provider's entity ID";
const UNSOLICITED_CHECK = 'Unsolicited: no InResponseTo (AWS takes IdP-initiated responses only)';
const DESTINATION_CHECK = `Destination is ${AWS_SAML_RECIPIENT}`;
const STATUS_CHECK = 'Status is Success';
const ASSERTION_CHECK = 'One assertion, not encrypted';
const SIGNATURE_CHECK = "Signature (the response's or the assertion's) by a signing certificate of the provider's metadata";
const TIME_CHECK = 'Conditions: NotBefore and NotOnOrAfter hold (one minute of clock skew)';
const AUDIENCE_CHECK = `Audience is ${AWS_SAML_AUDIENCE}`;
const CONFIRMATION_CHECK = `Subject confirmation: bearer, Recipient is ${AWS_SAML_RECIPIENT}, within its time`;
const NAME_ID_CHECK = 'NameID present (the identity\'s subject, kept exactly)';
const ROLES_CHECK = `Roles offered for this provider (${SAML_ROLE_ATTRIBUTE})`;

/** The IAM SAML provider's name: what follows `saml-provider/` in its ARN. */
export function samlProviderNameOf(arn: string): string | undefined {
  return SAML_PROVIDER_ARN.exec(arn)?.[1];
}

/** The SAML identity providers of every user pool named `name`: the stand-ins for IAM's provider. */
function samlProvidersNamed(store: SamlLoginServices['store'], name: string): IdentityProvider[] {
  return store.pools.all().flatMap((pool) => {
    const provider = store.identityProviders.find(pool.id, name);
    return provider?.type === 'SAML' ? [provider] : [];
  });
}

function readResponse(token: string, checks: SamlCheckList): Element {
  let root: Element;
  try {
    root = parseSamlXml(decodePostMessage(token)).documentElement;
  } catch (error) {
    if (!(error instanceof UnreadableSamlMessage)) throw error;
    return checks.fail(READABLE_CHECK, error.message, invalidToken('Not a valid SAML response.'));
  }
  if (root.namespaceURI !== SAML_PROTOCOL || root.localName !== 'Response') {
    return checks.fail(READABLE_CHECK, `The document is a <${root.localName}>, not a SAML 2.0 <Response>.`, invalidToken('Not a valid SAML response.'));
  }
  checks.pass(READABLE_CHECK);
  return root;
}

/** The attributes as claims: one value a string, several an array. */
function claimsOf(content: AssertionContent): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(content.attributes)) {
    if (values.length > 0) claims[name] = values.length === 1 ? values[0] : values;
  }
  return claims;
}

function plainAssertion(response: Element): AssertionContent | undefined {
  const assertion = childElements(response, SAML_ASSERTION, 'Assertion')[0];
  return assertion && readAssertion(assertion);
}

/**
 * The provider whose entity ID is the response's Issuer (the response's, else its assertion's);
 * its metadata read (a MetadataURL fetched when not kept).
 */
async function trustedProvider(
  services: SamlLoginServices,
  candidates: IdentityProvider[],
  issuer: string | undefined,
  checks: SamlCheckList,
  context: SamlLoginContext,
): Promise<{ provider: IdentityProvider; idp: SamlIdpDescription }> {
  const described: Array<{ provider: IdentityProvider; idp: SamlIdpDescription }> = [];
  let unreadable: FederationError | undefined;
  for (const provider of candidates) {
    try {
      described.push({ provider, idp: await samlIdpOf(services, provider, context.flowId) });
    } catch (error) {
      if (!(error instanceof FederationError)) throw error;
      unreadable ??= error;
    }
  }
  const trusted = described.find(({ idp }) => idp.entityId === issuer);
  if (trusted) return trusted;
  if (described.length === 0 && unreadable) return checks.fail(ISSUER_CHECK, unreadable.description, new ExternalServiceException(unreadable.description));
  const expected = described.map(({ provider, idp }) => `${idp.entityId} (${provider.poolId})`).join(', ');
  return checks.fail(ISSUER_CHECK, `The Issuer is ${issuer === undefined ? 'missing' : `"${issuer}"`}, not ${expected}.`, invalidToken("Issuer doesn't match providerName"));
}

function checkIssuers(response: Element, content: AssertionContent | undefined, entityId: string, checks: SamlCheckList): void {
  const responseIssuer = textOf(childElement(response, SAML_ASSERTION, 'Issuer'));
  for (const [where, issuer] of [['response', responseIssuer], ['assertion', content?.issuer]] as const) {
    if (issuer !== undefined && issuer !== entityId) checks.fail(ISSUER_CHECK, `The ${where}'s Issuer is "${issuer}", not ${entityId}.`, invalidToken("Issuer doesn't match providerName"));
  }
  checks.pass(ISSUER_CHECK, entityId);
}

function checkEnvelope(response: Element, content: AssertionContent | undefined, checks: SamlCheckList): void {
  const inResponseTo = attributeOf(response, 'InResponseTo') ?? content?.confirmations.find((confirmation) => confirmation.inResponseTo !== undefined)?.inResponseTo;
  if (inResponseTo !== undefined) {
    checks.fail(UNSOLICITED_CHECK, `InResponseTo "${inResponseTo}" answers an AuthnRequest; AWS sends none.`, invalidToken('The SAML response must be unsolicited (IdP-initiated).'));
  }
  checks.pass(UNSOLICITED_CHECK);

  const destination = attributeOf(response, 'Destination');
  if (destination !== undefined && destination !== AWS_SAML_RECIPIENT) {
    checks.fail(DESTINATION_CHECK, `Destination is "${destination}".`, invalidToken(`Incorrect token destination: the SAML response must be addressed to ${AWS_SAML_RECIPIENT}.`));
  }
  checks.pass(DESTINATION_CHECK, destination ?? 'absent (optional)');

  const statusCode = childElement(childElement(response, SAML_PROTOCOL, 'Status'), SAML_PROTOCOL, 'StatusCode');
  const status = attributeOf(statusCode, 'Value');
  if (status !== SUCCESS) checks.fail(STATUS_CHECK, `The identity provider answered ${status ?? 'no status'}.`, invalidToken('The SAML response does not report a successful sign-in.'));
  checks.pass(STATUS_CHECK);

  const plain = childElements(response, SAML_ASSERTION, 'Assertion').length;
  const encrypted = childElements(response, SAML_ASSERTION, 'EncryptedAssertion').length;
  if (encrypted > 0) checks.fail(ASSERTION_CHECK, 'The assertion is encrypted: the sandbox has no IAM SAML provider private key to decrypt it.', invalidToken('Encrypted SAML assertions are not supported by the sandbox.'));
  if (plain !== 1) checks.fail(ASSERTION_CHECK, `The response carries ${plain} assertions; exactly one is expected.`, invalidToken('Not a valid SAML response.'));
  checks.pass(ASSERTION_CHECK);
}

const seconds = (instant: string | undefined) => (instant === undefined ? NaN : Math.floor(Date.parse(instant) / 1000));

/** node-saml's refusal, as the check it failed (its order: signature, time window, audience). */
function failedNodeSamlCheck(error: Error, unverified: AssertionContent | undefined, nowMs: number, checks: SamlCheckList): never {
  const message = error.message;
  const timeFailure = /not yet valid|expired/i.test(message);
  if (!timeFailure && !/audience/i.test(message)) checks.fail(SIGNATURE_CHECK, message, invalidToken("Couldn't verify signed token."));
  checks.pass(SIGNATURE_CHECK);
  const now = Math.floor(nowMs / 1000);
  if (/not yet valid/i.test(message)) checks.fail(TIME_CHECK, message, invalidToken(`Token used before its NotBefore: ${now} < ${seconds(unverified?.conditions.notBefore)}`));
  if (timeFailure) checks.fail(TIME_CHECK, message, invalidToken(`Token expired: ${now} >= ${seconds(unverified?.conditions.notOnOrAfter)}`));
  checks.pass(TIME_CHECK);
  return checks.fail(AUDIENCE_CHECK, message, invalidToken('Incorrect token audience.'));
}

/** The assertion node-saml verified: from here on, only its content is trusted. */
async function verifiedAssertion(
  services: SamlLoginServices,
  token: string,
  provider: IdentityProvider,
  idp: SamlIdpDescription,
  unverified: AssertionContent | undefined,
  checks: SamlCheckList,
): Promise<AssertionContent> {
  const sp = samlServiceProvider({ poolId: provider.poolId, origin: AWS_SAML_RECIPIENT, idpCertificates: idp.signingCertificates, audience: AWS_SAML_AUDIENCE }, services.clock);
  let assertionXml: string | undefined;
  try {
    assertionXml = (await sp.validatePostResponseAsync({ SAMLResponse: token })).profile?.getAssertionXml?.();
  } catch (error) {
    failedNodeSamlCheck(error as Error, unverified, services.clock.now(), checks);
  }
  if (!assertionXml) return checks.fail(SIGNATURE_CHECK, 'node-saml found no signed assertion in the response.', invalidToken("Couldn't verify signed token."));
  checks.pass(SIGNATURE_CHECK);
  checks.pass(TIME_CHECK);
  checks.pass(AUDIENCE_CHECK);
  return readAssertion(parseSamlXml(assertionXml).documentElement);
}

function checkSubjectConfirmation(content: AssertionContent, nowMs: number, checks: SamlCheckList): void {
  const confirmations = bearerConfirmations(content);
  if (confirmations.length === 0) checks.fail(CONFIRMATION_CHECK, 'The assertion has no bearer SubjectConfirmation.', invalidToken('Not a valid SAML response.'));
  const problems = confirmations.map((confirmation) => {
    if (confirmation.recipient !== AWS_SAML_RECIPIENT) return { detail: `Recipient is ${confirmation.recipient === undefined ? 'missing' : `"${confirmation.recipient}"`}.`, why: 'Incorrect token recipient.' };
    const until = confirmation.notOnOrAfter;
    if (until !== undefined && nowMs - CLOCK_SKEW_MS >= Date.parse(until)) return { detail: `It expired at ${until}.`, why: `Token expired: ${Math.floor(nowMs / 1000)} >= ${seconds(until)}` };
    return undefined;
  });
  if (problems.every((problem) => problem !== undefined)) checks.fail(CONFIRMATION_CHECK, problems[0]!.detail, invalidToken(problems[0]!.why));
  checks.pass(CONFIRMATION_CHECK);
}

/** The role ARNs the Role attribute offers for `providerArn` (each value `roleArn,providerArn`, either order). */
export function samlRolesFor(values: string[], providerArn: string): string[] {
  const roles: string[] = [];
  for (const value of values) {
    const parts = value.split(',').map((part) => part.trim());
    if (parts.length !== 2 || !parts.includes(providerArn)) continue;
    const role = parts.find((part) => ROLE_ARN.test(part));
    if (role && !roles.includes(role)) roles.push(role);
  }
  return roles;
}

/** Checks the SAML response of the login `providerArn` and answers what it proves; a refusal is thrown by `checks`. */
export async function verifySamlLogin(services: SamlLoginServices, providerArn: string, token: string, checks: SamlCheckList, context: SamlLoginContext): Promise<VerifiedLogin> {
  const name = samlProviderNameOf(providerArn) ?? providerArn;
  const candidates = samlProvidersNamed(services.store, name);
  if (candidates.length === 0) {
    checks.fail(
      PROVIDER_CHECK,
      `No user pool has a SAML identity provider named ${name}.`,
      new NotAuthorizedException(`No SAML provider ${name}: the sandbox trusts the SAML identity provider named ${name} of one of its user pools in place of IAM's ${providerArn}, and there is none.`),
    );
  }

  const response = readResponse(token, checks);
  const unverified = plainAssertion(response);
  if (unverified) checks.claims = claimsOf(unverified);
  const issuer = textOf(childElement(response, SAML_ASSERTION, 'Issuer')) ?? unverified?.issuer;
  const { provider, idp } = await trustedProvider(services, candidates, issuer, checks, context);
  checks.pass(PROVIDER_CHECK, `${name} of user pool ${provider.poolId}`);
  checkIssuers(response, unverified, idp.entityId, checks);
  checkEnvelope(response, unverified, checks);

  const content = await verifiedAssertion(services, token, provider, idp, unverified, checks);
  // The signed assertion's own Issuer: the one read before the signature check may have been another element's.
  if (content.issuer !== idp.entityId) checks.fail(ISSUER_CHECK, `The signed assertion's Issuer is ${content.issuer === undefined ? 'missing' : `"${content.issuer}"`}, not ${idp.entityId}.`, invalidToken("Issuer doesn't match providerName"));
  checkSubjectConfirmation(content, services.clock.now(), checks);
  if (content.nameId === undefined) checks.fail(NAME_ID_CHECK, 'The assertion has no NameID.', invalidToken('Missing a required claim: NameID'));
  checks.pass(NAME_ID_CHECK, content.nameId);

  const claims = claimsOf(content);
  checks.claims = claims;
  const offered = content.attributes[SAML_ROLE_ATTRIBUTE] ?? [];
  const samlRoles = samlRolesFor(offered, providerArn);
  checks.pass(ROLES_CHECK, samlRoles.length ? samlRoles.join(', ') : `none for ${providerArn} (${offered.length} value(s) of the attribute)`);
  return { provider: providerArn, kind: 'saml', subject: content.nameId!, claims, samlRoles };
}
