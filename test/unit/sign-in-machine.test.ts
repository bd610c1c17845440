import { createActor, fromPromise, waitFor, type AnyStateMachine, type SnapshotFrom } from 'xstate';
import { describe, expect, it } from 'vitest';
import { AWAITING_CLIENT } from '../../src-main/flows/runner.js';
import { FAILURES, signInMachine } from '../../src-main/flows/sign-in/machine.js';
import type { Account, AnswerEvent, MfaCodeCheck, MfaStep, PasswordCheck, PasswordVerifierState, RiskStep, SignInInput, SignInOutput } from '../../src-main/flows/sign-in/types.js';
import type { CreatedChallenge } from '../../src-main/triggers/events/createAuthChallenge.js';
import type { DefinedChallenge } from '../../src-main/triggers/events/defineAuthChallenge.js';
import type { TokenCustomization } from '../../src-main/triggers/events/preTokenGeneration.js';
import type { StoredRefreshToken } from '../../src-main/store/repositories/refresh-tokens.js';
import type { AuthenticationResult } from '../../src-main/tokens/tokens.js';

const POOL = 'us-east-1_Machine00';
const TOKENS: AuthenticationResult = { AccessToken: 'access', IdToken: 'id', RefreshToken: 'refresh', ExpiresIn: 3600, TokenType: 'Bearer' };

function account(overrides: Partial<Account> = {}): Account {
  return { username: 'alice', sub: 'sub-alice', status: 'CONFIRMED', enabled: true, temporaryPasswordExpired: false, ...overrides };
}

const VERIFIER: PasswordVerifierState = { A: 'aa', B: 'bb', b: 'private-b', secretBlock: 'block', salt: 'salt', userIdForSrp: 'alice' };

/** A world for the machine's actors: what each one answers, and what each was asked. */
interface World {
  account?: Account | null;
  /** The outcome of checking the password or the SRP proof. */
  check?: PasswordCheck['outcome'];
  /** The account after the check (defaults to `account`). */
  afterCheck?: Account;
  newPasswordError?: { type: string; message: string };
  /** The account the migrate user function makes (it refuses with `triggerError` otherwise). */
  migrated?: Account;
  /** The answers the define function gives, one per call. */
  defined?: DefinedChallenge[];
  /** The verify function's verdicts, one per call. */
  verdicts?: boolean[];
  /** The error a trigger actor throws. */
  triggerError?: { actor: string; error: { type: string; message: string } };
  /** Threat protection's verdict (allow when absent). */
  risk?: RiskStep;
}

const CUSTOMIZATION: TokenCustomization = {
  idToken: { claimsToAddOrOverride: { tier: 'gold' }, claimsToSuppress: [] },
  accessToken: { claimsToAddOrOverride: {}, claimsToSuppress: [], scopesToAdd: [], scopesToSuppress: [] },
  ignored: [],
};

