/**
 * The debugger's event schema: one discriminated union, shared by the server that produces the
 * events (src-main/debug/bus.ts) and the window that shows them. Pure types; no node, electron
 * or vue here.
 *
 * Every event carries `seq` (strictly increasing, the SSE id), `time` (epoch milliseconds),
 * `flowId` (the timeline group; null for an API call outside any flow) and `poolId`.
 * Secrets never appear: passwords (temporary ones too) and SRP private values are masked before
 * publishing; one-time verification codes are shown where the outbox shows them (`message.sent`).
 */
import type { Fault } from './faults.js';
import type { BreakpointPoint, PauseEnd, ResumeAction, WaitingClient } from './breakpoints.js';

import type { SnapshotItem } from './snapshots.js';

export interface EventBase {
  seq: number;
  time: number;
  flowId: string | null;
  poolId: string | null;
}

export type AwsError = { type: string; message: string };

export interface ApiCalled {
  type: 'api.called';
  data: {
    /** `AWSCognitoIdentityProviderService` or `AWSCognitoIdentityService`. */
    service: string;
    operation: string;
    request: unknown;
    response?: unknown;
    error?: AwsError;
    status: number;
    ms: number;
    requestId: string;
    /** The HTTP exchange as DevTools shows it (absent from calls recorded before it was). Headers are masked at the server. */
    http?: ApiCallHttp;
    /** `window`: the debugger window's own call (its admin pages); absent for every other client. */
    origin?: 'window';
  };
}

export interface ApiCallHttp {
  method: string;
  /** Path and query as requested. */
  path: string;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  /** Of `User-Agent` and `X-Amz-User-Agent`, the one naming the SDK (the fuller of two): shared/user-agent.ts callerOf. */
  userAgent?: string;
  /** The client that User-Agent names (shared/user-agent.ts). */
  client?: { name: string; version?: string };
  requestBytes: number;
  responseBytes: number;
}

export interface FlowStarted {
  type: 'flow.started';
  /**
   * parentFlowId: the flow that started this one (a hosted login's sign-in, sign-up or password reset).
   * continuesFlowId: a refresh's, the sign-in that issued its refresh token (the token family's first).
   */
  data: { kind: string; clientId?: string; username?: string; machine?: unknown; parentFlowId?: string; continuesFlowId?: string };
}

/** The flow waits for the client's next call: the Session it handed out is good until `sessionExpires` (epoch ms). */
export interface FlowWaiting {
  type: 'flow.waiting';
  data: { state: string; sessionExpires: number };
}

/** The developer pinned the flow in the debugger (never pruned), or unpinned it. */
export interface FlowPinned {
  type: 'flow.pinned';
  data: { pinned: boolean };
}

export interface FlowTransitioned {
  type: 'flow.transitioned';
  data: { from: string | null; to: string; event: string };
}

export interface FlowEnded {
  type: 'flow.ended';
  data: { outcome: 'success' | 'failure' | 'expired' | 'abandoned'; reason?: string };
}

export interface ChallengeIssued {
  type: 'challenge.issued';
  /** availableChallenges: SELECT_CHALLENGE's AvailableChallenges (USER_AUTH's first factors). */
  data: { challengeName: string; parameters: Record<string, string>; availableChallenges?: string[] };
}

export interface ChallengeAnswered {
  type: 'challenge.answered';
  data: { challengeName: string; responses: Record<string, string>; correct?: boolean };
}

export interface TriggerInvoked {
  type: 'trigger.invoked';
  /** editedAtBreakpoint: the developer edited the event at a breakpoint before the function got it. */
  data: { trigger: string; triggerSource: string; functionName: string; event: unknown; editedAtBreakpoint?: true };
}

export interface TriggerReturned {
  type: 'trigger.returned';
  data: {
    trigger: string;
    triggerSource: string;
    functionName: string;
    response?: unknown;
    /** The error the caller got (Cognito's). */
    error?: AwsError;
    /** What the function itself threw, as Lambda reports it (trace: its stack, one line each); absent when it never answered. */
    functionError?: { errorType: string; errorMessage: string; trace?: string[] };
    ms: number;
    /** The invocation's console output in CloudWatch's line format (a local module's, or the Invoke API's log tail). */
    logs?: string[];
    /** No function ran: the answer (or the failure) was given at a breakpoint, by hand or canned (`respondWith`, `failWith`). */
    byHand?: { action: 'answer' | 'fail'; canned: boolean; breakpointId: string };
  };
}

