/**
 * Secrets that must never reach a debugger event: passwords, one-time codes, client secrets and
 * secret hashes. Masking walks any JSON value and replaces those members' values.
 */
const SECRET_KEYS = new Set([
  'Password',
  'PreviousPassword',
  'ProposedPassword',
  'TemporaryPassword',
  'NEW_PASSWORD',
  'PASSWORD',
  'ConfirmationCode',
  'Code',
  'UserCode',
  'SMS_MFA_CODE',
  'SOFTWARE_TOKEN_MFA_CODE',
  'ClientSecret',
  'SecretHash',
  'SECRET_HASH',
  'client_secret',
  'private_key',
]);

export const MASK = '***';

export function maskSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(maskSecrets) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(key) && v !== undefined && v !== null ? MASK : maskSecrets(v);
  }
  return out as T;
}
