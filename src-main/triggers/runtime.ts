/**
 * `services.triggers`: runs a pool's Lambda triggers as Cognito runs them.
 *
 * A LambdaConfig ARN resolves by function NAME to, in order, a local handler module named in
 * the config file (`lambdaHandlers`, run in a warm worker thread; local/local-handlers.ts) or
 * the AWS Lambda Invoke API at `--lambda-endpoint` (invoke-api.ts). Several pools may name the
 * same function.
 *
 * Each attempt publishes `trigger.invoked` (the exact event; a migrating user's password
 * masked) and `trigger.returned` (what the function returned, or the error, with the time it
 * took and its logs). Failures surface as Cognito surfaces them:
 *  - the function threw: UserLambdaValidationException "{Trigger} failed with error {message}.";
 *  - no answer within 5 seconds: Cognito tries three times in all, then
 *    UnexpectedLambdaException "{Trigger} invocation failed due to error Socket timeout while
 *    invoking Lambda function.";
 *  - not invocable (no such function, endpoint unreachable): UnexpectedLambdaException
 *    "{Trigger} invocation failed due to error {reason}.";
 *  - an answer that is not the event: InvalidLambdaResponseException (events/read.ts).
 * CustomEmailSender and CustomSMSSender are invoked asynchronously by Cognito: their failures
 * are published but never fail the API call (and they are not retried here).
 */
import type { LambdaConfigType } from '@aws-sdk/client-cognito-identity-provider';
import { MASK } from '../debug/mask.js';
import { CognitoError, InvalidLambdaResponseException, UnexpectedLambdaException, UserLambdaValidationException } from '../cognito/errors.js';
import { LocalKmsKeysRepository } from '../store/repositories/local-kms-keys.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import { parseFunctionArn, type FunctionArn } from './arn.js';
import { UNRECOGNIZABLE_OUTPUT, isJsonObject } from './events/read.js';
import type { PreTokenGenerationVersion } from './events/preTokenGeneration.js';
import { InvocationFailed, InvocationTimeout, type InvocationRequest, type InvocationResult } from './invocation.js';
import { invokeOverApi } from './invoke-api.js';
import { injectedTriggerFault } from './trigger-faults.js';
import { LocalHandlers } from './local/local-handlers.js';
import { NO_FUNCTION, answerByHand, answersForFunction, editedEvent, holdTrigger } from './trigger-breakpoints.js';
import { KMS_KEYS_ENV, encrypt, generateKeyMaterial, type LocalKmsKey } from './local-kms.js';
import type { FunctionError, TriggerName } from './types.js';
import type { BaseServices } from '../base-services.js';

/** Cognito waits this long for a function, and tries this many times. */
export const COGNITO_TIMEOUT_MS = 5_000;
export const COGNITO_ATTEMPTS = 3;

export type TriggerPool = Pick<UserPool, 'id' | 'config'>;

export interface TriggersConfig {
  /** Function name -> absolute path of its handler module (the config file's lambdaHandlers). */
  handlers?: Readonly<Record<string, string>>;
  /** Overrides Cognito's 5-second limit (tests). */
  timeoutMs?: number;
  attempts?: number;
  /** Where the local KMS keys are kept; by default the store's local_kms_keys table. */
  kmsKeys?: LocalKmsKeysRepository;
}

export interface InvokeRequest<R> {
  pool: TriggerPool;
  trigger: TriggerName;
  /** Defaults to the event's own triggerSource. */
  triggerSource?: string;
  event: { triggerSource: string };
  flowId?: string | null;
  /** Reads the returned event (events/*.ts `read...Response`); its refusal is published too. */
  read?: (output: unknown) => R;
  /** The developer edited the event at a breakpoint (trigger-breakpoints.ts). */
  editedAtBreakpoint?: boolean;
}

export interface ConfiguredFunction {
  arn: string;
  /** PreTokenGenerationConfig's and the custom senders' LambdaVersion. */
  lambdaVersion?: string;
}

const ASYNCHRONOUS: ReadonlySet<TriggerName> = new Set(['CustomEmailSender', 'CustomSMSSender']);

/** A failure as it reaches the debugger and, for synchronous triggers, the caller. */
class TriggerFailure {
  constructor(
    readonly error: CognitoError,
    readonly logs: string[] = [],
    readonly output?: unknown,
    readonly timedOut = false,
    /** What the function threw, when it threw. */
    readonly functionError?: FunctionError,
  ) {}
}

function functionOf(config: LambdaConfigType, trigger: TriggerName): ConfiguredFunction | undefined {
  switch (trigger) {
    case 'PreTokenGeneration': {
      const arn = config.PreTokenGenerationConfig?.LambdaArn ?? config.PreTokenGeneration;
      return arn ? { arn, lambdaVersion: config.PreTokenGenerationConfig?.LambdaVersion ?? 'V1_0' } : undefined;
    }
    case 'CustomEmailSender':
    case 'CustomSMSSender': {
      const sender = config[trigger];
      return sender?.LambdaArn ? { arn: sender.LambdaArn, lambdaVersion: sender.LambdaVersion } : undefined;
    }
    default: {
      const arn = config[trigger];
      return arn ? { arn } : undefined;
    }
  }
}

