/** ProviderUserIdentifierType, as the API model constrains it (AdminLinkProviderForUser, AdminDisableProviderForUser). */
import { ProviderNameType } from '../../model.js';
import { string, structure } from '../../shapes.js';

export const ProviderUserIdentifierType = structure({
  ProviderName: ProviderNameType,
  ProviderAttributeName: string(),
  ProviderAttributeValue: string(),
});
