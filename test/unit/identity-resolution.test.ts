/**
 * Which identity a call's checked logins end up on (cognito/identity/identities.ts): found,
 * created, a new login linked (a guest becoming authenticated and keeping its id), identities
 * merged into the oldest authenticated one, one user per provider (ResourceConflictException),
 * guests only where the pool takes them, an authenticated identity never used without one of its
 * logins; developer users (one identity per identifier, DeveloperUserAlreadyRegisteredException),
 * MergeDeveloperIdentities, the unlinks; each outcome published as identity.resolved.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventData } from '../../shared/events.js';
import {
  mergeDeveloperIdentities,
  requireIdentity,
  resolveDeveloperIdentity,
  resolveIdentity,
  unlinkDeveloperIdentity,
  unlinkLogins,
} from '../../src-main/cognito/identity/identities.js';
import type { IdentityPool, VerifiedLogin } from '../../src-main/cognito/identity/types.js';
import { Store } from '../../src-main/store/index.js';
import { identityPoolRecord } from '../support/identity-pool-record.js';

const POOL_ID = 'us-east-1:11111111-2222-4333-8444-555566667777';
const USER_POOL = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Users0001';
const DEVELOPER = 'login.example.app';

let store: Store;
let now: number;
let uuids: number;
let published: Array<{ type: string; data: unknown }>;

const services = () => ({
  store,
  clock: { now: () => (now += 1000) },
  ids: { uuid: () => `00000000-0000-4000-8000-${String((uuids += 1)).padStart(12, '0')}` } as never,
  bus: { publish: (type: string, data: unknown) => published.push({ type, data }) } as never,
});

function pool(overrides: Partial<IdentityPool> = {}): IdentityPool {
  return identityPoolRecord(POOL_ID, {
    AllowUnauthenticatedIdentities: true,
    SupportedLoginProviders: { 'accounts.google.com': 'g', 'graph.facebook.com': 'f' },
    DeveloperProviderName: DEVELOPER,
    CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: 'client' }],
    ...overrides,
  });
}

const google = (subject: string): VerifiedLogin => ({ provider: 'accounts.google.com', kind: 'social', subject, claims: { sub: subject } });
const facebook = (subject: string): VerifiedLogin => ({ provider: 'graph.facebook.com', kind: 'social', subject, claims: { id: subject } });
const userPool = (subject: string): VerifiedLogin => ({ provider: USER_POOL, kind: 'cognito', subject, claims: { sub: subject }, clientId: 'client' });
const openIdToken = (identityId: string): VerifiedLogin => ({ provider: 'cognito-identity.amazonaws.com', kind: 'cognito-identity', subject: identityId, claims: { sub: identityId } });

function resolve(logins: VerifiedLogin[], identityId?: string, identityPool = pool()) {
  return resolveIdentity(services(), identityPool, logins, { region: 'us-east-1', flowId: 'flow-1', ...(identityId && { identityId }) });
}

function refusal(run: () => unknown): { type: string; message: string } {
  try {
    run();
  } catch (error) {
    return { type: (error as { type: string }).type, message: (error as Error).message };
  }
  throw new Error('no refusal');
}

const resolvedEvents = () => published.filter((event) => event.type === 'identity.resolved').map((event) => event.data as EventData<'identity.resolved'>);

beforeEach(async () => {
  store = await Store.open();
  now = 1_700_000_000_000;
  uuids = 0;
  published = [];
});
afterEach(() => store.close());

describe('resolving a call with logins', () => {
  it('creates an identity for a new login, finds it again by that login, links a new one to it', () => {
    const created = resolve([google('g-1')]);
    expect(created).toMatchObject({ outcome: 'created', linked: ['accounts.google.com'], mergedFrom: [] });
    expect(created.identity.IdentityId).toBe('us-east-1:00000000-0000-4000-8000-000000000001');
    expect(resolve([google('g-1')])).toMatchObject({ outcome: 'found', identity: { IdentityId: created.identity.IdentityId } });
    const linked = resolve([google('g-1'), userPool('sub-1')], created.identity.IdentityId);
    expect(linked).toMatchObject({ outcome: 'linked', linked: [USER_POOL] });
    expect(linked.identity.logins.map((login) => login.provider)).toEqual(['accounts.google.com', USER_POOL]);
    expect(resolvedEvents().map((event) => [event.outcome, event.authenticated, event.logins])).toEqual([
      ['created', true, ['accounts.google.com']],
      ['found', true, ['accounts.google.com']],
      ['linked', true, ['accounts.google.com', USER_POOL]],
    ]);
  });

  it('refuses a second user of one provider on an identity', () => {
    const { identity } = resolve([google('g-1')]);
    expect(refusal(() => resolve([google('g-2'), google('g-1')], identity.IdentityId))).toEqual({
      type: 'ResourceConflictException',
      message: `Identity '${identity.IdentityId}' cannot hold two logins of accounts.google.com: one login per provider may be linked to an identity.`,
    });
    expect(store.identities.findByLogin(POOL_ID, 'accounts.google.com', 'g-2')).toBeUndefined();
  });

  it('merges identities whose logins come together into the oldest, which answers; the other is disabled and points at it', () => {
    const first = resolve([google('g-1')]).identity;
    const second = resolve([facebook('f-1')]).identity;
    const merged = resolve([facebook('f-1'), google('g-1')], second.IdentityId);
    expect(merged).toMatchObject({ outcome: 'merged', mergedFrom: [second.IdentityId], identity: { IdentityId: first.IdentityId } });
    expect(merged.identity.logins.map((login) => login.provider).sort()).toEqual(['accounts.google.com', 'graph.facebook.com']);
    expect(requireIdentity(store, second.IdentityId)).toMatchObject({ mergedInto: first.IdentityId, logins: [] });
    expect(resolve([facebook('f-1')], second.IdentityId).identity.IdentityId).toBe(first.IdentityId);
    expect(resolvedEvents().at(-2)).toMatchObject({ outcome: 'merged', mergedFrom: [second.IdentityId] });
  });

  it('refuses a merge that would put two users of one provider on the parent', () => {
    const first = resolve([google('g-1'), facebook('f-1')]).identity;
    resolve([facebook('f-2')]);
    expect(refusal(() => resolve([google('g-1'), facebook('f-2')], first.IdentityId)).type).toBe('ResourceConflictException');
    expect(store.identities.find(first.IdentityId)!.logins).toHaveLength(2);
  });

  it('refuses an authenticated identity without one of its logins, and a disabled one', () => {
    const { identity } = resolve([google('g-1')]);
    expect(refusal(() => resolve([facebook('f-9')], identity.IdentityId))).toEqual({
      type: 'NotAuthorizedException',
      message: "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    });
    expect(refusal(() => resolve([], identity.IdentityId)).message).toBe("Logins don't match. Please include at least one valid login for this identity or identity pool.");
    unlinkLogins(services(), pool(), identity.IdentityId, [google('g-1')], ['accounts.google.com']);
    expect(requireIdentity(store, identity.IdentityId).disabled).toBeDefined();
    expect(refusal(() => resolve([], identity.IdentityId)).type).toBe('NotAuthorizedException');
    expect(resolve([google('g-1')]).outcome).toBe('created');
  });

  it('takes an OpenID token of the identity as its proof, and refuses one of another identity', () => {
    const a = resolve([google('g-1')]).identity;
    const b = resolve([google('g-2')]).identity;
    expect(resolve([openIdToken(a.IdentityId)], a.IdentityId)).toMatchObject({ outcome: 'found', identity: { IdentityId: a.IdentityId } });
    expect(resolve([openIdToken(a.IdentityId)])).toMatchObject({ outcome: 'found', identity: { IdentityId: a.IdentityId } });
    expect(refusal(() => resolve([openIdToken(a.IdentityId)], b.IdentityId)).type).toBe('NotAuthorizedException');
  });

  it('answers ResourceNotFoundException for an identity the pool does not have', () => {
    expect(refusal(() => resolve([], 'us-east-1:99999999-0000-4000-8000-000000000000'))).toEqual({
      type: 'ResourceNotFoundException',
      message: "Identity 'us-east-1:99999999-0000-4000-8000-000000000000' not found.",
    });
    const other = resolve([], undefined).identity;
    expect(refusal(() => resolve([], other.IdentityId, pool({ IdentityPoolId: 'us-east-1:22222222-2222-4333-8444-555566667777' }))).type).toBe('ResourceNotFoundException');
  });

  it('refuses more than 20 logins on one identity', () => {
    const logins = Array.from({ length: 21 }, (_, i) => ({ ...google(`x-${i}`), provider: `provider-${i}.example.com` }));
    expect(refusal(() => resolve(logins)).type).toBe('LimitExceededException');
  });
});

describe('guests', () => {
  it('creates and finds an unauthenticated identity while the pool takes guests', () => {
    const guest = resolve([]);
    expect(guest).toMatchObject({ outcome: 'created', identity: { logins: [] } });
    expect(resolve([], guest.identity.IdentityId).outcome).toBe('found');
    expect(resolvedEvents()[0]).toMatchObject({ authenticated: false, logins: [] });
    expect(refusal(() => resolve([], guest.identity.IdentityId, pool({ AllowUnauthenticatedIdentities: false })))).toEqual({
      type: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    });
    expect(refusal(() => resolve([], undefined, pool({ AllowUnauthenticatedIdentities: false }))).message).toBe('Unauthenticated access is not supported for this identity pool.');
  });

  it('a guest signing in keeps its id (the login linked); into an existing account, it is merged', () => {
    const guest = resolve([]).identity;
    expect(resolve([google('g-1')], guest.IdentityId)).toMatchObject({ outcome: 'linked', identity: { IdentityId: guest.IdentityId } });
    const other = resolve([]).identity;
    const merged = resolve([google('g-1')], other.IdentityId);
    expect(merged).toMatchObject({ outcome: 'merged', identity: { IdentityId: guest.IdentityId }, mergedFrom: [other.IdentityId] });
  });
});

describe('developer users', () => {
  it('make one identity per user identifier, link it to the identity named, refuse one registered elsewhere', () => {
    const first = resolveDeveloperIdentity(services(), pool(), 'user-1', { region: 'us-east-1' });
    expect(first).toMatchObject({ outcome: 'created', linked: [DEVELOPER] });
    expect(published[0]).toMatchObject({ type: 'identity.loginChecked', data: { kind: 'developer', provider: DEVELOPER, subject: 'user-1', passed: true } });
    expect(resolveDeveloperIdentity(services(), pool(), 'user-1', { region: 'us-east-1' }).identity.IdentityId).toBe(first.identity.IdentityId);
    const guest = resolve([]).identity;
    expect(resolveDeveloperIdentity(services(), pool(), 'user-2', { region: 'us-east-1', identityId: guest.IdentityId })).toMatchObject({
      outcome: 'linked',
      identity: { IdentityId: guest.IdentityId },
    });
    expect(refusal(() => resolveDeveloperIdentity(services(), pool(), 'user-1', { region: 'us-east-1', identityId: guest.IdentityId }))).toEqual({
      type: 'DeveloperUserAlreadyRegisteredException',
      message: 'The provided developer user identifier is already registered with Cognito under a different identity ID.',
    });
  });

  it('link the call\'s other logins to the developer user\'s identity, or merge with theirs', () => {
    const { identity } = resolveDeveloperIdentity(services(), pool(), 'user-1', { region: 'us-east-1', logins: [google('g-1')] });
    expect(identity.logins.map((login) => login.provider)).toEqual([DEVELOPER, 'accounts.google.com']);
    const facebookUser = resolve([facebook('f-1')]).identity;
    const merged = resolveDeveloperIdentity(services(), pool(), 'user-2', { region: 'us-east-1', logins: [facebook('f-1')] });
    expect(merged.identity.IdentityId).toBe(facebookUser.IdentityId);
  });

  it('merge explicitly (MergeDeveloperIdentities), and unlink', () => {
    const a = resolveDeveloperIdentity(services(), pool(), 'user-a', { region: 'us-east-1' }).identity;
    const b = resolveDeveloperIdentity(services(), pool(), 'user-b', { region: 'us-east-1', logins: [google('g-b')] }).identity;
    expect(mergeDeveloperIdentities(services(), pool(), 'user-b', 'user-a')).toBe(a.IdentityId);
    expect(store.identities.find(a.IdentityId)!.logins.map((login) => login.subject).sort()).toEqual(['g-b', 'user-a', 'user-b']);
    expect(store.identities.find(b.IdentityId)!.mergedInto).toBe(a.IdentityId);
    expect(mergeDeveloperIdentities(services(), pool(), 'user-new', 'user-a')).toBe(a.IdentityId);
    expect(refusal(() => mergeDeveloperIdentities(services(), pool(), 'user-a', 'nobody')).type).toBe('ResourceNotFoundException');

    unlinkDeveloperIdentity(services(), pool(), a.IdentityId, 'user-new');
    expect(store.identities.findByLogin(POOL_ID, DEVELOPER, 'user-new')).toBeUndefined();
    expect(refusal(() => unlinkDeveloperIdentity(services(), pool(), a.IdentityId, 'user-new')).type).toBe('ResourceNotFoundException');
    const c = resolveDeveloperIdentity(services(), pool(), 'user-c', { region: 'us-east-1' }).identity;
    expect(refusal(() => unlinkDeveloperIdentity(services(), pool(), a.IdentityId, 'user-c')).type).toBe('ResourceConflictException');
    unlinkDeveloperIdentity(services(), pool(), c.IdentityId, 'user-c');
    expect(store.identities.find(c.IdentityId)!.disabled).toBeDefined();
  });
});

describe('UnlinkIdentity', () => {
  it("unlinks the providers named once a login shows the identity's user; refuses logins the identity does not hold", () => {
    const { identity } = resolve([google('g-1'), facebook('f-1')]);
    expect(refusal(() => unlinkLogins(services(), pool(), identity.IdentityId, [google('g-9')], ['graph.facebook.com'])).type).toBe('NotAuthorizedException');
    unlinkLogins(services(), pool(), identity.IdentityId, [google('g-1')], ['graph.facebook.com', 'www.amazon.com']);
    expect(store.identities.find(identity.IdentityId)!.logins.map((login) => login.provider)).toEqual(['accounts.google.com']);
    expect(resolve([facebook('f-1')]).outcome).toBe('created');
  });
});
