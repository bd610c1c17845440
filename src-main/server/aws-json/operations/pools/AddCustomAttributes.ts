import type { AddCustomAttributesCommandInput, AddCustomAttributesCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { list, required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { schemaOf } from '../../../../cognito/pool-config.js';
import { withCustomAttributes } from '../../../../cognito/schema.js';
import { SchemaAttributeType } from './shapes.js';

export const AddCustomAttributes = operation<AddCustomAttributesCommandInput, AddCustomAttributesCommandOutput, Pick<Services, 'store' | 'clock'>>(
  ({ store, clock }) => ({
    input: structure({
      UserPoolId: required(UserPoolIdType),
      CustomAttributes: required(list(SchemaAttributeType, { min: 1, max: 25 })),
    }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      const schema = withCustomAttributes(schemaOf(pool), input.CustomAttributes!);
      store.pools.save({ ...pool, modified: clock.now(), config: { ...pool.config, SchemaAttributes: schema } });
      return {};
    },
  }),
);
