/**
 * The hosted login's effects: the password sign-in and its challenges run as the sign-in flow
 * (a child flow, `hosted-sign-in`, whose triggers and challenges the debugger shows as usual);
 * a user who is signed in already is issued tokens after the pool's pre token generation function
 * (TokenGeneration_HostedAuth).
 */
import { decodeJwt } from 'jose';
import { fromPromise } from 'xstate';
import type { BaseServices } from '../../base-services.js';
import { findAppClient } from '../../cognito/app-clients.js';
import { InternalErrorException, NotAuthorizedException } from '../../cognito/errors.js';
import { requirePool } from '../../cognito/resources.js';
import { runPreTokenGeneration } from '../../tokens/pre-token-generation.js';
import type { OAuthGrant, Tokens } from '../../tokens/tokens.js';
import { awsSdkVersionOf } from '../../triggers/events/common.js';
import type { Triggers } from '../../triggers/runtime.js';
import type { FlowCall } from '../call.js';
import type { SignInAnswer, SignInFlow } from '../sign-in/sign-in.js';
import type { AuthorizeRequest, HostedChallenge, SignInStep, SignInStepInput } from './machine.js';

export type HostedLoginServices = Pick<BaseServices, 'store' | 'clock' | 'ids' | 'bus' | 'options'> & { tokens: Tokens; triggers: Triggers; signIn: SignInFlow };

const grantOf = (authorize: AuthorizeRequest): OAuthGrant => ({ scopes: authorize.scopes, ...(authorize.nonce !== undefined && { nonce: authorize.nonce }) });

/** The child flow's call: the browser's origin and agent, and this login as its parent. */
const childCall = (input: SignInStepInput): FlowCall => ({ ...input.call, parentFlowId: input.flowId });

/** Who the tokens were issued to, read back from the access token the sandbox just signed. */
function signedInFrom(accessToken: string, withPassword: boolean) {
  const claims = decodeJwt(accessToken);
  return { sub: String(claims.sub), username: String(claims.username), authTime: Number(claims.auth_time), withPassword };
}

function stepOf(answer: SignInAnswer, username: string): SignInStep {
  if ('tokens' in answer) return { tokens: answer.tokens, signedIn: signedInFrom(answer.tokens.AccessToken, true) };
  const { name, parameters, session, available } = answer.challenge;
  const challenge: HostedChallenge = { name, parameters, session, username: parameters.USERNAME ?? username, ...(available && { available }) };
  return { challenge };
}

export function hostedLoginActors(services: HostedLoginServices) {
  const { store, tokens, signIn } = services;

  function clientAndPool(input: SignInStepInput) {
    const pool = requirePool(store, input.poolId);
    const client = findAppClient(store, input.clientId);
    if (!client) throw new InternalErrorException(`App client ${input.clientId} no longer exists.`);
    return { pool, client };
  }

  return {
    signIn: fromPromise<SignInStep, SignInStepInput & { username: string; password: string }>(async ({ input }) => {
      const { pool, client } = clientAndPool(input);
      const answer = await signIn.initiate(
        {
          pool,
          client,
          authFlow: 'USER_PASSWORD_AUTH',
          parameters: { USERNAME: input.username, PASSWORD: input.password },
          clientMetadata: undefined,
          caller: 'hosted',
          oauth: grantOf(input.authorize),
        },
        childCall(input),
      );
      return stepOf(answer, input.username);
    }),

    answerChallenge: fromPromise<SignInStep, SignInStepInput & { challenge: HostedChallenge; responses: Record<string, string> }>(async ({ input }) => {
      const { pool, client } = clientAndPool(input);
      const { challenge } = input;
      const answer = await signIn.respond(
        {
          pool,
          client,
          challengeName: challenge.name,
          responses: { ...input.responses, USERNAME: challenge.username },
          session: challenge.session,
          clientMetadata: undefined,
          hosted: true,
        },
        childCall(input),
      );
      return stepOf(answer, challenge.username);
    }),

    issueForUser: fromPromise<SignInStep, SignInStepInput & { sub: string }>(async ({ input }) => {
      const { pool, client } = clientAndPool(input);
      const user = store.users.findBySub(pool.id, input.sub);
      if (!user || user.status !== 'CONFIRMED') throw new NotAuthorizedException('Incorrect username or password.');
      if (!user.enabled) throw new NotAuthorizedException('User is disabled.');
      const grant = grantOf(input.authorize);
      const customization = await runPreTokenGeneration(services, {
        pool,
        client,
        user,
        triggerSource: 'TokenGeneration_HostedAuth',
        awsSdkVersion: awsSdkVersionOf(input.call.userAgent),
        scopes: grant.scopes,
        flowId: input.flowId,
      });
      const issued = await tokens.issue({ pool, client, user, origin: input.call.origin, flowId: input.flowId, oauth: grant, ...(customization && { customization }) });
      return { tokens: issued, signedIn: signedInFrom(issued.AccessToken, false) };
    }),
  };
}
