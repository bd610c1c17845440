/** The sandbox's run-time options, shared by both shells. */
export interface SandboxOptions {
  /** TCP port; 0 picks a free one. */
  port: number;
  /** A second port serving the same app over HTTPS (`--https-port`; 0 picks a free one); undefined serves no HTTPS. */
  httpsPort?: number;
  host: string;
  /** Where `sandbox.db` and its journal live; undefined keeps everything in memory. */
  dataDir?: string;
  /** Region used for new pools and ARNs when a request does not say otherwise. */
  region: string;
  /** An AWS Lambda Invoke API (SAM local, serverless-offline, LocalStack) for triggers. */
  lambdaEndpoint?: string;
  /** A snapshot restored at start (`--snapshot`): the name of one kept in `<dataDir>/snapshots/`, or a snapshot file. */
  snapshot?: string;
  /** A JSON file that declares pools, clients, users and groups to create at start. */
  configFile?: string;
  /** Issue tokens with Cognito's real `iss` (https://cognito-idp.REGION.amazonaws.com/POOL). */
  awsIssuer?: boolean;
  /** Every verification code is this value (scripted tests); random 6 digits otherwise. */
  fixedCode?: string;
  /** AWS account id used in ARNs. */
  accountId: string;
  /** Origins besides loopback pages whose browser requests the Cognito APIs answer (`--cors-origin`). */
  corsOrigins?: string[];
  /** Debugger events kept (`--history-events`; 20,000 unless set): past it the oldest whole flows are pruned, pinned ones never. */
  historyEvents?: number;
  /** How long an identity provider has to answer the sandbox's own calls (milliseconds; 10 s unless set): tests shorten it. */
  idpTimeoutMs?: number;
  /** Print each flow's plain-text trace to stdout when it ends (`--trace-flows`): a CI log shows why a sign-in failed. */
  traceFlows?: boolean;
}

export const defaultOptions: SandboxOptions = {
  port: 9229,
  host: '127.0.0.1',
  dataDir: '.sandbox',
  region: 'us-east-1',
  accountId: '000000000000',
};
