/**
 * What the identity-pool flows take and answer, as their doors (the Cognito Identity operations and
 * the STS stand-in) call them: `services.flows.identity.getId(request, call)` and so on. Each call is
 * one flow, published to the debugger from the login check to the credentials issued.
 */
import type { IssuedCredentials } from '../../cognito/identity/types.js';
import type { FlowCall } from '../call.js';

/** The request as an identity flow needs it: a FlowCall and the region it was sent to (new identity ids are `{region}:{uuid}`). */
export interface IdentityFlowCall extends FlowCall {
  /** From the SigV4 credential scope, else the sandbox's configured region. */
  region: string;
}

export interface GetIdRequest {
  identityPoolId: string;
  logins?: Record<string, string>;
  accountId?: string;
}

export interface IdentityRequest {
  identityId: string;
  logins?: Record<string, string>;
}

export interface CredentialsRequest extends IdentityRequest {
  customRoleArn?: string;
}

export interface DeveloperTokenRequest {
  identityPoolId: string;
  /** Must hold the pool's developer provider name; may hold other logins to link. */
  logins: Record<string, string>;
  identityId?: string;
  principalTags?: Record<string, string>;
  /** Seconds (default 900, at most 86,400). */
  tokenDuration?: number;
}

export interface WebIdentityRequest {
  roleArn: string;
  roleSessionName: string;
  webIdentityToken: string;
  durationSeconds?: number;
  providerId?: string;
  policy?: string;
  policyArns?: string[];
}

export interface WebIdentityCredentials {
  credentials: IssuedCredentials;
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE_NAME/SESSION_NAME`. */
  assumedRoleArn: string;
  /** `AROA…:SESSION_NAME`. */
  assumedRoleId: string;
  /** The token's `sub`. */
  subjectFromWebIdentityToken: string;
  /** The token's `aud`. */
  audience: string;
  /** Who issued the token: `cognito-identity.amazonaws.com`, the only issuer the sandbox's STS trusts. */
  provider: string;
}

export interface IdentityFlows {
  getId(request: GetIdRequest, call: IdentityFlowCall): Promise<{ IdentityId: string }>;
  getCredentialsForIdentity(request: CredentialsRequest, call: IdentityFlowCall): Promise<{ IdentityId: string; Credentials: IssuedCredentials }>;
  getOpenIdToken(request: IdentityRequest, call: IdentityFlowCall): Promise<{ IdentityId: string; Token: string }>;
  getOpenIdTokenForDeveloperIdentity(request: DeveloperTokenRequest, call: IdentityFlowCall): Promise<{ IdentityId: string; Token: string }>;
  /** Throws StsError (cognito/identity/sts-errors.ts) for what STS refuses. */
  assumeRoleWithWebIdentity(request: WebIdentityRequest, call: IdentityFlowCall): Promise<WebIdentityCredentials>;
}
