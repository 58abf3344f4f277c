// Every page in both languages at both sizes (issue 12): axe-core finds no serious or critical WCAG 2
// A/AA violation, no visible text in zh-CN is a dictionary key or English from the code, no page but
// the board scrolls sideways on a 360 px phone (the board says it wants a wider screen), and a
// coordinator reviews requests and reads notices on that phone. Real server, real chromium; the pages
// each role reaches are the links of its own menu, so a new page is checked as soon as it is in the menu.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client.js';
import { adminWithSession } from '../helpers/accounts.js';
import { inYears } from '../helpers/clock.js';
import { DEMO_PASSWORD, signIn, startRig, type Rig } from './browser.js';
import { fileRequest } from './host-requests.js';
import { quietNetwork, seriousViolations, sidewaysOverflow, untranslated } from './page-checks.js';

const DESK = { width: 1440, height: 900 };
const PHONE = { width: 360, height: 740 };

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
}, 180_000);
afterAll(async () => {
  await rig?.close();
});

interface Opened {
  context: BrowserContext;
  page: Page;
  /** Resolves once the page has had no request in flight for a moment. */
  settled: () => Promise<void>;
}

/** A signed-in browser that lets the test add axe-core to the page (the app's CSP allows only its own scripts). */
async function open(username: string, password: string): Promise<Opened> {
  const { context, page } = await signIn(rig, username, password, { viewport: DESK, bypassCSP: true });
  return { context, page, settled: quietNetwork(page) };
}

/** The administrator (no demo account): a session opened in the server's database, its cookie in a fresh browser. */
async function openAdmin(): Promise<Opened> {
  const database = await openDatabase({ databaseUrl: rig.databaseUrl });
  const { headers } = await adminWithSession(database.db).finally(() => database.close());
  const context = await rig.browser.newContext({ viewport: DESK, locale: 'zh-CN', timezoneId: 'America/Los_Angeles', bypassCSP: true });
  context.setDefaultTimeout(20_000);
  await context.addCookies([{ name: 'rove_session', value: headers.cookie.split('=')[1]!, url: rig.rove.url }]);
  const page = await context.newPage();
  const settled = quietNetwork(page);
  await page.goto(rig.rove.url);
  await page.waitForSelector('main[data-page]');
  return { context, page, settled };
}

/** Goes to a page by its route (and query) and waits until it has drawn what it loads. */
async function visit(o: Opened, route: string) {
  await o.page.goto(`${rig.rove.url}/#/${route}`);
  await o.page.waitForSelector(`main[data-page="${route.split('?')[0]}"]`);
  await o.settled();
}

/** The language switch in the header; the page is drawn again in the other language. */
async function switchLanguage(o: Opened, to: 'en' | 'zh-CN') {
  await o.page.locator('button.lang').click();
  await o.page.waitForFunction((lang) => document.documentElement.lang === lang, to);
  await o.settled();
}

type Finding = { size: string; lang: string; path: string; violations?: unknown; untranslated?: string[]; overflow?: number; boardNote?: boolean };

/**
 * The one menu page that may scroll sideways on the phone: the planning board's rows of days cannot
 * fit 360 px, so below 900 px it says it wants a wider screen and leads to the requests instead (the
 * walk checks that it says so). Every other page, wide tables included (they scroll in their own box),
 * fits the phone's width.
 */
const WIDER_SCREEN = 'board';

/**
 * Every page of the user's menu at both sizes, in zh-CN (axe and untranslated text) and in English
 * (axe); on the phone, in both languages, whether the page scrolls sideways once it has drawn its data.
 */
