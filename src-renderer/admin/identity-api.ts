/**
 * The Cognito Identity API (identity pools), spoken as any client speaks it: `POST /` with
 * `X-Amz-Target: AWSCognitoIdentityService.<Op>`, so the admin pages' calls show up in the
 * debugger like an app's. Request and response types are the AWS SDK's own, dates as they travel.
 */
import type * as Identity from '@aws-sdk/client-cognito-identity';
import { awsJson, type Wire } from './cognito-api';

interface Operations {
  ListIdentityPools: [Identity.ListIdentityPoolsInput, Identity.ListIdentityPoolsResponse];
  CreateIdentityPool: [Identity.CreateIdentityPoolInput, Identity.IdentityPool];
  DescribeIdentityPool: [Identity.DescribeIdentityPoolInput, Identity.IdentityPool];
  UpdateIdentityPool: [Identity.IdentityPool, Identity.IdentityPool];
  DeleteIdentityPool: [Identity.DeleteIdentityPoolInput, object];
  GetIdentityPoolRoles: [Identity.GetIdentityPoolRolesInput, Identity.GetIdentityPoolRolesResponse];
  SetIdentityPoolRoles: [Identity.SetIdentityPoolRolesInput, object];
  ListIdentities: [Identity.ListIdentitiesInput, Identity.ListIdentitiesResponse];
  DescribeIdentity: [Identity.DescribeIdentityInput, Identity.IdentityDescription];
  DeleteIdentities: [Identity.DeleteIdentitiesInput, Identity.DeleteIdentitiesResponse];
}

export type IdentityOperation = keyof Operations;

export type IdentityPool = Wire<Identity.IdentityPool>;
export type IdentityPoolSummary = Wire<Identity.IdentityPoolShortDescription>;
export type IdentityDescription = Wire<Identity.IdentityDescription>;
export type RoleMapping = Identity.RoleMapping;
export type MappingRule = Identity.MappingRule;
export type UserPoolProvider = Identity.CognitoIdentityProvider;

export async function cognitoIdentity<Op extends IdentityOperation>(operation: Op, input: Operations[Op][0]): Promise<Wire<Operations[Op][1]>> {
  return (await awsJson(`AWSCognitoIdentityService.${operation}`, input)) as Wire<Operations[Op][1]>;
}
