/**
 * Steps the terms operations share: shapes as the API reference constrains them, lookups, the
 * links' rule and the wire forms. A client has at most one document of each name
 * (`terms-of-use`, `privacy-policy`).
 *
 * Sandbox wording (Cognito's is not documented): the messages of ResourceNotFoundException,
 * TermsExistsException and of a link that is not an https URL. Assumption: a link must be an
 * absolute https URL, or http for localhost and 127.0.0.1, the rule Cognito applies to callback
 * URLs.
 */
import type { TermsDescriptionType, TermsType } from '@aws-sdk/client-cognito-identity-provider';
import type { Store } from '../../../../store/index.js';
import type { TermsDocument } from '../../../../store/repositories/terms.js';
import type { Wire } from '../../operation.js';
import { InvalidParameterException, ResourceNotFoundException, TermsExistsException } from '../../../../cognito/errors.js';
import { enumeration, map, string } from '../../shapes.js';
import { wireDate } from '../common.js';

export const TermsIdType = string({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[4][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$' });
export const TermsNameType = string({ pattern: '^(terms-of-use|privacy-policy)$' });
export const TermsSourceType = enumeration(['LINK']);
export const TermsEnforcementType = enumeration(['NONE']);
const LanguageIdType = string({
  pattern: '^cognito:(default|dutch|english|french|spanish|german|bahasa-indonesia|italian|japanese|korean|portuguese-brazil|chinese-(simplified|traditional))$',
});
const LinkUrlType = string({ min: 1, max: 1024, pattern: '^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$' });
export const LinksType = map(LanguageIdType, LinkUrlType, { max: 13 });

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isAllowedLink(link: string): boolean {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}

/** The links as stored, once each is an https URL. */
export function linksFromRequest(links: Record<string, string> | undefined): Record<string, string> {
  for (const [language, link] of Object.entries(links ?? {})) {
    if (!isAllowedLink(link)) throw new InvalidParameterException(`The link for ${language} must be an https URL: ${link}`);
  }
  return { ...links };
}

export function requireTerms(store: Store, poolId: string, termsId: string): TermsDocument {
  const terms = store.terms.find(poolId, termsId);
  if (!terms) throw new ResourceNotFoundException(`Terms ${termsId} do not exist in user pool ${poolId}.`);
  return terms;
}

/** TermsExistsException when the client already has a document of that name (other than `termsId`). */
export function checkNameFree(store: Store, terms: { poolId: string; clientId: string; name: string; termsId?: string }): void {
  const holder = store.terms.findByName(terms.poolId, terms.clientId, terms.name);
  if (holder && holder.termsId !== terms.termsId) {
    throw new TermsExistsException(`App client ${terms.clientId} already has terms named ${terms.name}.`);
  }
}

export function toTermsType(terms: TermsDocument): Wire<TermsType> {
  return {
    TermsId: terms.termsId,
    UserPoolId: terms.poolId,
    ClientId: terms.clientId,
    TermsName: terms.name,
    TermsSource: terms.source as TermsType['TermsSource'],
    Enforcement: terms.enforcement as TermsType['Enforcement'],
    Links: terms.links,
    CreationDate: wireDate(terms.created),
    LastModifiedDate: wireDate(terms.modified),
  };
}

export function toTermsDescriptionType(terms: TermsDocument): Wire<TermsDescriptionType> {
  return {
    TermsId: terms.termsId,
    TermsName: terms.name,
    Enforcement: terms.enforcement as TermsType['Enforcement'],
    CreationDate: wireDate(terms.created),
    LastModifiedDate: wireDate(terms.modified),
  };
}