/** An event (sent or returned) as the debugger may show it: a migrating user's password is a secret. */
function publishable(event: unknown): unknown {
  if (!isJsonObject(event)) return event;
  const request = event.request;
  if (isJsonObject(request) && typeof request.password === 'string') return { ...event, request: { ...request, password: MASK } };
  return event;
}

export class Triggers {
  private readonly local: LocalHandlers;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly kmsKeys: LocalKmsKeysRepository;

  constructor(
    private readonly services: Pick<BaseServices, 'options' | 'bus' | 'clock' | 'ids' | 'store' | 'faults'> & Partial<Pick<BaseServices, 'breakpoints'>>,
    config: TriggersConfig = {},
  ) {
    this.local = new LocalHandlers(config.handlers ?? {});
    this.timeoutMs = config.timeoutMs ?? COGNITO_TIMEOUT_MS;
    this.attempts = config.attempts ?? COGNITO_ATTEMPTS;
    this.kmsKeys = config.kmsKeys ?? new LocalKmsKeysRepository(services.store.db);
  }

  isConfigured(pool: TriggerPool, trigger: TriggerName): boolean {
    return this.functionFor(pool, trigger) !== undefined;
  }

  /** The pool's function for the trigger; NO_FUNCTION where only a breakpoint makes it run (trigger-breakpoints.ts). */
  functionFor(pool: TriggerPool, trigger: TriggerName): ConfiguredFunction | undefined {
    const configured = functionOf(pool.config.LambdaConfig ?? {}, trigger);
    if (configured || ASYNCHRONOUS.has(trigger)) return configured;
    return this.services.breakpoints?.watches(pool.id, trigger) ? NO_FUNCTION : undefined;
  }

  /** Which pre token generation event the pool's function gets. */
  preTokenGenerationVersion(pool: TriggerPool): PreTokenGenerationVersion {
    return (this.functionFor(pool, 'PreTokenGeneration')?.lambdaVersion ?? 'V1_0') as PreTokenGenerationVersion;
  }

