import type { OperationFactory } from '../../operation.js';
import { CreateIdentityPool } from './CreateIdentityPool.js';
import { DeleteIdentityPool } from './DeleteIdentityPool.js';
import { DescribeIdentityPool } from './DescribeIdentityPool.js';
import { GetIdentityPoolRoles } from './GetIdentityPoolRoles.js';
import { GetPrincipalTagAttributeMap } from './GetPrincipalTagAttributeMap.js';
import { ListIdentityPools } from './ListIdentityPools.js';
import { ListTagsForResource } from './ListTagsForResource.js';
import { SetIdentityPoolRoles } from './SetIdentityPoolRoles.js';
import { SetPrincipalTagAttributeMap } from './SetPrincipalTagAttributeMap.js';
import { TagResource } from './TagResource.js';
import { UntagResource } from './UntagResource.js';
import { UpdateIdentityPool } from './UpdateIdentityPool.js';

export const identityPoolAdminOperations: Record<string, OperationFactory> = {
  CreateIdentityPool,
  DescribeIdentityPool,
  UpdateIdentityPool,
  DeleteIdentityPool,
  ListIdentityPools,
  TagResource,
  UntagResource,
  ListTagsForResource,
  GetIdentityPoolRoles,
  SetIdentityPoolRoles,
  GetPrincipalTagAttributeMap,
  SetPrincipalTagAttributeMap,
};
