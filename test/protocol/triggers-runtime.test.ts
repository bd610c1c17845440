/**
 * The trigger runtime on a real sandbox, with local handler modules (test/fixtures/triggers):
 * JavaScript and TypeScript, async and callback style, failures as Cognito reports them,
 * timeouts, console capture, warm reuse, and the custom senders' local KMS.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LambdaConfigType } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { m003 } from '../../src-main/store/migrations/003_triggers.js';
import type { UserPool } from '../../src-main/store/repositories/user-pools.js';
import { LocalKmsKeysRepository } from '../../src-main/store/repositories/local-kms-keys.js';
import { customEmailSenderEvent } from '../../src-main/triggers/events/customEmailSender.js';
import { customSmsSenderEvent } from '../../src-main/triggers/events/customSmsSender.js';
import { preSignUpEvent, readPreSignUpResponse } from '../../src-main/triggers/events/preSignUp.js';
import {
  customizeAccessTokenClaims,
  customizeIdTokenClaims,
  preTokenGenerationEvent,
  readPreTokenGenerationResponse,
} from '../../src-main/triggers/events/preTokenGeneration.js';
import { readUserMigrationResponse, userMigrationEvent } from '../../src-main/triggers/events/userMigration.js';
import { readVerifyAuthChallengeResponse, verifyAuthChallengeEvent } from '../../src-main/triggers/events/verifyAuthChallenge.js';
import { decrypt } from '../../src-main/triggers/local-kms.js';
import { Triggers } from '../../src-main/triggers/runtime.js';
import { startSandbox, tempDir, type TestSandbox } from '../support/sandbox.js';
import { arn, fixture } from '../support/triggers.js';
import { createPool } from '../support/world.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const editable = path.join(tempDir('triggers-runtime-'), 'editable.cjs');
const handlers = {
  'auto-confirm': fixture('auto-confirm.cjs'),
  echo: fixture('echo.mjs'),
  claims: fixture('claims.ts'),
  'default-export': fixture('default-export.ts'),
  throws: fixture('throws.cjs'),
  'callback-error': fixture('callback-error.cjs'),
  slow: fixture('slow.cjs'),
  counter: fixture('counter.cjs'),
  'not-json': fixture('not-json.cjs'),
  'no-handler': fixture('no-handler.cjs'),
  'sync-return': fixture('sync-return.cjs'),
  'decrypt-code': fixture('decrypt-code.ts'),
  missing: fixture('does-not-exist.cjs'),
  editable,
};

let sandbox: TestSandbox;
let triggers: Triggers;
let events: SandboxEvent[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  // 003_triggers is registered by the lead; until then the test applies it itself.
  sandbox.app.store.db.write((tx) => {
    if (!tx.get("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'local_kms_keys'")) tx.run(m003);
  });
  sandbox.app.bus.subscribe((event) => events.push(event));
  triggers = new Triggers(sandbox.app.services, { handlers });
});

afterAll(async () => {
  await triggers?.close();
  await sandbox?.close();
});

async function poolWith(LambdaConfig: LambdaConfigType): Promise<UserPool> {
  return sandbox.app.store.pools.findById(await createPool(sandbox.cognito, { PoolName: `triggers-${Date.now()}-${Math.random()}`, LambdaConfig }))!;
}

function signUpEvent(pool: UserPool, userName = 'alice', clientMetadata?: Record<string, string>) {
  return preSignUpEvent({
    triggerSource: 'PreSignUp_SignUp',
    userPoolId: pool.id,
    clientId: 'client1',
    userName,
    userAttributes: { email: `${userName}@example.com` },
    clientMetadata,
  });
}

function triggerEvents(since: number) {
  return events.filter((event) => event.seq > since && event.type.startsWith('trigger.'));
}

const lastSeq = () => events.at(-1)?.seq ?? 0;

describe('local handler modules', () => {
  it('runs a CommonJS callback-style handler, applies its answer and publishes both events', async () => {
    const pool = await poolWith({ PreSignUp: arn('auto-confirm') });
    const event = signUpEvent(pool);
    const since = lastSeq();

    const response = await triggers.invoke({ pool, trigger: 'PreSignUp', triggerSource: event.triggerSource, event, flowId: 'flow-1', read: (output) => readPreSignUpResponse(output, event) });

    expect(response).toEqual({ autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });
    const [invoked, returned] = triggerEvents(since);
    expect(invoked).toMatchObject({ type: 'trigger.invoked', flowId: 'flow-1', poolId: pool.id });
    expect(invoked!.data).toEqual({ trigger: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', functionName: 'auto-confirm', event });
    expect(returned).toMatchObject({ type: 'trigger.returned', flowId: 'flow-1', poolId: pool.id });
    if (returned?.type !== 'trigger.returned') throw new Error('no trigger.returned');
    expect(returned.data).toMatchObject({ trigger: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', functionName: 'auto-confirm' });
    expect(returned.data.response).toEqual({ ...event, response: { autoConfirmUser: true, autoVerifyPhone: false, autoVerifyEmail: true } });
    expect(returned.data.error).toBeUndefined();
    expect(returned.data.ms).toBeGreaterThan(0);
    const [line] = returned.data.logs!;
    const [time, requestId, level, message] = line!.split('\t');
    expect(new Date(time!).toISOString()).toBe(time);
    expect(requestId).toMatch(UUID);
    expect([level, message]).toEqual(['INFO', 'auto-confirming alice']);
  });

  it("runs an ESM module with Lambda's context and environment, capturing every console level", async () => {
    const pool = await poolWith({ PreSignUp: `${arn('echo')}:live` });
    const event = signUpEvent(pool);
    const since = lastSeq();

    const output = (await triggers.invoke({ pool, trigger: 'PreSignUp', event })) as { response: Record<string, any> };

    expect(output.response.context).toMatchObject({ functionName: 'echo', invokedFunctionArn: `${arn('echo')}:live` });
    expect(output.response.context.awsRequestId).toMatch(UUID);
    expect(output.response.context.remaining).toBeGreaterThan(0);
    expect(output.response.context.remaining).toBeLessThanOrEqual(5_000);
    expect(output.response.env).toEqual({ functionName: 'echo', region: 'us-east-1' });
    const returned = triggerEvents(since).find((e) => e.type === 'trigger.returned');
    if (returned?.type !== 'trigger.returned') throw new Error('no trigger.returned');
    expect(returned.data.logs!.map((line) => line.split('\t').slice(1))).toEqual([
      [output.response.context.awsRequestId, 'INFO', 'info line { n: 1 }'],
      [output.response.context.awsRequestId, 'WARN', 'warn line'],
      [output.response.context.awsRequestId, 'ERROR', 'error line'],
    ]);
  });

  it('runs a TypeScript module through tsx: a V2 pre token generation event, its answer applied to both tokens', async () => {
    const pool = await poolWith({ PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: arn('claims') } });
    expect(triggers.preTokenGenerationVersion(pool)).toBe('V2_0');
    const event = preTokenGenerationEvent({
      lambdaVersion: triggers.preTokenGenerationVersion(pool),
      triggerSource: 'TokenGeneration_Authentication',
      userPoolId: pool.id,
      clientId: 'client1',
      userName: 'alice',
      userAttributes: { sub: 'sub-1', email: 'alice@example.com' },
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
      scopes: ['aws.cognito.signin.user.admin', 'phone'],
    });
    expect(event.version).toBe('2');

    const customization = await triggers.invoke({ pool, trigger: 'PreTokenGeneration', event, read: (output) => readPreTokenGenerationResponse(output, event) });

    expect(customizeIdTokenClaims({ sub: 'sub-1', email: 'alice@example.com', token_use: 'id' }, customization)).toEqual({ sub: 'sub-1', token_use: 'id', tier: 'gold' });
    expect(customizeAccessTokenClaims({ sub: 'sub-1', scope: 'aws.cognito.signin.user.admin phone' }, customization)).toEqual({
      sub: 'sub-1',
      scope: 'aws.cognito.signin.user.admin api/read',
      tier: 'gold',
    });
    expect(customization.ignored).toEqual([{ token: 'id', name: 'sub', reason: 'sub cannot be changed by a pre token generation function' }]);
  });

  it('finds a TypeScript default export as the handler', async () => {
    const pool = await poolWith({ VerifyAuthChallengeResponse: arn('default-export') });
    const event = verifyAuthChallengeEvent({ userPoolId: pool.id, clientId: 'client1', userName: 'alice', userAttributes: {}, privateChallengeParameters: { answer: '5' }, challengeAnswer: '5' });

    await expect(triggers.invoke({ pool, trigger: 'VerifyAuthChallengeResponse', event, read: readVerifyAuthChallengeResponse })).resolves.toEqual({ answerCorrect: true });
  });

  it('keeps one warm instance per function and reuses it, across the pools that name it', async () => {
    const first = await poolWith({ PreSignUp: arn('counter') });
    const second = await poolWith({ PreSignUp: arn('counter') });
    const answers: { invocations: number; loadedAt: number }[] = [];
    for (const pool of [first, first, second]) {
      const output = (await triggers.invoke({ pool, trigger: 'PreSignUp', event: signUpEvent(pool) })) as { response: { invocations: number; loadedAt: number } };
      answers.push(output.response);
    }
    expect(answers.map((a) => a.invocations)).toEqual([1, 2, 3]);
    expect(new Set(answers.map((a) => a.loadedAt)).size).toBe(1);
  });

  it('serves concurrent invocations from separate instances, as Lambda scales out', async () => {
    const pool = await poolWith({ PreSignUp: arn('slow') });
    const outputs = (await Promise.all(
      [1, 2].map(() => triggers.invoke({ pool, trigger: 'PreSignUp', event: signUpEvent(pool, 'alice', { delayMs: '300' }) })),
    )) as { response: { invocations: number } }[];
    expect(outputs.map((o) => o.response.invocations)).toEqual([1, 1]);
  });

  it('loads a module again once it changes on disk', async () => {
    const pool = await poolWith({ PreSignUp: arn('editable') });
    const write = (version: string) => {
      fs.writeFileSync(editable, `exports.handler = async (event) => ({ ...event, response: { version: '${version}' } });\n`);
      fs.utimesSync(editable, new Date(), new Date(Date.now() + (version === 'one' ? 0 : 5_000)));
    };
    write('one');
    const first = (await triggers.invoke({ pool, trigger: 'PreSignUp', event: signUpEvent(pool) })) as { response: { version: string } };
    write('two');
    const second = (await triggers.invoke({ pool, trigger: 'PreSignUp', event: signUpEvent(pool) })) as { response: { version: string } };
    expect([first.response.version, second.response.version]).toEqual(['one', 'two']);
  });

  it('answers isConfigured from the pool, the versioned configurations included', async () => {
    const pool = await poolWith({
      PreSignUp: arn('auto-confirm'),
      PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: arn('claims') },
      CustomSMSSender: { LambdaVersion: 'V1_0', LambdaArn: arn('decrypt-code') },
      KMSKeyID: 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555',
    });
    expect(triggers.isConfigured(pool, 'PreSignUp')).toBe(true);
    expect(triggers.isConfigured(pool, 'PreTokenGeneration')).toBe(true);
    expect(triggers.functionFor(pool, 'PreTokenGeneration')).toEqual({ arn: arn('claims'), lambdaVersion: 'V3_0' });
    expect(triggers.functionFor(pool, 'CustomSMSSender')).toEqual({ arn: arn('decrypt-code'), lambdaVersion: 'V1_0' });
    expect(triggers.isConfigured(pool, 'CustomEmailSender')).toBe(false);
    expect(triggers.isConfigured(pool, 'PostConfirmation')).toBe(false);
    await expect(triggers.invoke({ pool, trigger: 'PostConfirmation', event: signUpEvent(pool) })).rejects.toThrow(`PostConfirmation is not configured for user pool ${pool.id}`);
  });

  it("masks a migrating user's password in both debugger events; the function gets it", async () => {
    const pool = await poolWith({ UserMigration: arn('echo') });
    const event = userMigrationEvent({ triggerSource: 'UserMigration_Authentication', userPoolId: pool.id, clientId: 'client1', userName: 'legacy', password: 'Secret-Passw0rd' });
    const since = lastSeq();

    const output = (await triggers.invoke({ pool, trigger: 'UserMigration', event })) as { request: { password: string } };

    expect(output.request.password).toBe('Secret-Passw0rd');
    const [invoked, returned] = triggerEvents(since);
    expect(JSON.stringify(invoked)).not.toContain('Secret-Passw0rd');
    expect(JSON.stringify(returned)).not.toContain('Secret-Passw0rd');
    expect((invoked!.data as { event: { request: { password: string } } }).event.request.password).toBe('***');
  });
});

describe('failures, as Cognito reports them', () => {
  async function failure(name: string, trigger: 'PreSignUp' | 'UserMigration' = 'PreSignUp') {
    const pool = await poolWith({ [trigger]: arn(name) });
    const event =
      trigger === 'PreSignUp'
        ? signUpEvent(pool, 'bob')
        : userMigrationEvent({ triggerSource: 'UserMigration_ForgotPassword', userPoolId: pool.id, clientId: 'client1', userName: 'bob' });
    const since = lastSeq();
    const read = trigger === 'PreSignUp' ? (output: unknown) => readPreSignUpResponse(output, event as ReturnType<typeof signUpEvent>) : readUserMigrationResponse;
    const error = await triggers.invoke({ pool, trigger, event, read }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    const returned = triggerEvents(since).find((e) => e.type === 'trigger.returned');
    if (returned?.type !== 'trigger.returned') throw new Error('no trigger.returned');
    return { error, returned: returned.data };
  }

  it('a thrown error is UserLambdaValidationException "{Trigger} failed with error {message}."', async () => {
    const { error, returned } = await failure('throws');
    expect(error).toMatchObject({ type: 'UserLambdaValidationException', message: 'PreSignUp failed with error Cannot register users with username less than the minimum length of 5.' });
    expect(returned.error).toEqual({ type: 'UserLambdaValidationException', message: 'PreSignUp failed with error Cannot register users with username less than the minimum length of 5.' });
    expect(returned.logs!.map((line) => line.split('\t')[3])).toEqual(['about to refuse bob']);
    expect(returned.response).toBeUndefined();
  });

  it("publishes what the function threw, with its stack, beside the caller's error", async () => {
    const { returned } = await failure('throws');
    const { trace, ...thrown } = returned.functionError!;
    expect(thrown).toEqual({ errorType: 'Error', errorMessage: 'Cannot register users with username less than the minimum length of 5' });
    expect(trace![0]).toBe('Error: Cannot register users with username less than the minimum length of 5');
    expect(trace!.at(-1)).toMatch(/^\s+at .*throws\.cjs:\d+:\d+/);
  });

  it('publishes no function error when the function answered (Cognito refused the answer) or could not be found; a module that fails to load is Runtime.ImportModuleError with its stack', async () => {
    expect((await failure('not-json')).returned.functionError).toBeUndefined();
    const missing = (await failure('missing')).returned.functionError!;
    expect(missing.errorType).toBe('Runtime.ImportModuleError');
    expect(missing.trace!.length).toBeGreaterThan(1);
    expect((await failure('nobody-home')).returned.functionError).toBeUndefined();
  });

  it('a callback error given as a string is the message', async () => {
    const { error } = await failure('callback-error', 'UserMigration');
    expect(error).toMatchObject({ type: 'UserLambdaValidationException', message: 'UserMigration failed with error Bad password.' });
  });

  it('an answer that is not the event is InvalidLambdaResponseException "Unrecognizable lambda output"', async () => {
    const { error, returned } = await failure('not-json');
    expect(error).toMatchObject({ type: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' });
    expect(returned.response).toBe('all good');
    expect(returned.error).toEqual({ type: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' });
  });

  it('a synchronous handler that returns without calling back answers null, which is no event', async () => {
    const { error, returned } = await failure('sync-return');
    expect(error).toMatchObject({ type: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' });
    expect(returned.response).toBeNull();
  });

  it("a module without a handler fails as Lambda's Runtime.HandlerNotFound", async () => {
    const { error } = await failure('no-handler');
    expect(error).toMatchObject({ type: 'UserLambdaValidationException', message: 'PreSignUp failed with error no-handler.handler is undefined or not exported.' });
  });

  it('a module that does not load fails as the import error', async () => {
    const { error } = await failure('missing');
    expect(error).toMatchObject({ type: 'UserLambdaValidationException' });
    expect((error as Error).message).toMatch(/^PreSignUp failed with error Error.*Cannot find module .*does-not-exist\.cjs/);
  });

  it('a function that knows no way to run names the function and both ways to map it', async () => {
    const { error, returned } = await failure('nobody-home');
    expect(error).toMatchObject({ type: 'UnexpectedLambdaException' });
    const message = (error as Error).message;
    expect(message).toMatch(/^PreSignUp invocation failed due to error: /);
    expect(message).toContain(`'nobody-home' (${arn('nobody-home')})`);
    expect(message).toContain('"lambdaHandlers": {"nobody-home": ');
    expect(message).toContain('--lambda-endpoint');
    expect(returned.error).toEqual({ type: 'UnexpectedLambdaException', message });
  });

  it('a function slower than the limit is terminated and tried three times, then UnexpectedLambdaException', async () => {
    const quick = new Triggers(sandbox.app.services, { handlers, timeoutMs: 400 });
    try {
      const pool = await poolWith({ PreSignUp: arn('slow') });
      const since = lastSeq();
      const started = performance.now();
      await expect(quick.invoke({ pool, trigger: 'PreSignUp', event: signUpEvent(pool) })).rejects.toMatchObject({
        type: 'UnexpectedLambdaException',
        message: 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.',
      });
      expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 400 - 50);
      const published = triggerEvents(since);
      expect(published.map((e) => e.type)).toEqual(['trigger.invoked', 'trigger.returned', 'trigger.invoked', 'trigger.returned', 'trigger.invoked', 'trigger.returned']);
      for (const returned of published.filter((e) => e.type === 'trigger.returned')) {
        expect((returned.data as { error: unknown }).error).toEqual({ type: 'UnexpectedLambdaException', message: 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.' });
      }
      // The timed-out instances were discarded: a fast answer now comes from a fresh one.
      const output = (await quick.invoke({ pool, trigger: 'PreSignUp', event: signUpEvent(pool, 'alice', { delayMs: '0' }) })) as { response: { invocations: number } };
      expect(output.response.invocations).toBe(1);
    } finally {
      await quick.close();
    }
  });
});

describe('custom sender triggers and the local KMS', () => {
  const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

  it("encrypts the code under the pool's KMSKeyID key; the handler decrypts it with local-kms's decrypt", async () => {
    const pool = await poolWith({ CustomEmailSender: { LambdaVersion: 'V1_0', LambdaArn: arn('decrypt-code') }, KMSKeyID: KMS_KEY });
    const code = triggers.encryptCode(pool, '123456');
    const event = customEmailSenderEvent({ triggerSource: 'CustomEmailSender_SignUp', userPoolId: pool.id, clientId: 'client1', userName: 'alice', userAttributes: { email: 'alice@example.com' }, code });
    const since = lastSeq();

    await expect(triggers.invoke({ pool, trigger: 'CustomEmailSender', event })).resolves.toBeUndefined();

    const returned = triggerEvents(since).find((e) => e.type === 'trigger.returned');
    if (returned?.type !== 'trigger.returned') throw new Error('no trigger.returned');
    expect(returned.data.error).toBeUndefined();
    expect(returned.data.logs!.map((line) => line.split('\t')[3])).toEqual([`code 123456 for ${pool.id}`]);
    const stored = new LocalKmsKeysRepository(sandbox.app.store.db).find(KMS_KEY)!;
    expect(stored.keyId).toBe(KMS_KEY);
    const { plaintext, messageHeader } = await decrypt(code, { key: stored.material });
    expect(plaintext.toString()).toBe('123456');
    expect(messageHeader).toEqual({ keyId: KMS_KEY, encryptionContext: { 'userpool-id': pool.id } });
  });

  it('keeps one key per KMSKeyID, shared by the pools that name it', async () => {
    const first = await poolWith({ CustomSMSSender: { LambdaVersion: 'V1_0', LambdaArn: arn('decrypt-code') }, KMSKeyID: KMS_KEY });
    const second = await poolWith({ CustomSMSSender: { LambdaVersion: 'V1_0', LambdaArn: arn('decrypt-code') }, KMSKeyID: KMS_KEY });
    const codes = [first, second].map((pool) => triggers.encryptCode(pool, 'Temp-Passw0rd!'));
    const key = new LocalKmsKeysRepository(sandbox.app.store.db).find(KMS_KEY)!.material;
    for (const code of codes) expect((await decrypt(code, { key })).plaintext.toString()).toBe('Temp-Passw0rd!');
  });

  it("a failing sender never fails the call (Cognito invokes it asynchronously), but its error is published", async () => {
    const pool = await poolWith({ CustomSMSSender: { LambdaVersion: 'V1_0', LambdaArn: arn('throws') }, KMSKeyID: KMS_KEY });
    const event = customSmsSenderEvent({ triggerSource: 'CustomSMSSender_Authentication', userPoolId: pool.id, clientId: 'client1', userName: 'bob', userAttributes: { phone_number: '+15555550100' }, code: triggers.encryptCode(pool, '654321') });
    const since = lastSeq();

    await expect(triggers.invoke({ pool, trigger: 'CustomSMSSender', event })).resolves.toBeUndefined();

    const returned = triggerEvents(since).find((e) => e.type === 'trigger.returned');
    expect((returned?.data as { error: unknown }).error).toEqual({
      type: 'UserLambdaValidationException',
      message: 'CustomSMSSender failed with error Cannot register users with username less than the minimum length of 5.',
    });
  });
});
