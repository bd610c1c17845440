import type { OperationFactory } from '../../operation.js';
import { AdminForgetDevice } from './AdminForgetDevice.js';
import { AdminGetDevice } from './AdminGetDevice.js';
import { AdminListDevices } from './AdminListDevices.js';
import { AdminUpdateDeviceStatus } from './AdminUpdateDeviceStatus.js';
import { ConfirmDevice } from './ConfirmDevice.js';
import { ForgetDevice } from './ForgetDevice.js';
import { GetDevice } from './GetDevice.js';
import { ListDevices } from './ListDevices.js';
import { UpdateDeviceStatus } from './UpdateDeviceStatus.js';

/** Device tracking: a signed-in user's devices (access token) and any user's (admin). */
export const deviceOperations: Record<string, OperationFactory> = {
  AdminForgetDevice,
  AdminGetDevice,
  AdminListDevices,
  AdminUpdateDeviceStatus,
  ConfirmDevice,
  ForgetDevice,
  GetDevice,
  ListDevices,
  UpdateDeviceStatus,
};
