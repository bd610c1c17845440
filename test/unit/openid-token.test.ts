import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src-main/config/options.js';
import { CognitoError } from '../../src-main/cognito/errors.js';
import { FederationRecord } from '../../src-main/cognito/federation/federation-record.js';
import {
  cognitoIdentityIssuer,
  cognitoIdentityJwks,
  signOpenIdToken,
  verifyOpenIdToken,
  verifyWebIdentityToken,
  type OpenIdTokenServices,
} from '../../src-main/cognito/identity/openid-token.js';
import { StsError } from '../../src-main/cognito/identity/sts-errors.js';
import { EventBus } from '../../src-main/debug/bus.js';
import { Store } from '../../src-main/store/index.js';
import type { SandboxEvent } from '../../shared/events.js';

const ORIGIN = 'http://127.0.0.1:9229';
const POOL = 'us-east-1:4b1c0f1e-6a0e-4f51-9b7b-2f1c3d4e5f60';
const IDENTITY = 'us-east-1:9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const AMR = ['authenticated', 'cognito-idp.us-east-1.amazonaws.com', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34E:CognitoSignIn:5f0c8a7e-1b2d-4c3e-9f4a-6b7c8d9e0f1a'];

let now = 1_700_000_000_000;
let store: Store;
let events: SandboxEvent[];
let services: OpenIdTokenServices;

beforeEach(async () => {
  now = 1_700_000_000_000;
  store = await Store.open();
  const bus = new EventBus(store.events, () => now);
  events = [];
  bus.subscribe((e) => events.push(e));
  services = { store, bus, clock: { now: () => now }, options: { ...defaultOptions } };
});

const sign = (overrides: Partial<Parameters<typeof signOpenIdToken>[1]> = {}) =>
  signOpenIdToken(services, { identityPoolId: POOL, identityId: IDENTITY, amr: AMR, durationSeconds: 600, origin: ORIGIN, flowId: 'flow-1', ...overrides });

async function refusal(promise: Promise<unknown>): Promise<CognitoError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CognitoError);
  return error as CognitoError;
}

/** A token shaped like the issuer's, signed with another key under the issuer's kid. */
async function forged(claims: Record<string, unknown>, kid = 'us-east-11'): Promise<string> {
  const { privateKey } = await generateKeyPair('RS512');
  return new SignJWT(claims).setProtectedHeader({ kid, typ: 'JWS', alg: 'RS512' }).sign(privateKey);
}

