/**
 * An identity pool's identities as Cognito keeps them: which identity a call's logins name, made
 * when none does, given the logins it did not hold yet, merged with the identities other logins of
 * the call belong to; and the developer-provider operations on them.
 *
 * From the guide ("Identity pools (federated identities) authentication flow"):
 *  - an unauthenticated identity needs only its id, and only while the pool allows unauthenticated
 *    identities ("Unauthenticated access is not supported for this identity pool."); an
 *    authenticated (or disabled) one never gets unauthenticated access: a call naming it must carry
 *    a login it holds ("Logins don't match. Please include at least one valid login for this
 *    identity or identity pool.", Cognito's text);
 *  - a login no identity holds is linked to the identity of the call (a guest identity so becomes
 *    authenticated and keeps its id); one login per provider: a second user of the same provider
 *    is ResourceConflictException (the developer provider excepted: an identity may hold several
 *    developer user identifiers, through MergeDeveloperIdentities);
 *  - a login another identity holds merges the two: one becomes the parent of every login, the
 *    other is disabled, and the parent's id is returned. Assumed (the guide does not say which):
 *    the parent is the oldest authenticated identity of those the call names, so a guest merges
 *    into the account it signs in to.
 *  - at most 20 logins per identity (MergeDeveloperIdentities' documented limit, applied to every
 *    merge and link): LimitExceededException.
 * A `cognito-identity.amazonaws.com` login (an OpenID token of this pool) proves the identity its
 * `sub` names; it is not linked. Wording of ResourceConflictException and LimitExceededException is
 * the sandbox's.
 */
import type { BaseServices } from '../../base-services.js';
import type { Store } from '../../store/index.js';
import {
  DeveloperUserAlreadyRegisteredException,
  LimitExceededException,
  NotAuthorizedException,
  ResourceConflictException,
  ResourceNotFoundException,
} from '../errors.js';
import type { IdentityLogin, IdentityPool, StoredIdentity, VerifiedLogin } from './types.js';

export type IdentityServices = Pick<BaseServices, 'store' | 'clock' | 'ids' | 'bus'>;

export const LOGINS_DONT_MATCH = "Logins don't match. Please include at least one valid login for this identity or identity pool.";
export const UNAUTHENTICATED_NOT_SUPPORTED = 'Unauthenticated access is not supported for this identity pool.';
/** MergeDeveloperIdentities: "The number of linked logins is limited to 20." */
export const MAX_LOGINS = 20;
const MAX_MERGE_HOPS = 50;

export type ResolveOutcome = 'found' | 'created' | 'linked' | 'merged';

export interface ResolvedIdentity {
  identity: StoredIdentity;
  outcome: ResolveOutcome;
  /** Login keys this call linked to the identity. */
  linked: string[];
  /** Identities this call merged into it. */
  mergedFrom: string[];
}

export interface ResolveOptions {
  /** The identity the call names (GetCredentialsForIdentity, GetOpenIdToken ...). */
  identityId?: string;
  flowId?: string | null;
  /** The request's region: a new identity's id is `{region}:{uuid}`. */
  region: string;
}

export interface DeveloperResolveOptions extends ResolveOptions {
  /** The call's other logins, checked (checkLogins): linked to the developer user's identity, or merged with it. */
  logins?: VerifiedLogin[];
}

/** An identity holds logins (or held them: disabled): it is never used without one. */
export function isAuthenticated(identity: StoredIdentity): boolean {
  return identity.logins.length > 0 || identity.disabled !== undefined;
}

/** The distinct login keys of an identity, as DescribeIdentity lists them. */
export function loginKeys(identity: StoredIdentity): string[] {
  return [...new Set(identity.logins.map((login) => login.provider))];
}

/** The identity, as stored (merged and disabled ones too); ResourceNotFoundException when there is none. */
export function requireIdentity(store: Pick<Store, 'identities'>, identityId: string): StoredIdentity {
  const identity = store.identities.find(identityId);
  if (!identity) throw new ResourceNotFoundException(`Identity '${identityId}' not found.`);
  return identity;
}

/** The identity of the pool that answers for `identityId`: itself, or the one it was merged into. */
export function answeringIdentity(store: Pick<Store, 'identities'>, pool: IdentityPool, identityId: string): StoredIdentity {
  let identity = requireIdentity(store, identityId);
  if (identity.IdentityPoolId !== pool.IdentityPoolId) throw new ResourceNotFoundException(`Identity '${identityId}' not found.`);
  for (let hops = 0; identity.mergedInto && hops < MAX_MERGE_HOPS; hops += 1) identity = requireIdentity(store, identity.mergedInto);
  return identity;
}

