/**
 * A provider's AttributeMapping (user pool attribute → the provider's claim or SAML attribute)
 * applied at a federated sign-in, first and every later one, with the rules of the guide
 * ("Specifying identity provider attribute mappings", "Things to know about mappings"):
 *  - `username` names the claim the user's id at the provider comes from (the user's username
 *    is `{ProviderName}_{that value}`); it writes no attribute;
 *  - a mapped attribute is written only when the claim is in what the provider sent: a claim it
 *    no longer sends leaves the attribute as it was; an empty value deletes a non-required one;
 *  - every attribute the provider sends is written again, changed or not, so the writes must be
 *    allowed: the app client must be able to write it (its WriteAttributes), and after the user
 *    is created it must be mutable; otherwise the sign-in is refused;
 *  - a new user must get every required attribute of the pool from the mapping;
 *  - values are checked against the attribute's schema (type, length: 2,048 at most);
 *  - an email (phone number) written by the mapping is unverified unless `email_verified`
 *    (`phone_number_verified`) is mapped and sent too ("By default, mapped email addresses are
 *    unverified").
 *
 * The refusals are Cognito's texts as its redirects carry them ("Invalid user attributes: email:
 * The attribute is required"), a SAML provider's prefixed with "Invalid SAML response received: ".
 *
 * Assumptions: attributes outside the pool's schema and `sub` / `identities` are skipped (the
 * sandbox accepts such mappings in CreateIdentityProvider; Cognito refuses them there); the
 * verified flags are written whatever the client's WriteAttributes (the guide tells to map
 * `email_verified` and app clients cannot write it); an unwritable attribute is refused with the
 * text Cognito gives a client writing one ("A client attempted to write unauthorized attribute");
 * email and phone number formats are not checked (the provider vouches for them).
 */
import type { SchemaAttributeType } from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityProvider } from '../../store/repositories/identity-providers.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { UserAttribute } from '../../store/repositories/users.js';
import type { AppClient } from '../app-clients.js';
import { attributeMap, valueIssue, type AttributeChange } from '../attributes.js';
import { writableAttributes } from '../attribute-permissions.js';
import { InvalidParameterException, NotAuthorizedException } from '../errors.js';
import { schemaOf } from '../pool-config.js';
import { IDENTITIES } from './identities.js';

/** The mapping key that names the user id's claim. */
export const USERNAME_MAPPING = 'username';

const VERIFIED_FLAG_OF: Readonly<Record<string, string>> = { email: 'email_verified', phone_number: 'phone_number_verified' };
const VERIFIED_FLAGS: ReadonlySet<string> = new Set(Object.values(VERIFIED_FLAG_OF));
const COGNITO_WRITES: ReadonlySet<string> = new Set(['sub', IDENTITIES]);

export const REQUIRED = 'The attribute is required';
export const REQUIRED_NOT_DELETABLE = 'Required attribute cannot be deleted';
export const IMMUTABLE = 'Attribute cannot be updated. (changing an immutable attribute)';
export const UNWRITABLE = 'A client attempted to write unauthorized attribute';

/** One line of the mapping as the debugger shows it (`federation.mapped`). */
export interface MappedAttribute {
  attribute: string;
  /** The provider's claim or SAML attribute; empty for a value Cognito derives (an unverified email). */
  claim: string;
  before?: string;
  after?: string;
  /** Why nothing was written. */
  skipped?: string;
}

export interface MappingInput {
  pool: UserPool;
  client: AppClient;
  provider: Pick<IdentityProvider, 'name' | 'type' | 'attributeMapping'>;
  /** What the provider sent: claims (ID token, then userInfo) or SAML attributes. */
  claims: Readonly<Record<string, string>>;
  /** The user's attributes now; absent for a user the sign-in creates. */
  current?: readonly UserAttribute[];
}

export interface MappingResult {
  /** The user id the `username` mapping reads, when it is mapped and sent. */
  userId?: string;
  /** The writes to make, in the mapping's order, the derived verified flags last. */
  changes: AttributeChange[];
  mapping: MappedAttribute[];
}

interface Issue {
  name: string;
  reason: string;
}

/** The refusal of a sign-in whose attributes cannot be written, as Cognito words it for the provider's kind. */
export function invalidUserAttributes(provider: Pick<IdentityProvider, 'type'>, issues: readonly Issue[]): InstanceType<typeof InvalidParameterException> {
  const prefix = provider.type === 'SAML' ? 'Invalid SAML response received: ' : '';
  return new InvalidParameterException(`${prefix}Invalid user attributes: ${issues.map((issue) => `${issue.name}: ${issue.reason}`).join('\n')}`);
}

/** Booleans as Cognito keeps them: lower-case. */
function normalized(attribute: SchemaAttributeType, value: string): string {
  return attribute.AttributeDataType === 'Boolean' ? value.toLowerCase() : value;
}

