import type { OperationFactory } from '../../operation.js';
import { CreateManagedLoginBranding } from './CreateManagedLoginBranding.js';
import { DeleteManagedLoginBranding } from './DeleteManagedLoginBranding.js';
import { DescribeManagedLoginBranding } from './DescribeManagedLoginBranding.js';
import { DescribeManagedLoginBrandingByClient } from './DescribeManagedLoginBrandingByClient.js';
import { UpdateManagedLoginBranding } from './UpdateManagedLoginBranding.js';

export const managedLoginOperations: Record<string, OperationFactory> = {
  CreateManagedLoginBranding,
  DescribeManagedLoginBranding,
  DescribeManagedLoginBrandingByClient,
  UpdateManagedLoginBranding,
  DeleteManagedLoginBranding,
};
