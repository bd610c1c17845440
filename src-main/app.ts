/**
 * createApp(options) builds the whole sandbox (store, event bus, HTTP server) without any
 * Electron: the headless entry and the desktop shell both call it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from './clock.js';
import { defaultOptions, type SandboxOptions } from './config/options.js';
import { applyConfigFile } from './config/seed.js';
import { EventBus } from './debug/bus.js';
import { randomIds, type Ids } from './ids.js';
import { createHttpApp } from './server/http.js';
import { answerUnreadableRequests } from './server/unreadable-requests.js';
import type { Services } from './services.js';
import { Store } from './store/index.js';
import { SigningKeys } from './tokens/keys.js';
import { Tokens } from './tokens/tokens.js';
import { createFlows } from './flows/index.js';
import { Triggers } from './triggers/runtime.js';
import { readLambdaHandlers } from './config/lambda-handlers.js';

export interface SandboxApp {
  server: http.Server;
  store: Store;
  bus: EventBus;
  services: Services;
  /** `http://HOST:PORT` the server listens on. */
  url: string;
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
  const clock = overrides.clock ?? systemClock;
  const store = await Store.open({ dir: options.dataDir });
  const bus = new EventBus(store.events, () => clock.now());
  const keys = new SigningKeys(store.signingKeys, clock);
  const ids = overrides.ids ?? randomIds;
  const base = { options, clock, ids, store, bus, keys };
  let services: Services;
  try {
    const handlers = options.configFile ? readLambdaHandlers(options.configFile) : {};
    const tokens = new Tokens(base);
    const triggers = new Triggers(base, { handlers, kmsKeys: store.kmsKeys });
    services = { ...base, tokens, triggers, flows: createFlows({ ...base, tokens, triggers }) };
    if (options.configFile) await applyConfigFile(services, options.configFile);
  } catch (error) {
    store.close();
    throw error;
  }

  const server = http.createServer(createHttpApp(services));
  server.keepAliveTimeout = 65_000;
  answerUnreadableRequests(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    })
      .then(() => services.triggers.close())
      .then(() => store.close()));

  return { server, store, bus, services, url, close };
}
