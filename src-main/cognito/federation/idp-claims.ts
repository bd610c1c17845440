/**
 * A provider's claims (ID token, userInfo, Facebook's or Amazon's profile, Apple's `user`) as the
 * attribute mapping reads them: every value a string.
 *
 * - strings stay as they are; numbers and booleans are written out (`true`, `1712345678`), so
 *   `email_verified: true` maps as the string `true` Cognito's attributes hold;
 * - a list is written `[a, b]`, each value URL-form-encoded when it holds characters other than
 *   letters, digits and `. - * _` (the guide: "When IdP attributes contain multiple values, Amazon
 *   Cognito URL form encodes the values containing non-alphanumeric characters"); the brackets and
 *   `, ` separator are how Cognito is seen to write multi-valued SAML attributes, assumed for OIDC;
 * - an object (`address`) is its JSON; null is left out.
 */

const PLAIN_VALUE = /^[A-Za-z0-9.\-*_]*$/;

function listItem(value: unknown): string {
  const text = typeof value === 'string' ? value : value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
  return PLAIN_VALUE.test(text) ? text : new URLSearchParams({ v: text }).toString().slice(2);
}

/** One claim as a string, or undefined when the provider sent nothing (null). */
export function claimText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(listItem).join(', ')}]`;
  return JSON.stringify(value);
}

/** Every claim of `source` as a string (see claimText). */
export function claimTexts(source: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    const text = claimText(value);
    if (text !== undefined) out[name] = text;
  }
  return out;
}
