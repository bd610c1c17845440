import type { OperationFactory } from '../../operation.js';
import { AddUserPoolClientSecret } from './AddUserPoolClientSecret.js';
import { DeleteUserPoolClientSecret } from './DeleteUserPoolClientSecret.js';
import { GetClientToken } from './GetClientToken.js';
import { ListUserPoolClientSecrets } from './ListUserPoolClientSecrets.js';

export const clientSecretOperations: Record<string, OperationFactory> = {
  AddUserPoolClientSecret,
  ListUserPoolClientSecrets,
  DeleteUserPoolClientSecret,
  GetClientToken,
};
