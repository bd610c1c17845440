/**
 * The social mocks' authorization codes and access tokens, in memory: a code is short-lived,
 * single-use and bound to the client and redirect URI it was issued for; an access token reads
 * the person's profile for an hour. Both are bounded in number (the oldest go first).
 */
import { randomBytes } from 'node:crypto';
import type { MockIdpKind } from '../../../shared/mock-idp.js';
import type { Clock } from '../../clock.js';

export interface CodeGrant {
  idp: MockIdpKind;
  clientId: string;
  redirectUri: string;
  personId: string;
  /** The scopes granted, in the order asked. */
  scopes: string[];
  nonce?: string;
  /** Epoch milliseconds the person chose to sign in. */
  authTime: number;
}

export interface TokenGrant {
  idp: MockIdpKind;
  clientId: string;
  personId: string;
  scopes: string[];
}

interface Kept<T> {
  value: T;
  expires: number;
}

/** Codes live five minutes (Apple's limit; Google's and Facebook's are ten), access tokens an hour. */
export const CODE_TTL_MS = 5 * 60_000;
export const ACCESS_TOKEN_TTL_MS = 60 * 60_000;
const MAX_KEPT = 2_000;

/** A random string of URL-safe characters: the tail of a provider-shaped code or token. */
export function randomText(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

class Book<T> {
  private readonly entries = new Map<string, Kept<T>>();

  constructor(private readonly clock: Clock) {}

  keep(key: string, value: T, ttlMs: number): void {
    const now = this.clock.now();
    for (const [k, kept] of this.entries) if (kept.expires <= now) this.entries.delete(k);
    while (this.entries.size >= MAX_KEPT) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expires: now + ttlMs });
  }

  /** The value, or why there is none: never issued (or forgotten), or expired. */
  find(key: string): T | 'unknown' | 'expired' {
    const kept = this.entries.get(key);
    if (!kept) return 'unknown';
    return kept.expires <= this.clock.now() ? 'expired' : kept.value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}

export class MockGrants {
  private readonly codes: Book<CodeGrant & { used: boolean }>;
  private readonly tokens: Book<TokenGrant>;

  constructor(clock: Clock) {
    this.codes = new Book(clock);
    this.tokens = new Book(clock);
  }

  issueCode(code: string, grant: CodeGrant): string {
    this.codes.keep(code, { ...grant, used: false }, CODE_TTL_MS);
    return code;
  }

  /** The code's grant, or why it cannot be redeemed: unknown, expired, or used already. */
  findCode(code: string): CodeGrant | 'unknown' | 'expired' | 'used' {
    const found = this.codes.find(code);
    if (typeof found === 'string') return found;
    return found.used ? 'used' : found;
  }

  /** Marks the code redeemed: a second redemption is refused (as "used", until the code would have expired). */
  consumeCode(code: string): void {
    const found = this.codes.find(code);
    if (typeof found !== 'string') found.used = true;
  }

  issueAccessToken(token: string, grant: TokenGrant): string {
    this.tokens.keep(token, grant, ACCESS_TOKEN_TTL_MS);
    return token;
  }

  findAccessToken(token: string): TokenGrant | 'unknown' | 'expired' {
    return this.tokens.find(token);
  }
}
