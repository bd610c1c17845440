/**
 * `GET /_sandbox/api/people`: the users flows were started under, each labelled the way a person
 * recognises them (email, phone or preferred username where the username is a UUID) with every
 * name they go by, so the window can label, search and filter flows by any of them.
 * `GET /_sandbox/api/people/{poolId}/{sub}`: everything that happened to one user, in order.
 */
import type { FlowOutcome, PersonEntry, PersonLabel, PersonListItem } from '../../../shared/debugger-api.js';
import type { SandboxEvent } from '../../../shared/events.js';
import type { Services } from '../../services.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { notFound, type ApiHandler } from './route.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OUTCOMES: readonly FlowOutcome[] = ['success', 'failure', 'expired', 'abandoned'];
const NAMING_ATTRIBUTES = ['email', 'phone_number', 'preferred_username'] as const;

type PeopleServices = Pick<Services, 'store' | 'clock'>;

const attributeOf = (user: StoredUser, name: string) => user.attributes.find((attribute) => attribute.Name === name)?.Value;

/** The name to show: the username, unless it is a UUID (a pool with email or phone as username makes it one). */
export function personLabel(user: StoredUser): PersonLabel {
  const named = NAMING_ATTRIBUTES.map((name) => attributeOf(user, name)).find(Boolean);
  const identifiers = [...new Set([user.username, user.sub, ...NAMING_ATTRIBUTES.map((name) => attributeOf(user, name))].filter((v): v is string => !!v))];
  return { label: UUID.test(user.username) && named ? named : user.username, sub: user.sub, username: user.username, identifiers };
}

/** The user a flow's name stands for: their username, sub, email, phone number or preferred username (any case). */
export function findPerson({ store }: Pick<Services, 'store'>, poolId: string, name: string): StoredUser | undefined {
  const byUsername = store.users.findByKey(poolId, name) ?? store.users.findByKey(poolId, name.toLowerCase());
  if (byUsername) return byUsername;
  if (UUID.test(name)) {
    const bySub = store.users.findBySub(poolId, name);
    if (bySub) return bySub;
  }
  for (const attribute of NAMING_ATTRIBUTES) {
    const [match, other] = store.users.findByAttribute(poolId, attribute, name);
    if (match && !other) return match;
  }
  return undefined;
}

export function listPeople(services: PeopleServices): ApiHandler<'people'> {
  return (_req, res) => {
    const people = new Map<string, PersonListItem>();
    for (const { poolId, name } of services.store.personHistory.flowNames()) {
      const user = findPerson(services, poolId, name);
      if (!user) continue;
      const key = `${poolId}/${user.sub}`;
      const person = people.get(key) ?? { ...personLabel(user), poolId, sub: user.sub, username: user.username, flowNames: [] };
      person.flowNames.push(name);
      people.set(key, person);
    }
    res.json([...people.values()]);
  };
}

export function getPerson(services: PeopleServices): ApiHandler<'person'> {
  return (req, res) => {
    const { poolId, sub } = req.params;
    const user = services.store.users.findBySub(poolId, sub);
    if (!user) return notFound(res, `No user with sub ${sub} in ${poolId}.`);
    const person = personLabel(user);
    const names = namesOf(services, user, person.identifiers);
    const entries = [...flowEntries(services, poolId, names), ...eventEntries(services, poolId, user, names), ...messageEntries(services, poolId, names)];
    const failures = services.store.signInFailures.find(poolId, user.sub);
    const now = services.clock.now();
    res.json({
      ...person,
      poolId,
      sub: user.sub,
      username: user.username,
      flowNames: names,
      status: user.status,
      enabled: user.enabled,
      created: user.created,
      failedSignIns: failures ? { ...failures, lockedOut: now < failures.lockedUntil } : null,
      entries: entries.sort((a, b) => a.time - b.time || order(a) - order(b)),
    });
  };
}

/** The user's identifiers and any other name a flow of the pool was started under that stands for them. */
function namesOf(services: PeopleServices, { poolId, sub }: StoredUser, identifiers: string[]): string[] {
  const aliases = services.store.personHistory
    .flowNames()
    .filter((row) => row.poolId === poolId && !identifiers.some((id) => id.toLowerCase() === row.name.toLowerCase()))
    .filter((row) => findPerson(services, poolId, row.name)?.sub === sub)
    .map((row) => row.name);
  return [...identifiers, ...aliases];
}

/** Within the same millisecond: a flow before what happened in it, events in publishing order. */
const order = (entry: PersonEntry) => (entry.kind === 'flow' ? -1 : 'seq' in entry ? entry.seq : 0);

function flowEntries(services: PeopleServices, poolId: string, names: string[]): PersonEntry[] {
  const flows = services.store.personHistory.flowsNaming(poolId, names);
  const reasons = endReasons(services, poolId, new Set(flows.map((flow) => flow.id)));
  return flows.map((flow) => ({
    kind: 'flow',
    time: flow.created,
    flowId: flow.id,
    flowKind: flow.kind,
    clientId: flow.clientId,
    state: flow.state,
    ended: flow.ended,
    outcome: OUTCOMES.find((outcome) => outcome === flow.outcome) ?? null,
    reason: reasons.get(flow.id) ?? null,
  }));
}

function endReasons(services: PeopleServices, poolId: string, flowIds: Set<string>): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const event of poolEvents(services, poolId, ['flow.ended'])) {
    if (event.type === 'flow.ended' && event.flowId && flowIds.has(event.flowId) && event.data.reason) reasons.set(event.flowId, event.data.reason);
  }
  return reasons;
}

function poolEvents(services: PeopleServices, poolId: string, types: SandboxEvent['type'][]): SandboxEvent[] {
  services.store.events.flush();
  return services.store.personHistory.poolEvents(poolId, types);
}

/** Calls outside a flow whose request names the user (the admin operations), and the tokens issued to them. */
function eventEntries(services: PeopleServices, poolId: string, user: StoredUser, names: string[]): PersonEntry[] {
  const named = new Set(names.map((name) => name.toLowerCase()));
  const entries: PersonEntry[] = [];
  for (const event of poolEvents(services, poolId, ['api.called', 'token.issued'])) {
    if (event.type === 'token.issued' && event.data.username === user.username) {
      entries.push({ kind: 'token', time: event.time, seq: event.seq, tokenUse: event.data.tokenUse, clientId: event.data.clientId, flowId: event.flowId });
    } else if (event.type === 'api.called' && !event.flowId && requestNames(event.data.request, named)) {
      const { operation, status, error } = event.data;
      entries.push({ kind: 'api-call', time: event.time, seq: event.seq, operation, status, error: error?.type ?? null, flowId: event.flowId });
    }
  }
  return entries;
}

function requestNames(request: unknown, names: Set<string>): boolean {
  if (!request || typeof request !== 'object') return false;
  const { Username, AuthParameters } = request as { Username?: unknown; AuthParameters?: { USERNAME?: unknown } };
  const name = typeof Username === 'string' ? Username : AuthParameters?.USERNAME;
  return typeof name === 'string' && names.has(name.toLowerCase());
}

function messageEntries(services: PeopleServices, poolId: string, names: string[]): PersonEntry[] {
  return services.store.personHistory.messageIds(poolId, names).flatMap((id) => {
    const message = services.store.outbox.find(id);
    if (!message) return [];
    const { time, channel, destination, purpose, flowId } = message;
    return [{ kind: 'message' as const, time, messageId: id, channel, destination, purpose, flowId }];
  });
}
