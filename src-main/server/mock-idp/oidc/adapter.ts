/**
 * oidc-provider's storage for one mock issuer: its sessions, interactions, grants, codes and
 * tokens in memory (bounded, expiring), and its clients read from the store: every OIDC identity
 * provider of any pool whose oidc_issuer is this mock is a client, with its client_id and
 * client_secret.
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Store } from '../../../store/index.js';
import { requestersOf } from '../requesters.js';

const MAX_ENTRIES = 5_000;

interface Entry {
  payload: AdapterPayload;
  expires: number;
}

/** All models of one provider share one bounded map, keyed `{model}:{id}`. */
export class MemoryEntries {
  readonly entries = new Map<string, Entry>();

  set(key: string, payload: AdapterPayload, expiresIn: number | undefined): void {
    const now = Date.now();
    if (this.entries.size >= MAX_ENTRIES) {
      for (const [k, entry] of this.entries) if (entry.expires <= now) this.entries.delete(k);
      while (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.delete(key);
    this.entries.set(key, { payload, expires: expiresIn === undefined ? Infinity : now + expiresIn * 1000 });
  }

  get(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > Date.now()) return entry.payload;
    this.entries.delete(key);
    return undefined;
  }
}

class MemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly memory: MemoryEntries,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    this.memory.set(this.key(id), payload, expiresIn);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.memory.get(this.key(id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    for (const [key] of this.memory.entries) {
      if (!key.startsWith(`${this.model}:`)) continue;
      const payload = this.memory.get(key);
      if (payload?.uid === uid) return payload;
    }
    return undefined;
  }

  async findByUserCode(): Promise<undefined> {
    return undefined;
  }

  async consume(id: string): Promise<void> {
    const payload = this.memory.get(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.memory.entries.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [key, entry] of this.memory.entries) if (entry.payload.grantId === grantId) this.memory.entries.delete(key);
  }
}

/** The stored OIDC providers that name this mock as their issuer, as oidc-provider clients. */
class StoredClients implements Adapter {
  constructor(
    private readonly store: Store,
    private readonly origin: string,
  ) {}

  async find(clientId: string): Promise<AdapterPayload | undefined> {
    const [provider] = requestersOf(this.store, 'oidc', clientId);
    if (!provider) return undefined;
    return {
      client_id: clientId,
      client_secret: provider.details.client_secret,
      // Any /oauth2/idpresponse on a loopback host is accepted (redirectUriAllowed): this one satisfies the metadata's rules.
      redirect_uris: [`${this.origin}/oauth2/idpresponse`],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    };
  }

  async upsert(): Promise<void> {}
  async findByUid(): Promise<undefined> {
    return undefined;
  }
  async findByUserCode(): Promise<undefined> {
    return undefined;
  }
  async consume(): Promise<void> {}
  async destroy(): Promise<void> {}
  async revokeByGrantId(): Promise<void> {}
}

export function adapterFactory(store: Store, origin: string): (model: string) => Adapter {
  const memory = new MemoryEntries();
  const clients = new StoredClients(store, origin);
  return (model) => (model === 'Client' ? clients : new MemoryAdapter(model, memory));
}
