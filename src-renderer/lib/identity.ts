/**
 * What the window makes of identity pools and their flows (GetId, GetCredentialsForIdentity,
 * GetOpenIdToken, GetOpenIdTokenForDeveloperIdentity, STS AssumeRoleWithWebIdentity): login keys
 * named for people, the words on the `identity.*` steps, and the role decision as table rows.
 * Pure functions over the shared event schema.
 */
import type {
  EventBase,
  EventData,
  IdentityCredentialsIssued,
  IdentityLoginChecked,
  IdentityOpenIdTokenIssued,
  IdentityResolved,
  IdentityRoleResolved,
  RoleRuleEvaluation,
  SandboxEvent,
} from '../../shared/events';

export type IdentityLoginCheckedEvent = EventBase & IdentityLoginChecked;
export type IdentityResolvedEvent = EventBase & IdentityResolved;
export type IdentityRoleResolvedEvent = EventBase & IdentityRoleResolved;
export type IdentityCredentialsIssuedEvent = EventBase & IdentityCredentialsIssued;
export type IdentityOpenIdTokenIssuedEvent = EventBase & IdentityOpenIdTokenIssued;
export type IdentityEvent =
  | IdentityLoginCheckedEvent
  | IdentityResolvedEvent
  | IdentityRoleResolvedEvent
  | IdentityCredentialsIssuedEvent
  | IdentityOpenIdTokenIssuedEvent;

export function isIdentityEvent(event: SandboxEvent): event is IdentityEvent {
  return event.type.startsWith('identity.');
}

/** The flow kinds the identity-pool calls run. */
export const IDENTITY_FLOW_KINDS = ['identity-get-id', 'identity-credentials', 'identity-openid-token', 'identity-developer-token', 'sts-web-identity'] as const;

/** The service name STS calls carry in `api.called`. */
export const STS_SERVICE = 'AWSSecurityTokenServiceV20110615';
export const IDENTITY_SERVICE = 'AWSCognitoIdentityService';

/** An event of an identity-pool flow: its start, an `identity.*` step, or a Cognito Identity or STS call. */
export function isIdentityFlowEvent(event: SandboxEvent): boolean {
  if (event.type === 'flow.started') return (IDENTITY_FLOW_KINDS as readonly string[]).includes(event.data.kind);
  if (event.type === 'api.called') return event.data.service === IDENTITY_SERVICE || event.data.service === STS_SERVICE;
  return isIdentityEvent(event);
}

/** `us-east-1:0f3c…` (an identity pool or an identity), as against a user pool's `us-east-1_AbC123`. */
export function isIdentityPoolId(id: string | null | undefined): id is string {
  return !!id && /^[\w-]+:[0-9a-f-]+$/.test(id);
}

const USER_POOL_KEY = /^cognito-idp\.([\w-]+)\.amazonaws\.com\/([\w-]+_[0-9a-zA-Z]+)(?::(\w+))?$/;

/** The login key of a user pool, as an identity pool names it. */
export function userPoolLoginKey(userPoolId: string): string {
  return `cognito-idp.${userPoolId.split('_')[0]}.amazonaws.com/${userPoolId}`;
}

/** `cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12` (or its `:clientId` role-mapping key) → the pool and client. */
export function parseUserPoolKey(key: string): { userPoolId: string; clientId?: string } | undefined {
  const match = USER_POOL_KEY.exec(key);
  if (!match) return undefined;
  return { userPoolId: match[2]!, ...(match[3] && { clientId: match[3] }) };
}

/** The public providers an identity pool trusts by their own login keys (SupportedLoginProviders). */
export const PUBLIC_PROVIDERS: readonly { key: string; label: string; idLabel: string }[] = [
  { key: 'accounts.google.com', label: 'Google', idLabel: 'Google client ID' },
  { key: 'graph.facebook.com', label: 'Facebook', idLabel: 'Facebook app ID' },
  { key: 'www.amazon.com', label: 'Login with Amazon', idLabel: 'Amazon app ID' },
  { key: 'appleid.apple.com', label: 'Sign in with Apple', idLabel: 'Apple services ID' },
];

const ARN = /^arn:aws:iam::(\d*):(saml-provider|oidc-provider)\/(.+)$/;
/** Cognito Identity's OpenID tokens, by their login key or issuer: AWS's, or the sandbox's own (`{origin}/_cognito-identity`). */
const COGNITO_IDENTITY_ISSUER = /^(https:\/\/)?cognito-identity\.amazonaws\.com$|\/_cognito-identity$/;

/** An IAM OIDC provider's ARN → the login key its tokens come under (the issuer without its scheme). */
export function oidcLoginKey(arn: string): string {
  const match = ARN.exec(arn);
  return match?.[2] === 'oidc-provider' ? match[3]! : arn;
}

