/**
 * A person's claims as an ID token or userInfo carries them: the directory keeps text, the
 * wire has booleans (`email_verified`, `phone_number_verified`, Apple's `is_private_email`),
 * numbers (`updated_at`) and OIDC's address object.
 */
const BOOLEAN_CLAIMS = /(^|_)verified$|^is_private_email$/;
const NUMBER_CLAIMS = new Set(['updated_at', 'auth_time']);

export function wireClaims(claims: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (BOOLEAN_CLAIMS.test(name) && (value === 'true' || value === 'false')) out[name] = value === 'true';
    else if (NUMBER_CLAIMS.has(name) && /^\d{1,12}$/.test(value)) out[name] = Number(value);
    else if (name === 'address') out[name] = { formatted: value };
    else out[name] = value;
  }
  return out;
}
