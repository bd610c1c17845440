/** Lambda function ARNs as LambdaConfig holds them: `arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`. */

export interface FunctionArn {
  arn: string;
  region: string;
  accountId: string;
  functionName: string;
  /** An alias or version (`:live`, `:3`); `$LATEST` when the ARN names none. */
  qualifier?: string;
}

const FUNCTION_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9_-]{1,140})(?::(\$LATEST|[a-zA-Z0-9_-]{1,128}))?$/;

/** The parts of a Lambda function ARN, or undefined when `arn` is not one. */
export function parseFunctionArn(arn: string): FunctionArn | undefined {
  const match = FUNCTION_ARN.exec(arn);
  if (!match) return undefined;
  const [, region, accountId, functionName, qualifier] = match;
  return { arn, region: region!, accountId: accountId!, functionName: functionName!, ...(qualifier && { qualifier }) };
}