/** A login key (or role-mapping key) in words: `user pool us-east-1_Ab12`, `Google`, `SAML MySaml`. */
export function loginLabel(key: string, developerProviderName?: string): string {
  const pool = parseUserPoolKey(key);
  if (pool) return `user pool ${pool.userPoolId}${pool.clientId ? `, client ${pool.clientId}` : ''}`;
  const known = PUBLIC_PROVIDERS.find((provider) => provider.key === key);
  if (known) return known.label;
  const arn = ARN.exec(key);
  if (arn) return `${arn[2] === 'saml-provider' ? 'SAML' : 'OIDC'} ${arn[3]}`;
  if (COGNITO_IDENTITY_ISSUER.test(key)) return 'Cognito Identity token';
  if (developerProviderName && key === developerProviderName) return `developer ${key}`;
  return key;
}

/** `Admins` from `arn:aws:iam::123456789012:role/path/Admins`. */
export function roleName(arn: string | undefined): string {
  if (!arn) return '—';
  const at = arn.indexOf(':role/');
  return at < 0 ? arn : arn.slice(at + ':role/'.length).split('/').pop()!;
}

/** An IAM role's ARN in the sandbox's account. */
export function roleArn(accountId: string, name: string): string {
  return `arn:aws:iam::${accountId}:role/${name}`;
}

// ---------------------------------------------------------------------------------------------
// The steps' words

type LoginChecked = EventData<'identity.loginChecked'>;

/** `user pool us-east-1_Ab12 login accepted`, `Google login refused`. */
export function loginCheckedLabel(data: LoginChecked): string {
  const provider = data.kind === 'developer' ? `developer ${data.provider}` : loginLabel(data.provider);
  return `${provider} login ${data.passed ? 'accepted' : 'refused'}`;
}

/** `5 checks passed`, or the first that failed and why. */
export function loginChecksNote(data: LoginChecked): string | undefined {
  const failed = data.checks.find((check) => !check.passed);
  if (failed) return `${failed.check} failed${failed.detail ? `: ${failed.detail}` : ''}`;
  if (data.error) return `${data.error.type}: ${data.error.message}`;
  if (data.checks.length === 0) return undefined;
  return `${data.checks.length} check${data.checks.length === 1 ? '' : 's'} passed`;
}

const OUTCOME_WORDS: Record<EventData<'identity.resolved'>['outcome'], string> = {
  found: 'identity found',
  created: 'identity created',
  linked: 'login linked to the identity',
  merged: 'identities merged',
};

export function resolvedLabel(data: EventData<'identity.resolved'>): string {
  return `${OUTCOME_WORDS[data.outcome]}${data.authenticated ? '' : ' (guest)'}`;
}

type RoleResolved = EventData<'identity.roleResolved'>;

export function roleResolvedLabel(data: RoleResolved): string {
  return data.decidedBy === 'denied' ? 'no role: denied' : `role ${roleName(data.roleArn)}`;
}

/** How the role was decided, in words. */
export const DECIDED_BY: Record<RoleResolved['decidedBy'], string> = {
  default: 'the pool’s default role',
  rule: 'a rule of the Rules mapping',
  token: 'the token’s roles (Token mapping)',
  custom: 'the CustomRoleArn the call asked for',
  ambiguous: 'the ambiguous-role resolution (AuthenticatedRole)',
  saml: 'the SAML assertion’s role attribute',
  denied: 'nothing: the call was refused',
};

/** One rule of a Rules mapping as the decision table shows it. */
export interface RuleRow extends RoleRuleEvaluation {
  status: 'matched' | 'no match' | 'not evaluated';
  /** The claim's value in the token, as text (`—` when the token has no such claim). */
  tokenValue: string;
  /** The rule whose role was given. */
  chosen: boolean;
}

export function claimText(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function ruleRows(data: RoleResolved): RuleRow[] {
  const chosenIndex = data.decidedBy === 'rule' ? data.rules?.find((rule) => rule.matched)?.index : undefined;
  return (data.rules ?? []).map((rule) => ({
    ...rule,
    status: rule.matched === undefined ? 'not evaluated' : rule.matched ? 'matched' : 'no match',
    tokenValue: claimText(rule.claimValue),
    chosen: rule.index === chosenIndex,
  }));
}

export function openIdTokenNote(data: EventData<'identity.openIdTokenIssued'>): string {
  const minutes = Math.round(data.expiresIn / 60);
  return `valid ${minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`}`;
}

/** What each claim of a Cognito Identity OpenID token means. */
const OPENID_CLAIMS: Record<string, string> = {
  iss: 'Issuer: Cognito Identity (the sandbox’s stand-in for https://cognito-identity.amazonaws.com). A role’s trust policy names it as the federated principal.',
  sub: 'The identity ID. Trust policies test it as cognito-identity.amazonaws.com:sub.',
  aud: 'The identity pool ID. Trust policies must test it as cognito-identity.amazonaws.com:aud.',
  amr: 'How the identity authenticated: "authenticated" and the login keys it used, or "unauthenticated". Trust policies test cognito-identity.amazonaws.com:amr.',
  exp: 'Expiry (epoch seconds). STS refuses the token after this time.',
  iat: 'Issued at (epoch seconds).',
  'https://cognito-identity.amazonaws.com/identity-pool-arn': 'The identity pool’s ARN.',
  'https://aws.amazon.com/tags': 'The principal tags STS attaches to the session (attributes for access control).',
};

export function explainOpenIdClaim(name: string): string | undefined {
  return OPENID_CLAIMS[name];
}
