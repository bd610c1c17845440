/**
 * Flow export (`GET /_sandbox/api/flows/{id}/export/{format}`) and the plain-text trace: flows
 * made by real clients in one sandbox, exported in every format; the exported test files run
 * for real (one child Vitest run for all of them) against a second, fresh sandbox and pass.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DOMParser } from '@xmldom/xmldom';
import {
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { parseArgs } from '../../src-main/config/args.js';
import { buildSteps, lanesOf } from '../../src-renderer/lib/flow-model.js';
import { rawCall, startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';
import { arn, fixture } from '../support/triggers.js';
import { createAdminUser, createClient, createPool } from '../support/world.js';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const PASSWORD = 'Passw0rd!';

let source: TestSandbox;
let fresh: TestSandbox;
const traced: string[] = [];
/** The flows made in the source sandbox, by what they are. */
const flows: Record<'signUp' | 'refusedSignUp' | 'newPassword' | 'srp' | 'wrongPassword' | 'editedAtBreakpoint' | 'totpSetup', string> = {} as never;

async function exportOf(flowId: string, format: string, sandbox = source): Promise<Response> {
  return fetch(`${sandbox.url}/_sandbox/api/flows/${flowId}/export/${format}`);
}

async function newestFlowId(sandbox: TestSandbox): Promise<string> {
  const [newest] = (await (await fetch(`${sandbox.url}/_sandbox/api/flows?limit=1`)).json()) as { id: string }[];
  return newest!.id;
}

async function eventsOf(flowId: string): Promise<SandboxEvent[]> {
  return ((await (await fetch(`${source.url}/_sandbox/api/flows/${flowId}`)).json()) as { events: SandboxEvent[] }).events;
}

function recordedSessions(events: SandboxEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'api.called' && typeof (e.data.response as { Session?: string })?.Session === 'string' ? [(e.data.response as { Session: string }).Session] : []));
}

function srpSignIn(poolId: string, clientId: string, username: string, password: string): Promise<unknown> {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: source.url });
  return new Promise((resolve, reject) =>
    new CognitoUser({ Username: username, Pool: pool }).authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), { onSuccess: resolve, onFailure: reject }),
  );
}

async function makeFlows(cognito: CognitoIdentityProviderClient): Promise<void> {
  const poolId = await createPool(cognito, { PoolName: 'export', LambdaConfig: { PreSignUp: arn('auto-confirm') } });
  const { clientId } = await createClient(cognito, poolId, { ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'alice', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }] }));
  flows.signUp = await newestFlowId(source);

  await createAdminUser(cognito, poolId, 'bob', { password: 'Temp0rary!', permanent: false });
  const first = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD: 'Temp0rary!' } }));
  await cognito.send(
    new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: first.Session, ChallengeResponses: { USERNAME: 'bob', NEW_PASSWORD: 'N3w-Passw0rd!' } }),
  );
  flows.newPassword = await newestFlowId(source);

  await srpSignIn(poolId, clientId, 'alice', PASSWORD);
  flows.srp = await newestFlowId(source);

  const wrong = cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Wrong-Passw0rd!' } }));
  await expect(wrong).rejects.toThrow('Incorrect username or password.');
  flows.wrongPassword = await newestFlowId(source);

  const refusingPool = await createPool(cognito, { PoolName: 'refusing', LambdaConfig: { PreSignUp: arn('callback-error') } });
  const refusing = await createClient(cognito, refusingPool, { ClientName: 'web' });
  const refused = cognito.send(new SignUpCommand({ ClientId: refusing.clientId, Username: 'mallory', Password: PASSWORD }));
  await expect(refused).rejects.toThrow('PreSignUp failed with error Bad password.');
  flows.refusedSignUp = await newestFlowId(source);
}

/** A sign-in in a pool that requires MFA: MFA_SETUP, an authenticator app associated and verified with its code, then the tokens. */
async function signInSettingUpTotp(cognito: CognitoIdentityProviderClient): Promise<void> {
  const poolId = await createPool(cognito, { PoolName: 'totp' });
  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }));
  const { clientId } = await createClient(cognito, poolId, { ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await createAdminUser(cognito, poolId, 'tess', { password: PASSWORD });
  const first = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'tess', PASSWORD } }));
  expect(first.ChallengeName).toBe('MFA_SETUP');
  const associated = await cognito.send(new AssociateSoftwareTokenCommand({ Session: first.Session }));
  const code = new TOTP({ secret: Secret.fromBase32(associated.SecretCode!), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
  const verified = await cognito.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: code }));
  const done = await cognito.send(
    new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'MFA_SETUP', Session: verified.Session, ChallengeResponses: { USERNAME: 'tess' } }),
  );
  expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
  flows.totpSetup = await newestFlowId(source);
}