export interface TokenIssued {
  type: 'token.issued';
  data: {
    tokenUse: 'id' | 'access' | 'refresh';
    clientId: string;
    username: string;
    claims?: Record<string, unknown>;
    token?: string;
    /** What the pool's PreTokenGeneration function changed in these claims (absent when it changed nothing or did not run). */
    claimsChanged?: ClaimsChanged;
  };
}

/** Claim names a PreTokenGeneration function added, overrode (a new value) or suppressed. */
export interface ClaimsChanged {
  added: string[];
  overridden: string[];
  suppressed: string[];
}

export interface MessageSent {
  type: 'message.sent';
  data: {
    id: number;
    channel: 'EMAIL' | 'SMS';
    to: string;
    purpose: string;
    subject?: string;
    body: string;
    /** The code as sent: one-time codes in clear (the outbox is where testers read them); temporary passwords masked. */
    code?: string;
    /** A CustomMessage function's answer shaped the message: which texts it gave were used, and why the others were not. */
    customMessage?: { triggerSource: string; functionName: string; used: string[]; fallbacks: string[] };
    /** Delivery was handed to a CustomEmailSender / CustomSMSSender function: `encryptedCode` is what it received. */
    handedTo?: { trigger: string; triggerSource: string; functionName: string; encryptedCode: string };
  };
}

/**
 * One request to the hosted UI or an OAuth endpoint and the sandbox's answer: the browser lane of
 * a hosted login (`browser`: authorize, the pages, their forms, the redirects) and the calls an
 * app's back end makes (`backchannel`: /oauth2/token, /oauth2/userInfo, /oauth2/revoke).
 * Form fields that are secrets (password, client_secret, code_verifier) are masked; `location`
 * is the redirect, with its code, state or error in `query`-like form in `redirectParams`.
 */
export interface HttpExchanged {
  type: 'http.exchanged';
  data: {
    /** `idp`: the sandbox's own calls to an identity provider (discovery, token, JWKS, userInfo, SAML metadata). */
    lane: 'browser' | 'backchannel' | 'idp';
    method: string;
    path: string;
    query: Record<string, string>;
    form?: Record<string, string>;
    status: number;
    /** The page shown (`login`, `signup`, `confirm`, `mfa`, `error` ...), for an HTML answer. */
    page?: string;
    /** A redirect's target and its parameters (query or fragment). */
    location?: string;
    redirectParams?: Record<string, string>;
    /** A JSON answer (token endpoint, userInfo), tokens shortened; or an OAuth error. */
    response?: unknown;
    error?: { error: string; error_description?: string };
    ms: number;
  };
}

/** How the sandbox speaks to an identity provider: OIDC (OIDC providers, Google, Apple), plain OAuth 2.0 (Facebook, Login with Amazon) or SAML 2.0. */
export type FederationProtocol = 'oidc' | 'oauth2' | 'saml';

/** One check made on what an identity provider sent (a signature, the audience, the nonce ...). */
export interface FederationCheck {
  check: string;
  passed: boolean;
  detail?: string;
}

/**
 * A federated login's request to its identity provider: where the browser was sent, with the
 * authorize parameters (OIDC / OAuth) or the AuthnRequest decoded (SAML).
 */
export interface FederationRequested {
  type: 'federation.requested';
  data: {
    provider: string;
    providerType: string;
    protocol: FederationProtocol;
    /** The provider's sign-in URL the browser was sent to (query included, shortened). */
    url: string;
    parameters: Record<string, string>;
    /** SAML: the AuthnRequest as sent (XML, pretty-printed) and whether it was signed. */
    authnRequest?: { id: string; xml: string; signed: boolean };
  };
}

/**
 * What the identity provider answered, decoded and checked: the SAML response (pretty-printed XML,
 * signature, conditions, each attribute) or the ID token's header and claims and the userInfo
 * answer, then the identity offered to the attribute mapping. A refusal lists the check that failed
 * and the OAuth error the app was sent.
 */
export interface FederationResponded {
  type: 'federation.responded';
  data: {
    provider: string;
    providerType: string;
    protocol: FederationProtocol;
    /** SAML: the response arrived without a request of this login (IdP-initiated). */
    idpInitiated?: boolean;
    checks: FederationCheck[];
    saml?: {
      xml: string;
      encrypted: boolean;
      issuer?: string;
      inResponseTo?: string;
      nameId?: string;
      nameIdFormat?: string;
      sessionIndex?: string;
      conditions?: { notBefore?: string; notOnOrAfter?: string; audiences?: string[]; recipient?: string };
      attributes: Record<string, string[]>;
    };
    idToken?: { header: Record<string, unknown>; claims: Record<string, unknown> };
    userInfo?: Record<string, unknown>;
    /** The user's id at the provider and the claims (or attributes) the mapping reads. */
    userId?: string;
    claims?: Record<string, string>;
    error?: { error: string; error_description?: string };
  };
}

