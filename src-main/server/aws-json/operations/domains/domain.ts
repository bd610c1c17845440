/**
 * Steps the domain operations share: input shapes, Cognito's naming and certificate rules,
 * the derived CloudFront, S3 and version values, and the wire form.
 *
 * Sandbox wording (no Cognito text known): the refusals of a malformed custom domain name, of a
 * ManagedLoginVersion other than 1 or 2, of Routing or CustomDomainConfig on a prefix domain, and
 * of managed login in the Lite plan.
 */
import { createHash } from 'node:crypto';
import type { DomainDescriptionType } from '@aws-sdk/client-cognito-identity-provider';
import type { DomainKind, UserPoolDomain } from '../../../../store/repositories/domains.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import { FeatureUnavailableInTierException, InvalidParameterException } from '../../../../cognito/errors.js';
import { ArnType } from '../../model.js';
import { enumeration, integer, required, string, structure } from '../../shapes.js';

/**
 * The model gives Domain the prefix pattern, but Cognito takes dotted custom domains in the
 * same member and answers bad names with its own messages (below), so only presence is checked
 * here.
 */
export const DomainNameType = string({ min: 1 });

export const CustomDomainConfigShape = structure({
  CertificateArn: required(ArnType),
  SecurityPolicy: enumeration(['TLS_V1', 'TLS_V1_2_2021', 'TLS_V1_3_2025']),
});

export const RoutingShape = structure({
  Failover: structure({
    SecondaryRegion: required(string({ min: 5, max: 32 })),
    PrimaryRoute53HealthCheckId: required(string({ min: 1 })),
  }),
});

export const ManagedLoginVersionType = integer();

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const RESERVED_WORDS = ['aws', 'amazon', 'cognito'];
const INVALID_PREFIX =
  'The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens. ' +
  'Please enter a different name that follows this format: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$';
const INVALID_CUSTOM_DOMAIN =
  'The domain name is not valid. A custom domain is a fully qualified name of at least two labels, each of lower-case letters, ' +
  'numbers and hyphens (not first or last), separated by periods.';
const UNUSABLE_CERTIFICATE =
  "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain.";
/** ACM certificates for CloudFront must live in us-east-1; the sandbox cannot ask ACM whether one is issued. */
const USABLE_CERTIFICATE_ARN = /^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/;

export const NO_SUCH_DOMAIN = 'No such domain or user pool exists.';

export function checkPrefix(prefix: string): void {
  if (!LABEL.test(prefix)) throw new InvalidParameterException(INVALID_PREFIX);
  const reserved = RESERVED_WORDS.find((word) => prefix.includes(word));
  if (reserved) throw new InvalidParameterException(`Domain cannot contain reserved word: ${reserved}`);
}

export function checkCustomDomain(domain: string): void {
  const labels = domain.split('.');
  if (domain.length > 253 || labels.length < 2 || !labels.every((label) => LABEL.test(label))) {
    throw new InvalidParameterException(INVALID_CUSTOM_DOMAIN);
  }
}

export function checkCertificate(certificateArn: string): void {
  if (!USABLE_CERTIFICATE_ARN.test(certificateArn)) throw new InvalidParameterException(UNUSABLE_CERTIFICATE);
}

export function checkManagedLoginVersion(pool: UserPool, version: number): void {
  if (version !== 1 && version !== 2) throw new InvalidParameterException('ManagedLoginVersion must be 1 (hosted UI) or 2 (managed login).');
  if (version === 2 && pool.config.UserPoolTier === 'LITE') {
    throw new FeatureUnavailableInTierException('Managed login is not available in the Lite feature plan.');
  }
}

export function checkRoutingAllowed(kind: DomainKind): void {
  if (kind !== 'custom') throw new InvalidParameterException('Routing is supported only for custom domains.');
}

/** Region short names Cognito uses in its asset buckets (`aws-cognito-prod-iad-assets`). */
const REGION_CODES: Record<string, string> = {
  'us-east-1': 'iad',
  'us-east-2': 'cmh',
  'us-west-1': 'sfo',
  'us-west-2': 'pdx',
  'ca-central-1': 'yul',
  'sa-east-1': 'gru',
  'eu-west-1': 'dub',
  'eu-west-2': 'lhr',
  'eu-west-3': 'cdg',
  'eu-central-1': 'fra',
  'eu-north-1': 'arn',
  'ap-south-1': 'bom',
  'ap-northeast-1': 'nrt',
  'ap-northeast-2': 'icn',
  'ap-southeast-1': 'sin',
  'ap-southeast-2': 'syd',
};

export function assetsBucket(poolId: string): string {
  const region = poolId.slice(0, poolId.indexOf('_'));
  return `aws-cognito-prod-${REGION_CODES[region] ?? region}-assets`;
}

/** A well-formed CloudFront name (`d` and 13 characters), stable for a given domain. */
export function cloudFrontDistribution(domain: string): string {
  return `d${createHash('sha256').update(domain).digest('hex').slice(0, 13)}.cloudfront.net`;
}

/** Cognito's domain versions are UTC timestamps, `yyyyMMddHHmmss`. */
export function domainVersion(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export function toDomainDescription(domain: UserPoolDomain, accountId: string): DomainDescriptionType {
  const { config } = domain;
  return {
    UserPoolId: domain.poolId,
    AWSAccountId: accountId,
    Domain: domain.domain,
    S3Bucket: config.S3Bucket,
    CloudFrontDistribution: config.CloudFrontDistribution,
    Version: config.Version,
    Status: 'ACTIVE',
    ...(config.CustomDomainConfig && { CustomDomainConfig: config.CustomDomainConfig }),
    ManagedLoginVersion: config.ManagedLoginVersion,
    ...(config.Routing && { Routing: config.Routing }),
  };
}
