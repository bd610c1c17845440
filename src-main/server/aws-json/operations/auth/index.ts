import type { OperationFactory } from '../../operation.js';
import { AdminInitiateAuth } from './AdminInitiateAuth.js';
import { AdminRespondToAuthChallenge } from './AdminRespondToAuthChallenge.js';
import { GetTokensFromRefreshToken } from './GetTokensFromRefreshToken.js';
import { InitiateAuth } from './InitiateAuth.js';
import { RespondToAuthChallenge } from './RespondToAuthChallenge.js';

export const authOperations: Record<string, OperationFactory> = {
  AdminInitiateAuth,
  AdminRespondToAuthChallenge,
  GetTokensFromRefreshToken,
  InitiateAuth,
  RespondToAuthChallenge,
};
