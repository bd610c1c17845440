/**
 * The debugger API for the built-in mock identity providers: their listing with ProviderDetails a
 * pool is wired with in one CreateIdentityProvider call each, and the people directory (list,
 * add or replace, remove) with its bounds and refusals, seen on the mocks' login pages.
 */
import { CreateIdentityProviderCommand, DescribeIdentityProviderCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockIdpListItem, MockIdpPerson } from '../../shared/debugger-api.js';
import { peopleOffered } from '../support/fetch-browser.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';
import { createPool } from '../support/world.js';

let sandbox: TestSandbox;
let api: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  api = `${sandbox.url}/_sandbox/api/mock-idp`;
});
afterAll(() => sandbox.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as any };
}

describe('the mocks\' listing', () => {
  it('lists each mock with ProviderDetails that CreateIdentityProvider takes as they are, at the origin asked from', async () => {
    const { status, json } = await call('GET', '');
    expect(status).toBe(200);
    const mocks = json as MockIdpListItem[];
    expect(mocks.map((mock) => mock.idp)).toEqual(['oidc', 'saml', 'google', 'facebook', 'amazon', 'apple']);
    expect(mocks.find((mock) => mock.idp === 'oidc')).toMatchObject({
      label: 'Mock OIDC',
      providerType: 'OIDC',
      providerDetails: { oidc_issuer: `${sandbox.url}/_mock-idp/oidc` },
      urls: { discovery: `${sandbox.url}/_mock-idp/oidc/.well-known/openid-configuration` },
      people: 2,
      peoplePage: '/_sandbox/#/mock-idp/oidc',
    });
    expect(mocks.find((mock) => mock.idp === 'google')!.urls).toMatchObject({ authorize_url: `${sandbox.url}/_mock-idp/google/o/oauth2/v2/auth` });
    expect(mocks.find((mock) => mock.idp === 'apple')!.providerDetails.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect((await call('GET', '')).json).toEqual(json);

    const poolId = await createPool(sandbox.cognito, { PoolName: 'demo' });
    for (const mock of mocks) {
      await sandbox.cognito.send(
        new CreateIdentityProviderCommand({
          UserPoolId: poolId,
          ProviderName: mock.providerName,
          ProviderType: mock.providerType,
          ProviderDetails: mock.providerDetails,
          AttributeMapping: mock.attributeMapping,
        }),
      );
    }
    const { IdentityProvider } = await sandbox.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'MockOIDC' }));
    expect(IdentityProvider!.ProviderDetails).toMatchObject({ token_url: `${sandbox.url}/_mock-idp/oidc/token` });

    const google = mocks.find((mock) => mock.idp === 'google')!;
    const redirect = `${sandbox.url}/oauth2/idpresponse`;
    const page = await fetch(`${google.urls.authorize_url}?${new URLSearchParams({ client_id: google.providerDetails.client_id!, redirect_uri: redirect, response_type: 'code', scope: 'openid' })}`);
    expect(page.status).toBe(200);
  });
});

