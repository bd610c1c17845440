import { parseFunctionArn } from '../arn.js';

/** The NAME of arn:aws:lambda:REGION:ACCOUNT:function:NAME, as the debugger names functions. */
export function functionNameOf(arn: string): string {
  return parseFunctionArn(arn)?.functionName ?? arn;
}
