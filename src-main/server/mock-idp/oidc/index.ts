/**
 * `/_mock-idp/oidc`: the mock OIDC provider (provider.ts), one oidc-provider instance per origin
 * the browser or the relying party reached (built on first use, the last few kept), and its
 * interaction page: the mock's login page, whose choice finishes the interaction.
 */
import express from 'express';
import type { Services } from '../../../services.js';
import { requestOrigin } from '../origin.js';
import { mockLoginPage } from '../login-page.js';
import { LOGIN_PAGE_CSP } from '../pages.js';
import { buildOidcProvider, OIDC_MOCK_PATH } from './provider.js';

type Provider = Awaited<ReturnType<typeof buildOidcProvider>>;

/** Origins kept at once: the loopback names and ports a sandbox is reached by are few. */
const MAX_ORIGINS = 8;

const parseForm = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 });

function providersByOrigin(services: Services): (origin: string) => Promise<Provider> {
  const providers = new Map<string, Promise<Provider>>();
  // Each provider signs with the key the store held when it was built: a restored snapshot brings its own.
  services.store.snapshots.onRestored(() => providers.clear());
  return (origin) => {
    let provider = providers.get(origin);
    if (provider) {
      providers.delete(origin);
    } else {
      provider = buildOidcProvider(services.store, origin);
      provider.catch(() => providers.delete(origin));
    }
    providers.set(origin, provider);
    while (providers.size > MAX_ORIGINS) providers.delete(providers.keys().next().value!);
    return provider;
  };
}

function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function oidcMock(services: Services): express.Router {
  const router = express.Router();
  const providerFor = providersByOrigin(services);

  const sendLoginPage = (res: express.Response, uid: string, clientId: unknown, notice?: string) =>
    res
      .status(notice ? 400 : 200)
      .type('html')
      .set('Cache-Control', 'no-store')
      .set('Content-Security-Policy', LOGIN_PAGE_CSP)
      .send(
        mockLoginPage({
          idp: 'oidc',
          askedBy: { label: 'Client', value: String(clientId) },
          people: services.store.mockIdpPeople.list('oidc'),
          action: `${OIDC_MOCK_PATH}/interaction/${uid}`,
          fields: {},
          ...(notice && { notice }),
        }),
      );

  router.get('/interaction/:uid', async (req, res, next) => {
    try {
      const provider = await providerFor(requestOrigin(req));
      const { uid, params } = await provider.interactionDetails(req, res);
      sendLoginPage(res, uid, params.client_id);
    } catch (error) {
      next(error);
    }
  });

  router.post('/interaction/:uid', parseForm, async (req, res, next) => {
    try {
      const provider = await providerFor(requestOrigin(req));
      const { uid, params } = await provider.interactionDetails(req, res);
      if (single(req.body?.cancel)) {
        await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user cancelled the sign-in.' }, { mergeWithLastSubmission: false });
        return;
      }
      const personId = single(req.body?.person);
      const person = personId === undefined ? undefined : services.store.mockIdpPeople.find('oidc', personId);
      if (!person) return void sendLoginPage(res, uid, params.client_id, 'Choose one of the people below: that one is not in the directory (any more).');
      await provider.interactionFinished(req, res, { login: { accountId: person.id } }, { mergeWithLastSubmission: false });
    } catch (error) {
      next(error);
    }
  });

  const callbacks = new WeakMap<Provider, ReturnType<Provider['callback']>>();
  router.use(async (req, res, next) => {
    try {
      const provider = await providerFor(requestOrigin(req));
      let callback = callbacks.get(provider);
      if (!callback) callbacks.set(provider, (callback = provider.callback()));
      callback(req, res);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
