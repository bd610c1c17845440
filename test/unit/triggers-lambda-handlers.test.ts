import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLambdaHandlers } from '../../src-main/config/lambda-handlers.js';
import { tempDir } from '../support/sandbox.js';

function configFile(content: unknown): string {
  const dir = tempDir('lambda-handlers-');
  fs.mkdirSync(path.join(dir, 'triggers'));
  fs.writeFileSync(path.join(dir, 'triggers', 'pre-sign-up.ts'), 'export const handler = async (event: unknown) => event;\n');
  fs.writeFileSync(path.join(dir, 'triggers', 'migrate.cjs'), 'exports.handler = async (event) => event;\n');
  const file = path.join(dir, 'sandbox.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('lambdaHandlers in the --config file', () => {
  it('maps each function name to its module, relative to the config file', () => {
    const file = configFile({ lambdaHandlers: { PreSignUpFn: './triggers/pre-sign-up.ts', 'migrate-users': 'triggers/migrate.cjs' }, userPools: [] });
    expect(readLambdaHandlers(file)).toEqual({
      PreSignUpFn: path.join(path.dirname(file), 'triggers', 'pre-sign-up.ts'),
      'migrate-users': path.join(path.dirname(file), 'triggers', 'migrate.cjs'),
    });
  });

  it('is empty when the file declares none', () => {
    expect(readLambdaHandlers(configFile({ userPools: [] }))).toEqual({});
  });

  it('says which entry is wrong, and why', () => {
    const missing = configFile({ lambdaHandlers: { Fn: './triggers/nope.js' } });
    expect(() => readLambdaHandlers(missing)).toThrow(`--config ${missing}: lambdaHandlers.Fn: ${path.join(path.dirname(missing), 'triggers', 'nope.js')} does not exist`);
    const notAPath = configFile({ lambdaHandlers: { Fn: 42 } });
    expect(() => readLambdaHandlers(notAPath)).toThrow(`--config ${notAPath}: lambdaHandlers.Fn: expected the path of a handler module`);
    const badName = configFile({ lambdaHandlers: { 'my function': './triggers/migrate.cjs' } });
    expect(() => readLambdaHandlers(badName)).toThrow("lambdaHandlers.my function: a Lambda function name has 1 to 140 letters, digits, '-' or '_'");
    const notAMap = configFile({ lambdaHandlers: ['./triggers/migrate.cjs'] });
    expect(() => readLambdaHandlers(notAMap)).toThrow('expected "lambdaHandlers": {"FunctionName": "./path/to/handler.js", ...}');
    const notJson = configFile('{ "lambdaHandlers": ');
    expect(() => readLambdaHandlers(notJson)).toThrow(`--config ${notJson}: `);
  });
});
