/** What a flow takes from the request that runs it, whatever the door (an AWS JSON call, a hosted-UI page). */
export interface FlowCall {
  /** `http://HOST:PORT` as the request reached the sandbox: the tokens' issuer, the links in messages. */
  origin: string;
  /** The caller's User-Agent: trigger events name the caller's SDK from it. */
  userAgent?: string;
  /** The caller's IP address, where the door knows it: threat protection's IP lists and risk marks act on it. */
  sourceIp?: string;
  /** Set by the flow the call ran, so the door's own event (`api.called`) joins that flow. */
  flowId?: string;
  /** The flow this call runs for (a hosted login running a sign-in): the new flow names it as its parent. */
  parentFlowId?: string;
}