describe("the Cognito Identity issuer's OpenID tokens", () => {
  it('signs as Cognito Identity does: RS512 with a regional kid, typ JWS, its claims in order, and publishes the token decoded', async () => {
    const signed = await sign();
    expect(decodeProtectedHeader(signed.token)).toEqual({ kid: 'us-east-11', typ: 'JWS', alg: 'RS512' });
    const claims = decodeJwt(signed.token);
    expect(Object.keys(claims)).toEqual(['sub', 'aud', 'amr', 'iss', 'https://cognito-identity.amazonaws.com/identity-pool-arn', 'exp', 'iat']);
    expect(claims).toEqual({
      sub: IDENTITY,
      aud: POOL,
      amr: AMR,
      iss: `${ORIGIN}/_cognito-identity`,
      'https://cognito-identity.amazonaws.com/identity-pool-arn': `arn:aws:cognito-identity:us-east-1:000000000000:identitypool/${POOL}`,
      exp: 1_700_000_600,
      iat: 1_700_000_000,
    });
    expect(signed).toMatchObject({ header: { kid: 'us-east-11', alg: 'RS512' }, claims, expiresIn: 600 });

    const published = events.filter((e) => e.type === 'identity.openIdTokenIssued');
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ flowId: 'flow-1', poolId: POOL, data: { identityPoolId: POOL, identityId: IDENTITY, claims, expiresIn: 600 } });
    expect(JSON.stringify(published[0]!.data)).not.toContain(signed.token);
  });

  it("writes Cognito Identity's real issuer with awsIssuer, principal tags as STS reads session tags, and one key per region", async () => {
    services.options.awsIssuer = true;
    const signed = await sign({ identityPoolId: 'eu-west-1:0f1e2d3c-4b5a-4968-8776-655443322110', principalTags: { team: 'blue' } });
    expect(signed.header.kid).toBe('eu-west-11');
    expect(signed.claims.iss).toBe('https://cognito-identity.amazonaws.com');
    expect(signed.claims['https://cognito-identity.amazonaws.com/identity-pool-arn']).toMatch(/^arn:aws:cognito-identity:eu-west-1:/);
    expect(signed.claims['https://aws.amazon.com/tags']).toEqual({ principal_tags: { team: ['blue'] } });
    expect(cognitoIdentityIssuer(ORIGIN, true)).toBe('https://cognito-identity.amazonaws.com');
    expect(cognitoIdentityIssuer(ORIGIN, false)).toBe(`${ORIGIN}/_cognito-identity`);
  });

  it('serves its public key in the JWKS, made once and kept in the store', async () => {
    const signed = await sign();
    const jwks = await cognitoIdentityJwks(services);
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toEqual({ kty: 'RSA', alg: 'RS512', use: 'sig', kid: 'us-east-11', n: expect.any(String), e: 'AQAB' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const { payload } = await jwtVerify(signed.token, await importJWK(jwks.keys[0] as JWK, 'RS512'), { issuer: `${ORIGIN}/_cognito-identity`, audience: POOL, currentDate: new Date(now) });
    expect(payload.sub).toBe(IDENTITY);
    expect(store.cognitoIdentityKeys.all().map((k) => k.kid)).toEqual(['us-east-11']);
    await sign();
    expect(store.cognitoIdentityKeys.all()).toHaveLength(1);
  });

  it('verifies its own token (both issuers), recording each check', async () => {
    const signed = await sign();
    const record = new FederationRecord();
    expect(await verifyOpenIdToken(services, signed.token, ORIGIN, record)).toEqual(signed.claims);
    expect(record.checks.map((c) => [c.check, c.passed])).toEqual([
      ['token format', true],
      ['signature algorithm', true],
      ['signing key', true],
      ['signature', true],
      ['issuer', true],
      ['expiry', true],
    ]);
    expect(record.idToken?.claims).toEqual(signed.claims);

    services.options.awsIssuer = true;
    const aws = await sign();
    expect(await verifyWebIdentityToken(services, aws.token, ORIGIN)).toMatchObject({ iss: 'https://cognito-identity.amazonaws.com' });
  });

  it('refuses an expired token: NotAuthorizedException for a login, ExpiredTokenException for STS', async () => {
    const signed = await sign();
    now += 600_000;
    const record = new FederationRecord();
    const login = await refusal(verifyOpenIdToken(services, signed.token, ORIGIN, record));
    expect(login.type).toBe('NotAuthorizedException');
    expect(login.message).toBe('Invalid login token. Token expired: 1700000600 >= 1700000600');
    expect(record.checks.at(-1)).toMatchObject({ check: 'expiry', passed: false });

    const sts = await refusal(verifyWebIdentityToken(services, signed.token, ORIGIN));
    expect(sts).toBeInstanceOf(StsError);
    expect([sts.type, sts.status, sts.message]).toEqual([
      'ExpiredTokenException',
      400,
      'Token expired: current date/time 1700000600 must be before the expiration date/time 1700000600',
    ]);
    now -= 1000;
    await expect(verifyOpenIdToken(services, signed.token, ORIGIN)).resolves.toMatchObject({ sub: IDENTITY });
  });

  it("refuses a token signed with a foreign key under the issuer's kid, and one naming a kid it never made", async () => {
    const genuine = await sign();
    const foreign = await forged(genuine.claims);
    const record = new FederationRecord();
    const login = await refusal(verifyOpenIdToken(services, foreign, ORIGIN, record));
    expect([login.type, login.message]).toEqual(['NotAuthorizedException', "Invalid login token. Couldn't verify signed token."]);
    expect(record.checks.at(-1)).toMatchObject({ check: 'signature', passed: false });
    expect((await refusal(verifyWebIdentityToken(services, foreign, ORIGIN))).type).toBe('InvalidIdentityToken');

    const unknownKid = await forged(genuine.claims, 'ap-south-11');
    const record2 = new FederationRecord();
    expect((await refusal(verifyOpenIdToken(services, unknownKid, ORIGIN, record2))).type).toBe('NotAuthorizedException');
    expect(record2.checks.at(-1)).toMatchObject({ check: 'signing key', passed: false });
    expect(store.cognitoIdentityKeys.find('ap-south-11')).toBeUndefined();
    const sts = await refusal(verifyWebIdentityToken(services, unknownKid, ORIGIN));
    expect(sts.message).toMatch(/^Couldn't retrieve verification key from your identity provider/);
  });

  it('refuses a token of another issuer, even one signed with its key', async () => {
    await sign();
    const key = (await cognitoIdentityJwks(services)).keys[0]!;
    const stored = JSON.parse(store.cognitoIdentityKeys.find(key.kid!)!.privateJwk) as JWK;
    const privateKey = await importJWK(stored, 'RS512');
    const token = await new SignJWT({ sub: IDENTITY, aud: POOL, iss: 'https://accounts.example.com', exp: 1_700_000_600, iat: 1_700_000_000 })
      .setProtectedHeader({ kid: key.kid!, typ: 'JWS', alg: 'RS512' })
      .sign(privateKey);
    const login = await refusal(verifyOpenIdToken(services, token, ORIGIN));
    expect(login.message).toBe("Invalid login token. Issuer doesn't match providerName");
    const sts = await refusal(verifyWebIdentityToken(services, token, ORIGIN));
    expect([sts.type, sts.message]).toEqual(['InvalidIdentityToken', 'No OpenIDConnect provider found in your account for https://accounts.example.com']);
    // Another origin's sandbox issuer is another issuer.
    const signed = await sign({ origin: 'http://localhost:1234' });
    expect((await refusal(verifyOpenIdToken(services, signed.token, ORIGIN))).message).toBe("Invalid login token. Issuer doesn't match providerName");
  });

  it('refuses what is no JWT, and a JWT of another algorithm', async () => {
    for (const token of ['not-a-token', 'a.b.c', '', `${'x'.repeat(20)}.${'y'.repeat(20)}`]) {
      const login = await refusal(verifyOpenIdToken(services, token, ORIGIN));
      expect(login.message).toBe('Invalid login token. Not a valid OpenId Connect identity token.');
      const sts = await refusal(verifyWebIdentityToken(services, token, ORIGIN));
      expect([sts.type, sts.message]).toEqual(['InvalidIdentityToken', 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)']);
    }
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    expect(await exportJWK(privateKey)).toHaveProperty('d');
    const rs256 = await new SignJWT({ sub: IDENTITY }).setProtectedHeader({ kid: 'us-east-11', alg: 'RS256' }).sign(privateKey);
    const record = new FederationRecord();
    expect((await refusal(verifyOpenIdToken(services, rs256, ORIGIN, record))).message).toBe("Invalid login token. Couldn't verify signed token.");
    expect(record.checks.at(-1)).toMatchObject({ check: 'signature algorithm', passed: false });
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: IDENTITY, exp: 2e9 })).toString('base64url')}.`;
    expect((await refusal(verifyOpenIdToken(services, none, ORIGIN))).type).toBe('NotAuthorizedException');
  });
});
