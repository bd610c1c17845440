/**
 * The debugger's event schema: one discriminated union, shared by the server that produces the
 * events (src-main/debug/bus.ts) and the window that shows them. Pure types; no node, electron
 * or vue here.
 *
 * Every event carries `seq` (strictly increasing, the SSE id), `time` (epoch milliseconds),
 * `flowId` (the timeline group; null for an API call outside any flow) and `poolId`.
 * Secrets never appear: passwords, SRP private values and codes are masked before publishing.
 */

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
  };
}

export interface FlowStarted {
  type: 'flow.started';
  data: { kind: string; clientId?: string; username?: string; machine?: unknown };
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
  data: { challengeName: string; parameters: Record<string, string> };
}

export interface ChallengeAnswered {
  type: 'challenge.answered';
  data: { challengeName: string; responses: Record<string, string>; correct?: boolean };
}

export interface TriggerInvoked {
  type: 'trigger.invoked';
  data: { trigger: string; triggerSource: string; functionName: string; event: unknown };
}

export interface TriggerReturned {
  type: 'trigger.returned';
  data: {
    trigger: string;
    triggerSource: string;
    functionName: string;
    response?: unknown;
    error?: AwsError;
    ms: number;
    logs?: string[];
  };
}

export interface TokenIssued {
  type: 'token.issued';
  data: { tokenUse: 'id' | 'access' | 'refresh'; clientId: string; username: string; claims?: Record<string, unknown>; token?: string };
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
    code?: string;
  };
}

export type SandboxEventPayload =
  | ApiCalled
  | FlowStarted
  | FlowTransitioned
  | FlowEnded
  | ChallengeIssued
  | ChallengeAnswered
  | TriggerInvoked
  | TriggerReturned
  | TokenIssued
  | MessageSent;

export type SandboxEvent = EventBase & SandboxEventPayload;
export type SandboxEventType = SandboxEvent['type'];
export type EventData<T extends SandboxEventType> = Extract<SandboxEventPayload, { type: T }>['data'];
