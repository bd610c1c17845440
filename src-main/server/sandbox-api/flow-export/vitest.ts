/**
 * A flow as a self-contained Vitest file that replays it against a sandbox: it sets up a pool
 * and app client like the flow's (new ids), the user that existed before the flow, and the
 * trigger answers the flow recorded (canned breakpoint answers, so no function has to exist),
 * then makes the flow's calls one by one and checks that each answers as it did (the same
 * status and error type, or the same challenge, tokens, confirmation), and that the flow ends
 * in the same outcome and state. Server-made values (Session, tokens, codes, sub) come from
 * the replay's own answers and the outbox.
 */
import { camel, commentText, plainLiteral, tsLiteral } from './code.js';
import { flowTitle } from './naming.js';
import { answerNote, RESPONSE_SHAPE_SOURCE, Slot, slotsOf, type ExportPlan, type Json, type PasswordName, type ReplayCall, type SetupUser, type Value } from './plan.js';

const PASSWORD_DEFAULTS: Record<PasswordName, string> = {
  PASSWORD: "process.env.PASSWORD ?? 'Replay-Passw0rd!'",
  NEW_PASSWORD: "process.env.NEW_PASSWORD ?? 'Replay-N3w-Passw0rd!'",
  WRONG_PASSWORD: "'Not-The-Passw0rd-9!'",
  SHORT_PASSWORD: "'x'",
};

const PASSWORD_NOTES: Record<PasswordName, string> = {
  PASSWORD: "the user's password (masked in the recording); the default meets Cognito's default policy",
  NEW_PASSWORD: 'the new password the flow set',
  WRONG_PASSWORD: 'the flow sent a wrong password here',
  SHORT_PASSWORD: "the flow sent a password the pool's policy refused",
};

const RUNTIME = `type Answer = { status: number; body: any; error?: string };

async function call(operation: string, input: object): Promise<Answer> {
  const response = await fetch(SANDBOX_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': \`AWSCognitoIdentityProviderService.\${operation}\` },
    body: JSON.stringify(input),
  });
  const body = await response.json();
  const error = response.ok ? undefined : String(body.__type ?? 'Unknown').split('#').pop();
  remember(body);
  return { status: response.status, body, ...(error && { error }) };
}

/** A set-up call that must work. */
async function must(operation: string, input: object): Promise<any> {
  const answer = await call(operation, input);
  if (answer.error) throw new Error(\`\${operation} failed: \${answer.error}: \${answer.body.message}\`);
  return answer.body;
}

async function sandboxApi(path: string, body?: object, method = body ? 'POST' : 'GET'): Promise<any> {
  const response = await fetch(\`\${SANDBOX_URL}/_sandbox/api\${path}\`, { method, ...(body && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
  if (!response.ok) throw new Error(\`\${path}: HTTP \${response.status} \${await response.text()}\`);
  return response.json();
}

/** What the replay made, removed after it: its pool and its breakpoints. */
const made: { poolId?: string; breakpoints: string[] } = { breakpoints: [] };
afterAll(async () => {
  for (const id of made.breakpoints) await sandboxApi(\`/breakpoints/\${id}\`, undefined, 'DELETE');
  if (made.poolId) await call('DeleteUserPool', { UserPoolId: made.poolId });
});

/** What the next calls send back: the latest Session, tokens, USER_ID_FOR_SRP and authenticator key the sandbox answered. */
const latest: Record<string, any> = {};
function remember(body: any): void {
  if (body.Session) latest.Session = body.Session;
  if (body.SecretCode) latest.SecretCode = body.SecretCode;
  if (body.ChallengeParameters) latest.ChallengeParameters = body.ChallengeParameters;
  if (body.ChallengeParameters?.USER_ID_FOR_SRP) latest.USER_ID_FOR_SRP = body.ChallengeParameters.USER_ID_FOR_SRP;
  for (const token of ['AccessToken', 'IdToken', 'RefreshToken']) if (body.AuthenticationResult?.[token]) latest[token] = body.AuthenticationResult[token];
}

${RESPONSE_SHAPE_SOURCE}

function outcome(answer: Answer): Record<string, unknown> {
  return answer.error ? { status: answer.status, error: answer.error } : { status: answer.status, ...responseShape(answer.body) };
}

/** How the replay's flow ended: the newest flow of its kind in the replay's pool. */
async function flowEnd(poolId: string, kind: string): Promise<{ outcome: string | null; state: string } | undefined> {
  const flows: any[] = await sandboxApi('/flows?limit=1000');
  const flow = flows.find((f) => f.poolId === poolId && f.kind === kind);
  return flow && { outcome: flow.outcome, state: flow.state };
}`;