function machineIn(world: World, calls: { actor: string; input: any }[] = []) {
  const record = <T>(actor: string, answer: (input: any) => T) =>
    fromPromise(async ({ input }: { input: any }) => {
      calls.push({ actor, input });
      return answer(input);
    });
  const checked = (): PasswordCheck =>
    world.check === 'correct' || world.check === undefined
      ? { outcome: 'correct', account: world.afterCheck ?? world.account ?? account() }
      : { outcome: world.check };
  return signInMachine.provide({
    actors: {
      findAccount: record('findAccount', () => (world.account === undefined ? account() : world.account)),
      startPasswordVerifier: record('startPasswordVerifier', (input) => ({ ...VERIFIER, userIdForSrp: input.account?.username ?? 'simulated-uuid' })),
      checkPassword: record('checkPassword', checked),
      checkPasswordClaim: record('checkPasswordClaim', (input) => (input.account ? checked() : { outcome: 'wrong' })),
      describeNewPasswordChallenge: record('describeNewPasswordChallenge', (): Record<string, string> => ({ USER_ID_FOR_SRP: 'alice', requiredAttributes: '[]', userAttributes: '{}' })),
      setNewPassword: record('setNewPassword', (input) => {
        if (world.newPasswordError) throw Object.assign(new Error(world.newPasswordError.message), world.newPasswordError);
        return { ...input.account, status: 'CONFIRMED' };
      }),
      issueTokens: record('issueTokens', () => TOKENS),
      migrateUser: record('migrateUser', () => {
        failIf('migrateUser');
        return world.migrated!;
      }),
      preAuthenticate: record('preAuthenticate', (input) => {
        failIf('preAuthenticate');
        return input.account ?? null;
      }),
      postAuthenticate: record('postAuthenticate', () => failIf('postAuthenticate')),
      customizeTokens: record<TokenCustomization | undefined>('customizeTokens', () => {
        failIf('customizeTokens');
        return CUSTOMIZATION;
      }),
      defineAuthChallenge: record('defineAuthChallenge', () => {
        failIf('defineAuthChallenge');
        return world.defined!.shift()!;
      }),
      createAuthChallenge: record<CreatedChallenge>('createAuthChallenge', (input) => ({
        publicChallengeParameters: { question: `round ${input.session.length + 1}` },
        privateChallengeParameters: { answer: '5' },
        challengeMetadata: 'QUESTION',
      })),
      verifyAuthChallenge: record('verifyAuthChallenge', () => ({ answerCorrect: world.verdicts!.shift()! })),
      // Threat protection's steps answer "nothing to see" unless the world says otherwise; they are not recorded, so the lists above stay those of a pool without it.
      checkCompromisedPassword: fromPromise(async () => false),
      assessRisk: fromPromise(async (): Promise<RiskStep> => world.risk ?? { outcome: 'allow' }),
      checkMfaCode: fromPromise(async (): Promise<MfaCodeCheck> => 'correct'),
      decideMfa: fromPromise(async ({ input }: { input: any }): Promise<MfaStep> => {
        calls.push({ actor: 'decideMfa', input });
        return input.riskMfa ? { step: 'challenge', factor: 'SOFTWARE_TOKEN_MFA' } : { step: 'none' };
      }),
    },
  });
  function failIf(actor: string): void {
    if (world.triggerError?.actor === actor) throw Object.assign(new Error(world.triggerError.error.message), world.triggerError.error);
  }
}

type Snapshot = SnapshotFrom<typeof signInMachine>;

const settled = (s: Snapshot) => s.status !== 'active' || s.hasTag(AWAITING_CLIENT);

async function start(input: Partial<SignInInput>, world: World = {}, calls?: { actor: string; input: any }[]) {
  const actor = createActor(machineIn(world, calls), {
    id: 'flow-1',
    input: { poolId: POOL, clientId: 'client', authFlow: 'USER_PASSWORD_AUTH', preventUserExistenceErrors: false, username: 'alice', password: 'pw', ...input },
  });
  actor.start();
  const snapshot = await waitFor(actor, settled);
  // What the runner stores while the flow awaits the client: the persisted snapshot, as JSON.
  const persisted = JSON.stringify(actor.getPersistedSnapshot());
  actor.stop();
  return { snapshot, persisted };
}

/** Answers the awaited challenge the way the runner does: resuming the persisted snapshot. */
async function answer(persisted: string, world: World, event: Omit<AnswerEvent, 'type'>, calls?: { actor: string; input: any }[]) {
  return (await answered(persisted, world, event, calls)).snapshot;
}

/** `answer`, also giving what the runner would store for the next answer. */
async function answered(persisted: string, world: World, event: Omit<AnswerEvent, 'type'>, calls?: { actor: string; input: any }[]) {
  const machine = machineIn(world, calls) as AnyStateMachine;
  const actor = createActor(machine, { id: 'flow-1', snapshot: JSON.parse(persisted) });
  actor.start();
  actor.send({ type: 'ANSWER', ...event });
  const snapshot = (await waitFor(actor, settled)) as Snapshot;
  const next = JSON.stringify(actor.getPersistedSnapshot());
  actor.stop();
  return { snapshot, persisted: next };
}

const outputOf = (snapshot: Snapshot) => snapshot.output as SignInOutput;

const expectFailure = (snapshot: Snapshot, failure: { reason: string; error: unknown }) => {
  expect(snapshot.status).toBe('done');
  expect(outputOf(snapshot)).toEqual({ outcome: 'failure', ...failure });
};

