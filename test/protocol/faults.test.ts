/**
 * Fault injection (`/_sandbox/api/faults`, src-main/debug/faults.ts) seen by the AWS SDK v3:
 * throttling answered as Cognito answers it and retried by the SDK as throttling; scoped by
 * operation, API category and pool, at a rate, and switched off again; latency; a trigger timing
 * out (after Cognito's three attempts, without waiting for them) or throwing; email and SMS
 * delivery failing with nothing in the outbox; an OIDC provider's token endpoint failing through
 * the hosted UI; hostile requests answered 400.
 */
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  ListUsersCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import type { Fault, FaultSpec } from '../../shared/faults.js';
import { attrs } from '../support/attributes.js';
import { eventsDuring } from '../support/events.js';
import { FetchBrowser, loginForm, peopleOffered, type Hop } from '../support/fetch-browser.js';
import { rawCall, type TestSandbox } from '../support/sandbox.js';
import { arn, fixture, invoked, startSandboxWithHandlers } from '../support/triggers.js';
import { createAdminUser, createClient, createFederatedPool, createPool, SMS_CONFIGURATION } from '../support/world.js';

const PASSWORD = 'Passw0rd!';
let sandbox: TestSandbox;
/** The SDK without retries: each call is one request. */
let once: CognitoIdentityProviderClient;
/** The SDK as an app builds it: its default (standard) retry strategy, three attempts in all. */
let retrying: CognitoIdentityProviderClient;

interface World {
  poolId: string;
  clientId: string;
}
let pools = 0;

