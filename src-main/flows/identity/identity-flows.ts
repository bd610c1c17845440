/**
 * The identity-pool calls as their doors run them, one flow each: `getId`, `getCredentialsForIdentity`,
 * `getOpenIdToken`, `getOpenIdTokenForDeveloperIdentity` (the Cognito Identity operations) and
 * `assumeRoleWithWebIdentity` (the STS stand-in). Each answers what the operation answers, or throws
 * the error the flow refused with.
 */
import type { FlowRunner } from '../runner.js';
import { refusalError } from '../failure.js';
import { identityActors, type IdentityFlowServices } from './actors.js';
import { identityMachine, type IdentityCallName, type IdentityFlowInput, type IdentityFlowOutput } from './machine.js';
import type { IdentityFlowCall, IdentityFlows } from './types.js';

const FLOW_KINDS: Record<IdentityCallName, string> = {
  GetId: 'identity-get-id',
  GetCredentialsForIdentity: 'identity-credentials',
  GetOpenIdToken: 'identity-openid-token',
  GetOpenIdTokenForDeveloperIdentity: 'identity-developer-token',
  AssumeRoleWithWebIdentity: 'sts-web-identity',
};

export function createIdentityFlows(services: IdentityFlowServices & { runner: FlowRunner }): IdentityFlows {
  const machine = identityMachine.provide({ actors: identityActors(services) });

  /** The pool the flow belongs to in the debugger: named, or the one of the identity named (unknown ones are refused in the flow). */
  function poolIdOf(input: IdentityFlowInput): string | null {
    if (input.identityPoolId) return input.identityPoolId;
    return input.identityId ? (services.store.identities.find(input.identityId)?.IdentityPoolId ?? null) : null;
  }

  async function run(input: IdentityFlowInput, call: IdentityFlowCall): Promise<IdentityFlowOutput> {
    const meta = { kind: FLOW_KINDS[input.call], poolId: poolIdOf(input), clientId: null, username: null, sessionMinutes: 0 };
    const step = await services.runner.start(machine, meta, input);
    call.flowId = step.flowId;
    const output = step.output as IdentityFlowOutput;
    if (output.failure) throw refusalError(output.failure);
    return output;
  }

  const base = (call: IdentityFlowCall) => ({ origin: call.origin, region: call.region });

  return {
    async getId(request, call) {
      const output = await run({ call: 'GetId', identityPoolId: request.identityPoolId, logins: request.logins ?? {}, ...base(call) }, call);
      return { IdentityId: output.identityId! };
    },

    async getCredentialsForIdentity(request, call) {
      const output = await run(
        {
          call: 'GetCredentialsForIdentity',
          identityId: request.identityId,
          logins: request.logins ?? {},
          ...(request.customRoleArn && { customRoleArn: request.customRoleArn }),
          ...base(call),
        },
        call,
      );
      return { IdentityId: output.identityId!, Credentials: output.credentials! };
    },

    async getOpenIdToken(request, call) {
      const output = await run({ call: 'GetOpenIdToken', identityId: request.identityId, logins: request.logins ?? {}, ...base(call) }, call);
      return { IdentityId: output.identityId!, Token: output.openIdToken! };
    },

    async getOpenIdTokenForDeveloperIdentity(request, call) {
      const output = await run(
        {
          call: 'GetOpenIdTokenForDeveloperIdentity',
          identityPoolId: request.identityPoolId,
          logins: request.logins,
          ...(request.identityId && { identityId: request.identityId }),
          ...(request.principalTags && { principalTags: request.principalTags }),
          ...(request.tokenDuration !== undefined && { tokenDuration: request.tokenDuration }),
          ...base(call),
        },
        call,
      );
      return { IdentityId: output.identityId!, Token: output.openIdToken! };
    },

    async assumeRoleWithWebIdentity(request, call) {
      const output = await run({ call: 'AssumeRoleWithWebIdentity', logins: {}, webIdentity: request, ...base(call) }, call);
      return output.webIdentityCredentials!;
    },
  };
}
