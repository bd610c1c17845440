/**
 * The access token of a client_credentials grant (machine-to-machine), as Cognito mints it: no
 * user, so `sub` is the app client's id; no ID or refresh token. Its claims, in Cognito's order:
 * `sub`, `token_use` ("access"), `scope` (the granted custom scopes), `auth_time`, `iss`, `exp`,
 * `iat`, `version` (2), `jti`, `client_id` [guide: Understanding the access token; the M2M
 * sample]. It is signed with the pool's access-token key and lives the client's
 * AccessTokenValidity. A pool whose pre token generation function is V3_0 hears of it first
 * (TokenGeneration_ClientCredentials) and may add, override and suppress claims and scopes;
 * V1_0 and V2_0 functions are not invoked for machine tokens.
 *
 * Assumptions: `auth_time` equals `iat` (there is no sign-in before it); `jti` is always present
 * (Cognito's samples carry it; there is no refresh token to revoke, so no `origin_jti`).
 */
import type { BaseServices } from '../base-services.js';
import type { AppClient } from '../cognito/app-clients.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import { customizeMachineAccessTokenClaims, machineTokenGenerationEvent, readPreTokenGenerationResponse, type TokenCustomization } from '../triggers/events/preTokenGeneration.js';
import type { Triggers } from '../triggers/runtime.js';
import type { StringMap } from '../triggers/types.js';
import type { Claims } from './claims.js';
import { issuerFor } from './issuer.js';
import type { SigningKeys } from './keys.js';
import { signJwt } from './sign.js';

export type MachineTokenServices = Pick<BaseServices, 'clock' | 'ids' | 'bus' | 'options'> & { keys: SigningKeys };

export interface MachineTokenContext {
  issuer: string;
  clientId: string;
  scopes: readonly string[];
  /** Epoch seconds. */
  issuedAt: number;
  expiresAt: number;
  jti: string;
}

export interface MachineTokenRequest {
  pool: Pick<UserPool, 'id'>;
  client: Pick<AppClient, 'clientId' | 'tokenLifetimes'>;
  scopes: readonly string[];
  /** `http://HOST:PORT` as the request reached the sandbox: the issuer's base. */
  origin: string;
  /** The pool's V3_0 pre token generation function's answer, applied as Cognito applies it. */
  customization?: TokenCustomization;
  flowId?: string | null;
}

export interface MachineToken {
  accessToken: string;
  /** Seconds the token lives. */
  expiresIn: number;
  claims: Claims;
}

/** The machine-to-machine access token's claims, in Cognito's order. */
export function machineAccessTokenClaims(context: MachineTokenContext): Claims {
  return {
    sub: context.clientId,
    token_use: 'access',
    scope: context.scopes.join(' '),
    auth_time: context.issuedAt,
    iss: context.issuer,
    exp: context.expiresAt,
    iat: context.issuedAt,
    version: 2,
    jti: context.jti,
    client_id: context.clientId,
  };
}

/** Whether the pool's pre token generation function hears of machine tokens: only a V3_0 one does. */
export function customizesMachineTokens(triggers: Triggers, pool: Pick<UserPool, 'id' | 'config'>): boolean {
  return triggers.isConfigured(pool, 'PreTokenGeneration') && triggers.preTokenGenerationVersion(pool) === 'V3_0';
}

export interface MachinePreTokenGenerationCall {
  pool: Pick<UserPool, 'id' | 'config'>;
  clientId: string;
  scopes: readonly string[];
  awsSdkVersion?: string;
  /** The token request's aws_client_metadata. */
  clientMetadata?: StringMap;
  flowId?: string | null;
}

/** Runs the pool's V3_0 pre token generation function for a machine token (TokenGeneration_ClientCredentials). */
export function runMachinePreTokenGeneration(services: { triggers: Triggers }, call: MachinePreTokenGenerationCall): Promise<TokenCustomization> {
  const event = machineTokenGenerationEvent({
    userPoolId: call.pool.id,
    clientId: call.clientId,
    awsSdkVersion: call.awsSdkVersion,
    scopes: call.scopes,
    clientMetadata: call.clientMetadata,
  });
  return services.triggers.invoke({
    pool: call.pool,
    trigger: 'PreTokenGeneration',
    event,
    flowId: call.flowId,
    read: (output) => readPreTokenGenerationResponse(output, event),
  });
}

/** Signs the machine-to-machine access token and publishes it (`token.issued`, the client as its username). */
export async function issueMachineAccessToken(services: MachineTokenServices, request: MachineTokenRequest): Promise<MachineToken> {
  const { pool, client } = request;
  const issuedAt = Math.floor(services.clock.now() / 1000);
  const expiresIn = client.tokenLifetimes.access;
  let claims = machineAccessTokenClaims({
    issuer: issuerFor(pool.id, request.origin, services.options.awsIssuer),
    clientId: client.clientId,
    scopes: request.scopes,
    issuedAt,
    expiresAt: issuedAt + expiresIn,
    jti: services.ids.uuid(),
  });
  if (request.customization) claims = customizeMachineAccessTokenClaims(claims, request.customization);

  const accessToken = await signJwt(claims, (await services.keys.forPool(pool.id)).access);
  services.bus.publish(
    'token.issued',
    { clientId: client.clientId, username: client.clientId, tokenUse: 'access', claims, token: accessToken },
    { flowId: request.flowId ?? null, poolId: pool.id },
  );
  return { accessToken, expiresIn, claims };
}
