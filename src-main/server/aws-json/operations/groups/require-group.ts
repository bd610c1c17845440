import type { Group } from '../../../../store/repositories/groups.js';
import type { Store } from '../../../../store/index.js';
import { ResourceNotFoundException } from '../../../../cognito/errors.js';

/** The group, or Cognito's ResourceNotFoundException for a name the pool does not have. */
export function requireGroup(store: Store, poolId: string, name: string): Group {
  const group = store.groups.find(poolId, name);
  if (!group) throw new ResourceNotFoundException('Group not found.');
  return group;
}
