/**
 * What the hosted pages show of a client's customization: the hosted UI (classic) CSS and logo
 * (SetUICustomization; the client's own, else the pool's `ALL`, the guide's fallback) and the
 * terms documents the sign-up page links to (CreateTerms: both documents, in the page's language
 * or else `cognito:default`, as the API reference describes them).
 */
import type { Store } from '../store/index.js';
import type { UiCustomization } from '../store/repositories/ui-customizations.js';

/** The ClientId that stands for every client without a customization of its own. */
export const ALL_CLIENTS = 'ALL';

/**
 * Where the sandbox serves a customization's logo, below its own origin: the debugger API route
 * `/_sandbox/api/pools/:poolId/ui-customization/:clientId/logo` (`ALL` for the pool's).
 */
export function uiLogoPath(poolId: string, clientId: string | undefined): string {
  return `/_sandbox/api/pools/${encodeURIComponent(poolId)}/ui-customization/${encodeURIComponent(clientId ?? ALL_CLIENTS)}/logo`;
}

/** The customization that applies to the client: its own, else the pool's. */
export function effectiveUiCustomization(store: Store, poolId: string, clientId: string): UiCustomization | undefined {
  return store.uiCustomizations.find(poolId, clientId) ?? store.uiCustomizations.find(poolId, undefined);
}

/** The CSS and logo URL (same origin, root-relative) the client's hosted pages apply; undefined when none is set. */
export function uiCustomizationFor(store: Store, poolId: string, clientId: string): { css?: string; imageUrl?: string } | undefined {
  const customization = effectiveUiCustomization(store, poolId, clientId);
  if (!customization) return undefined;
  return {
    ...(customization.css !== undefined && { css: customization.css }),
    ...(customization.image && { imageUrl: uiLogoPath(poolId, customization.clientId) }),
  };
}

/** Managed login's `lang` values and the Links key of each language. */
const LANGUAGE_KEYS: Record<string, string> = {
  de: 'cognito:german',
  en: 'cognito:english',
  es: 'cognito:spanish',
  fr: 'cognito:french',
  id: 'cognito:bahasa-indonesia',
  it: 'cognito:italian',
  ja: 'cognito:japanese',
  ko: 'cognito:korean',
  nl: 'cognito:dutch',
  'pt-BR': 'cognito:portuguese-brazil',
  'zh-CN': 'cognito:chinese-simplified',
  'zh-TW': 'cognito:chinese-traditional',
};

export const DEFAULT_LANGUAGE_KEY = 'cognito:default';

function linkFor(links: Record<string, string>, lang: string | undefined): string | undefined {
  const languageKey = lang === undefined ? undefined : LANGUAGE_KEYS[lang];
  return (languageKey && links[languageKey]) || links[DEFAULT_LANGUAGE_KEY];
}

/**
 * The terms of use and privacy policy links the client's sign-up page shows, in `lang` (a
 * managed login language code such as `fr` or `pt-BR`) where the documents have it, else their
 * `cognito:default` link. Undefined unless both documents have a link: Cognito shows neither
 * until both exist.
 */
export function termsFor(store: Store, poolId: string, clientId: string, lang?: string): { termsOfUse: string; privacyPolicy: string } | undefined {
  const documents = store.terms.ofClient(poolId, clientId);
  const termsOfUse = documents.find((terms) => terms.name === 'terms-of-use');
  const privacyPolicy = documents.find((terms) => terms.name === 'privacy-policy');
  const termsLink = termsOfUse && linkFor(termsOfUse.links, lang);
  const privacyLink = privacyPolicy && linkFor(privacyPolicy.links, lang);
  if (!termsLink || !privacyLink) return undefined;
  return { termsOfUse: termsLink, privacyPolicy: privacyLink };
}
