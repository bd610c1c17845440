/** Steps the resource-server operations share: shapes, lookups and the wire form. */
import type { ResourceServerScopeType, ResourceServerType } from '@aws-sdk/client-cognito-identity-provider';
import type { Store } from '../../../../store/index.js';
import type { ResourceServer, ResourceServerScope } from '../../../../store/repositories/resource-servers.js';
import { InvalidParameterException, ResourceNotFoundException } from '../../../../cognito/errors.js';
import { ResourceServerScopeDescriptionType, ResourceServerScopeNameType } from '../../model.js';
import { list, required, structure } from '../../shapes.js';

export const ResourceServerScopeListType = list(
  structure({
    ScopeName: required(ResourceServerScopeNameType),
    ScopeDescription: required(ResourceServerScopeDescriptionType),
  }),
  { max: 100 },
);

export function requireResourceServer(store: Store, poolId: string, identifier: string): ResourceServer {
  const server = store.resourceServers.find(poolId, identifier);
  if (!server) throw new ResourceNotFoundException(`Resource server ${identifier} does not exist.`);
  return server;
}

/**
 * The request's scopes as stored. A scope is requested as `identifier/scopeName`, so a name
 * given twice would make two scopes indistinguishable: it is refused (sandbox wording).
 */
export function scopesFromRequest(scopes: ResourceServerScopeType[] | undefined): ResourceServerScope[] {
  const seen = new Set<string>();
  for (const { ScopeName } of scopes ?? []) {
    if (seen.has(ScopeName!)) throw new InvalidParameterException(`Duplicate scope name: ${ScopeName}.`);
    seen.add(ScopeName!);
  }
  return (scopes ?? []).map((scope) => ({ name: scope.ScopeName!, description: scope.ScopeDescription! }));
}

export function toResourceServerType(server: ResourceServer): ResourceServerType {
  return {
    UserPoolId: server.poolId,
    Identifier: server.identifier,
    Name: server.name,
    Scopes: server.scopes.map((scope) => ({ ScopeName: scope.name, ScopeDescription: scope.description })),
  };
}
