/**
 * The CSS Cognito accepts for the hosted UI (classic) (SetUICustomization): rules whose selectors
 * are the customizable classes of Cognito's CSS template, some with a pseudo-class, and their
 * declarations. No at-rule (@import, @supports, @page, @media or any other), no JavaScript
 * (expression(), javascript:, behavior, -moz-binding), nothing fetched from elsewhere (url()).
 * Developer Guide, "Customizing the built-in sign-in and sign-up webpages"; the template is the
 * CSS of the API reference's SetUICustomization example.
 *
 * Sandbox wording (Cognito's messages are not documented): every refusal below. The sandbox is
 * stricter than the guide in two places, because the CSS goes into the page's <style> element:
 * it refuses `<` (HTML) and backslash escapes (which could spell any of the above).
 */
import { InvalidParameterException } from './errors.js';

/** The customizable classes, with the pseudo-classes the template gives some of them. */
export const CUSTOMIZABLE_SELECTORS: readonly string[] = [
  '.background-customizable',
  '.banner-customizable',
  '.errorMessage-customizable',
  '.idpButton-customizable',
  '.idpButton-customizable:hover',
  '.idpDescription-customizable',
  '.inputField-customizable',
  '.inputField-customizable:focus',
  '.label-customizable',
  '.legalText-customizable',
  '.logo-customizable',
  '.passwordCheck-notValid-customizable',
  '.passwordCheck-valid-customizable',
  '.redirect-customizable',
  '.socialButton-customizable',
  '.submitButton-customizable',
  '.submitButton-customizable:hover',
  '.textDescription-customizable',
];

const ALLOWED = new Set(CUSTOMIZABLE_SELECTORS);
const SCRIPT = /expression\s*\(|javascript\s*:|vbscript\s*:|behaviou?r\s*:|-moz-binding/i;
const PROPERTY = /^-?[a-zA-Z][a-zA-Z0-9-]*$/;

function refuse(message: string): never {
  throw new InvalidParameterException(message);
}

function withoutComments(css: string): string {
  const stripped = css.replace(/\/\*[\s\S]*?\*\//g, ' ');
  if (stripped.includes('/*')) refuse('Unable to parse the CSS: a comment is not closed.');
  return stripped;
}

function checkForbiddenContent(css: string): void {
  if (css.includes('<')) refuse('The CSS must not contain HTML.');
  if (css.includes('\\')) refuse('The CSS must not contain escape sequences.');
  const atRule = css.match(/@[\w-]*/);
  if (atRule) refuse(`The CSS must not contain ${atRule[0]} rules: @import, @supports, @page, @media and other at-rules are not allowed.`);
  if (SCRIPT.test(css)) refuse('The CSS must not contain JavaScript.');
  if (/url\s*\(/i.test(css)) refuse('The CSS must not load anything with url(): upload the logo as the ImageFile.');
}

function checkSelectors(selectorText: string): void {
  for (const selector of selectorText.split(',').map((s) => s.trim().replace(/\s+/g, ' '))) {
    if (!selector) refuse('Unable to parse the CSS: a rule has an empty selector.');
    if (!ALLOWED.has(selector)) {
      refuse(`The CSS selector ${selector} is not customizable. Use only these classes: ${CUSTOMIZABLE_SELECTORS.join(', ')}.`);
    }
  }
}

function checkDeclarations(block: string, selectorText: string): void {
  for (const declaration of block.split(';').map((d) => d.trim())) {
    if (!declaration) continue;
    const colon = declaration.indexOf(':');
    const property = colon < 0 ? declaration : declaration.slice(0, colon).trim();
    const value = colon < 0 ? '' : declaration.slice(colon + 1).trim();
    if (!PROPERTY.test(property) || !value) {
      refuse(`Unable to parse the CSS: "${declaration}" in ${selectorText.trim()} is not a declaration (property: value).`);
    }
  }
}

/** Cognito's refusal (InvalidParameterException) of CSS the hosted UI does not take. */
export function checkHostedUiCss(css: string): void {
  const text = withoutComments(css);
  checkForbiddenContent(text);
  let rest = text;
  for (;;) {
    rest = rest.replace(/^[\s;]+/, '');
    if (!rest) return;
    const open = rest.indexOf('{');
    const close = rest.indexOf('}');
    if (open < 0 || close < open) refuse('Unable to parse the CSS: expected a rule (selector { property: value; }).');
    const selectorText = rest.slice(0, open);
    const block = rest.slice(open + 1, close);
    if (block.includes('{')) refuse('Unable to parse the CSS: rules cannot be nested.');
    checkSelectors(selectorText);
    checkDeclarations(block, selectorText);
    rest = rest.slice(close + 1);
  }
}
