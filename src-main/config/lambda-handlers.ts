/**
 * `lambdaHandlers` in the `--config` file: which local module runs each Lambda function a
 * pool's LambdaConfig names, keyed by function name (the NAME of
 * arn:aws:lambda:REGION:ACCOUNT:function:NAME), with paths relative to the config file:
 *
 *   { "lambdaHandlers": { "MyPreSignUp": "./triggers/pre-sign-up.ts" }, "userPools": [...] }
 *
 * JavaScript (CommonJS or ESM) and TypeScript modules both work; the module exports `handler`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigFileError } from './config-file.js';

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,140}$/;

/** Function name -> absolute module path; empty when the file declares none. */
export function readLambdaHandlers(configFile: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  } catch (error) {
    throw new ConfigFileError(`--config ${configFile}: ${(error as Error).message}`);
  }
  const declared = (parsed as { lambdaHandlers?: unknown } | null)?.lambdaHandlers;
  if (declared === undefined) return {};
  if (typeof declared !== 'object' || declared === null || Array.isArray(declared)) {
    throw new ConfigFileError(`--config ${configFile}: expected "lambdaHandlers": {"FunctionName": "./path/to/handler.js", ...}`);
  }
  const handlers: Record<string, string> = {};
  for (const [functionName, modulePath] of Object.entries(declared)) {
    const where = `--config ${configFile}: lambdaHandlers.${functionName}`;
    if (!FUNCTION_NAME.test(functionName)) throw new ConfigFileError(`${where}: a Lambda function name has 1 to 140 letters, digits, '-' or '_'`);
    if (typeof modulePath !== 'string' || modulePath.length === 0) throw new ConfigFileError(`${where}: expected the path of a handler module`);
    const resolved = path.resolve(path.dirname(configFile), modulePath);
    if (!fs.existsSync(resolved)) throw new ConfigFileError(`${where}: ${resolved} does not exist`);
    handlers[functionName] = resolved;
  }
  return handlers;
}
