import type { OperationFactory } from '../../operation.js';
import { ConfirmForgotPassword } from './ConfirmForgotPassword.js';
import { ConfirmSignUp } from './ConfirmSignUp.js';
import { ForgotPassword } from './ForgotPassword.js';
import { ResendConfirmationCode } from './ResendConfirmationCode.js';
import { SignUp } from './SignUp.js';

export const selfServiceOperations: Record<string, OperationFactory> = {
  ConfirmForgotPassword,
  ConfirmSignUp,
  ForgotPassword,
  ResendConfirmationCode,
  SignUp,
};
