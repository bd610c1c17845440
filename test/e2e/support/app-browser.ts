/**
 * What a hosted-UI test in Chromium starts with: the real sandbox, a stand-in for the user's app
 * (a page for any path, "back in the app") whose `/callback` the logins return to, and one page
 * for the whole file (its console errors watched; its cookies cleared between tests).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { startSandbox, type TestSandbox } from '../../support/sandbox.js';
import { launchChromium, openPage, type WatchedPage } from './browser.js';

export interface AppBrowser {
  browser: Browser;
  sandbox: TestSandbox;
  callbackUrl: string;
  watched: WatchedPage;
  page: Page;
  close(): Promise<void>;
}

export async function startAppBrowser(): Promise<AppBrowser> {
  const [browser, sandbox] = await Promise.all([launchChromium(), startSandbox()]);
  const app = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>app</title><p>back in the app</p>'));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const callbackUrl = `http://localhost:${(app.address() as AddressInfo).port}/callback`;
  const watched = await openPage(browser, callbackUrl.replace('/callback', '/'), { width: 900, height: 760 });
  watched.page.setDefaultTimeout(10_000);
  return {
    browser,
    sandbox,
    callbackUrl,
    watched,
    page: watched.page,
    async close() {
      await browser.close();
      await sandbox.close();
      await new Promise((resolve) => app.close(resolve));
    },
  };
}
