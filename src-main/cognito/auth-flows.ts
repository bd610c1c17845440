/**
 * What an app client allows at sign-in, and the request checks that come before any flow starts:
 * the flow fits the operation, the client enables it (ExplicitAuthFlows, with the legacy names'
 * meaning), the flow's parameters are present.
 */
import type { AppClient } from './app-clients.js';
import { InvalidParameterException } from './errors.js';

/** The door a sign-in comes through: InitiateAuth, AdminInitiateAuth, or the hosted UI's sign-in page. */
export type Caller = 'client' | 'admin' | 'hosted';

const ADMIN_ONLY = new Set(['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']);
const CLIENT_ONLY = new Set(['USER_PASSWORD_AUTH']);

/** USER_PASSWORD_AUTH belongs to InitiateAuth, the ADMIN_ password flows to AdminInitiateAuth. */
export function checkFlowFitsOperation(authFlow: string, caller: Caller): void {
  if ((caller === 'client' && ADMIN_ONLY.has(authFlow)) || (caller === 'admin' && CLIENT_ONLY.has(authFlow))) {
    throw new InvalidParameterException('Initiate Auth method not supported.');
  }
}

/**
 * ExplicitAuthFlows: ALLOW_* names enable each flow; a list of legacy names (ADMIN_NO_SRP_AUTH,
 * USER_PASSWORD_AUTH, CUSTOM_AUTH_FLOW_ONLY) keeps SRP on unless it is CUSTOM_AUTH_FLOW_ONLY, and
 * custom authentication on always. REFRESH_TOKEN_AUTH is allowed unless the client rotates refresh
 * tokens: rotation is completed with GetTokensFromRefreshToken only (RefreshTokenRotationType).
 *
 * Assumption: the reference does not say how Cognito refuses REFRESH_TOKEN_AUTH on a rotating
 * client (its console takes ALLOW_REFRESH_TOKEN_AUTH away when rotation is turned on); it is
 * refused as a flow the client does not enable.
 */
export function checkFlowEnabled(client: AppClient, authFlow: string): void {
  const flows: readonly string[] = client.config.ExplicitAuthFlows;
  const legacy = !flows.some((flow) => flow.startsWith('ALLOW_'));
  switch (authFlow) {
    case 'USER_SRP_AUTH':
      if (legacy ? flows.includes('CUSTOM_AUTH_FLOW_ONLY') : !flows.includes('ALLOW_USER_SRP_AUTH')) {
        throw new InvalidParameterException('USER_SRP_AUTH is not enabled for the client.');
      }
      return;
    case 'USER_PASSWORD_AUTH':
      if (!flows.includes('ALLOW_USER_PASSWORD_AUTH') && !flows.includes('USER_PASSWORD_AUTH')) {
        throw new InvalidParameterException('USER_PASSWORD_AUTH flow not enabled for this client');
      }
      return;
    case 'USER_AUTH':
      if (!flows.includes('ALLOW_USER_AUTH')) throw new InvalidParameterException('Auth flow not enabled for this client');
      return;
    case 'CUSTOM_AUTH':
      if (!legacy && !flows.includes('ALLOW_CUSTOM_AUTH')) throw new InvalidParameterException('Auth flow not enabled for this client');
      return;
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      if (!flows.includes('ALLOW_ADMIN_USER_PASSWORD_AUTH') && !flows.includes('ADMIN_NO_SRP_AUTH')) {
        throw new InvalidParameterException('Auth flow not enabled for this client');
      }
      return;
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      if (client.config.RefreshTokenRotation.Feature === 'ENABLED') throw new InvalidParameterException('Auth flow not enabled for this client');
      return;
    default:
      return;
  }
}

/** The named parameter's value, or Cognito's "Missing required parameter X". */
export function requireParameter(parameters: Record<string, string> | undefined, name: string): string {
  const value = parameters?.[name];
  if (value === undefined || value === null || value === '') throw new InvalidParameterException(`Missing required parameter ${name}`);
  return value;
}
