/**
 * An OAuth 2.0 refusal (RFC 6749 §5.2, RFC 6750 §3, RFC 7009 §2.2.1) as Cognito's OAuth endpoints
 * answer it: `{ "error": ..., "error_description"?: ... }` with a 400 (401 for a client or token
 * that does not authenticate).
 */
export class OAuthError extends Error {
  constructor(
    public readonly error: string,
    public readonly description?: string,
    public readonly status = 400,
  ) {
    super(description ? `${error}: ${description}` : error);
    this.name = 'OAuthError';
  }

  toJSON(): { error: string; error_description?: string } {
    return { error: this.error, ...(this.description && { error_description: this.description }) };
  }
}