describe('the password flows (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH)', () => {
  it('sign a user in with the right password: find, check, issue', async () => {
    const calls: { actor: string; input: any }[] = [];
    const { snapshot } = await start({}, {}, calls);
    expect(outputOf(snapshot)).toEqual({ outcome: 'success', account: account(), result: TOKENS });
    expect(calls.map((c) => c.actor)).toEqual(['findAccount', 'checkPassword', 'issueTokens']);
    expect(calls[1]!.input).toEqual({ poolId: POOL, account: account(), password: 'pw' });
    expect(calls[2]!.input).toMatchObject({ poolId: POOL, clientId: 'client', account: account(), flowId: 'flow-1' });
  });

  it('refuse a wrong password, and a user locked out after repeated failures', async () => {
    expectFailure((await start({}, { check: 'wrong' })).snapshot, FAILURES.wrongPassword);
    expectFailure((await start({}, { check: 'locked' })).snapshot, FAILURES.lockedOut);
  });

  it('say an unknown user does not exist, or hide it as a wrong password under PreventUserExistenceErrors', async () => {
    expectFailure((await start({}, { account: null })).snapshot, FAILURES.userNotFound);
    const hidden = (await start({ preventUserExistenceErrors: true }, { account: null })).snapshot;
    expectFailure(hidden, FAILURES.userNotFoundHidden);
    expect(outputOf(hidden)).toMatchObject({ error: { type: 'NotAuthorizedException', message: 'Incorrect username or password.' } });
  });

  it('refuse a user whose password must be reset before checking any password', async () => {
    const calls: { actor: string; input: any }[] = [];
    expectFailure((await start({}, { account: account({ status: 'RESET_REQUIRED' }) }, calls)).snapshot, FAILURES.passwordResetRequired);
    expect(calls.map((c) => c.actor)).toEqual(['findAccount']);
    expectFailure(
      (await start({ preventUserExistenceErrors: true }, { account: account({ status: 'RESET_REQUIRED' }) })).snapshot,
      FAILURES.passwordResetRequiredHidden,
    );
  });

  it('refuse, once the password is right, a disabled user and an unconfirmed one', async () => {
    expectFailure((await start({}, { account: account({ enabled: false }) })).snapshot, FAILURES.disabled);
    expectFailure((await start({}, { account: account({ status: 'UNCONFIRMED' }) })).snapshot, FAILURES.unconfirmed);
    expectFailure((await start({}, { account: account({ enabled: false }), check: 'wrong' })).snapshot, FAILURES.wrongPassword);
  });

  it('refuse an expired temporary password', async () => {
    const expired = account({ status: 'FORCE_CHANGE_PASSWORD', temporaryPasswordExpired: true });
    expectFailure((await start({}, { account: expired })).snapshot, FAILURES.temporaryPasswordExpired);
  });
});

describe('NEW_PASSWORD_REQUIRED', () => {
  const temporary = account({ status: 'FORCE_CHANGE_PASSWORD' });

  it('awaits the new password without keeping the old one, then sets it and issues tokens', async () => {
    const { snapshot, persisted } = await start({}, { account: temporary });
    expect(snapshot.value).toEqual({ newPassword: 'awaitingNewPassword' });
    expect(snapshot.context.challenge).toEqual({
      name: 'NEW_PASSWORD_REQUIRED',
      parameters: { USER_ID_FOR_SRP: 'alice', requiredAttributes: '[]', userAttributes: '{}' },
    });
    expect(snapshot.context.password).toBeUndefined();
    expect(JSON.stringify(snapshot.context)).not.toContain('"pw"');

    const calls: { actor: string; input: any }[] = [];
    const responses = { USERNAME: 'alice', NEW_PASSWORD: 'N3w-passw0rd' };
    const done = await answer(persisted, { account: temporary }, { challengeName: 'NEW_PASSWORD_REQUIRED', responses }, calls);
    expect(outputOf(done)).toEqual({ outcome: 'success', account: { ...temporary, status: 'CONFIRMED' }, result: TOKENS });
    expect(calls.map((c) => c.actor)).toEqual(['setNewPassword', 'issueTokens']);
    expect(calls[0]!.input.responses).toEqual(responses);
    expect(done.context.answered).toEqual([{ challengeName: 'NEW_PASSWORD_REQUIRED', correct: true }]);
  });

  it('ends with the error the new password was refused with', async () => {
    const { persisted } = await start({}, { account: temporary });
    const error = { type: 'InvalidPasswordException', message: 'Password did not conform with policy: Password not long enough' };
    const done = await answer(persisted, { account: temporary, newPasswordError: error }, { challengeName: 'NEW_PASSWORD_REQUIRED', responses: {} });
    expectFailure(done, { reason: 'new password refused', error });
  });

  it('ends when the client answers another challenge', async () => {
    const { persisted } = await start({}, { account: temporary });
    expectFailure(await answer(persisted, {}, { challengeName: 'PASSWORD_VERIFIER', responses: {} }), FAILURES.unexpectedChallenge);
  });
});

