/** The STS actions the stand-in answers; the catalogue lists the ones it knows of but does not. */
import type { StsActionFactory } from '../action.js';
import { AssumeRoleWithWebIdentity } from './AssumeRoleWithWebIdentity.js';
import { GetCallerIdentity } from './GetCallerIdentity.js';

export const stsActions: Record<string, StsActionFactory> = {
  AssumeRoleWithWebIdentity,
  GetCallerIdentity,
};
