import type { DeleteTermsCommandInput, DeleteTermsCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { TermsIdType, requireTerms } from './terms.js';

export const DeleteTerms = operation<DeleteTermsCommandInput, DeleteTermsCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({
    TermsId: required(TermsIdType),
    UserPoolId: required(UserPoolIdType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    store.terms.delete(requireTerms(store, pool.id, input.TermsId!).termsId);
    return {};
  },
}));