/** A sign-up paused at a PreSignUp breakpoint, its event edited to confirm the user, then resumed: what the new user does in the window. */
async function signUpEditedAtBreakpoint(cognito: CognitoIdentityProviderClient): Promise<void> {
  const poolId = await createPool(cognito, { PoolName: 'edited', LambdaConfig: { PreSignUp: arn('returns-event') } });
  const { clientId } = await createClient(cognito, poolId, { ClientName: 'web' });
  const api = (route: string, body: unknown) =>
    fetch(`${source.url}/_sandbox/api${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect((await api('/breakpoints', { poolId, point: 'trigger', trigger: 'PreSignUp' })).status).toBe(201);
  const signUp = cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'carol', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }] }));
  let paused: { pauseId: string; event: { response: Record<string, unknown> } } | undefined;
  while (!paused) [paused] = ((await (await fetch(`${source.url}/_sandbox/api/paused`)).json()) as { paused: (typeof paused)[] }).paused;
  const event = { ...paused.event, response: { ...paused.event.response, autoConfirmUser: true } };
  expect((await api(`/paused/${paused.pauseId}`, { action: 'edit', event })).status).toBe(200);
  expect((await signUp).UserConfirmed).toBe(true);
  flows.editedAtBreakpoint = await newestFlowId(source);
}

beforeAll(async () => {
  const config = path.join(tempDir('flow-export-'), 'sandbox.json');
  fs.writeFileSync(config, JSON.stringify({ lambdaHandlers: { 'auto-confirm': fixture('auto-confirm.cjs'), 'callback-error': fixture('callback-error.cjs'), 'returns-event': fixture('returns-event.cjs') } }));
  const write = process.stdout.write.bind(process.stdout);
  const keepTraces = ((chunk: string | Uint8Array, ...rest: never[]) => {
    // A trace is kept, not printed: the test log stays quiet.
    if (typeof chunk === 'string' && chunk.startsWith('flow ')) return traced.push(chunk) > 0;
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  vi.spyOn(process.stdout, 'write').mockImplementation(keepTraces);
  [source, fresh] = await Promise.all([startSandbox({ configFile: config, traceFlows: true }), startSandbox()]);
  await makeFlows(source.cognito);
  await signUpEditedAtBreakpoint(source.cognito);
  await signInSettingUpTotp(source.cognito);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await Promise.all([source?.close(), fresh?.close()]);
});

describe('the exported test file', () => {
  it('passes against a fresh sandbox: a sign-up with its PreSignUp answer, one refused by PreSignUp, one whose event was edited at a breakpoint, NEW_PASSWORD_REQUIRED, SRP and a wrong password', async () => {
    const dir = fs.mkdtempSync(path.join(tempDir('flow-export-run-'), 'tests-'));
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const names: string[] = [];
    for (const flowId of Object.values(flows)) {
      const response = await exportOf(flowId, 'vitest');
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')![1]!;
      const text = await response.text();
      // The replay's own server-made values, never the recorded ones.
      for (const session of recordedSessions(await eventsOf(flowId))) expect(text).not.toContain(session);
      fs.writeFileSync(path.join(dir, name), text);
      names.push(name);
    }
    expect(names).toContain(`sign-up-alice-${new Date().toISOString().slice(0, 10)}.test.ts`);

    const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
    const child = await run(process.execPath, [vitest, 'run', '--root', dir, '--reporter=json'], {
      cwd: dir,
      env: { ...process.env, SANDBOX_URL: fresh.url, PASSWORD: 'Replay-Passw0rd!' },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout: string; stderr: string }) => error);
    const report = JSON.parse(child.stdout.slice(child.stdout.indexOf('{'))) as { numPassedTests: number; numTotalTests: number; testResults: { name: string; status: string; message: string }[] };
    const failures = report.testResults.filter((file) => file.status !== 'passed').map((file) => `${path.basename(file.name)}: ${file.message}`);
    expect(failures).toEqual([]);
    expect(report.numPassedTests).toBe(names.length);

    // The replay made its own flows in the fresh sandbox: the sign-up's user was created as the canned PreSignUp answer said.
    const replayed = (await (await fetch(`${fresh.url}/_sandbox/api/flows?limit=100`)).json()) as { kind: string; outcome: string; state: string }[];
    expect(replayed.filter((f) => f.kind === 'sign-up').map((f) => `${f.outcome} ${f.state}`).sort()).toEqual(['failure refused', 'success confirmed', 'success confirmed'].sort());
  }, 120_000);

  it('sets up the pool, the user before the flow and the trigger answers, and checks each step', async () => {
    const signUp = await (await exportOf(flows.signUp, 'vitest')).text();
    expect(signUp).toContain("await sandboxApi('/breakpoints', {");
    expect(signUp).toContain('trigger: "PreSignUp"');
    expect(signUp).toContain('autoConfirmUser: true');
    expect(signUp).not.toContain("must('AdminCreateUser'");
    expect(signUp).toContain('expect(outcome(signUp1)).toEqual({ status: 200, UserConfirmed: true });');

    const newPassword = await (await exportOf(flows.newPassword, 'vitest')).text();
    expect(newPassword).toContain(`await must('AdminCreateUser', { UserPoolId: poolId, Username: "bob", TemporaryPassword: PASSWORD`);
    expect(newPassword).not.toContain("'AdminSetUserPassword'");
    expect(newPassword).toContain('NEW_PASSWORD: NEW_PASSWORD');
    expect(newPassword).toContain('Session: latest.Session');

    const srp = await (await exportOf(flows.srp, 'vitest')).text();
    expect(srp).toContain("import { AuthenticationHelper, DateHelper } from 'amazon-cognito-identity-js';");
    expect(srp).toMatch(/SRP cannot be replayed call by call/);

    const wrong = await (await exportOf(flows.wrongPassword, 'vitest')).text();
    expect(wrong).toContain('PASSWORD: WRONG_PASSWORD');
    expect(wrong).toContain('{ status: 400, error: "NotAuthorizedException" }');

    const refused = await (await exportOf(flows.refusedSignUp, 'vitest')).text();
    expect(refused).toContain('failWith: "Bad password"');

    // The authenticator app's code is made from the key the replay's own AssociateSoftwareToken answers.
    const totp = await (await exportOf(flows.totpSetup, 'vitest')).text();
    expect(totp).toContain("import { Secret, TOTP } from 'otpauth';");
    expect(totp).toMatch(/const (totp\d+) = totpNow\(latest\.SecretCode\);\n.*call\("VerifySoftwareToken", \{ UserCode: \1, Session: latest\.Session \}\)/);
    expect(totp).not.toContain('***');
    const snippet = await (await exportOf(flows.totpSetup, 'sdk')).text();
    expect(snippet).toMatch(/const (associateSoftwareToken\d+) = await cognito\.send\(new AssociateSoftwareTokenCommand[\s\S]*UserCode: totpNow\(\1\.SecretCode!\)/);
    expect(() => transformSync(snippet, { loader: 'ts', format: 'esm' })).not.toThrow();
    const script = await (await exportOf(flows.totpSetup, 'curl')).text();
    expect(script).toContain('TOTP_CODE=$(oathtool --totp --base32 "$SECRET_CODE")');
    expect(script).toContain('"UserCode": "${TOTP_CODE}"');
  });
});

describe('the other formats', () => {
  it('curl: a bash script of the calls with their X-Amz-Target, masked secrets as variables, that runs', async () => {
    const response = await exportOf(flows.newPassword, 'curl');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="password-sign-in-bob-\d{4}-\d\d-\d\d\.sh"$/);
    const script = await response.text();
    expect(script.match(/X-Amz-Target: AWSCognitoIdentityProviderService\.\w+/g)).toEqual([
      'X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth',
      'X-Amz-Target: AWSCognitoIdentityProviderService.RespondToAuthChallenge',
    ]);
    expect(script).toContain('PASSWORD=${PASSWORD:?');
    expect(script).toContain('"NEW_PASSWORD": "${NEW_PASSWORD}"');
    expect(script).toContain('"Session": "${SESSION}"');
    expect(script).not.toContain('***');

    // The password sign-in of a user who is there, replayed by the script itself.
    await createAdminUser(source.cognito, (await eventsOf(flows.newPassword))[0]!.poolId!, 'carol', { password: PASSWORD });
    const again = script.replaceAll('"USERNAME": "bob"', '"USERNAME": "carol"');
    const file = path.join(tempDir('flow-export-curl-'), 'replay.sh');
    fs.writeFileSync(file, again);
    const { stdout } = await run('bash', [file], { env: { ...process.env, SANDBOX_URL: source.url, PASSWORD, NEW_PASSWORD: 'unused' } });
    expect(stdout).toContain('"AuthenticationResult"');
  });

  it('curl: recorded values that are shell syntax reach the sandbox as they were sent, never run', async () => {
    const clientId = (await eventsOf(flows.newPassword)).find((e) => e.type === 'flow.started')!.data as { clientId: string };
    const hostile = '`touch${IFS}pwned`$(touch${IFS}pwned)\\"\'';
    const attempt = source.cognito.send(new InitiateAuthCommand({ ClientId: clientId.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: hostile, PASSWORD } }));
    await expect(attempt).rejects.toThrow();
    const flowId = await newestFlowId(source);
    const dir = tempDir('flow-export-hostile-');
    fs.writeFileSync(path.join(dir, 'replay.sh'), await (await exportOf(flowId, 'curl')).text());
    await run('bash', ['replay.sh'], { cwd: dir, env: { ...process.env, SANDBOX_URL: source.url, PASSWORD } });
    expect(fs.existsSync(path.join(dir, 'pwned'))).toBe(false);
    const replayed = (await eventsOf(await newestFlowId(source))).find((e) => e.type === 'api.called')!;
    expect(replayed.flowId).not.toBe(flowId);
    expect((replayed.data as { request: { AuthParameters: { USERNAME: string } } }).request.AuthParameters.USERNAME).toBe(hostile);
  });

  it('sdk: an AWS SDK v3 snippet that compiles, one command per call, the Session taken from the answer before', async () => {
    const response = await exportOf(flows.newPassword, 'sdk');
    expect(response.headers.get('content-disposition')).toMatch(/filename="password-sign-in-bob-[\d-]+\.sdk\.ts"/);
    const snippet = await response.text();
    expect(snippet).toContain("import { CognitoIdentityProviderClient, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';");
    expect(snippet).toContain('Session: initiateAuth1.Session');
    expect(() => transformSync(snippet, { loader: 'ts', format: 'esm' })).not.toThrow();

    const wrong = await (await exportOf(flows.wrongPassword, 'sdk')).text();
    expect(wrong).toContain('.catch((error) => console.log(error.name, error.message));');
  });

  it('mermaid: the sequence view\'s participants and messages', async () => {
    const response = await exportOf(flows.signUp, 'mermaid');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const steps = buildSteps(await eventsOf(flows.signUp));
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('sequenceDiagram');
    expect(lines.filter((l) => l.startsWith('  participant')).map((l) => l.replace(/^  participant (\w+) as .*$/, '$1'))).toEqual(lanesOf(steps).map((lane) => lane.id));
    expect(lines.length - 1 - lanesOf(steps).length).toBe(steps.length);
    expect(text).toContain('  client->>sandbox: SignUp\n');
    expect(text).toContain('  sandbox->>trigger: PreSignUp_SignUp<br/>auto-confirm\n');
    expect(text).toMatch(/ {2}sandbox-->>client: 200 OK<br\/>\d+ ms\n/);
  });

  it('svg: a standalone SVG of the same steps', async () => {
    const response = await exportOf(flows.wrongPassword, 'svg');
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = new DOMParser().parseFromString(await response.text(), 'image/svg+xml');
    const root = svg.documentElement!;
    expect(root.nodeName).toBe('svg');
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    const steps = buildSteps(await eventsOf(flows.wrongPassword));
    expect(Array.from(root.getElementsByTagName('g')).filter((g) => g.getAttribute('data-step')).length).toBe(steps.length);
    const texts = Array.from(root.getElementsByTagName('text')).map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['Client app', 'Sandbox', 'Lambda triggers', 'Outbox', 'InitiateAuth', '400 NotAuthorizedException']));
  });

  it('json: the flow and its events', async () => {
    const response = await exportOf(flows.srp, 'json');
    expect(response.headers.get('content-disposition')).toMatch(/filename="srp-sign-in-alice-[\d-]+\.json"/);
    const body = (await response.json()) as { flow: { id: string; kind: string }; events: SandboxEvent[] };
    expect(body.flow).toMatchObject({ id: flows.srp, kind: 'USER_SRP_AUTH', outcome: 'success' });
    expect(body.events).toEqual(await eventsOf(flows.srp));
  });

  it('a flow with no user pool call to replay (an identity pool\'s) exports a skipped test, and its diagram', async () => {
    const created = await rawCall(source.url, 'AWSCognitoIdentityService.CreateIdentityPool', { IdentityPoolName: 'guests', AllowUnauthenticatedIdentities: true });
    const got = await rawCall(source.url, 'AWSCognitoIdentityService.GetId', { IdentityPoolId: created.json.IdentityPoolId });
    expect(got.status).toBe(200);
    const flowId = await newestFlowId(source);
    const test = await exportOf(flowId, 'vitest');
    expect(test.status).toBe(200);
    expect(await test.text()).toMatch(/^it\.skip\(".*it made no Cognito user pool API call to replay/m);
    for (const format of ['curl', 'sdk', 'mermaid', 'svg', 'json']) expect((await exportOf(flowId, format)).status).toBe(200);
  });

  it('hostile input: an unknown flow is 404, an unknown format 400, a broken path 400, all JSON', async () => {
    const unknownFlow = await exportOf('no-such-flow', 'curl');
    expect(unknownFlow.status).toBe(404);
    expect(await unknownFlow.json()).toEqual({ error: 'not_found', message: 'No flow no-such-flow.' });
    const unknownFormat = await exportOf(flows.srp, 'pdf');
    expect(unknownFormat.status).toBe(400);
    expect(await unknownFormat.json()).toEqual({ error: 'bad_request', message: 'No export format pdf: use one of curl, sdk, vitest, mermaid, svg, json.' });
    const broken = await exportOf('%E0%A4%A', 'curl');
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toBe('bad_request');
    const textTrace = await fetch(`${source.url}/_sandbox/api/flows/no-such-flow`, { headers: { accept: 'text/plain' } });
    expect(textTrace.status).toBe(404);
    expect((await textTrace.json()).error).toBe('not_found');
  });
});

describe('the plain-text trace', () => {
  it('answers Accept: text/plain with one line per step, and JSON to everyone else', async () => {
    const text = await fetch(`${source.url}/_sandbox/api/flows/${flows.newPassword}`, { headers: { accept: 'text/plain' } });
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = (await text.text()).trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^flow ${flows.newPassword} USER_PASSWORD_AUTH user bob client \\w+ pool us-east-1_\\w+$`));
    expect(lines[1]).toMatch(/^ {2}started \d{4}-.*Z; SUCCESS after [\d.]+m?s$/);
    const steps = lines.slice(2).map((line) => line.replace(/^ +\+[\d.]+m?s {2}/, ''));
    expect(steps[0]).toMatch(/^call {9}InitiateAuth → 200 challenge NEW_PASSWORD_REQUIRED \(\d+ ms\)$/);
    expect(steps).toContain('challenge    NEW_PASSWORD_REQUIRED');
    expect(steps.find((s) => s.startsWith('token        id '))).toMatch(/sub=[0-9a-f-]{36} cognito:username=bob aud=\w+ exp=\d{4}-/);
    expect(steps.at(-1)).toBe('ended        success');

    const json = await fetch(`${source.url}/_sandbox/api/flows/${flows.newPassword}`);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await json.json()).id).toBe(flows.newPassword);
    const browserLike = await fetch(`${source.url}/_sandbox/api/flows/${flows.newPassword}`, { headers: { accept: 'text/html,application/json;q=0.9,*/*;q=0.8' } });
    expect(browserLike.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('--trace-flows prints each flow\'s trace when it ends: why a sign-in failed, and what a trigger answered', async () => {
    expect(parseArgs(['--trace-flows']).traceFlows).toBe(true);
    expect(parseArgs([]).traceFlows).toBeUndefined();
    await vi.waitFor(() => expect(Object.values(flows).filter((id) => !traced.some((trace) => trace.startsWith(`flow ${id} `)))).toEqual([]));
    const wrong = traced.find((trace) => trace.startsWith(`flow ${flows.wrongPassword}`))!;
    expect(wrong).toMatch(/FAILURE \(wrong password\)/);
    expect(wrong).toMatch(/call FAILED {2}InitiateAuth → 400 NotAuthorizedException: Incorrect username or password\./);
    const refused = traced.find((trace) => trace.startsWith(`flow ${flows.refusedSignUp}`))!;
    expect(refused).toMatch(/trigger FAIL PreSignUp: UserLambdaValidationException: PreSignUp failed with error Bad password\./);
    const signUp = traced.find((trace) => trace.startsWith(`flow ${flows.signUp}`))!;
    expect(signUp).toMatch(/trigger ok {3}PreSignUp answered in \d+ ms \{"autoConfirmUser":true/);
    const edited = traced.find((trace) => trace.startsWith(`flow ${flows.editedAtBreakpoint}`))!;
    expect(edited).toMatch(/PAUSED {7}before PreSignUp_SignUp \(breakpoint [\w-]+\); AWS SDK for JavaScript v3 waits for ever\n/);
    expect(edited).toMatch(/resumed {6}before PreSignUp: continued with an edited event after [\d.]+m?s: response\.autoConfirmUser: false → true\n/);
  });
});