async function world(extra: Partial<CreateUserPoolCommandInput> = {}): Promise<World> {
  const poolId = await createPool(sandbox.cognito, { PoolName: `faults-${++pools}`, AutoVerifiedAttributes: ['email'], ...extra });
  const { clientId } = await createClient(sandbox.cognito, poolId, { ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  return { poolId, clientId };
}

async function faultsApi(method: string, path = '', body?: unknown, contentType = 'application/json') {
  const response = await fetch(`${sandbox.url}/_sandbox/api/faults${path}`, {
    method,
    ...(body !== undefined && { headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as any };
}

async function inject(spec: FaultSpec): Promise<Fault> {
  const { status, json } = await faultsApi('POST', '', spec);
  expect(status, JSON.stringify(json)).toBe(201);
  return json.fault as Fault;
}

const signIn = (w: World, username: string, client = once) =>
  client.send(new InitiateAuthCommand({ ClientId: w.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }));
const signUp = (w: World, username: string, client = once) =>
  client.send(new SignUpCommand({ ClientId: w.clientId, Username: username, Password: PASSWORD, UserAttributes: attrs({ email: `${username}@example.com` }) }));

/** What the call threw (it must throw). */
async function failure(call: Promise<unknown>): Promise<Error & { $metadata: { attempts?: number; httpStatusCode?: number } }> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, 'the call should have failed').toBeInstanceOf(Error);
  return outcome as Error & { $metadata: { attempts?: number; httpStatusCode?: number } };
}

const injectedEvents = (events: SandboxEvent[]) => events.filter((e): e is Extract<SandboxEvent, { type: 'fault.injected' }> => e.type === 'fault.injected');

beforeAll(async () => {
  sandbox = await startSandboxWithHandlers({ 'returns-event': fixture('returns-event.cjs') });
  const config = { endpoint: sandbox.url, region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } };
  once = new CognitoIdentityProviderClient({ ...config, maxAttempts: 1 });
  retrying = new CognitoIdentityProviderClient(config);
});

afterEach(async () => {
  await faultsApi('DELETE');
});

afterAll(async () => {
  once?.destroy();
  retrying?.destroy();
  await sandbox?.close();
});

describe('throttling', () => {
  it('answers TooManyRequestsException as Cognito does, and the SDK retries it as throttling before giving up', async () => {
    const w = await world();
    await createAdminUser(sandbox.cognito, w.poolId, 'alice', { password: PASSWORD });
    const fault = await inject({ kind: 'throttle', operation: 'InitiateAuth' });

    const raw = await rawCall(sandbox.url, 'AWSCognitoIdentityProviderService.InitiateAuth', {
      ClientId: w.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD },
    });
    expect(raw.status).toBe(400);
    expect(raw.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    expect(raw.json).toEqual({ __type: 'TooManyRequestsException', message: 'Rate exceeded' });

    // The SDK's default (standard) retry strategy: three attempts in all, then the error.
    const events = await eventsDuring(sandbox.app, async () => {
      const error = await failure(signIn(w, 'alice', retrying));
      expect(error.name).toBe('TooManyRequestsException');
      expect(error.message).toBe('Rate exceeded');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.$metadata.attempts).toBe(3);
    });
    const hits = injectedEvents(events);
    expect(hits).toHaveLength(3);
    expect(hits[0]!.data).toMatchObject({
      faultId: fault.id,
      kind: 'throttle',
      description: 'throttle on InitiateAuth',
      operation: 'InitiateAuth',
      error: { type: 'TooManyRequestsException', message: 'Rate exceeded' },
    });
    expect(hits[0]!.poolId).toBe(w.poolId);
    expect(events.filter((e) => e.type === 'api.called').map((e) => e.type === 'api.called' && e.data.error?.type)).toEqual(Array(3).fill('TooManyRequestsException'));

    const listed = (await faultsApi('GET')).json.faults as Fault[];
    expect(listed).toEqual([expect.objectContaining({ id: fault.id, hits: 4 })]);

    expect((await faultsApi('DELETE', `/${fault.id}`)).json).toEqual({ removed: true });
    const answer = await signIn(w, 'alice', retrying);
    expect(answer.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(answer.$metadata.attempts).toBe(1);
  });

  it('a throttle the SDK retries through: the first attempt throttled, the retry answered', async () => {
    const w = await world();
    await createAdminUser(sandbox.cognito, w.poolId, 'bob', { password: PASSWORD });
    const fault = await inject({ kind: 'throttle', operation: 'InitiateAuth' });
    // Switched off as soon as it has hit once: the SDK's second attempt gets through.
    const off = sandbox.app.bus.subscribe((event) => {
      if (event.type === 'fault.injected') sandbox.app.services.faults.remove(fault.id);
    });
    try {
      const answer = await signIn(w, 'bob', retrying);
      expect(answer.AuthenticationResult?.AccessToken).toBeTruthy();
      expect(answer.$metadata.attempts).toBe(2);
    } finally {
      off();
    }
  });

  it('by category: a UserCreation throttle refuses SignUp and AdminCreateUser, not InitiateAuth', async () => {
    const w = await world();
    await createAdminUser(sandbox.cognito, w.poolId, 'carol', { password: PASSWORD });
    await inject({ kind: 'throttle', category: 'UserCreation' });
    expect((await failure(signUp(w, 'dave'))).name).toBe('TooManyRequestsException');
    expect((await failure(once.send(new AdminCreateUserCommand({ UserPoolId: w.poolId, Username: 'erin', MessageAction: 'SUPPRESS' })))).name).toBe(
      'TooManyRequestsException',
    );
    expect((await signIn(w, 'carol')).AuthenticationResult).toBeDefined();
    expect((await once.send(new ListUsersCommand({ UserPoolId: w.poolId }))).Users).toHaveLength(1);
  });

  it('by pool: a fault on one pool leaves another alone, the pool found from the ClientId', async () => {
    const hit = await world();
    const spared = await world();
    for (const w of [hit, spared]) await createAdminUser(sandbox.cognito, w.poolId, 'frank', { password: PASSWORD });
    await inject({ kind: 'throttle', poolId: hit.poolId });
    expect((await failure(signIn(hit, 'frank'))).name).toBe('TooManyRequestsException');
    expect((await failure(once.send(new AdminGetUserCommand({ UserPoolId: hit.poolId, Username: 'frank' })))).name).toBe('TooManyRequestsException');
    expect((await signIn(spared, 'frank')).AuthenticationResult).toBeDefined();
    expect((await once.send(new AdminGetUserCommand({ UserPoolId: spared.poolId, Username: 'frank' }))).Username).toBe('frank');
  });

  it('at a rate: 50 % throttles some calls and not others; 0 % none', async () => {
    const w = await world();
    const half = await inject({ kind: 'throttle', operation: 'ListUsers', rate: 50 });
    expect(half.description).toBe('throttle 50 % on ListUsers');
    const outcomes = await Promise.all(
      Array.from({ length: 24 }, () => once.send(new ListUsersCommand({ UserPoolId: w.poolId })).then(() => 'ok', (error: Error) => error.name)),
    );
    expect(new Set(outcomes)).toEqual(new Set(['ok', 'TooManyRequestsException']));
    const throttled = outcomes.filter((outcome) => outcome !== 'ok').length;
    expect((await faultsApi('GET')).json.faults[0].hits).toBe(throttled);

    await faultsApi('DELETE');
    await inject({ kind: 'throttle', operation: 'ListUsers', rate: 0 });
    for (let i = 0; i < 10; i++) await once.send(new ListUsersCommand({ UserPoolId: w.poolId }));
  });
});

describe('latency', () => {
  it('delays the operation by the milliseconds asked, and says so in its flow', async () => {
    const w = await world();
    await createAdminUser(sandbox.cognito, w.poolId, 'grace', { password: PASSWORD });
    await inject({ kind: 'latency', operation: 'InitiateAuth', ms: 300 });
    const started = performance.now();
    const events = await eventsDuring(sandbox.app, () => signIn(w, 'grace'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    const [hit] = injectedEvents(events);
    expect(hit?.data).toMatchObject({ kind: 'latency', ms: 300, description: 'latency +300 ms on InitiateAuth' });
    const started2 = performance.now();
    await once.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username: 'grace' }));
    expect(performance.now() - started2).toBeLessThan(290);
  });
});

describe('races', () => {
  it('a throttle switched off while a delayed call waits no longer hits it; concurrent calls count every hit once', async () => {
    const w = await world();
    await inject({ kind: 'latency', operation: 'ListUsers', ms: 400 });
    const throttle = await inject({ kind: 'throttle', operation: 'ListUsers' });
    const waiting = once.send(new ListUsersCommand({ UserPoolId: w.poolId }));
    // Once the call is waiting out its latency:
    await new Promise<void>((resolve) => {
      const stop = sandbox.app.bus.subscribe((event) => {
        if (event.type === 'fault.injected' && event.data.kind === 'latency') {
          stop();
          resolve();
        }
      });
    });
    expect((await faultsApi('DELETE', `/${throttle.id}`)).status).toBe(200);
    expect((await waiting).Users).toEqual([]);

    await faultsApi('DELETE');
    const again = await inject({ kind: 'throttle', operation: 'ListUsers' });
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => once.send(new ListUsersCommand({ UserPoolId: w.poolId }))));
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    expect((await faultsApi('GET')).json.faults).toEqual([expect.objectContaining({ id: again.id, hits: 10 })]);
  });
});