describe('USER_SRP_AUTH', () => {
  const srp = { authFlow: 'USER_SRP_AUTH' as const, password: undefined, srpA: 'aa' };

  it('hands out PASSWORD_VERIFIER with the SRP values, then signs in on a valid proof', async () => {
    const { snapshot, persisted } = await start(srp);
    expect(snapshot.value).toEqual({ srp: 'awaitingPasswordVerifier' });
    expect(snapshot.context.challenge).toEqual({
      name: 'PASSWORD_VERIFIER',
      parameters: { SALT: 'salt', SECRET_BLOCK: 'block', SRP_B: 'bb', USERNAME: 'alice', USER_ID_FOR_SRP: 'alice' },
    });
    expect(snapshot.context.passwordVerifier).toEqual(VERIFIER);

    const calls: { actor: string; input: any }[] = [];
    const responses = { USERNAME: 'alice', PASSWORD_CLAIM_SIGNATURE: 'sig', PASSWORD_CLAIM_SECRET_BLOCK: 'block', TIMESTAMP: 'now' };
    const done = await answer(persisted, {}, { challengeName: 'PASSWORD_VERIFIER', responses }, calls);
    expect(outputOf(done)).toEqual({ outcome: 'success', account: account(), result: TOKENS });
    expect(calls[0]).toEqual({ actor: 'checkPasswordClaim', input: { poolId: POOL, account: account(), passwordVerifier: VERIFIER, responses } });
    expect(done.context.passwordVerifier).toBeUndefined();
    expect(done.context.answered).toEqual([{ challengeName: 'PASSWORD_VERIFIER', correct: true }]);
  });

  it('refuses a wrong proof and a locked-out user at PASSWORD_VERIFIER', async () => {
    const { persisted } = await start(srp);
    const answerWith = (world: World) => answer(persisted, world, { challengeName: 'PASSWORD_VERIFIER', responses: {} });
    expectFailure(await answerWith({ check: 'wrong' }), FAILURES.wrongPassword);
    expectFailure(await answerWith({ check: 'locked' }), FAILURES.lockedOut);
  });

  it('goes on to NEW_PASSWORD_REQUIRED, or refuses a disabled or unconfirmed user, after a valid proof', async () => {
    const { persisted } = await start(srp);
    const answerAs = (afterCheck: Account) => answer(persisted, { afterCheck }, { challengeName: 'PASSWORD_VERIFIER', responses: {} });
    expect((await answerAs(account({ status: 'FORCE_CHANGE_PASSWORD' }))).value).toEqual({ newPassword: 'awaitingNewPassword' });
    expectFailure(await answerAs(account({ enabled: false })), FAILURES.disabled);
    expectFailure(await answerAs(account({ status: 'UNCONFIRMED' })), FAILURES.unconfirmed);
  });

  it('plays a simulated user along for an unknown username under PreventUserExistenceErrors, failing at the proof', async () => {
    const { snapshot, persisted } = await start({ ...srp, preventUserExistenceErrors: true }, { account: null });
    expect(snapshot.value).toEqual({ srp: 'awaitingPasswordVerifier' });
    expect(snapshot.context.challenge!.parameters.USER_ID_FOR_SRP).toBe('simulated-uuid');
    expectFailure(await answer(persisted, {}, { challengeName: 'PASSWORD_VERIFIER', responses: {} }), FAILURES.wrongPassword);
  });

  it('says an unknown user does not exist without PreventUserExistenceErrors', async () => {
    expectFailure((await start(srp, { account: null })).snapshot, FAILURES.userNotFound);
  });

  it('refuses a password reset user before handing out a challenge', async () => {
    expectFailure((await start(srp, { account: account({ status: 'RESET_REQUIRED' }) })).snapshot, FAILURES.passwordResetRequired);
  });

  it('ends when the client answers another challenge', async () => {
    const { persisted } = await start(srp);
    expectFailure(await answer(persisted, {}, { challengeName: 'NEW_PASSWORD_REQUIRED', responses: {} }), FAILURES.unexpectedChallenge);
  });
});