const CODE_RUNTIME = `/** The newest code the sandbox's outbox holds for \`to\` (the replay's own, never the recorded one). */
async function codeFor(poolId: string, to: string | undefined): Promise<string> {
  const messages: any[] = await sandboxApi(\`/outbox?pool=\${encodeURIComponent(poolId)}\${to ? \`&to=\${encodeURIComponent(to)}\` : ''}\`);
  const code = messages.filter((m) => m.code).at(-1)?.code;
  if (!code) throw new Error(\`no code in the outbox for \${to ?? poolId}\`);
  return code;
}

/** A code that is not \`code\` (the flow sent a wrong one). */
const wrongCode = (code: string) => code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10);`;

const TOTP_RUNTIME = `/** The authenticator app's code now for the key AssociateSoftwareToken answered the replay (otpauth, as an app computes it). */
const totpNow = (secretCode: string) => new TOTP({ secret: Secret.fromBase32(secretCode), algorithm: 'SHA1', digits: 6, period: 30 }).generate();`;

const SECRET_HASH_RUNTIME = `/** SECRET_HASH for the replay's client secret. */
const secretHashOf = (clientId: string, clientSecret: string, username: string) =>
  createHmac('sha256', clientSecret).update(username + clientId).digest('base64');`;

const SRP_RUNTIME = `/**
 * SRP cannot be replayed call by call as recorded: the client's SRP_A and its password proof
 * are new each run. The replay computes them with amazon-cognito-identity-js's own
 * AuthenticationHelper, as CognitoUser.authenticateUser does.
 */
const require = createRequire(import.meta.url);
const { default: BigInteger } = require('amazon-cognito-identity-js/lib/BigInteger.js');

async function srpStart(poolId: string) {
  const poolName = poolId.split('_')[1]!;
  const helper = new AuthenticationHelper(poolName);
  const A: any = await new Promise((resolve, reject) => helper.getLargeAValue((error: unknown, value: unknown) => (error ? reject(error) : resolve(value))));
  return {
    SRP_A: A.toString(16) as string,
    /** PASSWORD_VERIFIER's responses for the challenge's parameters. */
    async prove(parameters: Record<string, string>, password: string): Promise<Record<string, string>> {
      const userId = parameters.USER_ID_FOR_SRP!;
      const key: Buffer = await new Promise((resolve, reject) =>
        helper.getPasswordAuthenticationKey(userId, password, new BigInteger(parameters.SRP_B, 16), new BigInteger(parameters.SALT, 16), (error: unknown, hkdf: Buffer) =>
          error ? reject(error) : resolve(hkdf),
        ),
      );
      const TIMESTAMP = new DateHelper().getNowString();
      const message = Buffer.concat([Buffer.from(poolName), Buffer.from(userId), Buffer.from(parameters.SECRET_BLOCK!, 'base64'), Buffer.from(TIMESTAMP)]);
      return {
        PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK!,
        TIMESTAMP,
        PASSWORD_CLAIM_SIGNATURE: createHmac('sha256', Buffer.from(key)).update(message).digest('base64'),
      };
    },
  };
}`;

/** The statements of one call: what it needs first (a code, an SRP proof), the call, the check of its answer. */
function callStatements(call: ReplayCall, index: number, state: { srp?: string }): string[] {
  const before: string[] = [];
  const name = `${camel(call.operation)}${index + 1}`;
  const slots = slotsOf(call.request);
  if (slots.some((s) => s.placeholder.kind === 'srp' && s.placeholder.part === 'SRP_A')) {
    state.srp = `srp${index + 1}`;
    before.push(`const ${state.srp} = await srpStart(poolId);`);
  }
  const proving = slots.some((s) => s.placeholder.kind === 'srp' && s.placeholder.part !== 'SRP_A');
  if (proving) before.push(`const proof${index + 1} = await ${state.srp ?? '(await srpStart(poolId))'}.prove(latest.ChallengeParameters, PASSWORD);`);
  let codes = 0;
  const slotCode = (slot: Slot): string => {
    const p = slot.placeholder;
    switch (p.kind) {
      case 'poolId':
        return 'poolId';
      case 'clientId':
        return 'clientId';
      case 'password':
        return p.name;
      case 'previous':
        return `latest.${p.member}`;
      case 'code': {
        const variable = `code${index + 1}${codes++ ? `_${codes}` : ''}`;
        const read = `await codeFor(poolId, ${JSON.stringify(p.to)})`;
        before.push(`const ${variable} = ${p.wrong ? `wrongCode(${read})` : read};`);
        return variable;
      }
      case 'secretHash':
        return `secretHashOf(clientId, clientSecret, ${tsLiteral(p.username, slotCode)})`;
      case 'srp':
        return p.part === 'SRP_A' ? `${state.srp}.SRP_A` : `proof${index + 1}.${p.part}`;
      case 'totp': {
        const variable = `totp${index + 1}`;
        before.push(`const ${variable} = ${p.wrong ? 'wrongCode(totpNow(latest.SecretCode))' : 'totpNow(latest.SecretCode)'};`);
        return variable;
      }
      case 'masked':
        return `'***' /* ${p.key}: masked in the recording, not replayable */`;
    }
  };
  const request = tsLiteral(call.request, slotCode, '  ');
  const expected = call.error ? { status: call.status, error: call.error.type } : { status: call.status, ...call.shape };
  return [
    `  // ${index + 1}. ${call.operation}: answered ${commentText(answerNote(call))}`,
    ...before.map((line) => `  ${line}`),
    `  const ${name} = await call(${JSON.stringify(call.operation)}, ${request});`,
    `  expect(outcome(${name})).toEqual(${plainLiteral(expected, '  ')});`,
  ];
}

