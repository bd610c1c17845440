import type { OperationFactory } from '../../operation.js';
import { CreateIdentityProvider } from './CreateIdentityProvider.js';
import { DeleteIdentityProvider } from './DeleteIdentityProvider.js';
import { DescribeIdentityProvider } from './DescribeIdentityProvider.js';
import { GetIdentityProviderByIdentifier } from './GetIdentityProviderByIdentifier.js';
import { GetSigningCertificate } from './GetSigningCertificate.js';
import { ListIdentityProviders } from './ListIdentityProviders.js';
import { UpdateIdentityProvider } from './UpdateIdentityProvider.js';

export const identityProviderOperations: Record<string, OperationFactory> = {
  CreateIdentityProvider,
  DescribeIdentityProvider,
  UpdateIdentityProvider,
  DeleteIdentityProvider,
  ListIdentityProviders,
  GetIdentityProviderByIdentifier,
  GetSigningCertificate,
};
