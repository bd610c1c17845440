/**
 * The sign-in machine's device effects (cognito/devices.ts): whether the device a sign-in presents
 * stands in for MFA, and its SRP (DEVICE_SRP_AUTH, then DEVICE_PASSWORD_VERIFIER), after which its
 * last authentication moves.
 */
import { fromPromise } from 'xstate';
import type { BaseServices } from '../../base-services.js';
import {
  devicePasswordVerifierParameters,
  findDeviceOf,
  maySkipMfa,
  recordDeviceAuthentication,
  requireSignInDevice,
  startDeviceSrp,
  verifyDevicePasswordClaim,
} from '../../cognito/devices.js';
import { UserNotFoundException } from '../../cognito/errors.js';
import { requirePool } from '../../cognito/resources.js';
import type { StoredUser } from '../../store/repositories/users.js';
import type { Account, CheckDeviceClaimInput, DeviceSrpStart, DeviceStepInput, StartDeviceSrpInput } from './types.js';

export type DeviceActorServices = Pick<BaseServices, 'store' | 'clock'>;

export function deviceActors({ store, clock }: DeviceActorServices) {
  function currentUser(poolId: string, account: Account): StoredUser {
    const user = store.users.findBySub(poolId, account.sub);
    if (!user) throw new UserNotFoundException('User does not exist.');
    return user;
  }

  return {
    deviceSkipsMfa: fromPromise<boolean, DeviceStepInput>(async ({ input }) => {
      const pool = requirePool(store, input.poolId);
      return maySkipMfa(pool, findDeviceOf(store, currentUser(pool.id, input.account), input.deviceKey));
    }),

    startDeviceSrp: fromPromise<DeviceSrpStart, StartDeviceSrpInput>(async ({ input }) => {
      const device = requireSignInDevice(store, currentUser(input.poolId, input.account), input.deviceKey);
      const verifier = await startDeviceSrp(device, input.srpA);
      return { verifier, parameters: devicePasswordVerifierParameters(verifier, input.account.username) };
    }),

    checkDeviceClaim: fromPromise<boolean, CheckDeviceClaimInput>(async ({ input }) => {
      const device = requireSignInDevice(store, currentUser(input.poolId, input.account), input.deviceKey);
      if (!(await verifyDevicePasswordClaim(device, input.verifier, input.responses, clock.now()))) return false;
      recordDeviceAuthentication({ store, clock }, device);
      return true;
    }),
  };
}
