/**
 * Replaces a pool's session configuration (every member required): session tracking on or off,
 * and the most token sessions a user may have (1 to 100). Essentials and Plus only
 * (FeatureUnavailableInTierException on Lite). Lowering MaxPerUser evicts nothing now: the next
 * sign-in of a user over the limit evicts their least recently used sessions. Turning tracking
 * off keeps the clients' SSO settings, dormant, for when it is turned on again.
 */
import type { SetUserPoolSessionConfigurationCommandInput, SetUserPoolSessionConfigurationCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { requirePool } from '../../../../cognito/resources.js';
import type { PoolSessionConfiguration } from '../../../../store/repositories/session-configurations.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requireSessionTier, UserPoolTokenSessionConfigType, UserSessionTrackingType } from './sessions.js';

export const SetUserPoolSessionConfiguration = operation<
  SetUserPoolSessionConfigurationCommandInput,
  SetUserPoolSessionConfigurationCommandOutput,
  Pick<Services, 'store' | 'clock'>
>(({ store, clock }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    UserSessionTracking: required(UserSessionTrackingType),
    TokenSession: required(UserPoolTokenSessionConfigType),
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    requireSessionTier(pool);
    const configuration: PoolSessionConfiguration = { userSessionTracking: input.UserSessionTracking!, maxPerUser: input.TokenSession!.MaxPerUser! };
    store.sessionConfigurations.saveForPool(pool.id, configuration, clock.now());
    return { UserPoolId: pool.id, UserSessionTracking: configuration.userSessionTracking, TokenSession: { MaxPerUser: configuration.maxPerUser } };
  },
}));
