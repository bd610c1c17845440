/** Changes a terms document; what the request leaves out stays. Links, when given, replace all of the document's links. */
import type { UpdateTermsCommandInput, UpdateTermsCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import {
  LinksType,
  TermsEnforcementType,
  TermsIdType,
  TermsNameType,
  TermsSourceType,
  checkNameFree,
  linksFromRequest,
  requireTerms,
  toTermsType,
} from './terms.js';

export const UpdateTerms = operation<UpdateTermsCommandInput, UpdateTermsCommandOutput, Pick<Services, 'store' | 'clock'>>(({ store, clock }) => ({
  input: structure({
    TermsId: required(TermsIdType),
    UserPoolId: required(UserPoolIdType),
    TermsName: TermsNameType,
    TermsSource: TermsSourceType,
    Enforcement: TermsEnforcementType,
    Links: LinksType,
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const existing = requireTerms(store, pool.id, input.TermsId!);
    const terms = {
      ...existing,
      ...(input.TermsName !== undefined && { name: input.TermsName }),
      ...(input.TermsSource !== undefined && { source: input.TermsSource }),
      ...(input.Enforcement !== undefined && { enforcement: input.Enforcement }),
      ...(input.Links !== undefined && { links: linksFromRequest(input.Links) }),
      modified: clock.now(),
    };
    checkNameFree(store, terms);
    store.terms.save(terms);
    return { Terms: toTermsType(terms) };
  },
}));