describe('trigger faults', () => {
  const withPreSignUp = () => world({ LambdaConfig: { PreSignUp: arn('returns-event') } });

  it('a timeout ends as Cognito ends it after its three attempts, at once, in the flow', async () => {
    const w = await withPreSignUp();
    await inject({ kind: 'trigger', trigger: 'PreSignUp', mode: 'timeout', poolId: w.poolId });
    const started = performance.now();
    const events = await eventsDuring(sandbox.app, async () => {
      const error = await failure(signUp(w, 'heidi'));
      expect(error.name).toBe('UnexpectedLambdaException');
      expect(error.message).toBe('PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.');
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(invoked(events)).toHaveLength(3);
    const hits = injectedEvents(events);
    expect(hits).toHaveLength(3);
    const flowId = events.find((e) => e.type === 'flow.started')!.flowId;
    expect(flowId).toBeTruthy();
    expect(hits.every((hit) => hit.flowId === flowId && hit.data.trigger === 'PreSignUp')).toBe(true);
    expect(hits[0]!.data.error).toEqual({ type: 'UnexpectedLambdaException', message: 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.' });
    const trace = await (await fetch(`${sandbox.url}/_sandbox/api/flows/${flowId}`, { headers: { accept: 'text/plain' } })).text();
    expect(trace).toMatch(/FAULT {8}PreSignUp times out in us-east-1_\w+ \(injected fault, hit 3\)\n/);
    expect((await once.send(new ListUsersCommand({ UserPoolId: w.poolId }))).Users).toEqual([]);
  });

  it('a throw answers UserLambdaValidationException with the message; another trigger is not hit', async () => {
    const w = await withPreSignUp();
    await inject({ kind: 'trigger', trigger: 'PreSignUp', mode: 'throw', message: 'database down' });
    const error = await failure(signUp(w, 'ivan'));
    expect(error.name).toBe('UserLambdaValidationException');
    expect(error.message).toBe('PreSignUp failed with error database down.');

    await faultsApi('DELETE');
    await inject({ kind: 'trigger', trigger: 'PostConfirmation', mode: 'throw' });
    expect((await signUp(w, 'judy')).UserSub).toBeTruthy();
  });
});

describe('delivery faults', () => {
  it('email: SignUp answers CodeDeliveryFailureException, the user is created, nothing reaches the outbox', async () => {
    const w = await world();
    await inject({ kind: 'delivery', channel: 'EMAIL', operation: 'SignUp' });
    const events = await eventsDuring(sandbox.app, async () => {
      const error = await failure(signUp(w, 'kim'));
      expect(error.name).toBe('CodeDeliveryFailureException');
      expect(error.message).toBe('Invalid email provided/Unable to send the email');
    });
    expect(events.some((e) => e.type === 'message.sent')).toBe(false);
    const [hit] = injectedEvents(events);
    expect(hit?.flowId).toBe(events.find((e) => e.type === 'flow.started')!.flowId);
    expect(hit?.data).toMatchObject({ kind: 'delivery', channel: 'EMAIL', operation: 'SignUp' });
    expect(sandbox.app.store.outbox.list({ poolId: w.poolId, limit: 10 })).toEqual([]);
    expect((await once.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username: 'kim' }))).UserStatus).toBe('UNCONFIRMED');
  });

  it('SMS: an AdminCreateUser invitation by SMS fails, the email channel does not', async () => {
    const w = await world({ SmsConfiguration: SMS_CONFIGURATION });
    await inject({ kind: 'delivery', channel: 'SMS', message: 'Phone carrier unreachable' });
    const error = await failure(
      once.send(
        new AdminCreateUserCommand({ UserPoolId: w.poolId, Username: 'leo', DesiredDeliveryMediums: ['SMS'], UserAttributes: attrs({ phone_number: '+15550100' }) }),
      ),
    );
    expect(error.name).toBe('CodeDeliveryFailureException');
    expect(error.message).toBe('Phone carrier unreachable');
    expect((await once.send(new AdminGetUserCommand({ UserPoolId: w.poolId, Username: 'leo' }))).UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(sandbox.app.store.outbox.list({ poolId: w.poolId, limit: 10 })).toEqual([]);

    await signUp(w, 'mia');
    expect(sandbox.app.store.outbox.list({ poolId: w.poolId, limit: 10 }).map((m) => m.channel)).toEqual(['EMAIL']);
  });
});

describe('identity provider faults, through the hosted UI', () => {
  const CALLBACK = 'http://localhost:3000/callback';
  let poolId: string;
  let clientId: string;

  beforeAll(async () => {
    ({ poolId, clientId } = await createFederatedPool(sandbox, { name: 'faults-federation', callbackUrl: CALLBACK, googleClientId: 'faults-google' }));
  });

  const authorize = (provider: string) =>
    `${sandbox.url}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, scope: 'openid email', state: 'app-state', identity_provider: provider })}`;

  /** The redirect back to the app, as its query. */
  function atApp(hop: Hop): Record<string, string> {
    expect(hop.status).toBe(302);
    expect(hop.location?.startsWith(CALLBACK)).toBe(true);
    return Object.fromEntries(new URL(hop.location!).searchParams);
  }

  /** Google sends the browser back with a code; the token endpoint is where the fault hits (Google itself is never called). */
  async function backFromGoogle(): Promise<{ hop: Hop; events: SandboxEvent[] }> {
    const browser = new FetchBrowser();
    const atGoogle = await browser.get(authorize('Google'));
    const state = new URL(atGoogle.location!).searchParams.get('state')!;
    let hop!: Hop;
    const events = await eventsDuring(sandbox.app, async () => {
      hop = await browser.get(`${sandbox.url}/oauth2/idpresponse?${new URLSearchParams({ code: 'a-google-code', state })}`);
    });
    return { hop, events };
  }

  it("an OIDC or social provider's token endpoint erroring or timing out reaches the app as Cognito redirects it", async () => {
    await inject({ kind: 'idp', poolId, providerName: 'Google' });
    const { hop, events } = await backFromGoogle();
    expect(atApp(hop)).toEqual({ error_description: 'Google Error - 500 error getting token', state: 'app-state', error: 'invalid_request' });
    const [hit] = injectedEvents(events);
    expect(hit?.data).toMatchObject({ kind: 'idp', providerName: 'Google', error: { type: 'invalid_request', message: 'Google Error - 500 error getting token' } });
    expect(hit?.flowId).toBeTruthy();
    expect(events.filter((e) => e.type === 'http.exchanged' && e.data.lane === 'idp')).toEqual([]);

    await faultsApi('DELETE');
    await inject({ kind: 'idp', providerName: 'Google', mode: 'timeout' });
    expect(atApp((await backFromGoogle()).hop)).toMatchObject({ error: 'invalid_request', error_description: 'Timeout occurred in calling IdP token endpoint' });

    await faultsApi('DELETE');
    await inject({ kind: 'idp', mode: 'error', message: 'upstream directory unavailable' });
    expect(atApp((await backFromGoogle()).hop).error_description).toBe('Google Error - 500 server_error upstream directory unavailable');
  });

  /** A SAML sign-in through the mock IdP, as the first person it offers: the hop back to the app and the flow's plain-text trace. */
  async function signInWithMockSaml(): Promise<{ hop: Hop; trace: string }> {
    const browser = new FetchBrowser();
    const page = await browser.follow(await browser.get(authorize('MockSAML')));
    const form = loginForm(page.body, page.url);
    const answer = await browser.post(form.action, { ...form.fields, person: peopleOffered(page.body)[0]! });
    const posted = loginForm(answer.body, answer.url);
    let hop!: Hop;
    const events = await eventsDuring(sandbox.app, async () => {
      hop = await browser.post(`${sandbox.url}/saml2/idpresponse`, { SAMLResponse: posted.fields.SAMLResponse!, RelayState: posted.fields.RelayState! });
    });
    const flowId = events.find((e) => e.type === 'federation.responded')!.flowId;
    const trace = await (await fetch(`${sandbox.url}/_sandbox/api/flows/${flowId}`, { headers: { accept: 'text/plain' } })).text();
    return { hop, trace };
  }

  it('a SAML provider answers a Responder status: server_error to the app, nobody created; the trace says which check failed', async () => {
    await inject({ kind: 'idp', providerName: 'MockSAML', message: 'directory offline' });
    const refused = await signInWithMockSaml();
    expect(atApp(refused.hop)).toMatchObject({
      error: 'server_error',
      error_description: 'Invalid SAML response received: The identity provider answered urn:oasis:names:tc:SAML:2.0:status:Responder: directory offline (injected fault).',
      state: 'app-state',
    });
    expect((await once.send(new ListUsersCommand({ UserPoolId: poolId }))).Users).toEqual([]);
    expect(refused.trace).toMatch(/ idp {10}to MockSAML \(saml\) at http:\/\//);
    expect(refused.trace).toMatch(/ FAULT {8}identity provider MockSAML errors \(injected fault, hit 1\)\n/);
    expect(refused.trace).toMatch(/ idp FAIL {5}MockSAML: check "Status is Success" failed: The identity provider answered urn:oasis:names:tc:SAML:2.0:status:Responder: directory offline/);

    await faultsApi('DELETE');
    const signedIn = await signInWithMockSaml();
    expect(atApp(signedIn.hop).code).toBeTruthy();
    expect(signedIn.trace).toMatch(/ idp {10}MockSAML answered for \S+: \d+ checks passed\n/);
    expect(signedIn.trace).toMatch(/ mapped {7}new user MockSAML_\S+: \d+ of \d+ attributes written\n/);
  });
});

describe('MFA code delivery', () => {
  it('an SMS_MFA sign-in answers CodeDeliveryFailureException when the UserAuthentication category\'s SMS fails', async () => {
    const w = await world({ SmsConfiguration: SMS_CONFIGURATION });
    await once.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: w.poolId,
        MfaConfiguration: 'ON',
        SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your sign-in code: {####}', SmsConfiguration: SMS_CONFIGURATION },
      }),
    );
    await createAdminUser(sandbox.cognito, w.poolId, 'nina', { password: PASSWORD, attributes: { phone_number: '+15555550123', phone_number_verified: 'true' } });
    const user = sandbox.app.store.users.findByKey(w.poolId, 'nina')!;
    sandbox.app.store.users.save({ ...user, mfa: { enabled: ['SMS_MFA'], preferred: 'SMS_MFA' } });
    await inject({ kind: 'delivery', category: 'UserAuthentication', channel: 'SMS' });
    const error = await failure(signIn(w, 'nina'));
    expect(error.name).toBe('CodeDeliveryFailureException');
    expect(sandbox.app.store.outbox.list({ poolId: w.poolId, limit: 10 })).toEqual([]);

    await faultsApi('DELETE');
    expect((await signIn(w, 'nina')).ChallengeName).toBe('SMS_MFA');
  });
});

describe('the faults API', () => {
  it('publishes faults.changed as the list changes, and lists what it holds', async () => {
    const events = await eventsDuring(sandbox.app, async () => {
      await inject({ kind: 'throttle', category: 'UserAuthentication', rate: 25 });
      await inject({ kind: 'idp', providerName: 'Okta', mode: 'timeout' });
      expect((await faultsApi('DELETE')).json).toEqual({ removed: 2 });
    });
    const changes = events.filter((e): e is Extract<SandboxEvent, { type: 'faults.changed' }> => e.type === 'faults.changed');
    expect(changes.map((e) => e.data.faults.map((f) => f.description))).toEqual([
      ['throttle 25 % on UserAuthentication'],
      ['throttle 25 % on UserAuthentication', 'identity provider Okta times out'],
      [],
    ]);
    expect((await faultsApi('GET')).json).toEqual({ faults: [] });
  });

  it('the sandbox Reset switches every fault off', async () => {
    await inject({ kind: 'latency', ms: 5 });
    const reset = await fetch(`${sandbox.url}/_sandbox/api/admin/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect((await faultsApi('GET')).json).toEqual({ faults: [] });
  });

  it.each([
    [{}, 'kind is required: one of throttle, latency, trigger, delivery, idp.'],
    [{ kind: 'meteor' }, 'Unknown kind meteor: it is one of throttle, latency, trigger, delivery, idp.'],
    [{ kind: 'throttle', rate: 101 }, 'rate must be a number from 0 to 100 (%).'],
    [{ kind: 'throttle', rate: -1 }, 'rate must be a number from 0 to 100 (%).'],
    [{ kind: 'throttle', rate: '50' }, 'rate must be a number from 0 to 100 (%).'],
    [{ kind: 'throttle', operation: 'DropTables' }, 'Unknown operation DropTables: Cognito has no operation of that name.'],
    [{ kind: 'throttle', category: 'UserTeleport' }, expect.stringMatching(/^Unknown category UserTeleport: it is one of UserAuthentication, /)],
    [{ kind: 'throttle', category: 'UserFederation' }, expect.stringContaining('inject an idp fault instead')],
    [{ kind: 'throttle', operation: 'SignUp', category: 'UserCreation' }, 'Give operation or category, not both.'],
    [{ kind: 'throttle', ms: 5 }, 'A throttle fault takes poolId, operation, category, rate; not ms.'],
    [{ kind: 'latency' }, 'ms is required for a latency fault: 1 to 60000 milliseconds.'],
    [{ kind: 'latency', ms: 1e9 }, 'ms must be a number from 1 to 60000 (milliseconds).'],
    [{ kind: 'trigger', trigger: 'PreLunch' }, expect.stringMatching(/^Unknown trigger PreLunch: it is one of PreSignUp, /)],
    [{ kind: 'trigger', mode: 'explode' }, 'Unknown mode explode: it is one of timeout, throw.'],
    [{ kind: 'trigger', message: 'x' }, 'message applies to a trigger that throws (mode "throw").'],
    [{ kind: 'delivery', channel: 'PIGEON' }, 'Unknown channel PIGEON: it is one of EMAIL, SMS.'],
    [{ kind: 'delivery', operation: 'ListUsers' }, expect.stringMatching(/^ListUsers sends no code or invitation/)],
    [{ kind: 'idp', mode: 'throw' }, 'Unknown mode throw: it is one of error, timeout.'],
    [{ kind: 'throttle', poolId: 'us-east-1_nothere00' }, 'No user pool or identity pool us-east-1_nothere00 in this sandbox.'],
    [{ kind: 'throttle', poolId: 'x'.repeat(300) }, 'poolId must be text of 1 to 256 characters without control characters.'],
    [{ kind: 'idp', providerName: 'a\u0000b' }, 'providerName must be text of 1 to 256 characters without control characters.'],
    [[{ kind: 'throttle' }], 'The body must be a JSON object: {"kind": "throttle", ...}.'],
  ])('refuses %j with 400', async (body, message) => {
    const { status, json } = await faultsApi('POST', '', body);
    expect(status).toBe(400);
    expect(json).toEqual({ error: 'bad_request', message });
  });

  it('refuses unreadable bodies, other content types, unknown ids and more than a hundred faults, never with a 500', async () => {
    for (const unreadable of ['{"kind":', 'null', '"throttle"']) expect((await faultsApi('POST', '', unreadable)).status).toBe(400);
    expect(await faultsApi('POST', '', 'kind=throttle', 'application/x-www-form-urlencoded')).toEqual({
      status: 400,
      json: { error: 'bad_request', message: 'The body must be JSON (Content-Type: application/json).' },
    });
    expect((await faultsApi('POST', '', JSON.stringify({ kind: 'throttle', message: 'x'.repeat(20_000) }))).status).toBe(413);
    expect(await faultsApi('DELETE', '/no-such-fault')).toEqual({ status: 404, json: { error: 'not_found', message: 'No fault no-such-fault: it is off already.' } });
    for (let i = 0; i < 100; i++) await inject({ kind: 'throttle', rate: 0 });
    const { status, json } = await faultsApi('POST', '', { kind: 'throttle', rate: 0 });
    expect({ status, json }).toEqual({ status: 400, json: { error: 'bad_request', message: 'At most 100 faults can be on at once: switch some off first.' } });
  });
});
