/**
 * Pre token generation as Cognito runs it, just before it issues tokens: the function sees the
 * user's attributes, the groups about to go into the tokens (groupConfiguration) and, in the V2
 * and V3 events, the access token's scopes; it answers how the claims change.
 * `runPreTokenGeneration` asks it; `Tokens.issue` applies the answer (its `customization`), so
 * the tokens and their `token.issued` events carry the final claims while the trigger events show
 * what the function returned.
 */
import type { AppClient } from '../cognito/app-clients.js';
import type { Group } from '../store/repositories/groups.js';
import type { UserPool } from '../store/repositories/user-pools.js';
import type { StoredUser } from '../store/repositories/users.js';
import { userAttributesOf, type CommonInput } from '../triggers/events/common.js';
import {
  preTokenGenerationEvent,
  readPreTokenGenerationResponse,
  type GroupConfiguration,
  type PreTokenGenerationSource,
  type TokenCustomization,
} from '../triggers/events/preTokenGeneration.js';
import type { StringMap } from '../triggers/types.js';
import { USER_ADMIN_SCOPE } from '../cognito/oauth.js';
import { groupRoles, preferredRole } from './claims.js';
import type { BaseServices } from '../base-services.js';
import type { Triggers } from '../triggers/runtime.js';

export interface PreTokenGenerationCall {
  pool: UserPool;
  client: AppClient;
  user: StoredUser;
  triggerSource: PreTokenGenerationSource;
  /** The caller's SDK, as the event's callerContext names it. */
  awsSdkVersion?: CommonInput['awsSdkVersion'];
  /** The ClientMetadata of the call that issues the tokens, when the routing table gives it to this trigger. */
  clientMetadata?: StringMap;
  /** The access token's scopes; the user pools API's own scope by default. */
  scopes?: readonly string[];
  flowId?: string | null;
}

/** The groups as the event offers them for overriding: names, their roles, the preferred role. */
export function groupConfigurationOf(groups: Group[]): GroupConfiguration {
  return { groupsToOverride: groups.map((group) => group.name), iamRolesToOverride: groupRoles(groups), preferredRole: preferredRole(groups) ?? null };
}

/** Runs the pool's pre token generation function; undefined when the pool has none. */
export async function runPreTokenGeneration(
  services: Pick<BaseServices, 'store'> & { triggers: Triggers },
  call: PreTokenGenerationCall,
): Promise<TokenCustomization | undefined> {
  const { pool, client, user } = call;
  if (!services.triggers.isConfigured(pool, 'PreTokenGeneration')) return undefined;
  const event = preTokenGenerationEvent({
    userPoolId: pool.id,
    clientId: client.clientId,
    awsSdkVersion: call.awsSdkVersion,
    lambdaVersion: services.triggers.preTokenGenerationVersion(pool),
    triggerSource: call.triggerSource,
    userName: user.username,
    userAttributes: userAttributesOf(user, pool),
    groupConfiguration: groupConfigurationOf(services.store.groups.groupsForUser(pool.id, user.usernameKey)),
    scopes: call.scopes ?? [USER_ADMIN_SCOPE],
    clientMetadata: call.clientMetadata,
  });
  return services.triggers.invoke({
    pool,
    trigger: 'PreTokenGeneration',
    event,
    flowId: call.flowId,
    read: (output) => readPreTokenGenerationResponse(output, event),
  });
}