function ownerOf(store: Pick<Store, 'identities'>, pool: IdentityPool, login: { provider: string; subject: string }): StoredIdentity | undefined {
  const owner = store.identities.findByLogin(pool.IdentityPoolId, login.provider, login.subject);
  return owner && answeringIdentity(store, pool, owner.IdentityId);
}

const byAge = (a: StoredIdentity, b: StoredIdentity) => a.created - b.created || a.IdentityId.localeCompare(b.IdentityId);

/** The logins an identity would hold: one user per provider (but the developer provider), at most 20. */
function checkCombinedLogins(pool: IdentityPool, parentId: string, logins: Array<{ provider: string; subject: string }>): void {
  const subjects = new Map<string, Set<string>>();
  for (const login of logins) subjects.set(login.provider, (subjects.get(login.provider) ?? new Set()).add(login.subject));
  for (const [provider, users] of subjects) {
    if (provider !== pool.DeveloperProviderName && users.size > 1) {
      throw new ResourceConflictException(`Identity '${parentId}' cannot hold two logins of ${provider}: one login per provider may be linked to an identity.`);
    }
  }
  const distinct = new Set(logins.map((login) => `${login.provider}\n${login.subject}`)).size;
  if (distinct > MAX_LOGINS) throw new LimitExceededException(`An identity may hold at most ${MAX_LOGINS} linked logins; this would link ${distinct} to '${parentId}'.`);
}

function newIdentity(services: IdentityServices, pool: IdentityPool, region: string, logins: IdentityLogin[]): StoredIdentity {
  const now = services.clock.now();
  const identity: StoredIdentity = { IdentityId: `${region}:${services.ids.uuid()}`, IdentityPoolId: pool.IdentityPoolId, logins, created: now, updated: now };
  services.store.identities.create(identity);
  return identity;
}

interface Attached {
  identity: StoredIdentity;
  created: boolean;
  linked: string[];
  mergedFrom: string[];
}

/**
 * The identity the logins end up on. `given` is the identity the call names (or the developer
 * user's); `proven` says the call carried something of its own (a developer user identifier, an
 * OpenID token of it), so it need not carry one of its logins.
 */
function attachLogins(services: IdentityServices, pool: IdentityPool, given: StoredIdentity | undefined, proven: boolean, logins: VerifiedLogin[], region: string): Attached {
  const { store } = services;
  if (given?.disabled !== undefined && !given.mergedInto) throw new NotAuthorizedException(LOGINS_DONT_MATCH);
  const owned = logins.map((login) => ({ login, owner: ownerOf(store, pool, login) }));
  const owners = new Map(owned.flatMap(({ owner }) => (owner ? [[owner.IdentityId, owner] as const] : [])));
  if (given && isAuthenticated(given) && !proven && !owners.has(given.IdentityId)) throw new NotAuthorizedException(LOGINS_DONT_MATCH);

  const candidates = new Map(owners);
  if (given) candidates.set(given.IdentityId, given);
  const newLogins = owned.filter(({ owner }) => !owner).map(({ login }) => login);
  if (candidates.size === 0) {
    const fresh = logins.map((login) => ({ provider: login.provider, subject: login.subject, linked: services.clock.now() }));
    checkCombinedLogins(pool, '(new)', fresh);
    return { identity: newIdentity(services, pool, region, fresh), created: true, linked: loginKeysOf(fresh), mergedFrom: [] };
  }
  const authenticated = [...candidates.values()].filter(isAuthenticated).sort(byAge);
  const parent = authenticated[0] ?? given!;
  const others = [...candidates.values()].filter((identity) => identity.IdentityId !== parent.IdentityId).sort(byAge);
  checkCombinedLogins(pool, parent.IdentityId, [...parent.logins, ...others.flatMap((identity) => identity.logins), ...newLogins]);

  const now = services.clock.now();
  for (const other of others) store.identities.merge(other.IdentityId, parent.IdentityId, now);
  for (const login of newLogins) store.identities.link(parent.IdentityId, { provider: login.provider, subject: login.subject, linked: now });
  return { identity: store.identities.find(parent.IdentityId)!, created: false, linked: loginKeysOf(newLogins), mergedFrom: others.map((identity) => identity.IdentityId) };
}

const loginKeysOf = (logins: Array<{ provider: string }>) => [...new Set(logins.map((login) => login.provider))];

function publishResolved(services: IdentityServices, pool: IdentityPool, attached: Attached, flowId: string | null | undefined): ResolvedIdentity {
  const { identity, linked, mergedFrom } = attached;
  const outcome: ResolveOutcome = attached.created ? 'created' : mergedFrom.length > 0 ? 'merged' : linked.length > 0 ? 'linked' : 'found';
  services.bus.publish(
    'identity.resolved',
    {
      identityPoolId: pool.IdentityPoolId,
      identityId: identity.IdentityId,
      outcome,
      authenticated: isAuthenticated(identity),
      logins: loginKeys(identity),
      ...(linked.length > 0 && { linked }),
      ...(mergedFrom.length > 0 && { mergedFrom }),
    },
    { flowId: flowId ?? null, poolId: pool.IdentityPoolId },
  );
  return { identity, outcome, linked, mergedFrom };
}

