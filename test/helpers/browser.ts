import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type ConsoleMessage, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { buildApp, type App } from '../../src/server/http/app';
import { closeContext, createContext, type AppContext } from '../../src/server/context';
import { DEMO_CREDENTIALS, seedDemoData } from '../../src/server/modules/demo';
import { createTestDatabase, type TestDatabase } from './test-context';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const WEB_ROOT = resolve(REPO_ROOT, 'web/dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium from phoning home, so "no request leaves 127.0.0.1" can be enforced. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export { DEMO_CREDENTIALS };

export interface BrowserHarness {
  /** `http://127.0.0.1:<port>` of this file's server. */
  baseUrl: string;
  ctx: AppContext;
  app: App;
  browser: BrowserContext;
  /** A new tab; its page errors and console errors are watched. */
  newPage(): Promise<Page>;
  /** Signs out by dropping cookies and forgets the browser's stored language. */
  resetBrowser(): Promise<void>;
  /** The gateway's TCP port when the harness was asked to start it (`{ gateway: true }`), else null. */
  gatewayPort: number | null;
  /** Problems seen since the last call (page errors, console errors, requests off 127.0.0.1, 5xx answers). */
  takeProblems(): string[];
}

interface Running extends BrowserHarness {
  close(): Promise<void>;
}

/**
 * A failed API answer (4xx) is part of the protocol the page handles (401 before sign-in, 403
 * for a refusal), but Chromium still logs "Failed to load resource" for it. Only those are let
 * through; the same message for any other URL (a missing script, style or boundary file) is a
 * problem.
 */
function isExpectedApiRefusal(message: ConsoleMessage, baseUrl: string): boolean {
  const url = message.location().url;
  return (
    message.text().startsWith('Failed to load resource: the server responded with a status of 4') &&
    url.startsWith(`${baseUrl}/api/`)
  );
}

/** What a test file's server holds besides the identity demo data. */
export interface HarnessOptions {
  /** Also seed the monitoring demo (stations, readings, roll-ups, AQI, water class); off by default because it takes seconds. */
  monitoringDemo?: boolean;
  /** Also start the HJ 212 gateway's TCP listener on an ephemeral 127.0.0.1 port (see `gatewayPort`). */
  gateway?: boolean;
}

async function start(options: HarnessOptions = {}): Promise<Running> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`No web build at ${WEB_ROOT}: run \`npm run build\` before the browser tests`);
  }
  // Browser tests sign in many times from one address: lift the login rate limit for them.
  const database: TestDatabase = await createTestDatabase('sqlite', {
    DEMO_DATA: 'never',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    // These tests run on the real clock, and ten working days from mid-December reach into 2027,
    // whose holidays are not published yet: here 2027 counts as Monday–Friday with only New
    // Year's Day off (元旦 is always a holiday), so the tests do not depend on the day they run
    // (the platform itself refuses such deadlines: 503).
    WORKING_DAY_OVERRIDES: '2027-01-01:off',
    WORKING_DAY_OVERRIDE_YEARS: '2027',
    PASSWORD_SCRYPT_LOG2N: '12',
    ...(options.gateway ? { GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: '0', GATEWAY_BATCH_MAX_DELAY_MS: '5' } : {}),
  });
  const ctx = await createContext(database.config);
  await seedDemoData(ctx, options.monitoringDemo ? { monitoring: true } : {});
  // closeContext stops the listener again.
  const gatewayPort = options.gateway ? (await ctx.gatewayModule.start()).port : null;
  const app = await buildApp(ctx, { webRoot: WEB_ROOT });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const profile = mkdtempSync(join(tmpdir(), 'yrd-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    timezoneId: 'Europe/Berlin', // not Beijing, so a forgotten UTC+8 conversion shows up
    viewport: { width: 1440, height: 900 },
  });

  let problems: string[] = [];
  await browser.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== '127.0.0.1') {
      problems.push(`request left 127.0.0.1: ${route.request().method()} ${url.href}`);
      await route.abort('blockedbyclient');
      return;
    }
    await route.continue();
  });

  const watch = (page: Page) => {
    page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.stack ?? error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error' || isExpectedApiRefusal(message, baseUrl)) return;
      problems.push(`console error on ${page.url()}: ${message.text()} (${message.location().url})`);
    });
    page.on('response', (response) => {
      if (response.status() >= 500) problems.push(`HTTP ${response.status()} for ${response.request().method()} ${response.url()}`);
    });
    return page;
  };
  browser.on('page', watch);
  // A persistent context opens with one blank tab; close it so every test page is watched.
  await Promise.all(browser.pages().map((page) => page.close()));

  return {
    baseUrl,
    ctx,
    app,
    browser,
    gatewayPort,
    newPage: async () => browser.newPage(),
    resetBrowser: async () => {
      await browser.clearCookies();
      const page = await browser.newPage();
      await page.goto(`${baseUrl}/favicon.svg`);
      await page.evaluate('window.localStorage.clear()');
      await page.close();
    },
    takeProblems: () => {
      const seen = problems;
      problems = [];
      return seen;
    },
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
      await app.close();
      await closeContext(ctx);
      await database.dispose();
    },
  };
}

