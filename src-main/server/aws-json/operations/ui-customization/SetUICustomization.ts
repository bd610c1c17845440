/**
 * Sets the hosted UI (classic) CSS and logo of an app client, or of every client without its own
 * (ClientId `ALL`, also when ClientId is left out). The pool must have a domain. A call replaces
 * the whole customization: CSS or a logo it leaves out are removed (assumption: Cognito's Set
 * semantics); the creation date stays.
 */
import type { SetUICustomizationCommandInput, SetUICustomizationCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { checkHostedUiCss } from '../../../../cognito/hosted-ui-css.js';
import { requirePool } from '../../../../cognito/resources.js';
import { ClientIdType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { CSSType, ImageFileType, customizedClient, logoFromRequest, toUICustomizationType } from './ui-customization.js';

/** ImageFile travels as base64 text. */
type SetUICustomizationWireInput = Omit<SetUICustomizationCommandInput, 'ImageFile'> & { ImageFile?: string };

export const SetUICustomization = operation<SetUICustomizationWireInput, SetUICustomizationCommandOutput, Pick<Services, 'store' | 'clock'>>(
  ({ store, clock }) => ({
    input: structure({
      UserPoolId: required(UserPoolIdType),
      ClientId: ClientIdType,
      CSS: CSSType,
      ImageFile: ImageFileType,
    }),
    handle(input, context) {
      const pool = requirePool(store, input.UserPoolId!);
      const clientId = customizedClient(store, pool.id, input.ClientId);
      const domains = store.domains.domainsOfPool(pool.id);
      if (!domains.prefix && !domains.custom) throw new InvalidParameterException('A domain must be associated with this user pool.');
      if (input.CSS !== undefined) checkHostedUiCss(input.CSS);
      const image = logoFromRequest(input.ImageFile);

      const now = clock.now();
      const customization = {
        poolId: pool.id,
        ...(clientId !== undefined && { clientId }),
        ...(input.CSS !== undefined && { css: input.CSS }),
        ...(image && { image }),
        created: store.uiCustomizations.find(pool.id, clientId)?.created ?? now,
        modified: now,
      };
      store.uiCustomizations.save(customization);
      return { UICustomization: toUICustomizationType(customization, context.origin) };
    },
  }),
);
