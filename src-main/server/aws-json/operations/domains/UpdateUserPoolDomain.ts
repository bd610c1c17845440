/**
 * Changes the certificate of a custom domain, the managed login version, or the routing of a
 * custom domain; what the request omits stays as it was. The CloudFront name does not change.
 */
import type { UpdateUserPoolDomainCommandInput, UpdateUserPoolDomainCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import {
  CustomDomainConfigShape,
  DomainNameType,
  ManagedLoginVersionType,
  NO_SUCH_DOMAIN,
  RoutingShape,
  checkCertificate,
  checkManagedLoginVersion,
  checkRoutingAllowed,
} from './domain.js';

export const UpdateUserPoolDomain = operation<
  UpdateUserPoolDomainCommandInput,
  UpdateUserPoolDomainCommandOutput,
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
    const existing = store.domains.find(input.Domain!);
    if (!existing || existing.poolId !== input.UserPoolId) throw new InvalidParameterException(NO_SUCH_DOMAIN);
    const pool = requirePool(store, existing.poolId);
    if (input.CustomDomainConfig) {
      if (existing.kind !== 'custom') throw new InvalidParameterException('CustomDomainConfig applies only to custom domains.');
      checkCertificate(input.CustomDomainConfig.CertificateArn!);
    }
    if (input.ManagedLoginVersion !== undefined) checkManagedLoginVersion(pool, input.ManagedLoginVersion);
    if (input.Routing) checkRoutingAllowed(existing.kind);

    const config = {
      ...existing.config,
      ...(input.CustomDomainConfig && { CustomDomainConfig: input.CustomDomainConfig }),
      ...(input.ManagedLoginVersion !== undefined && { ManagedLoginVersion: input.ManagedLoginVersion }),
      ...(input.Routing && { Routing: input.Routing }),
    };
    store.domains.save({ ...existing, config, modified: clock.now() });
    return {
      ManagedLoginVersion: config.ManagedLoginVersion,
      ...(existing.kind === 'custom' && { CloudFrontDomain: config.CloudFrontDistribution }),
      ...(config.Routing && { Routing: config.Routing }),
    };
  },
}));
