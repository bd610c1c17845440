import type { OperationFactory } from '../../operation.js';
import { AdminListUserSessions } from './AdminListUserSessions.js';
import { AdminRevokeUserSession } from './AdminRevokeUserSession.js';
import { GetUserPoolClientSessionConfiguration } from './GetUserPoolClientSessionConfiguration.js';
import { GetUserPoolSessionConfiguration } from './GetUserPoolSessionConfiguration.js';
import { ListUserSessions } from './ListUserSessions.js';
import { RevokeUserSession } from './RevokeUserSession.js';
import { SetUserPoolClientSessionConfiguration } from './SetUserPoolClientSessionConfiguration.js';
import { SetUserPoolSessionConfiguration } from './SetUserPoolSessionConfiguration.js';

export const userSessionOperations: Record<string, OperationFactory> = {
  ListUserSessions,
  AdminListUserSessions,
  RevokeUserSession,
  AdminRevokeUserSession,
  GetUserPoolSessionConfiguration,
  SetUserPoolSessionConfiguration,
  GetUserPoolClientSessionConfiguration,
  SetUserPoolClientSessionConfiguration,
};
