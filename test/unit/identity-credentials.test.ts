import { beforeEach, describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src-main/config/options.js';
import { findCredentials, hashSessionToken, issueCredentials, type CredentialsServices } from '../../src-main/cognito/identity/credentials.js';
import { EventBus } from '../../src-main/debug/bus.js';
import { Store } from '../../src-main/store/index.js';
import type { SandboxEvent } from '../../shared/events.js';

const POOL = 'us-east-1:4b1c0f1e-6a0e-4f51-9b7b-2f1c3d4e5f60';
const IDENTITY = 'us-east-1:9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const ROLE = 'arn:aws:iam::123456789012:role/service-role/Cognito_AppAuth_Role';

let now: number;
let store: Store;
let events: SandboxEvent[];
let services: CredentialsServices;

beforeEach(async () => {
  now = 1_700_000_000_250;
  store = await Store.open();
  const bus = new EventBus(store.events, () => now);
  events = [];
  bus.subscribe((e) => events.push(e));
  services = { store, bus, clock: { now: () => now }, options: { ...defaultOptions } };
});

const issue = (overrides: Partial<Parameters<typeof issueCredentials>[1]> = {}) =>
  issueCredentials(services, {
    identityPoolId: POOL,
    identityId: IDENTITY,
    roleArn: ROLE,
    sessionName: 'CognitoIdentityCredentials',
    durationSeconds: 3600,
    via: 'GetCredentialsForIdentity',
    flowId: 'flow-7',
    ...overrides,
  });

describe('temporary credentials for an identity', () => {
  it('are shaped as STS makes them, for the role assumed with the session name', () => {
    const granted = issue();
    const { credentials } = granted;
    expect(credentials.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(credentials.SecretKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(credentials.SessionToken.length).toBeGreaterThan(600);
    expect(Buffer.from(credentials.SessionToken, 'base64').toString('base64')).toBe(credentials.SessionToken);
    expect(credentials.Expiration).toBe(1_700_003_600_000);
    expect(granted.assumedRoleArn).toBe('arn:aws:sts::123456789012:assumed-role/Cognito_AppAuth_Role/CognitoIdentityCredentials');
    expect(granted.assumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:CognitoIdentityCredentials$/);

    const again = issue({ sessionName: 'app1', via: 'AssumeRoleWithWebIdentity' });
    expect(again.credentials.AccessKeyId).not.toBe(credentials.AccessKeyId);
    expect(again.credentials.SecretKey).not.toBe(credentials.SecretKey);
    expect(again.assumedRoleId.split(':')[0]).toBe(granted.assumedRoleId.split(':')[0]);
    expect(issue({ roleArn: 'arn:aws:iam::123456789012:role/Other' }).assumedRoleId.split(':')[0]).not.toBe(granted.assumedRoleId.split(':')[0]);
  });

  it("takes the sandbox's account when the role ARN names none", () => {
    expect(issue({ roleArn: 'arn:aws:iam:::role/Guest' }).assumedRoleArn).toBe('arn:aws:sts::000000000000:assumed-role/Guest/CognitoIdentityCredentials');
  });

  it('are found by access key id, with the session token kept only as its hash and never the secret', () => {
    const { credentials, assumedRoleArn, assumedRoleId } = issue({ principalTags: { team: 'blue' } });
    const found = findCredentials(store, credentials.AccessKeyId)!;
    expect(found).toEqual({
      accessKeyId: credentials.AccessKeyId,
      identityId: IDENTITY,
      identityPoolId: POOL,
      roleArn: ROLE,
      assumedRoleArn,
      assumedRoleId,
      via: 'GetCredentialsForIdentity',
      sessionTokenHash: hashSessionToken(credentials.SessionToken),
      principalTags: { team: 'blue' },
      expires: credentials.Expiration,
      created: now,
    });
    expect(JSON.stringify(found)).not.toContain(credentials.SecretKey);
    expect(JSON.stringify(found)).not.toContain(credentials.SessionToken);
    expect(findCredentials(store, 'ASIAAAAAAAAAAAAAAAAA')).toBeUndefined();
    expect(store.issuedCredentials.forIdentity(IDENTITY, now).map((c) => c.accessKeyId)).toEqual([credentials.AccessKeyId]);
  });

  it('keeps a pool-less grant (a token of another issuer) with a null pool', () => {
    const { credentials } = issue({ identityPoolId: null, via: 'AssumeRoleWithWebIdentity' });
    expect(findCredentials(store, credentials.AccessKeyId)).toMatchObject({ identityPoolId: null, via: 'AssumeRoleWithWebIdentity' });
  });

  it('are forgotten once expired, when the next are issued', () => {
    const short = issue({ durationSeconds: 900 });
    const long = issue({ durationSeconds: 43_200 });
    now += 900_000 - 250;
    issue();
    expect(findCredentials(store, short.credentials.AccessKeyId)).toBeUndefined();
    expect(findCredentials(store, long.credentials.AccessKeyId)).toBeDefined();
    expect(store.issuedCredentials.forIdentity(IDENTITY, now)).toHaveLength(2);
  });

  it('publish identity.credentialsIssued in the flow, without the secret or the session token', () => {
    const { credentials, assumedRoleArn } = issue({ principalTags: { team: 'blue' } });
    const published = events.filter((e) => e.type === 'identity.credentialsIssued');
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      flowId: 'flow-7',
      poolId: POOL,
      data: {
        identityPoolId: POOL,
        identityId: IDENTITY,
        via: 'GetCredentialsForIdentity',
        roleArn: ROLE,
        assumedRoleArn,
        accessKeyId: credentials.AccessKeyId,
        expiration: credentials.Expiration,
        principalTags: { team: 'blue' },
      },
    });
    const text = JSON.stringify(published[0]);
    expect(text).not.toContain(credentials.SecretKey);
    expect(text).not.toContain(credentials.SessionToken);
    issue();
    expect(events.filter((e) => e.type === 'identity.credentialsIssued').at(-1)!.data).not.toHaveProperty('principalTags');
  });
});
