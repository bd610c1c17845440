/**
 * The identity-pool pages follow what changes their pools, whoever changed it (an app, the CLI,
 * another page): the Cognito Identity calls that answered success, as the event stream reports them.
 */
import { onBeforeUnmount } from 'vue';
import type { ApiCalled, EventBase, SandboxEvent } from '../../shared/events';
import { IDENTITY_SERVICE } from '../lib/identity';
import { useConnectionStore } from '../stores/connection';

/** Calls that change identity pools or their identities (reads are left out: the pages make them). */
export const CHANGES_POOLS = /^(Create|Update|Delete)IdentityPool$/;
export const CHANGES_IDENTITIES = /^(GetId|GetCredentialsForIdentity|GetOpenIdToken|GetOpenIdTokenForDeveloperIdentity|DeleteIdentities|MergeDeveloperIdentities|UnlinkDeveloperIdentity|UnlinkIdentity|DeleteIdentityPool)$/;

/** Runs `then` after each batch of events holding a successful Cognito Identity call whose operation matches; stops with the component. */
export function afterIdentityCalls(operations: RegExp, then: () => void): void {
  const changed = (event: SandboxEvent): event is EventBase & ApiCalled =>
    event.type === 'api.called' && event.data.service === IDENTITY_SERVICE && !event.data.error && operations.test(event.data.operation);
  const stop = useConnectionStore().addEventListener((batch) => {
    if (batch.some(changed)) then();
  });
  onBeforeUnmount(stop);
}