async function walk(o: Opened): Promise<{ paths: string[]; findings: Finding[] }> {
  const paths = await o.page.locator('nav a.navlink').evaluateAll((links) => links.map((a) => a.getAttribute('href')!.replace(/^#\//, '')));
  const findings: Finding[] = [];
  for (const size of [DESK, PHONE]) {
    await o.page.setViewportSize(size);
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const path of paths) {
        await visit(o, path);
        const where = { size: `${size.width}x${size.height}`, lang, path };
        const violations = await seriousViolations(o.page);
        if (violations.length) findings.push({ ...where, violations });
        const words = lang === 'zh-CN' ? await untranslated(o.page) : [];
        if (words.length) findings.push({ ...where, untranslated: words });
        if (size !== PHONE) continue;
        if (path === WIDER_SCREEN) {
          if (!(await o.page.locator('.board-narrow').isVisible())) findings.push({ ...where, boardNote: false });
          continue;
        }
        const overflow = await sidewaysOverflow(o.page);
        if (overflow > 0) findings.push({ ...where, overflow });
      }
      await switchLanguage(o, lang === 'zh-CN' ? 'en' : 'zh-CN');
    }
  }
  return { paths, findings };
}

describe('every page, both languages, both sizes', () => {
  it.concurrent.each([
    ['coordinator', DEMO_PASSWORD.coordinator, ['board', 'requests', 'runs', 'map', 'catalogue', 'reports', 'settings', 'audit']],
    ['host-520102', DEMO_PASSWORD.host, ['host', 'host/request', 'host/visits']],
    ['driver-kp-01', DEMO_PASSWORD.driver, ['driver']],
    ['admin', '', ['admin', 'admin/audit', 'national']],
  ])('%s: no serious or critical axe violation, no untranslated text in zh-CN, no sideways scrolling at 360 px', async (username, password, expected) => {
    const o = username === 'admin' ? await openAdmin() : await open(username, password as string);
    try {
      const { paths, findings } = await walk(o);
      expect(paths).toEqual(expect.arrayContaining(expected as string[]));
      expect(findings).toEqual([]);
    } finally {
      await o.context.close();
    }
  }, 300_000);

  it.concurrent('the sign-in page', async () => {
    const context = await rig.browser.newContext({ viewport: DESK, locale: 'zh-CN', bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.goto(rig.rove.url);
      await page.getByLabel('用户名').waitFor({ timeout: 30_000 });
      const findings: Finding[] = [];
      for (const size of [DESK, PHONE]) {
        await page.setViewportSize(size);
        for (const lang of ['zh-CN', 'en']) {
          await page.waitForFunction((l) => document.documentElement.lang === l, lang);
          // The attribute changes at the click, the page's words once it is drawn again: wait for those.
          await page.getByLabel(lang === 'zh-CN' ? '用户名' : 'Username').waitFor();
          await page.getByRole('button', { name: lang === 'zh-CN' ? '切换语言' : 'Switch language' }).waitFor();
          const where = { size: `${size.width}x${size.height}`, lang, path: 'login' };
          findings.push({ ...where, violations: await seriousViolations(page) });
          if (lang === 'zh-CN') findings.push({ ...where, untranslated: await untranslated(page) });
          if (size === PHONE) findings.push({ ...where, overflow: await sidewaysOverflow(page) });
          await page.locator('button.lang').click();
        }
      }
      expect(findings.filter((f) => (f.violations as unknown[] | undefined)?.length || f.untranslated?.length || f.overflow)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe('a coordinator on a 360 px phone', () => {
  it('reviews a request and reads notices without sideways scrolling; the board says it wants a wider screen, its print view fits', async () => {
    const host = await signIn(rig, 'host-520102', DEMO_PASSWORD.host);
    const filed = await fileRequest(host.page, inYears(1, '11-02'), inYears(1, '11-20'), '手机上审核');
    await host.context.close();
    const o = await open('coordinator', DEMO_PASSWORD.coordinator);
    try {
      await o.page.setViewportSize(PHONE);
      await visit(o, 'board');
      await expect(o.page.locator('.board-narrow').isVisible()).resolves.toBe(true);

      await visit(o, `requests?id=${filed.id}`);
      await o.page.locator('.request-detail:not([hidden])', { hasText: filed.venueName }).waitFor();
      expect({ page: 'requests, one open', overflow: await sidewaysOverflow(o.page) }).toEqual({ page: 'requests, one open', overflow: 0 });

      await o.page.locator('details.notices > summary').click();
      await o.page.locator('.notice-list li', { hasText: filed.venueName }).first().waitFor();
      expect(await o.page.locator('.notice-list').isVisible()).toBe(true);
      expect({ page: 'notices open', overflow: await sidewaysOverflow(o.page) }).toEqual({ page: 'notices open', overflow: 0 });
      expect(await seriousViolations(o.page)).toEqual([]);
      expect(await untranslated(o.page)).toEqual([]);

      await o.page.setViewportSize(DESK);
      await visit(o, 'board');
      await expect(o.page.locator('.board-narrow').isVisible()).resolves.toBe(false);

      // The board's print view (reached from the board, in no menu) fits the phone in both languages.
      await o.page.setViewportSize(PHONE);
      await visit(o, 'board/print');
      await o.page.locator('.board-print[data-ready]').waitFor();
      expect({ page: 'board/print zh-CN', overflow: await sidewaysOverflow(o.page) }).toEqual({ page: 'board/print zh-CN', overflow: 0 });
      await switchLanguage(o, 'en');
      await o.page.locator('.board-print[data-ready]').waitFor();
      expect({ page: 'board/print en', overflow: await sidewaysOverflow(o.page) }).toEqual({ page: 'board/print en', overflow: 0 });
    } finally {
      await o.context.close();
    }
  }, 120_000);
});
