/**
 * Every flow machine, by id: the debugger draws a flow's state chart from its machine's own
 * definition (`GET /_sandbox/api/machines/{id}`).
 */
import type { AnyStateMachine } from 'xstate';
import { forgotPasswordMachine } from './forgot-password.machine.js';
import { signInMachine } from './sign-in.machine.js';
import { signUpMachine } from './sign-up.machine.js';

export const machines: Record<string, AnyStateMachine> = {
  [signInMachine.id]: signInMachine,
  [signUpMachine.id]: signUpMachine,
  [forgotPasswordMachine.id]: forgotPasswordMachine,
};