describe('REFRESH_TOKEN_AUTH', () => {
  const refreshing: StoredRefreshToken = {
    tokenHash: 'hash',
    jti: 'jti',
    poolId: POOL,
    clientId: 'client',
    sub: 'sub-alice',
    authTime: 1,
    created: 1,
    expires: 2,
  };
  const refresh = { authFlow: 'REFRESH_TOKEN_AUTH' as const, username: undefined, password: undefined, refreshing };

  it('issues tokens for the refresh token’s user, passing the token on', async () => {
    const calls: { actor: string; input: any }[] = [];
    const { snapshot } = await start(refresh, {}, calls);
    expect(outputOf(snapshot)).toEqual({ outcome: 'success', account: account(), result: TOKENS });
    expect(calls[0]).toEqual({ actor: 'findAccount', input: { poolId: POOL, sub: 'sub-alice' } });
    expect(calls[1]!.input.refreshing).toEqual(refreshing);
  });

  it('refuses when the user is gone or disabled', async () => {
    expectFailure((await start(refresh, { account: null })).snapshot, FAILURES.refreshTokenUserGone);
    expectFailure((await start(refresh, { account: account({ enabled: false }) })).snapshot, FAILURES.disabled);
  });
});

describe('the sign-in triggers', () => {
  const ALL = ['PreAuthentication', 'PostAuthentication', 'PreTokenGeneration'] as const;
  const actors = (calls: { actor: string }[]) => calls.map((c) => c.actor);

  it('take their steps only when the pool has them: pre authentication, password, post authentication, pre token generation, tokens', async () => {
    const calls: { actor: string; input: any }[] = [];
    const { snapshot } = await start({ triggers: [...ALL], clientMetadata: { app: 'web' } }, {}, calls);
    expect(outputOf(snapshot)).toMatchObject({ outcome: 'success' });
    expect(actors(calls)).toEqual(['findAccount', 'preAuthenticate', 'checkPassword', 'postAuthenticate', 'customizeTokens', 'issueTokens']);
    expect(calls[1]!.input).toEqual({ poolId: POOL, clientId: 'client', flowId: 'flow-1', typedUsername: 'alice', account: account(), validationData: { app: 'web' } });
    expect(calls[3]!.input).not.toHaveProperty('clientMetadata');
    expect(calls[4]!.input).toMatchObject({ triggerSource: 'TokenGeneration_Authentication', account: account() });
    expect(calls[5]!.input.customization).toEqual(CUSTOMIZATION);

    const without: { actor: string; input: any }[] = [];
    await start({ clientMetadata: { app: 'web' } }, {}, without);
    expect(actors(without)).toEqual(['findAccount', 'checkPassword', 'issueTokens']);
  });

  it('end the flow with the error a function failed with', async () => {
    const error = { type: 'UserLambdaValidationException', message: 'PreAuthentication failed with error no.' };
    const calls: { actor: string; input: any }[] = [];
    const refused = (await start({ triggers: [...ALL] }, { triggerError: { actor: 'preAuthenticate', error } }, calls)).snapshot;
    expectFailure(refused, { reason: 'refused by the pre authentication function', error });
    expect(actors(calls)).toEqual(['findAccount', 'preAuthenticate']);
    expectFailure((await start({ triggers: [...ALL] }, { triggerError: { actor: 'postAuthenticate', error } })).snapshot, {
      reason: 'refused by the post authentication function',
      error,
    });
    expectFailure((await start({ triggers: [...ALL] }, { triggerError: { actor: 'customizeTokens', error } })).snapshot, { reason: 'pre token generation failed', error });
  });

  it('tell the pre authentication function of an unknown user under PreventUserExistenceErrors, then fail as a wrong password would', async () => {
    const calls: { actor: string; input: any }[] = [];
    const { snapshot } = await start({ triggers: ['PreAuthentication'], preventUserExistenceErrors: true }, { account: null }, calls);
    expectFailure(snapshot, FAILURES.userNotFoundHidden);
    expect(calls[1]).toEqual({ actor: 'preAuthenticate', input: { poolId: POOL, clientId: 'client', flowId: 'flow-1', typedUsername: 'alice', userNotFound: true } });

    const revealing: { actor: string; input: any }[] = [];
    expectFailure((await start({ triggers: ['PreAuthentication'] }, { account: null }, revealing)).snapshot, FAILURES.userNotFound);
    expect(actors(revealing)).toEqual(['findAccount']);
  });

  it('name the token generation after the way the user signed in, with the answering call’s ClientMetadata', async () => {
    const temporary = account({ status: 'FORCE_CHANGE_PASSWORD' });
    const { persisted } = await start({ triggers: ['PreTokenGeneration'] }, { account: temporary });
    const calls: { actor: string; input: any }[] = [];
    await answer(persisted, { account: temporary }, { challengeName: 'NEW_PASSWORD_REQUIRED', responses: {}, clientMetadata: { step: 'new' } }, calls);
    expect(calls[1]!.input).toMatchObject({ triggerSource: 'TokenGeneration_NewPasswordChallenge', clientMetadata: { step: 'new' } });

    const refreshing: StoredRefreshToken = { tokenHash: 'h', jti: 'j', poolId: POOL, clientId: 'client', sub: 'sub-alice', authTime: 1, created: 1, expires: 2 };
    const refreshed: { actor: string; input: any }[] = [];
    await start({ authFlow: 'REFRESH_TOKEN_AUTH', username: undefined, password: undefined, refreshing, triggers: [...ALL] }, {}, refreshed);
    expect(actors(refreshed)).toEqual(['findAccount', 'customizeTokens', 'issueTokens']);
    expect(refreshed[1]!.input.triggerSource).toBe('TokenGeneration_RefreshTokens');
  });

  it('take the pool’s triggers afresh with each answer', async () => {
    const temporary = account({ status: 'FORCE_CHANGE_PASSWORD' });
    const { persisted } = await start({}, { account: temporary });
    const calls: { actor: string; input: any }[] = [];
    await answer(persisted, { account: temporary }, { challengeName: 'NEW_PASSWORD_REQUIRED', responses: {}, triggers: ['PostAuthentication'] }, calls);
    expect(actors(calls)).toEqual(['setNewPassword', 'postAuthenticate', 'issueTokens']);
  });
});