/** A full-page screenshot in .tmp/browser-failures/, to see what a failed test saw. */
async function saveFailureScreenshot(page: Page, name: string): Promise<void> {
  const dir = resolve(REPO_ROOT, '.tmp/browser-failures');
  mkdirSync(dir, { recursive: true });
  const file = `${name.replace(/[^\p{L}\p{N}-]+/gu, '_').slice(0, 80)}.png`;
  await page.screenshot({ path: join(dir, file), fullPage: true }).catch(() => undefined);
}

/**
 * One server (fresh SQLite database with the demo data, the built web app) and one Chromium per
 * test file. Every test fails on a page error, a console error, a request to any host other than
 * 127.0.0.1, or a 5xx answer; after each test the browser is signed out and its stored
 * language forgotten. Returns a getter for the harness (ready inside tests).
 */
export function useBrowserHarness(options: HarnessOptions = {}): () => BrowserHarness {
  // A browser test walks through several pages; on 2 cores with other files' browsers running
  // in parallel that takes longer than the default 30 s.
  vi.setConfig({ testTimeout: 90_000 });
  let running: Running | undefined;
  beforeAll(async () => {
    running = await start(options);
  });
  afterEach(async (context) => {
    if (!running) return;
    const failed = context.task.result?.state === 'fail';
    for (const [index, page] of running.browser.pages().entries()) {
      if (failed) await saveFailureScreenshot(page, `${context.task.name}-${index}`);
      await page.close();
    }
    const problems = running.takeProblems();
    // Each test starts signed out, with no stored language.
    await running.resetBrowser();
    expect(problems, 'browser problems during the test').toEqual([]);
  });
  afterAll(async () => {
    await running?.close();
  });
  return () => {
    if (!running) throw new Error('The browser harness is not running (used outside a test?)');
    return running;
  };
}

/** Signs in through the login page and waits for the shell. */
export async function signIn(page: Page, baseUrl: string, username: string, password = DEMO_CREDENTIALS.password): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input#username').fill(username);
  await page.locator('input#password').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('user-menu').waitFor();
}

/** Waits until `element` and everything inside it have finished their CSS animations. */
async function animationsSettled(element: Locator): Promise<void> {
  // The test project has no DOM typings: the one browser API used here, typed by hand.
  type Animatable = { getAnimations(options: { subtree: boolean }): { finished: Promise<unknown> }[] };
  await element.evaluate((node) => Promise.all((node as unknown as Animatable).getAnimations({ subtree: true }).map((animation) => animation.finished)));
}

/**
 * Waits until the open dialog that holds `inside` has finished its opening animation. A click
 * that lands while Ant Design's zoom-in still runs can be lost (seen in CI: a radio choice and a
 * dialog's OK button that did nothing), so tests wait for this before interacting.
 */
export async function dialogSettled(inside: Locator): Promise<Locator> {
  const dialog = inside.page().locator('.ant-modal').filter({ has: inside });
  await dialog.waitFor();
  await animationsSettled(dialog);
  return dialog;
}

/**
 * Opens a select with `opener`, optionally types `search` (long, virtual lists render only what
 * is in view), and chooses the first option containing `option`. It waits for the list's
 * opening animation before clicking (a click during it was lost in CI) and until the list has
 * closed again, so the next pick cannot find options in this one.
 */
export async function chooseOption(opener: Locator, option: string, options: { search?: boolean } = {}): Promise<void> {
  const page = opener.page();
  await opener.click();
  if (options.search === true) await page.keyboard.type(option);
  const choice = page.locator('.ant-select-item-option').filter({ hasText: option });
  const list = page.locator('.ant-select-dropdown:visible').filter({ has: choice }).first();
  await list.waitFor();
  await animationsSettled(list);
  await list.locator(choice).first().click();
  await selectListsClosed(page);
}

/** Waits until no select list is open (they close with an animation, slow on a busy CI machine). */
export async function selectListsClosed(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 10_000 }).toBe(0);
}