/** The attribute mapping applied at a federated sign-in, attribute by attribute, and the user it produced or updated. */
export interface FederationMapped {
  type: 'federation.mapped';
  data: {
    provider: string;
    /** Each mapped attribute: the provider's claim, the user's value before and after; `skipped` says why a value was not written. */
    mapping: Array<{ attribute: string; claim: string; before?: string; after?: string; skipped?: string }>;
    user: { username: string; sub: string; status: string; created: boolean };
    /** The federated identity was linked (AdminLinkProviderForUser) to this existing user, who signs in instead. */
    linkedTo?: string;
  };
}

/** What kind of login an identity-pool call carried (the login key says which). */
export type IdentityLoginKind = 'cognito' | 'oidc' | 'saml' | 'social' | 'cognito-identity' | 'developer';

/**
 * One login of an identity-pool call (GetId, GetCredentialsForIdentity, GetOpenIdToken,
 * GetOpenIdTokenForDeveloperIdentity, or the web identity token of STS AssumeRoleWithWebIdentity)
 * checked as Cognito checks it: each check passed or failed (signature, issuer = login key,
 * audience = the app's id, expiry, revocation ...), and the token's claims, decoded (never the token).
 */
export interface IdentityLoginChecked {
  type: 'identity.loginChecked';
  data: {
    identityPoolId: string;
    /** The login key as sent: `cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12`, `accounts.google.com`, a developer provider name ... */
    provider: string;
    kind: IdentityLoginKind;
    checks: FederationCheck[];
    passed: boolean;
    /** Who the user is at the provider (the token's sub, a developer user identifier), once known. */
    subject?: string;
    claims?: Record<string, unknown>;
    /** The error the call is answered when a check failed. */
    error?: AwsError;
  };
}

/** Which identity a call ended up with, and how: found by its logins, made, given a new login, or merged with another. */
export interface IdentityResolved {
  type: 'identity.resolved';
  data: {
    identityPoolId: string;
    identityId: string;
    outcome: 'found' | 'created' | 'linked' | 'merged';
    authenticated: boolean;
    /** The identity's login keys after the call. */
    logins: string[];
    /** Logins this call linked to it. */
    linked?: string[];
    /** Identities merged into it (they no longer answer). */
    mergedFrom?: string[];
  };
}

/** One rule of a Rules role mapping, evaluated against the token's claims (first match wins). */
export interface RoleRuleEvaluation {
  /** Position in RulesConfiguration.Rules, from 0. */
  index: number;
  claim: string;
  matchType: string;
  value: string;
  roleArn: string;
  /** The claim's value in the token (absent when the token has no such claim). */
  claimValue?: unknown;
  /** undefined: not evaluated (an earlier rule matched). */
  matched?: boolean;
  /** Why it matched or did not, in a sentence: "cognito:groups holds admins". */
  why: string;
}

/**
 * How GetCredentialsForIdentity (or STS) chose the role: the pool's default role, a Token mapping
 * (cognito:roles / cognito:preferred_role / CustomRoleArn), a Rules mapping rule by rule, or the
 * ambiguous-role resolution; or why no role was given (`denied`). With the principal tags.
 */
export interface IdentityRoleResolved {
  type: 'identity.roleResolved';
  data: {
    identityPoolId: string;
    identityId: string;
    authenticated: boolean;
    /** The role mapping used, by its key (`graph.facebook.com`, `cognito-idp.../pool:clientId`). */
    mapping?: { key: string; type: 'Token' | 'Rules'; ambiguousRoleResolution?: string };
    rules?: RoleRuleEvaluation[];
    /** A Token mapping's inputs: the roles the token offers and the preferred one. */
    tokenRoles?: { roles: string[]; preferredRole?: string };
    customRoleArn?: string;
    decidedBy: 'default' | 'rule' | 'token' | 'custom' | 'ambiguous' | 'saml' | 'denied';
    roleArn?: string;
    denied?: AwsError;
    principalTags?: Record<string, string>;
    /** One sentence: "rule 2 matched: cognito:groups holds admins". */
    reason: string;
  };
}

