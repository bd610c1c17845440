/**
 * Sets the account's provisioned rate for an API category. As Cognito says, the value must lie
 * between the category's default (below: InvalidParameterException) and the account's Service
 * Quotas maximum (above: ServiceQuotaExceededException).
 *
 * Limitations: stored and described only; the sandbox does not throttle by it, and it cannot tell
 * whether the account's pools use managed login (which refuses UserAuthentication and
 * UserFederation adjustments). Assumption: the maximum is ten times the default (replicas.ts).
 */
import type { UpdateProvisionedLimitCommandInput, UpdateProvisionedLimitCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { InvalidParameterException, ServiceQuotaExceededException } from '../../../../cognito/errors.js';
import { operation } from '../../operation.js';
import { integer, required, structure } from '../../shapes.js';
import { LimitDefinitionType, MAXIMUM_LIMIT_FACTOR, requireApiCategory, toLimitType } from './replicas.js';

/** The value is a 32-bit integer on the wire (Smithy `Integer`). */
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export const UpdateProvisionedLimit = operation<UpdateProvisionedLimitCommandInput, UpdateProvisionedLimitCommandOutput, Pick<Services, 'store' | 'clock'>>(
  ({ store, clock }) => ({
    input: structure({ LimitDefinition: required(LimitDefinitionType), RequestedLimitValue: required(integer({ min: INT_MIN, max: INT_MAX })) }),
    handle(input) {
      const limitClass = input.LimitDefinition!.LimitClass!;
      const { category, defaultValue } = requireApiCategory(input.LimitDefinition!);
      const requested = input.RequestedLimitValue!;
      if (requested < defaultValue) {
        throw new InvalidParameterException(`The requested limit ${requested} is below the default limit ${defaultValue} of ${category}.`);
      }
      const maximum = defaultValue * MAXIMUM_LIMIT_FACTOR;
      if (requested > maximum) {
        throw new ServiceQuotaExceededException(`The requested limit ${requested} exceeds the account's maximum ${maximum} for ${category}.`);
      }
      store.provisionedLimits.save(limitClass, category, requested, clock.now());
      return { Limit: toLimitType(limitClass, category, requested, defaultValue) };
    },
  }),
);
