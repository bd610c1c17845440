/** Creates a terms document (`terms-of-use` or `privacy-policy`) of an app client, with a link per language. */
import type { CreateTermsCommandInput, CreateTermsCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requireClientOfPool } from '../../../../cognito/resources.js';
import { ClientIdType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { LinksType, TermsEnforcementType, TermsNameType, TermsSourceType, checkNameFree, linksFromRequest, toTermsType } from './terms.js';

export const CreateTerms = operation<CreateTermsCommandInput, CreateTermsCommandOutput, Pick<Services, 'store' | 'clock' | 'ids'>>(
  ({ store, clock, ids }) => ({
    input: structure({
      UserPoolId: required(UserPoolIdType),
      ClientId: required(ClientIdType),
      TermsName: required(TermsNameType),
      TermsSource: required(TermsSourceType),
      Enforcement: required(TermsEnforcementType),
      Links: LinksType,
    }),
    handle(input) {
      const { pool, client } = requireClientOfPool(store, input.UserPoolId!, input.ClientId!);
      const links = linksFromRequest(input.Links);
      checkNameFree(store, { poolId: pool.id, clientId: client.clientId, name: input.TermsName! });
      const now = clock.now();
      const terms = {
        termsId: ids.uuid(),
        poolId: pool.id,
        clientId: client.clientId,
        name: input.TermsName!,
        source: input.TermsSource!,
        enforcement: input.Enforcement!,
        links,
        created: now,
        modified: now,
      };
      store.terms.insert(terms);
      return { Terms: toTermsType(terms) };
    },
  }),
);
