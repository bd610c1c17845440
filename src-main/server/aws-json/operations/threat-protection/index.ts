import type { OperationFactory } from '../../operation.js';
import { AdminListUserAuthEvents } from './AdminListUserAuthEvents.js';
import { AdminUpdateAuthEventFeedback } from './AdminUpdateAuthEventFeedback.js';
import { DescribeRiskConfiguration } from './DescribeRiskConfiguration.js';
import { SetRiskConfiguration } from './SetRiskConfiguration.js';
import { UpdateAuthEventFeedback } from './UpdateAuthEventFeedback.js';

export const threatProtectionOperations: Record<string, OperationFactory> = {
  SetRiskConfiguration,
  DescribeRiskConfiguration,
  AdminListUserAuthEvents,
  AdminUpdateAuthEventFeedback,
  UpdateAuthEventFeedback,
};