/** Why the sign-in may not write `value` to the attribute, or undefined when it may. */
function writeIssue(input: MappingInput, attribute: SchemaAttributeType, value: string): Issue | undefined {
  const name = attribute.Name!;
  const required = attribute.Required === true;
  if (input.current && attribute.Mutable === false) return { name, reason: IMMUTABLE };
  if (value === '' && required) return { name, reason: input.current ? REQUIRED_NOT_DELETABLE : REQUIRED };
  if (value === '') return undefined;
  const reason = valueIssue(attribute, value);
  return reason ? { name, reason } : undefined;
}

function mayWrite(attribute: SchemaAttributeType, writable: ReadonlySet<string>): boolean {
  const name = attribute.Name!;
  if (attribute.DeveloperOnlyAttribute || name.startsWith('dev:')) return false;
  return VERIFIED_FLAGS.has(name) || writable.has(name);
}

/**
 * The mapping applied to what the provider sent: the writes to make and each attribute's line.
 * Throws Cognito's refusal when a write is not allowed or a new user lacks a required attribute.
 */
export function mapAttributes(input: MappingInput): MappingResult {
  const schema = new Map(schemaOf(input.pool).map((attribute) => [attribute.Name!, attribute]));
  const writable = writableAttributes(input.client, input.pool);
  const before = attributeMap(input.current ?? []);
  const result: MappingResult = { changes: [], mapping: [] };
  const issues: Issue[] = [];

  for (const [name, claim] of Object.entries(input.provider.attributeMapping)) {
    const sent = Object.hasOwn(input.claims, claim) ? input.claims[claim] : undefined;
    const line: MappedAttribute = { attribute: name, claim, ...(before.has(name) && { before: before.get(name) }) };
    result.mapping.push(line);
    if (name === USERNAME_MAPPING) {
      if (sent) result.userId = sent;
      Object.assign(line, sent ? { after: sent } : { skipped: `the provider sent no ${claim}` });
      continue;
    }
    const attribute = schema.get(name);
    if (COGNITO_WRITES.has(name)) line.skipped = 'Cognito writes it';
    else if (!attribute) line.skipped = 'not an attribute of the user pool';
    else if (sent === undefined) {
      line.skipped = `the provider sent no ${claim}`;
      if (before.has(name)) line.after = before.get(name);
    } else if (!mayWrite(attribute, writable)) throw new NotAuthorizedException(UNWRITABLE);
    else {
      const issue = writeIssue(input, attribute, sent);
      if (issue) issues.push(issue);
      const value = sent === '' ? null : normalized(attribute, sent);
      result.changes.push({ name, value });
      if (value !== null) line.after = value;
    }
  }
  if (!input.current) issues.push(...missingRequired(schema, result.changes));
  if (issues.length > 0) throw invalidUserAttributes(input.provider, issues);
  const derived = unverifiedByDefault(result.changes, before);
  result.changes.push(...derived);
  for (const change of derived) recordDerived(result, change, before);
  return result;
}

/** The pool's required attributes the mapping gives a new user no write for (`sub` is Cognito's; an empty value is refused where it is read). */
function missingRequired(schema: ReadonlyMap<string, SchemaAttributeType>, changes: readonly AttributeChange[]): Issue[] {
  const written = new Set(changes.map((change) => change.name));
  return [...schema.values()]
    .filter((attribute) => attribute.Required && attribute.Name !== 'sub' && !written.has(attribute.Name!))
    .map((attribute) => ({ name: attribute.Name!, reason: REQUIRED }));
}

/**
 * An email or phone number the mapping writes is unverified unless the mapping wrote its flag
 * too; one it deletes takes its flag with it.
 */
function unverifiedByDefault(changes: readonly AttributeChange[], before: ReadonlyMap<string, string>): AttributeChange[] {
  const written = new Set(changes.map((change) => change.name));
  const derived: AttributeChange[] = [];
  for (const [attribute, flag] of Object.entries(VERIFIED_FLAG_OF)) {
    const change = changes.find((c) => c.name === attribute);
    if (!change || written.has(flag)) continue;
    if (change.value !== null) derived.push({ name: flag, value: 'false' });
    else if (before.has(flag)) derived.push({ name: flag, value: null });
  }
  return derived;
}

/** A derived change's line, for the debugger: the flag Cognito set without a claim. */
function recordDerived(result: MappingResult, change: AttributeChange, before: ReadonlyMap<string, string>): void {
  const mapped = result.mapping.find((line) => line.attribute === change.name);
  if (mapped) {
    // Mapped but not sent this time: the derived value is what is written.
    delete mapped.after;
    if (change.value !== null) mapped.after = change.value;
    return;
  }
  result.mapping.push({
    attribute: change.name,
    claim: '',
    ...(before.has(change.name) && { before: before.get(change.name) }),
    ...(change.value !== null && { after: change.value }),
  });
}
