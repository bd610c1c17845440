import type { DeleteUserPoolDomainCommandInput, DeleteUserPoolDomainCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { DomainNameType, NO_SUCH_DOMAIN } from './domain.js';

export const DeleteUserPoolDomain = operation<
  DeleteUserPoolDomainCommandInput,
  DeleteUserPoolDomainCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({
    Domain: required(DomainNameType),
    UserPoolId: required(UserPoolIdType),
  }),
  handle(input) {
    const domain = store.domains.find(input.Domain!);
    if (!domain || domain.poolId !== input.UserPoolId) throw new InvalidParameterException(NO_SUCH_DOMAIN);
    store.domains.delete(domain.domain);
    return {};
  },
}));
