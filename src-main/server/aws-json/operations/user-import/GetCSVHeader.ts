/** The header of the pool's user import CSV file: the standard columns, the custom attributes, cognito:mfa_enabled and cognito:username. */
import type { GetCSVHeaderCommandInput, GetCSVHeaderCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import { csvHeaderOf } from '../../../../cognito/user-import/csv-rules.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const GetCSVHeader = operation<GetCSVHeaderCommandInput, GetCSVHeaderCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({ UserPoolId: required(UserPoolIdType) }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    return { UserPoolId: pool.id, CSVHeader: csvHeaderOf(pool) };
  },
}));
