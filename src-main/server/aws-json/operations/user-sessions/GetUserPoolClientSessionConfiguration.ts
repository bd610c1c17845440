/** An app client's SSO session setting; a client never configured answers MaxValidityMinutes 60. */
import type {
  GetUserPoolClientSessionConfigurationCommandInput,
  GetUserPoolClientSessionConfigurationCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requireClientOfPool } from '../../../../cognito/resources.js';
import { ssoMaxValidityMinutes } from '../../../../cognito/user-sessions.js';
import { ClientIdType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';

export const GetUserPoolClientSessionConfiguration = operation<
  GetUserPoolClientSessionConfigurationCommandInput,
  GetUserPoolClientSessionConfigurationCommandOutput,
  Pick<Services, 'store'>
>(({ store }) => ({
  input: structure({ UserPoolId: required(UserPoolIdType), ClientId: required(ClientIdType) }),
  handle(input) {
    const { pool, client } = requireClientOfPool(store, input.UserPoolId!, input.ClientId!);
    return { UserPoolId: pool.id, ClientId: client.clientId, SSOSession: { MaxValidityMinutes: ssoMaxValidityMinutes(store, client.clientId) } };
  },
}));
