/**
 * Every flow, built once per sandbox with its actors: the doors run one with a single call
 * (`services.flows.signIn.initiate(...)`). `machines` lists each flow's machine by id: the debugger
 * draws a flow's state chart from its machine's own definition (`GET /_sandbox/api/machines/{id}`).
 */
import type { AnyStateMachine } from 'xstate';
import type { BaseServices } from '../base-services.js';
import type { SigningKeys } from '../tokens/keys.js';
import type { Tokens } from '../tokens/tokens.js';
import type { Triggers } from '../triggers/runtime.js';
import { createClientCredentials, type ClientCredentialsFlow } from './client-credentials/client-credentials.js';
import { clientCredentialsMachine } from './client-credentials/machine.js';
import { createForgotPassword, type ForgotPasswordFlow } from './forgot-password/forgot-password.js';
import { forgotPasswordMachine } from './forgot-password/machine.js';
import { createIdentityFlows } from './identity/identity-flows.js';
import { identityMachine } from './identity/machine.js';
import type { IdentityFlows } from './identity/types.js';
import { createHostedLogin, type HostedLoginFlow } from './hosted-login/hosted-login.js';
import { hostedLoginMachine } from './hosted-login/machine.js';
import { createLogout, type LogoutFlow } from './logout/logout.js';
import { logoutMachine } from './logout/machine.js';
import { FlowRunner } from './runner.js';
import { signInMachine } from './sign-in/machine.js';
import { createSignIn, type SignInFlow } from './sign-in/sign-in.js';
import { signUpMachine } from './sign-up/machine.js';
import { createSignUp, type SignUpFlow } from './sign-up/sign-up.js';

export const machines: Readonly<Record<string, AnyStateMachine>> = {
  [signInMachine.id]: signInMachine,
  [signUpMachine.id]: signUpMachine,
  [forgotPasswordMachine.id]: forgotPasswordMachine,
  [clientCredentialsMachine.id]: clientCredentialsMachine,
  [hostedLoginMachine.id]: hostedLoginMachine,
  [logoutMachine.id]: logoutMachine,
  [identityMachine.id]: identityMachine,
};

export interface Flows {
  runner: FlowRunner;
  signIn: SignInFlow;
  signUp: SignUpFlow;
  forgotPassword: ForgotPasswordFlow;
  clientCredentials: ClientCredentialsFlow;
  hostedLogin: HostedLoginFlow;
  logout: LogoutFlow;
  identity: IdentityFlows;
}

export type FlowServices = BaseServices & { tokens: Tokens; triggers: Triggers; keys: SigningKeys };

export function createFlows(services: FlowServices): Flows {
  const runner = new FlowRunner(services);
  const withRunner = { ...services, runner };
  const signIn = createSignIn(withRunner);
  return {
    runner,
    signIn,
    signUp: createSignUp(withRunner),
    forgotPassword: createForgotPassword(withRunner),
    clientCredentials: createClientCredentials(withRunner),
    hostedLogin: createHostedLogin({ ...withRunner, signIn }),
    logout: createLogout(withRunner),
    identity: createIdentityFlows(withRunner),
  };
}