describe('UserMigration_Authentication', () => {
  const legacy = account({ username: 'legacy', sub: 'sub-legacy' });

  it('migrates an unknown user of a password flow, then signs them in as any user', async () => {
    const calls: { actor: string; input: any }[] = [];
    const { snapshot } = await start({ triggers: ['UserMigration'], username: 'legacy', clientMetadata: { source: 'app' } }, { account: null, migrated: legacy, afterCheck: legacy }, calls);
    expect(outputOf(snapshot)).toEqual({ outcome: 'success', account: legacy, result: TOKENS });
    expect(calls.map((c) => c.actor)).toEqual(['findAccount', 'migrateUser', 'checkPassword', 'issueTokens']);
    expect(calls[1]!.input).toEqual({ poolId: POOL, clientId: 'client', flowId: 'flow-1', typedUsername: 'legacy', password: 'pw', validationData: { source: 'app' } });
  });

  it('ends with the function’s refusal, hiding "not migrated" under PreventUserExistenceErrors', async () => {
    const notMigrated = { type: 'UserNotFoundException', message: 'Exception migrating user in app client client' };
    const world = { account: null, triggerError: { actor: 'migrateUser', error: notMigrated } };
    expectFailure((await start({ triggers: ['UserMigration'] }, world)).snapshot, { reason: 'user not migrated', error: notMigrated });
    expectFailure((await start({ triggers: ['UserMigration'], preventUserExistenceErrors: true }, world)).snapshot, FAILURES.userNotFoundHidden);
    const thrown = { type: 'UserLambdaValidationException', message: 'UserMigration failed with error Bad password.' };
    expectFailure((await start({ triggers: ['UserMigration'], preventUserExistenceErrors: true }, { account: null, triggerError: { actor: 'migrateUser', error: thrown } })).snapshot, {
      reason: 'user not migrated',
      error: thrown,
    });
  });

  it('is not asked in SRP, which has no password to give it', async () => {
    const calls: { actor: string; input: any }[] = [];
    expectFailure((await start({ triggers: ['UserMigration'], authFlow: 'USER_SRP_AUTH', password: undefined, srpA: 'aa' }, { account: null }, calls)).snapshot, FAILURES.userNotFound);
    expect(calls.map((c) => c.actor)).toEqual(['findAccount']);
  });
});