/** A guest: the identity named (while it is one), or a new one, as long as the pool takes guests. */
function unauthenticatedIdentity(services: IdentityServices, pool: IdentityPool, given: StoredIdentity | undefined, region: string): Attached {
  if (given && isAuthenticated(given)) throw new NotAuthorizedException(LOGINS_DONT_MATCH);
  if (!pool.AllowUnauthenticatedIdentities) throw new NotAuthorizedException(UNAUTHENTICATED_NOT_SUPPORTED);
  if (given) return { identity: given, created: false, linked: [], mergedFrom: [] };
  return { identity: newIdentity(services, pool, region, []), created: true, linked: [], mergedFrom: [] };
}

/** The identity a Cognito Identity OpenID token (a `cognito-identity.amazonaws.com` login) speaks for. */
function provenIdentity(services: IdentityServices, pool: IdentityPool, given: StoredIdentity | undefined, proofs: VerifiedLogin[]): StoredIdentity | undefined {
  let proven = given;
  for (const proof of proofs) {
    const identity = services.store.identities.find(proof.subject) && answeringIdentity(services.store, pool, proof.subject);
    if (!identity || (proven && proven.IdentityId !== identity.IdentityId)) throw new NotAuthorizedException(LOGINS_DONT_MATCH);
    proven = identity;
  }
  return proven;
}

/**
 * The identity a call's checked logins (checkLogins) name, in a pool: found, created, given new
 * logins (linked) or merged with the identities other logins belong to; published as
 * `identity.resolved`. Throws NotAuthorizedException (a guest where the pool takes none, an
 * authenticated identity without one of its logins), ResourceConflictException (two users of one
 * provider), ResourceNotFoundException (an identity id the pool does not have).
 */
export function resolveIdentity(services: IdentityServices, pool: IdentityPool, logins: VerifiedLogin[], options: ResolveOptions): ResolvedIdentity {
  const { store } = services;
  return store.transaction(() => {
    const named = options.identityId === undefined ? undefined : answeringIdentity(store, pool, options.identityId);
    const proofs = logins.filter((login) => login.kind === 'cognito-identity');
    const linkable = logins.filter((login) => login.kind !== 'cognito-identity');
    const given = provenIdentity(services, pool, named, proofs);
    const attached =
      logins.length === 0
        ? unauthenticatedIdentity(services, pool, given, options.region)
        : attachLogins(services, pool, given, proofs.length > 0, linkable, options.region);
    return publishResolved(services, pool, attached, options.flowId);
  });
}

/**
 * GetOpenIdTokenForDeveloperIdentity's identity: the one the developer user identifier is linked
 * to, the identity named (the identifier then linked to it), or a new one; the call's other logins
 * (checked) linked or merged as resolveIdentity does. The caller's AWS credentials vouch for the
 * user: the developer login is published as `identity.loginChecked` (kind developer), then the
 * outcome as `identity.resolved`. An identifier linked to another identity than the one named is
 * DeveloperUserAlreadyRegisteredException.
 */
export function resolveDeveloperIdentity(services: IdentityServices, pool: IdentityPool, developerUserIdentifier: string, options: DeveloperResolveOptions): ResolvedIdentity {
  const { store, bus } = services;
  const provider = pool.DeveloperProviderName;
  if (provider === undefined) throw new NotAuthorizedException('The identity pool has no developer provider name.');
  const context = { flowId: options.flowId ?? null, poolId: pool.IdentityPoolId };
  bus.publish(
    'identity.loginChecked',
    {
      identityPoolId: pool.IdentityPoolId,
      provider,
      kind: 'developer',
      checks: [{ check: 'developer provider', passed: true, detail: `${provider}, the identity pool's: the caller's AWS credentials vouch for the user` }],
      passed: true,
      subject: developerUserIdentifier,
    },
    context,
  );
  return store.transaction(() => {
    const login = { provider, subject: developerUserIdentifier };
    const named = options.identityId === undefined ? undefined : answeringIdentity(store, pool, options.identityId);
    const owner = ownerOf(store, pool, login);
    if (named && owner && owner.IdentityId !== named.IdentityId) {
      throw new DeveloperUserAlreadyRegisteredException('The provided developer user identifier is already registered with Cognito under a different identity ID.');
    }
    if (named?.disabled !== undefined) throw new NotAuthorizedException(LOGINS_DONT_MATCH);
    let base = owner ?? named;
    const linked: string[] = [];
    let created = false;
    if (!base) {
      base = newIdentity(services, pool, options.region, [{ ...login, linked: services.clock.now() }]);
      created = true;
      linked.push(provider);
    } else if (!owner) {
      checkCombinedLogins(pool, base.IdentityId, [...base.logins, login]);
      store.identities.link(base.IdentityId, { ...login, linked: services.clock.now() });
      base = store.identities.find(base.IdentityId)!;
      linked.push(provider);
    }
    const others = (options.logins ?? []).filter((other) => other.kind !== 'cognito-identity');
    const attached = others.length > 0 ? attachLogins(services, pool, base, true, others, options.region) : { identity: base, created: false, linked: [], mergedFrom: [] };
    return publishResolved(
      services,
      pool,
      { ...attached, created: created || attached.created, linked: [...new Set([...linked, ...attached.linked])] },
      options.flowId,
    );
  });
}

