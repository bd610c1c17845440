/** An unknown domain is not an error: Cognito answers an empty DomainDescription. */
import type { DescribeUserPoolDomainCommandInput, DescribeUserPoolDomainCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { DomainNameType, toDomainDescription } from './domain.js';

export const DescribeUserPoolDomain = operation<
  DescribeUserPoolDomainCommandInput,
  DescribeUserPoolDomainCommandOutput,
  Pick<Services, 'store' | 'options'>
>(({ store, options }) => ({
  input: structure({ Domain: required(DomainNameType) }),
  handle(input) {
    const domain = store.domains.find(input.Domain!);
    return { DomainDescription: domain ? toDomainDescription(domain, options.accountId) : {} };
  },
}));
