/**
 * Named shapes of the Cognito Identity API (`AWSCognitoIdentityService`), with the constraints its
 * model gives them (the AWS SDK's client-cognito-identity documents each). The identity-pool
 * operation folders compose their inputs from these.
 */
import { boolean, enumeration, integer, list, map, string, structure, required } from './shapes.js';

export const IdentityPoolIdType = string({ min: 1, max: 55, pattern: '[\\w-]+:[0-9a-f-]+' });
export const IdentityIdType = string({ min: 1, max: 55, pattern: '[\\w-]+:[0-9a-f-]+' });
export const IdentityPoolNameType = string({ min: 1, max: 128, pattern: '[\\w\\s+=,.@-]+' });
export const IdentityProviderNameType = string({ min: 1, max: 128 });
/** A login's token: a secret, so validation messages never echo it. */
export const IdentityProviderTokenType = string({ min: 1, max: 50000, sensitive: true });
export const IdentityProviderIdType = string({ min: 1, max: 128, pattern: '[\\w.;_/-]+' });
export const DeveloperProviderNameType = string({ min: 1, max: 128, pattern: '[\\w._-]+' });
export const DeveloperUserIdentifierType = string({ min: 1, max: 1024 });
export const CognitoIdentityProviderNameType = string({ min: 1, max: 128, pattern: '[\\w._:/-]+' });
export const CognitoIdentityProviderClientIdType = string({ min: 1, max: 128, pattern: '[\\w_]+' });
export const ARNStringType = string({ min: 20, max: 2048 });
export const AccountIdType = string({ min: 1, max: 15, pattern: '\\d+' });
export const QueryLimitType = integer({ min: 1, max: 60 });
export const PaginationKeyType = string({ min: 1, pattern: '[\\S]+' });
export const TagKeysType = string({ min: 1, max: 128 });
export const TagValueType = string({ min: 0, max: 256 });
export const IdentityPoolTagsType = map(TagKeysType, TagValueType, { max: 50 });
export const PrincipalTagIDType = string({ min: 1, max: 128 });
export const PrincipalTagValueType = string({ min: 1, max: 256 });
export const PrincipalTagsType = map(PrincipalTagIDType, PrincipalTagValueType, { max: 50 });
export const BooleanType = boolean();

/** `Logins`: login key → token, at most ten. */
export const LoginsMapType = map(IdentityProviderNameType, IdentityProviderTokenType, { max: 10 });
export const LoginsListType = list(IdentityProviderNameType);
export const IdentityProvidersType = map(IdentityProviderNameType, IdentityProviderIdType, { max: 10 });
export const OIDCProviderListType = list(ARNStringType);
export const SAMLProviderListType = list(ARNStringType);

export const CognitoIdentityProviderType = structure({
  ProviderName: CognitoIdentityProviderNameType,
  ClientId: CognitoIdentityProviderClientIdType,
  ServerSideTokenCheck: BooleanType,
});
export const CognitoIdentityProviderListType = list(CognitoIdentityProviderType);

export const MappingRuleType = structure({
  Claim: required(string({ min: 1, max: 64, pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+' })),
  MatchType: required(enumeration(['Equals', 'Contains', 'StartsWith', 'NotEqual'])),
  Value: required(string({ min: 1, max: 128 })),
  RoleARN: required(ARNStringType),
});
export const RoleMappingType = structure({
  Type: required(enumeration(['Token', 'Rules'])),
  AmbiguousRoleResolution: enumeration(['AuthenticatedRole', 'Deny']),
  RulesConfiguration: structure({ Rules: required(list(MappingRuleType, { min: 1, max: 25 })) }),
});
export const RoleMappingMapType = map(IdentityProviderNameType, RoleMappingType, { max: 10 });
export const RolesMapType = map(string({ pattern: '(un)?authenticated' }), ARNStringType, { max: 2 });