describe('CUSTOM_AUTH', () => {
  const custom: Partial<SignInInput> = {
    authFlow: 'CUSTOM_AUTH',
    password: undefined,
    triggers: ['DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse'],
  };
  const next = (challengeName: string | null, issueTokens = false, failAuthentication = false): DefinedChallenge => ({ challengeName, issueTokens, failAuthentication });
  const question = (challengeResult: boolean) => ({ challengeName: 'CUSTOM_CHALLENGE', challengeResult, challengeMetadata: 'QUESTION' });

  it('asks Define, creates the challenge keeping its private parameters, and goes round until Define issues tokens', async () => {
    const calls: { actor: string; input: any }[] = [];
    const world: World = { defined: [next('CUSTOM_CHALLENGE'), next('CUSTOM_CHALLENGE'), next(null, true)], verdicts: [false, true] };
    const first = await start(custom, world, calls);
    expect(first.snapshot.value).toEqual({ customChallenge: 'awaitingCustomChallenge' });
    expect(first.snapshot.context.challenge).toEqual({ name: 'CUSTOM_CHALLENGE', parameters: { question: 'round 1', USERNAME: 'alice' } });
    expect(first.snapshot.context.customChallenge).toEqual({ privateChallengeParameters: { answer: '5' }, challengeMetadata: 'QUESTION' });
    expect(calls.map((c) => c.actor)).toEqual(['findAccount', 'defineAuthChallenge', 'createAuthChallenge']);
    expect(calls[1]!.input).toEqual({ poolId: POOL, clientId: 'client', flowId: 'flow-1', typedUsername: 'alice', account: account(), session: [] });
    expect(calls[2]!.input).toMatchObject({ challengeName: 'CUSTOM_CHALLENGE', session: [] });

    const roundTwo: { actor: string; input: any }[] = [];
    const second = await answered(first.persisted, world, { challengeName: 'CUSTOM_CHALLENGE', responses: { ANSWER: '4' }, clientMetadata: { try: '1' } }, roundTwo);
    expect(second.snapshot.value).toEqual({ customChallenge: 'awaitingCustomChallenge' });
    expect(roundTwo.map((c) => c.actor)).toEqual(['verifyAuthChallenge', 'defineAuthChallenge', 'createAuthChallenge']);
    expect(roundTwo[0]!.input).toMatchObject({ privateChallengeParameters: { answer: '5' }, challengeAnswer: '4', clientMetadata: { try: '1' } });
    expect(roundTwo[1]!.input).toMatchObject({ session: [question(false)], clientMetadata: { try: '1' } });

    const last: { actor: string; input: any }[] = [];
    const done = await answer(second.persisted, world, { challengeName: 'CUSTOM_CHALLENGE', responses: { ANSWER: '5' } }, last);
    expect(outputOf(done)).toEqual({ outcome: 'success', account: account(), result: TOKENS });
    expect(last.map((c) => c.actor)).toEqual(['verifyAuthChallenge', 'defineAuthChallenge', 'issueTokens']);
    expect(last[1]!.input.session).toEqual([question(false), question(true)]);
    expect(last[1]!.input).not.toHaveProperty('clientMetadata');
  });

  it('fails when Define says so, and never issues tokens to an unknown user', async () => {
    expectFailure((await start(custom, { defined: [next(null, true, true)] })).snapshot, FAILURES.authenticationFailed);
    const calls: { actor: string; input: any }[] = [];
    const hidden = await start({ ...custom, preventUserExistenceErrors: true }, { account: null, defined: [next(null, true)] }, calls);
    expectFailure(hidden.snapshot, FAILURES.userNotFoundHidden);
    expect(calls[1]!.input).toMatchObject({ typedUsername: 'alice', userNotFound: true });
    expect(calls[1]!.input).not.toHaveProperty('account');
  });

  it('refuses a challenge it cannot issue: PASSWORD_VERIFIER without SRP_A, or a name it does not know', async () => {
    expectFailure((await start(custom, { defined: [next('PASSWORD_VERIFIER')] })).snapshot, FAILURES.unissuableChallenge);
    expectFailure((await start(custom, { defined: [next('CAPTCHA')] })).snapshot, FAILURES.unissuableChallenge);
    expectFailure((await start(custom, { defined: [next(null)] })).snapshot, FAILURES.unissuableChallenge);
  });

  it('starts with SRP_A: PASSWORD_VERIFIER, then Define again with the password in the session', async () => {
    const world: World = { defined: [next('PASSWORD_VERIFIER'), next('CUSTOM_CHALLENGE')] };
    const calls: { actor: string; input: any }[] = [];
    const first = await start({ ...custom, srpA: 'aa' }, world, calls);
    expect(first.snapshot.value).toEqual({ srp: 'awaitingPasswordVerifier' });
    expect(calls[1]!.input.session).toEqual([{ challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null }]);
    expect(first.snapshot.context.srpA).toBeUndefined();

    const proved: { actor: string; input: any }[] = [];
    const second = await answer(first.persisted, world, { challengeName: 'PASSWORD_VERIFIER', responses: {} }, proved);
    expect(second.value).toEqual({ customChallenge: 'awaitingCustomChallenge' });
    expect(proved.map((c) => c.actor)).toEqual(['checkPasswordClaim', 'defineAuthChallenge', 'createAuthChallenge']);
    expect(proved[1]!.input.session).toEqual([
      { challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null },
      { challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: null },
    ]);
    expectFailure(await answer(first.persisted, { ...world, check: 'wrong' }, { challengeName: 'PASSWORD_VERIFIER', responses: {} }), FAILURES.wrongPassword);
  });

  it('checks the user before any challenge, and ends when the client answers another challenge', async () => {
    expectFailure((await start(custom, { account: account({ enabled: false }) })).snapshot, FAILURES.disabled);
    expectFailure((await start(custom, { account: account({ status: 'UNCONFIRMED' }) })).snapshot, FAILURES.unconfirmed);
    expectFailure((await start(custom, { account: account({ status: 'RESET_REQUIRED' }) })).snapshot, FAILURES.passwordResetRequired);
    const { persisted } = await start(custom, { defined: [next('CUSTOM_CHALLENGE')] });
    expectFailure(await answer(persisted, {}, { challengeName: 'PASSWORD_VERIFIER', responses: {} }), FAILURES.unexpectedChallenge);
  });

  it('runs the post authentication and pre token generation steps once Define issues tokens', async () => {
    const calls: { actor: string; input: any }[] = [];
    const { snapshot } = await start({ ...custom, triggers: [...custom.triggers!, 'PostAuthentication', 'PreTokenGeneration'] }, { defined: [next(null, true)] }, calls);
    expect(outputOf(snapshot)).toMatchObject({ outcome: 'success' });
    expect(calls.map((c) => c.actor)).toEqual(['findAccount', 'defineAuthChallenge', 'postAuthenticate', 'customizeTokens', 'issueTokens']);
  });
});

