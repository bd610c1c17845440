import type { OperationFactory } from '../../operation.js';
import { DeleteIdentities } from './DeleteIdentities.js';
import { DescribeIdentity } from './DescribeIdentity.js';
import { ListIdentities } from './ListIdentities.js';
import { LookupDeveloperIdentity } from './LookupDeveloperIdentity.js';
import { MergeDeveloperIdentities } from './MergeDeveloperIdentities.js';
import { UnlinkDeveloperIdentity } from './UnlinkDeveloperIdentity.js';
import { UnlinkIdentity } from './UnlinkIdentity.js';

export const identityOperations: Record<string, OperationFactory> = {
  DescribeIdentity,
  ListIdentities,
  DeleteIdentities,
  LookupDeveloperIdentity,
  MergeDeveloperIdentities,
  UnlinkDeveloperIdentity,
  UnlinkIdentity,
};