describe('the people directory', () => {
  it('lists one mock\'s people, or every mock\'s', async () => {
    const google = await call('GET', '/people?idp=google');
    expect(google.status).toBe(200);
    expect((google.json as MockIdpPerson[]).map((person) => person.idp)).toEqual(['google', 'google']);
    const all = (await call('GET', '/people')).json as MockIdpPerson[];
    expect(new Set(all.map((person) => person.idp))).toEqual(new Set(['oidc', 'saml', 'google', 'facebook', 'amazon', 'apple']));
    expect(await call('GET', '/people?idp=myspace')).toEqual({ status: 400, json: { error: 'bad_request', message: 'idp must be one of oidc, saml, google, facebook, amazon, apple.' } });
    expect((await call('GET', '/people?idp=google&idp=apple')).status).toBe(400);
  });

  it('adds a person the mock\'s login page then offers, replaces their claims, and removes them', async () => {
    const id = '100000000000000000042';
    const added = await call('PUT', `/people/google/${id}`, { claims: { email: 'ana@example.com', email_verified: 'true', name: 'Ana <b>Lima</b>' } });
    expect(added).toEqual({ status: 200, json: { idp: 'google', id, claims: { email: 'ana@example.com', email_verified: 'true', name: 'Ana <b>Lima</b>' } } });
    const poolId = await createPool(sandbox.cognito, { PoolName: 'people' });
    await sandbox.cognito.send(
      new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'people-client', client_secret: 's', authorize_scopes: 'openid' } }),
    );
    const loginPage = async () =>
      (
        await fetch(
          `${sandbox.url}/_mock-idp/google/o/oauth2/v2/auth?${new URLSearchParams({ client_id: 'people-client', redirect_uri: `${sandbox.url}/oauth2/idpresponse`, response_type: 'code', scope: 'openid' })}`,
        )
      ).text();
    const page = await loginPage();
    expect(peopleOffered(page)).toContain(id);
    expect(page).toContain('Ana &lt;b&gt;Lima&lt;/b&gt;');
    expect(page).not.toContain('<b>Lima');

    const replaced = await call('PUT', `/people/google/${id}`, { claims: { email: 'ana@example.org' } });
    expect(replaced.json.claims).toEqual({ email: 'ana@example.org' });
    expect(sandbox.app.store.mockIdpPeople.find('google', id)!.claims).toEqual({ email: 'ana@example.org' });

    const saml = await call('PUT', `/people/saml/${encodeURIComponent('Ana.Lima@Example.com')}`, { claims: { 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'ana@example.com' } });
    expect(saml.json.id).toBe('Ana.Lima@Example.com');

    expect(await call('DELETE', `/people/google/${id}`)).toEqual({ status: 200, json: { removed: true } });
    expect((await call('DELETE', `/people/google/${id}`)).status).toBe(404);
    expect(peopleOffered(await loginPage())).not.toContain(id);
  });

  it.each([
    ['an unknown mock', '/people/myspace/x', { claims: {} }, 'idp must be one of'],
    ['an id too long', `/people/google/${'9'.repeat(257)}`, { claims: {} }, "A person's id is 1 to 256 characters"],
    ['a body that is not an object', '/people/google/1', '[1]', 'The body must be a JSON object'],
    ['claims that are not an object', '/people/google/1', { claims: ['email'] }, 'claims must be an object'],
    ['a claim that is not text', '/people/google/1', { claims: { email_verified: true } }, 'The claim email_verified must be text'],
    ['a claim too long', '/people/google/1', { claims: { name: 'x'.repeat(2049) } }, 'The claim name must be text of at most 2048 characters.'],
    ['too many claims', '/people/google/1', { claims: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`c${i}`, 'v'])) }, 'at most 50 claims'],
    ['the id as a claim', '/people/amazon/amzn1.account.X', { claims: { user_id: 'amzn1.account.Y' } }, "user_id is the person's id at this mock"],
    ['JSON that does not parse', '/people/google/1', '{"claims":', 'not readable JSON'],
  ])('refuses %s with a JSON 400', async (_what, path, body, message) => {
    const answer = await call('PUT', path, body);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('bad_request');
    expect(answer.json.message).toContain(message);
    expect(sandbox.app.store.mockIdpPeople.find('google', '1')).toBeUndefined();
  });

  it('refuses a body that is not JSON, and a call from another origin', async () => {
    const form = await fetch(`${api}/people/google/1`, { method: 'PUT', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'claims=1' });
    expect(form.status).toBe(400);
    const foreign = await call('DELETE', `/people/google/${sandbox.app.store.mockIdpPeople.list('google')[0]!.id}`, undefined, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(sandbox.app.store.mockIdpPeople.list('google').length).toBeGreaterThan(0);
  });
});
