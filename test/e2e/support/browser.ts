/**
 * Playwright helpers for the debugger window's end-to-end tests: Debian's Chromium (never a
 * downloaded browser), a page that records every console error and page error, and screenshots
 * into reports/screenshots/ (docs/screenshots/ with UPDATE_SCREENSHOTS=1).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM_PATH);
export const NO_CHROMIUM_REASON = `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium): the debugger window's browser tests are skipped.`;

/**
 * Screenshots land in reports/screenshots/ on every run; `UPDATE_SCREENSHOTS=1 npm test`
 * writes the README's copies in docs/screenshots/ instead.
 */
const SCREENSHOTS = path.resolve(import.meta.dirname, '../../..', process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'reports/screenshots');

/** Debian's Chromium, headless; `extraArgs` adds command-line switches, `env` its environment (a HOME with its own certificate store, say). */
export function launchChromium(extraArgs: readonly string[] = [], env?: NodeJS.ProcessEnv): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', ...extraArgs],
    ...(env && { env: env as Record<string, string> }),
  });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
}

export async function openPage(
  browser: Browser,
  url: string,
  options: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    deviceScaleFactor: 1,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { context, page, errors };
}

/** The page's viewport, or one element of it (a locator: the whole element, however tall). */
export async function screenshot(target: Page | Locator, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await target.screenshot({ path: file });
  return file;
}