const POOL_ID = new Slot({ kind: 'poolId' }, undefined);

/** A set-up call's input, its pool the replay's (`POOL_ID` where it goes); members left undefined are left out. */
function withPoolId(input: Json): string {
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  return tsLiteral(defined as Value, () => 'poolId', '  ');
}

/** LambdaConfig with only the triggers the flow called (the replay answers those; a set-up call must not meet another). */
function recordedTriggersOnly(lambdaConfig: Json | undefined, plan: ExportPlan): Json | undefined {
  if (!lambdaConfig) return undefined;
  const called = new Set(plan.triggers.map((t) => t.trigger));
  const kept = Object.fromEntries(
    Object.entries(lambdaConfig).filter(([key]) =>
      called.has(key) || (key === 'PreTokenGenerationConfig' && called.has('PreTokenGeneration')) || (key === 'KMSKeyID' && (called.has('CustomEmailSender') || called.has('CustomSMSSender'))),
    ),
  );
  return Object.keys(kept).length > 0 ? kept : undefined;
}

function userStatements(user: SetupUser, plan: ExportPlan): string[] {
  const inPool = `UserPoolId: poolId, Username: ${JSON.stringify(user.username)}`;
  const attributes = user.attributes.length > 0 ? `, UserAttributes: ${plainLiteral(user.attributes, '  ')}` : '';
  if (user.status === 'UNCONFIRMED') {
    const secret = plan.client?.hasSecret ? `, SecretHash: secretHashOf(clientId, clientSecret, ${JSON.stringify(user.username)})` : '';
    return [`  await must('SignUp', { ClientId: clientId, Username: ${JSON.stringify(user.username)}, Password: PASSWORD${attributes}${secret} });`];
  }
  const lines = [`  await must('AdminCreateUser', { ${inPool}, TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS'${attributes} });`];
  if (user.status !== 'FORCE_CHANGE_PASSWORD') lines.push(`  await must('AdminSetUserPassword', { ${inPool}, Password: PASSWORD, Permanent: true });`);
  if (user.status === 'RESET_REQUIRED') lines.push(`  await must('AdminResetUserPassword', { ${inPool} });`);
  if (!user.enabled) lines.push(`  await must('AdminDisableUser', { ${inPool} });`);
  return lines;
}

function setupStatements(plan: ExportPlan): string[] {
  const create = plan.pool?.create ?? { PoolName: 'replay' };
  const lambdaConfig = recordedTriggersOnly(create.LambdaConfig, plan);
  const poolInput = { ...create, LambdaConfig: lambdaConfig };
  if (!lambdaConfig) delete poolInput.LambdaConfig;
  const lines = [
    `  // The pool${plan.pool ? ' as the flow found it' : ' (the flow\'s is gone: a plain one)'}, with the triggers the flow called.`,
    `  const { UserPool } = await must('CreateUserPool', ${plainLiteral(poolInput, '  ')});`,
    '  const poolId: string = UserPool.Id;',
    '  made.poolId = poolId;',
  ];
  if (plan.pool?.mfaConfig) {
    const { MfaConfiguration, SmsMfaConfiguration, SoftwareTokenMfaConfiguration, EmailMfaConfiguration, WebAuthnConfiguration } = plan.pool.mfaConfig;
    const mfa = { UserPoolId: POOL_ID, MfaConfiguration, SmsMfaConfiguration, SoftwareTokenMfaConfiguration, EmailMfaConfiguration, WebAuthnConfiguration };
    lines.push(`  await must('SetUserPoolMfaConfig', ${withPoolId(mfa)});`);
  }
  const client = plan.client?.create ?? { ClientName: 'replay', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] };
  lines.push(
    `  const { UserPoolClient } = await must('CreateUserPoolClient', ${withPoolId({ UserPoolId: POOL_ID, ...client })});`,
    '  const clientId: string = UserPoolClient.ClientId;',
  );
  if (plan.client?.hasSecret) lines.push('  const clientSecret: string = UserPoolClient.ClientSecret;');
  if (plan.triggers.length > 0) {
    lines.push('', '  // What the flow\'s triggers answered, given as breakpoint answers: no function runs, the answers are the recorded ones.');
    for (const answer of plan.triggers) {
      const body = { poolId: POOL_ID, point: 'trigger', trigger: answer.trigger, ...(answer.failWith !== undefined ? { failWith: answer.failWith } : { respondWith: answer.respondWith }) };
      lines.push(`  made.breakpoints.push((await sandboxApi('/breakpoints', ${withPoolId(body)})).breakpoint.id);`);
    }
  }
  if (plan.users.length > 0) {
    lines.push('', '  // The user as they were before the flow, with a known password.');
    for (const user of plan.users) lines.push(...userStatements(user, plan));
  }
  return lines;
}

