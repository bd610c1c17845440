/**
 * What a test of the debugger window in Chromium starts with: the renderer built, Chromium and a
 * sandbox started before the file's tests, and pages of the window opened at a path of the
 * sandbox (their console errors watched); everything closed after the file. Without Chromium the
 * file's tests are skipped (`it.skipIf(!hasChromium)`), and this says why once.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ensureBuilt } from '../../support/build.js';
import { startSandbox, type TestSandbox } from '../../support/sandbox.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON, openPage, type WatchedPage } from './browser.js';

export interface WindowBrowser {
  readonly sandbox: TestSandbox;
  /** Opens `path` of the sandbox (e.g. `/_sandbox/#/admin/...`) in a fresh page. */
  open(path: string, options?: Parameters<typeof openPage>[2]): Promise<WatchedPage>;
}

/** `start`: how the sandbox starts (`startSandbox()` by default; e.g. startSandboxWithHandlers for trigger functions). */
export function useWindowBrowser(testFile: string, start: () => Promise<TestSandbox> = () => startSandbox()): WindowBrowser {
  if (!hasChromium) console.warn(`${testFile} skipped: ${NO_CHROMIUM_REASON}`);
  let browser: Browser | undefined;
  let sandbox: TestSandbox | undefined;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    if (!hasChromium) return;
    await ensureBuilt(['renderer']);
    [browser, sandbox] = await Promise.all([launchChromium(), start()]);
  }, 180_000);
  afterAll(async () => {
    for (const watched of opened) await watched.context.close();
    await browser?.close();
    await sandbox?.close();
  });

  return {
    get sandbox() {
      return sandbox!;
    },
    async open(path, options) {
      const watched = await openPage(browser!, `${sandbox!.url}${path}`, options);
      opened.push(watched);
      return watched;
    },
  };
}
