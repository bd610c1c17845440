import type { GetUserPoolMfaConfigCommandInput, GetUserPoolMfaConfigCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { mfaConfigView } from './mfa-config.js';

export const GetUserPoolMfaConfig = operation<GetUserPoolMfaConfigCommandInput, GetUserPoolMfaConfigCommandOutput, Pick<Services, 'store'>>(
  ({ store }) => ({
    input: structure({ UserPoolId: required(UserPoolIdType) }),
    handle(input) {
      return mfaConfigView(requirePool(store, input.UserPoolId!));
    },
  }),
);