/** Temporary AWS credentials handed out for an identity and role. */
export interface IdentityCredentialsIssued {
  type: 'identity.credentialsIssued';
  data: {
    identityPoolId: string | null;
    identityId: string;
    via: 'GetCredentialsForIdentity' | 'AssumeRoleWithWebIdentity';
    roleArn: string;
    /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
    assumedRoleArn: string;
    accessKeyId: string;
    /** Epoch milliseconds. */
    expiration: number;
    principalTags?: Record<string, string>;
  };
}

/** An OpenID Connect token of the sandbox's Cognito Identity issuer (GetOpenIdToken, GetOpenIdTokenForDeveloperIdentity). */
export interface IdentityOpenIdTokenIssued {
  type: 'identity.openIdTokenIssued';
  data: {
    identityPoolId: string;
    identityId: string;
    header: Record<string, unknown>;
    claims: Record<string, unknown>;
    /** Seconds. */
    expiresIn: number;
  };
}

/**
 * A user import job moved on: its status changed, or its counts did (published at most every
 * 250 ms while it runs). The window's import jobs card shows the status, the counts and a
 * progress bar of the bytes read out of the file's size.
 */
export interface UserImportProgressed {
  type: 'userImport.progressed';
  data: {
    jobId: string;
    jobName: string;
    /** Created | Pending | InProgress | Stopping | Stopped | Succeeded | Failed | Expired. */
    status: string;
    importedUsers: number;
    skippedUsers: number;
    failedUsers: number;
    /** The last CSV line whose result is logged (the header is line 1). */
    linesRead: number;
    bytesRead: number;
    /** The uploaded file's size; absent before an upload. */
    fileBytes?: number;
    completionMessage?: string;
  };
}

/**
 * Threat protection assessed an auth event (a sign-in; a sign-up or password change for
 * compromised credentials): the flow view shows the level, the decision and why, the
 * configuration and override that decided, and what was done (AUDIT records only).
 */
export interface RiskAssessed {
  type: 'risk.assessed';
  data: {
    eventId: string;
    eventType: 'SignIn' | 'SignUp' | 'PasswordChange' | 'ForgotPassword' | 'ResendCode';
    mode: 'AUDIT' | 'ENFORCED';
    username: string;
    /** Absent when no risk was found. */
    level?: 'Low' | 'Medium' | 'High';
    decision: 'NoRisk' | 'AccountTakeover' | 'Block';
    compromisedCredentials: boolean;
    /** Each reason, in words (a risk mark consumed, an IP range matched, a compromised password). */
    why: string[];
    /** Whose risk configuration applied: the app client's own, the pool's, or Cognito's defaults. */
    configuration: 'client' | 'pool' | 'defaults';
    /** The override that decided, when one did: `BlockedIPRangeList 10.0.0.0/8`, `SkippedIPRangeList ...`. */
    override?: string;
    /** The configured event action (BLOCK, MFA_IF_CONFIGURED, MFA_REQUIRED, NO_ACTION). */
    action: string;
    /** What the sandbox did: `blocked`, `MFA challenged`, `allowed`, `recorded only (AUDIT)`. */
    actionTaken: string;
    /** The user was sent a notification email. */
    notified: boolean;
    ipAddress?: string;
  };
}

/**
 * A user-activity log record "delivered" to the pool's log delivery destination (userAuthEvents):
 * the window's view of what CloudWatch Logs, S3 or Firehose would have received.
 */
export interface LogDelivered {
  type: 'log.delivered';
  data: {
    eventSource: 'userAuthEvents';
    logLevel: 'INFO';
    /** The destination's ARN: log group, bucket or stream. */
    destination: string;
    record: Record<string, unknown>;
  };
}

/** An injected fault hit (src-main/debug/faults.ts): in the flow it hit, when it hit one. */
export interface FaultInjected {
  type: 'fault.injected';
  data: {
    faultId: string;
    kind: 'throttle' | 'latency' | 'trigger' | 'delivery' | 'idp';
    /** The fault in words: `throttle 50 % on UserAuthentication`. */
    description: string;
    /** How many times the fault has hit, this one included. */
    hits: number;
    operation?: string;
    trigger?: string;
    channel?: string;
    providerName?: string;
    /** The error the fault made the call or the step answer. */
    error?: AwsError;
    /** Latency added, in milliseconds. */
    ms?: number;
  };
}

/** The list of injected faults changed (added, removed, cleared). */
export interface FaultsChanged {
  type: 'faults.changed';
  data: { faults: Fault[] };
}

