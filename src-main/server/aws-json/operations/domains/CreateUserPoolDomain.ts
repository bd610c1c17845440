/**
 * A pool has at most one prefix domain and one custom domain; a name belongs to one pool.
 * Limitations: nothing is provisioned (no DNS, no CloudFront, no ACM lookup: a certificate ARN
 * is accepted when it is an ACM ARN in us-east-1); the hosted UI answers on the sandbox's own
 * address whatever the domain.
 */
import type { CreateUserPoolDomainCommandInput, CreateUserPoolDomainCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { DomainKind } from '../../../../store/repositories/domains.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import {
  CustomDomainConfigShape,
  DomainNameType,
  ManagedLoginVersionType,
  RoutingShape,
  assetsBucket,
  checkCertificate,
  checkCustomDomain,
  checkManagedLoginVersion,
  checkPrefix,
  checkRoutingAllowed,
  cloudFrontDistribution,
  domainVersion,
} from './domain.js';

export const CreateUserPoolDomain = operation<
  CreateUserPoolDomainCommandInput,
  CreateUserPoolDomainCommandOutput,
  Pick<Services, 'store' | 'clock'>
>(({ store, clock }) => ({
  input: structure({
    Domain: required(DomainNameType),
    UserPoolId: required(UserPoolIdType),
    ManagedLoginVersion: ManagedLoginVersionType,
    CustomDomainConfig: CustomDomainConfigShape,
    Routing: RoutingShape,
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const name = input.Domain!;
    const kind: DomainKind = input.CustomDomainConfig ? 'custom' : 'prefix';
    if (kind === 'custom') {
      checkCustomDomain(name);
      checkCertificate(input.CustomDomainConfig!.CertificateArn!);
    } else {
      checkPrefix(name);
    }
    const managedLoginVersion = input.ManagedLoginVersion ?? 1;
    checkManagedLoginVersion(pool, managedLoginVersion);
    if (input.Routing) checkRoutingAllowed(kind);
    if (store.domains.find(name)) throw new InvalidParameterException('Domain already associated with another user pool.');
    if (store.domains.findOfPool(pool.id, kind)) throw new InvalidParameterException('User pool already has a domain configured.');

    const now = clock.now();
    const domain = {
      domain: name,
      poolId: pool.id,
      kind,
      created: now,
      modified: now,
      config: {
        ...(input.CustomDomainConfig && { CustomDomainConfig: input.CustomDomainConfig }),
        ManagedLoginVersion: managedLoginVersion,
        ...(input.Routing && { Routing: input.Routing }),
        CloudFrontDistribution: cloudFrontDistribution(name),
        S3Bucket: assetsBucket(pool.id),
        Version: domainVersion(now),
      },
    };
    store.domains.insert(domain);
    return {
      ManagedLoginVersion: managedLoginVersion,
      ...(kind === 'custom' && { CloudFrontDomain: domain.config.CloudFrontDistribution }),
      ...(input.Routing && { Routing: input.Routing }),
    };
  },
}));