// ---- the developer-provider operations, UnlinkIdentity, DeleteIdentities ----

/** When its last login goes, an identity stops answering (the guide: it "becomes inaccessible"). */
function disableWhenEmpty(services: IdentityServices, identityId: string): void {
  const identity = services.store.identities.find(identityId);
  if (identity && identity.logins.length === 0 && identity.disabled === undefined) services.store.identities.disable(identityId, services.clock.now());
}

/** The pool's developer provider, which the call must name. */
export function requireDeveloperProvider(pool: IdentityPool, developerProviderName: string): string {
  if (pool.DeveloperProviderName === undefined || pool.DeveloperProviderName !== developerProviderName) {
    throw new ResourceNotFoundException(`Developer provider '${developerProviderName}' is not the developer provider of identity pool '${pool.IdentityPoolId}'.`);
  }
  return developerProviderName;
}

/**
 * MergeDeveloperIdentities: the source user's identity (and its logins) merged into the
 * destination user's; a source user no identity holds is linked to it. Answers the destination
 * identity's id.
 */
export function mergeDeveloperIdentities(services: IdentityServices, pool: IdentityPool, source: string, destination: string): string {
  const { store } = services;
  const provider = pool.DeveloperProviderName!;
  return store.transaction(() => {
    const into = ownerOf(store, pool, { provider, subject: destination });
    if (!into) throw new ResourceNotFoundException(`Developer user identifier '${destination}' not found.`);
    const from = ownerOf(store, pool, { provider, subject: source });
    if (from?.IdentityId === into.IdentityId) return into.IdentityId;
    const now = services.clock.now();
    if (from) {
      checkCombinedLogins(pool, into.IdentityId, [...into.logins, ...from.logins]);
      store.identities.merge(from.IdentityId, into.IdentityId, now);
    } else {
      checkCombinedLogins(pool, into.IdentityId, [...into.logins, { provider, subject: source }]);
      store.identities.link(into.IdentityId, { provider, subject: source, linked: now });
    }
    return into.IdentityId;
  });
}

/** UnlinkDeveloperIdentity: the developer user identifier leaves the identity (which stops answering when it held nothing else). */
export function unlinkDeveloperIdentity(services: IdentityServices, pool: IdentityPool, identityId: string, developerUserIdentifier: string): void {
  const { store } = services;
  const provider = pool.DeveloperProviderName!;
  store.transaction(() => {
    const identity = answeringIdentity(store, pool, identityId);
    const owner = ownerOf(store, pool, { provider, subject: developerUserIdentifier });
    if (!owner) throw new ResourceNotFoundException(`Developer user identifier '${developerUserIdentifier}' not found.`);
    if (owner.IdentityId !== identity.IdentityId) {
      throw new ResourceConflictException(`Developer user identifier '${developerUserIdentifier}' is linked to another identity than '${identityId}'.`);
    }
    store.identities.unlink(identity.IdentityId, provider, developerUserIdentifier, services.clock.now());
    disableWhenEmpty(services, identity.IdentityId);
  });
}

/**
 * UnlinkIdentity: the identity's logins of the providers named leave it, once the call's checked
 * logins show it is the identity's own user (at least one of them held by it). Logins it does not
 * hold are passed over.
 */
export function unlinkLogins(services: IdentityServices, pool: IdentityPool, identityId: string, verified: VerifiedLogin[], providers: string[]): void {
  const { store } = services;
  store.transaction(() => {
    const identity = answeringIdentity(store, pool, identityId);
    const holds = (login: VerifiedLogin) =>
      login.kind === 'cognito-identity'
        ? login.subject === identity.IdentityId
        : identity.logins.some((own) => own.provider === login.provider && own.subject === login.subject);
    if (identity.disabled !== undefined || !verified.some(holds)) throw new NotAuthorizedException(LOGINS_DONT_MATCH);
    const now = services.clock.now();
    for (const provider of new Set(providers)) store.identities.unlink(identity.IdentityId, provider, undefined, now);
    disableWhenEmpty(services, identity.IdentityId);
  });
}
