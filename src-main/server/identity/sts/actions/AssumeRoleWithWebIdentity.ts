/**
 * STS AssumeRoleWithWebIdentity: temporary credentials for a role, in exchange for an OpenID token
 * of the sandbox's Cognito Identity issuer (the classic flow: GetId, GetOpenIdToken, then this).
 * Parameters are validated as STS's model constrains them; the token check and the credentials
 * are the identity flow's (`services.flows.identity.assumeRoleWithWebIdentity`).
 *
 * Limitations: no IAM here, so no trust policy is evaluated: any role ARN of an IAM role is
 * assumed, with DurationSeconds up to the model's 43,200 (a role's MaxSessionDuration is not known).
 * Policy and PolicyArns are validated and passed on but do not narrow anything; no
 * PackedPolicySize is answered. MinimumSessionTokenSize is read and ignored.
 *
 * Assumption: a RoleArn that is no IAM role ARN (`arn:aws:iam::ACCOUNT:role/NAME`) is refused
 * with ValidationError "Request ARN is invalid", as STS refuses one in AssumeRole.
 */
import { StsError } from '../../../../cognito/identity/sts-errors.js';
import type { IdentityFlowCall } from '../../../../flows/identity/types.js';
import { list, required, string, structure } from '../../../aws-json/shapes.js';
import type { StsActionFactory } from '../action.js';
import { StsValidationError, patternString, queryInteger } from '../query.js';
import { xmlTimestamp } from '../xml.js';

const ARN_PATTERN = '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+';
const ARN_REGEX = /^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]+$/u;
const arnType = () => patternString({ min: 20, max: 2048, pattern: ARN_PATTERN, regex: ARN_REGEX });
const IAM_ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const DEFAULT_DURATION_SECONDS = 3600;

const input = structure({
  RoleArn: required(arnType()),
  RoleSessionName: required(string({ min: 2, max: 64, pattern: '[\\w+=,.@-]*' })),
  WebIdentityToken: required(string({ min: 4, max: 20_000, sensitive: true })),
  ProviderId: string({ min: 4, max: 2048 }),
  PolicyArns: list(structure({ arn: arnType() })),
  Policy: string({ min: 1, max: 2048, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' }),
  DurationSeconds: queryInteger({ min: 900, max: 43_200 }),
});

/** The request once validated (AssumeRoleWithWebIdentityCommandInput, its required members present). */
interface Params {
  RoleArn: string;
  RoleSessionName: string;
  WebIdentityToken: string;
  ProviderId?: string;
  PolicyArns?: Array<{ arn?: string }>;
  Policy?: string;
  DurationSeconds?: number;
}

function checkRoleArn(roleArn: string): void {
  if (!IAM_ROLE_ARN.test(roleArn)) throw new StsValidationError('Request ARN is invalid');
}

function checkPolicy(policy: string | undefined): void {
  if (policy === undefined) return;
  try {
    JSON.parse(policy);
  } catch {
    throw new StsError('MalformedPolicyDocument', 'The policy is not in the valid JSON format.');
  }
}

export const AssumeRoleWithWebIdentity: StsActionFactory = (services) => ({
  members: {
    RoleArn: 'string',
    RoleSessionName: 'string',
    WebIdentityToken: 'string',
    ProviderId: 'string',
    PolicyArns: { listOf: ['arn'] },
    Policy: 'string',
    DurationSeconds: 'integer',
    MinimumSessionTokenSize: 'integer',
  },
  input,
  async handle(raw, context) {
    const params = raw as unknown as Params;
    checkRoleArn(params.RoleArn);
    checkPolicy(params.Policy);
    const call: IdentityFlowCall = { origin: context.origin, region: context.region, ...(context.userAgent && { userAgent: context.userAgent }) };
    try {
      const issued = await services.flows.identity.assumeRoleWithWebIdentity(
        {
          roleArn: params.RoleArn,
          roleSessionName: params.RoleSessionName,
          webIdentityToken: params.WebIdentityToken,
          durationSeconds: params.DurationSeconds ?? DEFAULT_DURATION_SECONDS,
          ...(params.ProviderId !== undefined && { providerId: params.ProviderId }),
          ...(params.Policy !== undefined && { policy: params.Policy }),
          ...(params.PolicyArns && { policyArns: params.PolicyArns.map((p) => p.arn ?? '') }),
        },
        call,
      );
      context.poolId = issued.audience;
      return {
        Audience: issued.audience,
        AssumedRoleUser: { AssumedRoleId: issued.assumedRoleId, Arn: issued.assumedRoleArn },
        Provider: issued.provider,
        Credentials: {
          AccessKeyId: issued.credentials.AccessKeyId,
          SecretAccessKey: issued.credentials.SecretKey,
          SessionToken: issued.credentials.SessionToken,
          Expiration: xmlTimestamp(issued.credentials.Expiration),
        },
        SubjectFromWebIdentityToken: issued.subjectFromWebIdentityToken,
      };
    } finally {
      if (call.flowId) context.flowId = call.flowId;
    }
  },
});
