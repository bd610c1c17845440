/** The hosted UI's sign-out as /logout runs it, in one call. */
import { fromPromise } from 'xstate';
import type { BaseServices } from '../../base-services.js';
import { closeHostedSession, findHostedSession } from '../../cognito/hosted-sessions.js';
import type { AppClient } from '../../cognito/app-clients.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { FlowCall } from '../call.js';
import type { FlowRunner } from '../runner.js';
import { logoutMachine } from './machine.js';

export interface LogoutRequest {
  pool: UserPool;
  client: AppClient;
  hostedSession?: string;
  /** Where the browser goes next: the sign-out URL, or the sign-in page. */
  next: string;
}

export interface LogoutFlow {
  signOut(request: LogoutRequest, call: FlowCall): Promise<void>;
}

export function createLogout(services: Pick<BaseServices, 'store' | 'clock'> & { runner: FlowRunner }): LogoutFlow {
  const machine = logoutMachine.provide({
    actors: {
      endSession: fromPromise<boolean, { poolId: string; hostedSession?: string }>(async ({ input }) => {
        const live = findHostedSession(services, input.poolId, input.hostedSession) !== undefined;
        closeHostedSession(services, input.hostedSession);
        return live;
      }),
    },
  });
  return {
    async signOut({ pool, client, hostedSession, next }, call) {
      const session = findHostedSession(services, pool.id, hostedSession);
      const user = session && services.store.users.findBySub(pool.id, session.sub);
      const meta = { kind: 'logout', poolId: pool.id, clientId: client.clientId, username: user?.username ?? null, sessionMinutes: 1 };
      const step = await services.runner.start(machine, meta, { poolId: pool.id, clientId: client.clientId, next, ...(hostedSession && { hostedSession }) });
      call.flowId = step.flowId;
    },
  };
}
