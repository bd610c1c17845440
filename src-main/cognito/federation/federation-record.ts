/**
 * What a federated sign-in found while it checked the provider's answer, for the debugger's
 * `federation.responded`: each check passed or failed, the ID token decoded, the userInfo answer.
 * A failed check is recorded with the refusal it leads to, then thrown.
 */
import type { FederationCheck } from '../../../shared/events.js';
import type { FederationError } from './types.js';

export class FederationRecord {
  readonly checks: FederationCheck[] = [];
  idToken?: { header: Record<string, unknown>; claims: Record<string, unknown> };
  userInfo?: Record<string, unknown>;

  pass(check: string, detail?: string): void {
    this.checks.push({ check, passed: true, ...(detail && { detail }) });
  }

  fail(check: string, detail: string, refusal: FederationError): never {
    this.checks.push({ check, passed: false, detail });
    throw refusal;
  }
}