  /**
   * Runs the pool's `trigger` with `event`; answers what `read` makes of the returned event
   * (the returned event itself without `read`; undefined for the asynchronous custom senders).
   */
  invoke<R>(request: InvokeRequest<R> & { read: (output: unknown) => R }): Promise<R>;
  invoke(request: InvokeRequest<unknown>): Promise<unknown>;
  async invoke<R>(request: InvokeRequest<R>): Promise<R | unknown> {
    const configured = this.functionFor(request.pool, request.trigger);
    if (!configured) throw new Error(`${request.trigger} is not configured for user pool ${request.pool.id}`);
    const asynchronous = ASYNCHRONOUS.has(request.trigger);
    const triggerSource = request.triggerSource ?? request.event.triggerSource;
    const functionConfigured = configured !== NO_FUNCTION;
    const held = await holdTrigger(this.services, { ...request, triggerSource, functionConfigured, shown: publishable(request.event) });
    const byHand = answersForFunction(held, configured);
    if (byHand) {
      const functionName = parseFunctionArn(configured.arn)?.functionName ?? configured.arn;
      return answerByHand(this.services.bus, { ...request, triggerSource, functionName, poolId: request.pool.id, asynchronous, publishable }, byHand);
    }
    if (!functionConfigured) return request.read ? request.read(request.event) : request.event;
    if (held?.action === 'edit') request = { ...request, event: editedEvent(held.event, request.event) as { triggerSource: string }, editedAtBreakpoint: true };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(request, configured);
      } catch (failure) {
        if (!(failure instanceof TriggerFailure)) throw failure;
        if (asynchronous) return undefined;
        if (failure.timedOut && attempt < this.attempts) continue;
        throw failure.error;
      }
    }
  }

  /** The base64 message a custom sender function receives as `request.code`. */
  encryptCode(pool: TriggerPool, plaintext: string): string {
    return encrypt(plaintext, this.kmsKeyOf(pool), { 'userpool-id': pool.id });
  }

  /** Stops every local function instance. */
  close(): Promise<void> {
    return this.local.close();
  }

  private async attempt<R>(request: InvokeRequest<R>, configured: ConfiguredFunction): Promise<R | unknown> {
    const { pool, trigger, event } = request;
    const triggerSource = request.triggerSource ?? event.triggerSource;
    const target = parseFunctionArn(configured.arn);
    const functionName = target?.functionName ?? configured.arn;
    const context = { flowId: request.flowId ?? null, poolId: pool.id };
    const edited = request.editedAtBreakpoint === true && { editedAtBreakpoint: true as const };
    this.services.bus.publish('trigger.invoked', { trigger, triggerSource, functionName, event: publishable(event), ...edited }, context);
    const started = performance.now();
    const returned = (outcome: { response?: unknown; failure?: TriggerFailure; logs: string[] }) =>
      this.services.bus.publish(
        'trigger.returned',
        {
          trigger,
          triggerSource,
          functionName,
          ...(outcome.response !== undefined && { response: publishable(outcome.response) }),
          ...(outcome.failure && { error: { type: outcome.failure.error.type, message: outcome.failure.error.message } }),
          ...(outcome.failure?.functionError && { functionError: outcome.failure.functionError }),
          ms: Math.round((performance.now() - started) * 1000) / 1000,
          logs: outcome.logs,
        },
        context,
      );
    try {
      const output = this.outputOf(trigger, await this.run(trigger, configured, target, pool, event, request.flowId));
      if (ASYNCHRONOUS.has(trigger)) {
        returned({ response: output.value, logs: output.logs });
        return undefined;
      }
      const value = this.readOutput(request, output.value, output.logs);
      returned({ response: output.value, logs: output.logs });
      return value;
    } catch (error) {
      const failure = error instanceof TriggerFailure ? error : this.invocationFailure(trigger, error);
      returned({ response: failure.output, failure, logs: failure.logs });
      throw failure;
    }
  }

  private async run(trigger: TriggerName, configured: ConfiguredFunction, target: FunctionArn | undefined, pool: TriggerPool, event: object, flowId?: string | null): Promise<InvocationResult> {
    if (!target) throw new InvocationFailed(`'${configured.arn}' is not a Lambda function ARN`);
    const injected = injectedTriggerFault(this.services, { poolId: pool.id, trigger, flowId });
    if (injected) return injected;
    const invocation: InvocationRequest = {
      functionName: target.functionName,
      arn: target.arn,
      region: target.region,
      ...(target.qualifier && { qualifier: target.qualifier }),
      event,
      requestId: this.services.ids.uuid(),
      timeoutMs: this.timeoutMs,
      ...(ASYNCHRONOUS.has(trigger) && { env: this.kmsEnvironment(pool) }),
    };
    if (this.local.has(target.functionName)) return this.local.invoke(invocation);
    if (this.services.options.lambdaEndpoint) return invokeOverApi(this.services.options.lambdaEndpoint, invocation);
    throw new TriggerFailure(
      new UnexpectedLambdaException(
        `${trigger} invocation failed due to error: the sandbox knows no Lambda function named '${target.functionName}' (${configured.arn}). ` +
          `Map it to a handler module in the --config file ({"lambdaHandlers": {"${target.functionName}": "./path/to/handler.js"}}), ` +
          'or start the sandbox with --lambda-endpoint URL to invoke it through the AWS Lambda Invoke API (SAM local, serverless-offline, LocalStack).',
      ),
    );
  }

  /** The returned event parsed, or the function's own error as Cognito reports it. */
  private outputOf(trigger: TriggerName, result: InvocationResult): { value: unknown; logs: string[] } {
    if ('functionError' in result) {
      const error = new UserLambdaValidationException(`${trigger} failed with error ${result.functionError.errorMessage}.`);
      throw new TriggerFailure(error, result.logs, undefined, false, result.functionError);
    }
    try {
      return { value: JSON.parse(result.payload), logs: result.logs };
    } catch {
      throw new TriggerFailure(new InvalidLambdaResponseException(UNRECOGNIZABLE_OUTPUT), result.logs, result.payload);
    }
  }

  private readOutput<R>(request: InvokeRequest<R>, output: unknown, logs: string[]): R | unknown {
    if (!request.read) return output;
    try {
      return request.read(output);
    } catch (error) {
      if (error instanceof CognitoError) throw new TriggerFailure(error, logs, output);
      throw error;
    }
  }

  /** No answer from the function: it timed out, or could not be invoked at all. */
  private invocationFailure(trigger: TriggerName, error: unknown): TriggerFailure {
    if (error instanceof InvocationTimeout) {
      return new TriggerFailure(new UnexpectedLambdaException(`${trigger} invocation failed due to error Socket timeout while invoking Lambda function.`), [], undefined, true);
    }
    const reason = error instanceof InvocationFailed ? error.reason : (error as Error).message;
    return new TriggerFailure(new UnexpectedLambdaException(`${trigger} invocation failed due to error ${reason}.`));
  }

  private kmsKeyOf(pool: TriggerPool): LocalKmsKey {
    const keyId = pool.config.LambdaConfig?.KMSKeyID;
    if (!keyId) throw new Error(`user pool ${pool.id} has no LambdaConfig.KMSKeyID`);
    const stored =
      this.kmsKeys.find(keyId) ??
      this.kmsKeys.insertIfAbsent({ keyId, material: generateKeyMaterial().toString('base64'), created: this.services.clock.now() });
    return { keyId, material: Buffer.from(stored.material, 'base64') };
  }

  /** The local KMS key a custom sender handler decrypts with (local-kms.ts `decrypt`). */
  private kmsEnvironment(pool: TriggerPool): Record<string, string> {
    const key = this.kmsKeyOf(pool);
    return { [KMS_KEYS_ENV]: JSON.stringify({ [key.keyId]: key.material.toString('base64') }) };
  }
}
