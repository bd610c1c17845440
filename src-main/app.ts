/**
 * createApp(options) builds the whole sandbox (store, event bus, HTTP server) without any
 * Electron: the headless entry and the desktop shell both call it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxClock, systemClock, type Clock } from './clock.js';
import { defaultOptions, type SandboxOptions } from './config/options.js';
import { applyConfigFile } from './config/seed.js';
import type { ConfigSummary } from './config/config-summary.js';
import { EventBus } from './debug/bus.js';
import { traceFlowsOnEnd } from './debug/flow-trace.js';
import { Breakpoints } from './debug/breakpoints.js';
import { Faults } from './debug/faults.js';
import { randomIds, type Ids } from './ids.js';
import { createHttpApp } from './server/http.js';
import { createHttpsServer, type HttpsServer } from './server/tls/https-server.js';
import { answerUnreadableRequests } from './server/unreadable-requests.js';
import type { Services } from './services.js';
import { Store } from './store/index.js';
import { historyLimitsFor } from './store/repositories/events.js';
import { SigningKeys } from './tokens/keys.js';
import { Tokens } from './tokens/tokens.js';
import { createFlows } from './flows/index.js';
import { Triggers } from './triggers/runtime.js';
import { readLambdaHandlers } from './config/lambda-handlers.js';
import { userImporterOf } from './cognito/user-import/importer.js';
import { restoreSnapshotAtStart } from './server/sandbox-api/snapshots.js';
import type { SnapshotRestored } from '../shared/snapshots.js';
import { currentRequest } from './tokens/caller.js';
import { ResourceNotFoundException } from './cognito/errors.js';
import type { PausedFlow } from '../shared/breakpoints.js';

export interface SandboxApp {
  server: http.Server;
  store: Store;
  bus: EventBus;
  services: Services;
  /** `http://HOST:PORT` the server listens on. */
  url: string;
  /** `https://HOST:PORT` the same app is served on over TLS, when `httpsPort` is set. */
  httpsUrl?: string;
  httpsPort?: number;
  /** That HTTPS server, the local certificate authority (PEM, file, fingerprint) and the certificates it signed. */
  https?: HttpsServer;
  /** What `--config` loaded, when it was given. */
  configLoaded?: ConfigSummary;
  /** What `--snapshot` restored, when it was given. */
  snapshotLoaded?: SnapshotRestored;
  close(): Promise<void>;
}

export interface CreateAppOverrides {
  clock?: Clock;
  ids?: Ids;
}

export async function createApp(
  partial: Partial<SandboxOptions> = {},
  overrides: CreateAppOverrides = {},
): Promise<SandboxApp> {
  const options: SandboxOptions = { ...defaultOptions, ...partial };
  const store = await Store.open({ dir: options.dataDir, history: options.historyEvents === undefined ? {} : historyLimitsFor(options.historyEvents) });
  // Real time (or the clock a test injected) plus the offset time travel moved it by, kept across restarts.
  const clock = new SandboxClock(overrides.clock ?? systemClock, store.clockOffset);
  const bus = new EventBus(store.events, () => clock.now());
  const keys = new SigningKeys(store.signingKeys, clock);
  const ids = overrides.ids ?? randomIds;
  const breakpoints = new Breakpoints({ store, bus, clock, ids }, { currentRequest, releasedError: releasedByReset });
  const faults = new Faults({ bus, clock, ids });
  const base = { options, clock, ids, store, bus, keys, faults, breakpoints };
  let services: Services;
  let app: ReturnType<typeof createHttpApp>;
  let secure: HttpsServer | undefined;
  let configLoaded: ConfigSummary | undefined;
  let snapshotLoaded: SnapshotRestored | undefined;
  try {
    const handlers = options.configFile ? readLambdaHandlers(options.configFile) : {};
    const tokens = new Tokens(base);
    const triggers = new Triggers(base, { handlers, kmsKeys: store.kmsKeys });
    services = { ...base, tokens, triggers, flows: createFlows({ ...base, tokens, triggers }) };
    if (options.snapshot) snapshotLoaded = await restoreSnapshotAtStart(services, options.snapshot);
    if (options.configFile) configLoaded = await applyConfigFile(services, options.configFile);
    app = createHttpApp(services);
    if (options.httpsPort !== undefined) secure = await createHttpsServer(app, options.dataDir);
  } catch (error) {
    store.close();
    throw error;
  }

  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  answerUnreadableRequests(server);
  const servers: http.Server[] = [server];
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= Promise.all(servers.map(stopServer))
      .then(() => services.triggers.close())
      .then(() => services.flows.runner.close())
      .then(() => store.close()));

  let url: string;
  let httpsUrl: string | undefined;
  try {
    url = await listen(server, 'http', options.port, options.host);
    if (secure) {
      servers.push(secure.server);
      httpsUrl = await listen(secure.server, 'https', options.httpsPort!, options.host);
      services.https = { url: httpsUrl, caCertificatePem: secure.authority.certificatePem };
    }
  } catch (error) {
    await close();
    throw error;
  }

  if (options.traceFlows) traceFlowsOnEnd(bus, (flowId) => store.events.forFlow(flowId), (text) => process.stdout.write(text));

  // Import jobs a previous run left started go on where they were.
  userImporterOf(services).wake();

  return {
    server,
    store,
    bus,
    services,
    url,
    ...(secure && { httpsUrl, httpsPort: (secure.server.address() as AddressInfo).port, https: secure }),
    ...(configLoaded && { configLoaded }),
    ...(snapshotLoaded && { snapshotLoaded }),
    close,
  };
}

/** A request paused at a breakpoint when the sandbox is reset: its pool is gone, as Cognito says of a deleted pool. */
function releasedByReset(paused: PausedFlow): Error {
  return new ResourceNotFoundException(`User pool ${paused.poolId} does not exist.`);
}

/** Listens on `port` of `host` and answers the URL clients use (`127.0.0.1` for a wildcard address). */
async function listen(server: http.Server, scheme: 'http' | 'https', port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostname = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${scheme}://${hostname === '0.0.0.0' || hostname === '[::]' ? '127.0.0.1' : hostname}:${address.port}`;
}

function stopServer(server: http.Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
