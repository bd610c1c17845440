/** A client's terms document, by its name. */
import type { DescribeTermsByClientCommandInput, DescribeTermsByClientCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ResourceNotFoundException } from '../../../../cognito/errors.js';
import { requireClientOfPool } from '../../../../cognito/resources.js';
import { ClientIdType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { TermsNameType, toTermsType } from './terms.js';

export const DescribeTermsByClient = operation<DescribeTermsByClientCommandInput, DescribeTermsByClientCommandOutput, Pick<Services, 'store'>>(
  ({ store }) => ({
    input: structure({
      ClientId: required(ClientIdType),
      UserPoolId: required(UserPoolIdType),
      TermsName: required(TermsNameType),
    }),
    handle(input) {
      const { pool, client } = requireClientOfPool(store, input.UserPoolId!, input.ClientId!);
      const terms = store.terms.findByName(pool.id, client.clientId, input.TermsName!);
      if (!terms) throw new ResourceNotFoundException(`App client ${client.clientId} has no terms named ${input.TermsName}.`);
      return { Terms: toTermsType(terms) };
    },
  }),
);