/** A flow without Cognito API calls (a hosted login's pages, an identity pool's calls): a file that says so. */
function nothingToReplay(plan: ExportPlan): string {
  return [
    `// Flow ${plan.flow.id}: ${commentText(flowTitle(plan.flow))}.`,
    "import { it } from 'vitest';",
    '',
    `it.skip(${JSON.stringify(`replays ${flowTitle(plan.flow)}: it made no Cognito user pool API call to replay (hosted UI pages and identity pool calls are not replayed)`)}, () => {});`,
    '',
  ].join('\n');
}

export function vitestFile(plan: ExportPlan, sandboxUrl: string): string {
  if (plan.calls.length === 0) return nothingToReplay(plan);
  const slots = plan.calls.flatMap((call) => slotsOf(call.request));
  const uses = (kind: Slot['placeholder']['kind']) => slots.some((s) => s.placeholder.kind === kind);
  const secretHash = uses('secretHash') || (plan.client?.hasSecret && plan.users.some((u) => u.status === 'UNCONFIRMED'));
  const imports = [
    ...(secretHash || plan.srp ? ["import { createHmac } from 'node:crypto';"] : []),
    ...(plan.srp ? ["import { createRequire } from 'node:module';", "import { AuthenticationHelper, DateHelper } from 'amazon-cognito-identity-js';"] : []),
    ...(uses('totp') ? ["import { Secret, TOTP } from 'otpauth';"] : []),
    "import { afterAll, expect, it } from 'vitest';",
  ];
  const title = commentText(flowTitle(plan.flow));
  const state = {};
  const calls = plan.calls.flatMap((call, index) => ['', ...callStatements(call, index, state)]);
  const ending = { outcome: plan.flow.outcome, state: plan.flow.state };
  return [
    '/**',
    ` * A replay of flow ${plan.flow.id}: ${title}.`,
    ' * Exported by Cognito Sandbox. Against a sandbox (SANDBOX_URL), it sets up a pool and app client',
    " * like the flow's, the user that existed before it and the answers its triggers gave, then makes",
    ' * the flow\'s calls and checks each answers as it did, and that the flow ends the same way.',
    ' *',
    ` *   SANDBOX_URL=${commentText(sandboxUrl)} npx vitest run <this file>`,
    ...(plan.srp ? [' *', ' * Its SRP sign-in is replayed with amazon-cognito-identity-js\'s SRP (see srpStart): SRP is new each run.'] : []),
    ...(uses('totp') ? [' *', " * Its authenticator app codes are made with otpauth (npm i -D otpauth) from the key the replay is given."] : []),
    ' */',
    ...imports,
    '',
    `const SANDBOX_URL = process.env.SANDBOX_URL ?? ${JSON.stringify(sandboxUrl)};`,
    ...plan.passwords.map((name) => `/** ${PASSWORD_NOTES[name]}. */\nconst ${name} = ${PASSWORD_DEFAULTS[name]};`),
    '',
    RUNTIME,
    ...(uses('code') || slots.some((s) => s.placeholder.kind === 'totp' && s.placeholder.wrong) ? ['', CODE_RUNTIME] : []),
    ...(uses('totp') ? ['', TOTP_RUNTIME] : []),
    ...(secretHash ? ['', SECRET_HASH_RUNTIME] : []),
    ...(plan.srp ? ['', SRP_RUNTIME] : []),
    '',
    `it(${JSON.stringify(`replays ${flowTitle(plan.flow)}`)}, async () => {`,
    ...setupStatements(plan),
    ...calls,
    '',
    `  // The flow ends as it did${plan.flow.reason ? ` (${commentText(plan.flow.reason)})` : ''}.`,
    `  expect(await flowEnd(poolId, ${JSON.stringify(plan.flow.kind)})).toEqual(${plainLiteral(ending)});`,
    '}, 30_000);',
    '',
  ].join('\n');
}
