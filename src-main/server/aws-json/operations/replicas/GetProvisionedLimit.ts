/**
 * The account's provisioned rate for an API category (`LimitClass` `API_CATEGORY`, attribute
 * `Category`, e.g. `UserAuthentication`), and its default; an unchanged limit is its default.
 *
 * Limitations: stored and described only; the sandbox does not throttle by it (see replicas.ts).
 */
import type { GetProvisionedLimitCommandInput, GetProvisionedLimitCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { LimitDefinitionType, requireApiCategory, toLimitType } from './replicas.js';

export const GetProvisionedLimit = operation<GetProvisionedLimitCommandInput, GetProvisionedLimitCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({ LimitDefinition: required(LimitDefinitionType) }),
  handle(input) {
    const limitClass = input.LimitDefinition!.LimitClass!;
    const { category, defaultValue } = requireApiCategory(input.LimitDefinition!);
    const provisioned = store.provisionedLimits.find(limitClass, category) ?? defaultValue;
    return { Limit: toLimitType(limitClass, category, provisioned, defaultValue) };
  },
}));
