// Browser-test plumbing: build the web UI once into a temp folder, start the real server on a
// scratch Postgres with the Guizhou demo, and drive Debian's chromium through playwright-core.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createScratchPostgres, TEST_REDIS_URL } from '../helpers/databases.js';
import { startRove, type Started } from '../helpers/process.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds web/ into a fresh folder with the project's Vite (the real `npm run build:web`, elsewhere). */
export function buildWeb(): string {
  const out = mkdtempSync(join(tmpdir(), 'rove-web-'));
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', 'web', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
  return out;
}

/** Chromium with a fresh profile (Playwright gives every launch its own temporary user-data-dir). */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
  return { browser, close: () => browser.close() };
}

export interface Rig {
  rove: Started;
  /** The server's scratch Postgres, for a test to look at (or change, as another user would) what the server holds. */
  databaseUrl: string;
  browser: Browser;
  /** Stops the server process: pages can no longer reach it (errors-sessions.test.ts). */
  stopServer: () => Promise<void>;
  /** Starts it again on the same address, database and build (the browser's cookies and service worker still fit). */
  startServer: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The real server (scratch Postgres, Redis, demo seed) serving a fresh build, and a browser. The server
 * runs at the suite's today (startRove passes ROVE_NOW), so the demo and every page are laid out around it.
 */
export async function startRig(env: Record<string, string> = {}): Promise<Rig> {
  const webDir = buildWeb();
  const scratch = await createScratchPostgres();
  const queueName = `rove-web-test-${process.pid}-${randomUUID().slice(0, 8)}`;
  let rove: Started | undefined;
  let chrome: Awaited<ReturnType<typeof launchChromium>>;
  const serverEnv = {
    DATABASE_URL: scratch.url,
    REDIS_URL: TEST_REDIS_URL,
    // Its own queue, so no other test file's worker takes this server's planning runs.
    ROVE_QUEUE_NAME: queueName,
    ROVE_WEB_DIR: webDir,
    ROVE_LOGIN_ATTEMPTS_PER_MINUTE: '1000',
    LOG_LEVEL: 'warn',
    ...env,
  };
  try {
    rove = await startRove(serverEnv);
    chrome = await launchChromium();
  } catch (err) {
    await rove?.stop();
    await scratch.drop();
    rmSync(webDir, { recursive: true, force: true });
    throw err;
  }
  const rig: Rig = {
    rove,
    databaseUrl: scratch.url,
    browser: chrome.browser,
    stopServer: async () => {
      await rig.rove.stop();
    },
    startServer: async () => {
      rig.rove = await startRove({ ...serverEnv, PORT: new URL(rig.rove.url).port });
    },
    close: async () => {
      await chrome.close().catch(() => undefined);
      await rig.rove.stop();
      await scratch.drop();
      rmSync(webDir, { recursive: true, force: true });
      // Leave nothing of this test's queue behind in Redis.
      const queue = new Queue(queueName, { connection: { url: TEST_REDIS_URL } });
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    },
  };
  return rig;
}

export const DEMO_PASSWORD = { coordinator: 'rove-coordinator', host: 'rove-host', driver: 'rove-driver' } as const;

/** A fresh browser context signed in through the sign-in form; resolves once the home page shows. */
export async function signIn(
  rig: Rig,
  username: string,
  password: string,
  opts: { viewport?: { width: number; height: number }; locale?: string; bypassCSP?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await rig.browser.newContext({
    viewport: opts.viewport ?? { width: 1400, height: 900 },
    locale: opts.locale ?? 'zh-CN',
    timezoneId: 'America/Los_Angeles', // far from the region's zone: dates must not shift
    bypassCSP: opts.bypassCSP, // true lets a test add its own script (axe-core) to the page
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto(rig.rove.url, { timeout: 30_000 });
  await page.getByLabel('用户名').fill(username, { timeout: 20_000 });
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForSelector('main[data-page]', { timeout: 30_000 });
  return { context, page };
}

/**
 * Waits for the runs page to show the finished run's draft. When it does not, the error says what the
 * page and the server said of the run (queued, failed and why, or still running), not only "timeout".
 */
export async function waitForRunDone(page: Page, timeout = 120_000): Promise<void> {
  try {
    await page.locator('.run-done').waitFor({ timeout });
  } catch (err) {
    const phase = await page.locator('.run-phase').textContent().catch(() => null);
    const run = await page
      .evaluate(async () => {
        const id = new URLSearchParams(location.hash.split('?')[1] ?? '').get('run');
        return id ? ((await (await fetch(`/api/planning-runs/${id}`)).json()) as unknown) : null;
      })
      .catch(() => null);
    throw new Error(`no finished run on the page after ${timeout} ms; the page said ${JSON.stringify(phase)}; the server: ${JSON.stringify(run)?.slice(0, 600)}`, { cause: err });
  }
}
