/**
 * Replaces an app client's SSO session setting: for how many minutes after the user's last fresh
 * authentication the client silently reuses the hosted UI's session (0 to 129600; 0 never).
 * Essentials and Plus only (FeatureUnavailableInTierException on Lite), and session tracking must
 * be ENABLED for the pool.
 *
 * Assumption: with tracking DISABLED the refusal is OperationNotEnabledException ("not available
 * for the current user pool configuration"); its wording is the sandbox's.
 */
import type {
  SetUserPoolClientSessionConfigurationCommandInput,
  SetUserPoolClientSessionConfigurationCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { OperationNotEnabledException } from '../../../../cognito/errors.js';
import { requireClientOfPool } from '../../../../cognito/resources.js';
import { tracksSessions } from '../../../../cognito/user-sessions.js';
import { ClientIdType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { ClientSSOSessionConfigType, requireSessionTier } from './sessions.js';

export const SetUserPoolClientSessionConfiguration = operation<
  SetUserPoolClientSessionConfigurationCommandInput,
  SetUserPoolClientSessionConfigurationCommandOutput,
  Pick<Services, 'store' | 'clock'>
>(({ store, clock }) => ({
  input: structure({ UserPoolId: required(UserPoolIdType), ClientId: required(ClientIdType), SSOSession: required(ClientSSOSessionConfigType) }),
  handle(input) {
    const { pool, client } = requireClientOfPool(store, input.UserPoolId!, input.ClientId!);
    requireSessionTier(pool);
    if (!tracksSessions(store, pool.id)) throw new OperationNotEnabledException(`Session tracking is not enabled for user pool ${pool.id}.`);
    const minutes = input.SSOSession!.MaxValidityMinutes!;
    store.sessionConfigurations.saveSsoMaxValidityMinutes(client.clientId, minutes, clock.now());
    return { UserPoolId: pool.id, ClientId: client.clientId, SSOSession: { MaxValidityMinutes: minutes } };
  },
}));