/** Something that expired when the sandbox's clock jumped (time travel). */
export interface ExpiredItem {
  kind:
    | 'temporary-password'
    | 'code'
    | 'passkey-registration'
    | 'authorization-code'
    | 'session'
    | 'refresh-token'
    | 'id-token'
    | 'access-token'
    | 'lockout'
    | 'hosted-session'
    | 'credentials';
  poolId?: string;
  userName?: string;
  /** The flow whose Session it was. */
  flowId?: string;
  /** What it was, in words: `sign-up confirmation code (ConfirmSignUp)`. */
  what: string;
  /** When it expired, by the sandbox's clock (epoch milliseconds). */
  at: number;
}

/** The sandbox's clock moved (time travel): its time, its offset from real time, and what expired in the jump. */
export interface ClockChanged {
  type: 'clock.changed';
  data: { now: number; offsetMs: number; expired: ExpiredItem[]; omitted?: number };
}

/** A flow stopped at a breakpoint (src-main/debug/breakpoints.ts): the exact event, and when the waiting client gives up. */
export interface FlowPaused {
  type: 'flow.paused';
  data: {
    pauseId: string;
    breakpointId: string;
    point: BreakpointPoint;
    trigger?: string;
    triggerSource?: string;
    event: unknown;
    /** Real epoch milliseconds; null when the client waits for ever. */
    clientGivesUpAt: number | null;
    client: WaitingClient;
  };
}

/** A paused flow went on: how (the developer's action, or `abandoned` / `released`), with what was edited or answered. */
export interface FlowResumed {
  type: 'flow.resumed';
  data: {
    pauseId: string;
    action: ResumeAction | PauseEnd;
    point: BreakpointPoint;
    trigger?: string;
    event?: unknown;
    response?: unknown;
    message?: unknown;
    claims?: unknown;
    pausedMs: number;
  };
}

/** A snapshot of the sandbox's state was saved (or replaced one of its name): the snapshots dialog lists it. */
export interface SnapshotSavedEvent {
  type: 'snapshot.saved';
  data: { snapshot: SnapshotItem; replaced: boolean };
}

/**
 * The state was replaced by a snapshot's: every window reloads what it shows. `endedFlows`: flows
 * that waited for the client, ended `abandoned`; `releasedPauses`: flows paused at a breakpoint, released.
 */
export interface SnapshotRestoredEvent {
  type: 'snapshot.restored';
  data: { snapshot: SnapshotItem; endedFlows: number; releasedPauses: number };
}

export interface SnapshotDeletedEvent {
  type: 'snapshot.deleted';
  data: { name: string };
}

/**
 * The sandbox was reset (`POST /_sandbox/api/admin/reset`): every pool, flow, message and event went
 * (how many of each), paused flows were released, faults switched off, the clock set back to real
 * time. Every window reloads what it shows. The first event of the new history.
 */
export interface SandboxReset {
  type: 'sandbox.reset';
  data: {
    deleted: { userPools: number; flows: number; messages: number; events: number };
    releasedPauses: number;
    faultsCleared: number;
    /** How far ahead of real time the clock was; 0 when it ran on real time already. */
    clockOffsetMs: number;
  };
}

/** The outbox was emptied (`DELETE /_sandbox/api/outbox`, "Delete all"): every window's outbox empties. */
export interface OutboxCleared {
  type: 'outbox.cleared';
  data: { deleted: number };
}

export type SandboxEventPayload =
  | SandboxReset
  | OutboxCleared
  | SnapshotSavedEvent
  | SnapshotRestoredEvent
  | SnapshotDeletedEvent
  | ApiCalled
  | FlowStarted
  | FlowTransitioned
  | FlowEnded
  | FlowWaiting
  | FlowPinned
  | ChallengeIssued
  | ChallengeAnswered
  | TriggerInvoked
  | TriggerReturned
  | TokenIssued
  | MessageSent
  | HttpExchanged
  | FederationRequested
  | FederationResponded
  | FederationMapped
  | IdentityLoginChecked
  | IdentityResolved
  | IdentityRoleResolved
  | IdentityCredentialsIssued
  | IdentityOpenIdTokenIssued
  | UserImportProgressed
  | RiskAssessed
  | LogDelivered
  | FaultInjected
  | FaultsChanged
  | ClockChanged
  | FlowPaused
  | FlowResumed;

export type SandboxEvent = EventBase & SandboxEventPayload;
export type SandboxEventType = SandboxEvent['type'];
export type EventData<T extends SandboxEventType> = Extract<SandboxEventPayload, { type: T }>['data'];