describe('threat protection (assessingRisk)', () => {
  const blocked: Extract<RiskStep, { outcome: 'block' }> = {
    outcome: 'block',
    eventId: 'event-1',
    failure: { reason: 'blocked by threat protection: HIGH', error: { type: 'NotAuthorizedException', message: 'Unable to login because of security reasons.' } },
  };

  it('ends the flow with the refusal threat protection decided, before MFA and tokens', async () => {
    const calls: { actor: string; input: any }[] = [];
    const { snapshot } = await start({ mfaConfiguration: 'OPTIONAL', threatProtection: 'ENFORCED' }, { risk: blocked }, calls);
    expectFailure(snapshot, blocked.failure);
    expect(calls.map((c) => c.actor)).toEqual(['findAccount', 'checkPassword']);
  });

  it('asks for MFA because of risk even where the pool has MFA off, and names the auth event to the tokens', async () => {
    const calls: { actor: string; input: any }[] = [];
    const { snapshot, persisted } = await start({ mfaConfiguration: 'OFF', threatProtection: 'ENFORCED' }, { risk: { outcome: 'mfa', eventId: 'event-2' } }, calls);
    expect(snapshot.context.challenge?.name).toBe('SOFTWARE_TOKEN_MFA');
    expect(calls.find((c) => c.actor === 'decideMfa')?.input).toMatchObject({ riskMfa: true });
    expect(persisted).not.toContain('"password"');
    const done = await answer(persisted, {}, { challengeName: 'SOFTWARE_TOKEN_MFA', responses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: '123456' } }, calls);
    expect(outputOf(done).outcome).toBe('success');
    expect(calls.find((c) => c.actor === 'issueTokens')?.input.authEvent).toEqual({ eventId: 'event-2', mfaAnswered: true });
  });

  it('goes on as before when allowed, and passes the recorded auth event to the token step', async () => {
    const calls: { actor: string; input: any }[] = [];
    const { snapshot } = await start({ threatProtection: 'AUDIT' }, { risk: { outcome: 'allow', eventId: 'event-3' } }, calls);
    expect(outputOf(snapshot).outcome).toBe('success');
    expect(calls.find((c) => c.actor === 'issueTokens')?.input.authEvent).toEqual({ eventId: 'event-3', mfaAnswered: false });
  });

  it('never enters its steps in a pool without threat protection, whatever the actors would say', async () => {
    const calls: { actor: string; input: any }[] = [];
    const { snapshot } = await start({}, { risk: blocked }, calls);
    expect(outputOf(snapshot).outcome).toBe('success');
    expect(calls.find((c) => c.actor === 'issueTokens')?.input.authEvent).toBeUndefined();
  });
});
