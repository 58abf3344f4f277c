// The web UI against the real server (scratch Postgres, Redis, the Guizhou demo) in chromium: what
// a coordinator, a county host and a driver see and do.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, signIn, startRig, type Rig } from './browser.js';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
}, 180_000);
afterAll(async () => {
  await rig?.close();
});

/** JSON from the API with the page's own session (cookie and CSRF token). */
async function api<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const r = await fetch(p, { headers: { accept: 'application/json' } });
    if (!r.ok) throw new Error(`${p}: ${r.status} ${await r.text()}`);
    return r.json();
  }, path) as Promise<T>;
}

describe('sign-in lands each role on its home page', () => {
  it.each([
    ['coordinator', DEMO_PASSWORD.coordinator, 'board', '规划看板'],
    ['host-520102', DEMO_PASSWORD.host, 'host', '我的申请'],
    ['driver-kp-01', DEMO_PASSWORD.driver, 'driver', '行程'],
  ])('%s', async (username, password, page, navText) => {
    const { context, page: p } = await signIn(rig, username, password);
    try {
      expect(await p.locator('main').getAttribute('data-page')).toBe(page);
      expect(p.url()).toContain(`#/${page}`);
      await expect(p.locator('nav a[aria-current="page"]').textContent()).resolves.toContain(navText);
    } finally {
      await context.close();
    }
  });

  it('refuses a wrong password with a message and stays on the sign-in form', async () => {
    const context = await rig.browser.newContext({ locale: 'zh-CN' });
    try {
      const p = await context.newPage();
      await p.goto(rig.rove.url, { timeout: 30_000 });
      await p.getByLabel('用户名').fill('coordinator', { timeout: 20_000 });
      await p.getByLabel('密码').fill('wrong-password');
      await p.getByRole('button', { name: '登录' }).click();
      await p.getByRole('alert').filter({ hasText: '登录失败' }).waitFor({ timeout: 20_000 });
      expect(await p.locator('main[data-page]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

describe('county host', () => {
  it('submits a request and sees it listed as requested', async () => {
    const { context, page } = await signIn(rig, 'host-520102', DEMO_PASSWORD.host, { viewport: { width: 390, height: 844 } });
    try {
      await page.getByRole('link', { name: '申请巡展' }).first().click();
      await page.waitForSelector('form.request-form', { timeout: 20_000 });
      await page.getByLabel('巡展类型').selectOption('caravan_kit');
      await page.getByLabel('最早开始').fill('2027-04-01');
      await page.getByLabel('最晚结束').fill('2027-05-31');
      await page.getByLabel('开放天数').fill('2');
      await page.getByLabel('预计观众人数').fill('1200');
      await page.getByLabel(/备注/).fill('浏览器测试：操场可停车');
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.waitForSelector('main[data-page="host"]', { timeout: 20_000 });
      await page.getByRole('status').filter({ hasText: '申请已提交' }).waitFor({ timeout: 20_000 });
      const row = page.locator('tr.request-row').filter({ hasText: '2027' }).first();
      await row.waitFor({ timeout: 20_000 });
      expect(await row.locator('.request-status').textContent()).toBe('已提交');
      expect(await row.textContent()).toContain('科普大篷车');
    } finally {
      await context.close();
    }
  });
});

describe('driver', () => {
  it('on a 360x740 phone sees the next stop first with its AMap navigation link', async () => {
    const { context, page } = await signIn(rig, 'driver-kp-01', DEMO_PASSWORD.driver, { viewport: { width: 360, height: 740 } });
    try {
      const next = page.locator('.stop-card.next');
      await next.waitFor({ timeout: 20_000 });
      const box = (await next.boundingBox())!;
      expect(box.y).toBeLessThan(740); // the next stop is on the first screen
      expect(box.x + box.width).toBeLessThanOrEqual(360); // and fits the width
      const link = next.getByRole('link', { name: /高德导航/ });
      expect(await link.isVisible()).toBe(true);
      expect(await link.getAttribute('href')).toMatch(/amap\.com/);
      expect((await next.locator('.venue-name').textContent())?.trim()).toMatch(/科技馆/);
      // Nothing on the page is wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    } finally {
      await context.close();
    }
  });
});

describe('map', () => {
  it('shows the 88 demo venues with no network beyond the server', async () => {
    const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator);
    const outside: string[] = [];
    const origin = new URL(rig.rove.url).origin;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort('internetdisconnected');
    });
    try {
      await page.getByRole('link', { name: '地图' }).click();
      await page.waitForSelector('.map[data-venues]', { timeout: 20_000 });
      await page.waitForFunction(() => document.querySelectorAll('path.venue-point').length >= 88, null, { timeout: 20_000 });
      expect(await page.locator('path.venue-point').count()).toBe(88);
      expect(await page.locator('path.venue-point.tier-key').count()).toBe(20);
      await page.locator('path.venue-point.tier-key').first().click({ force: true });
      await page.locator('.leaflet-popup-content').waitFor({ timeout: 10_000 });
      expect(await page.locator('.leaflet-popup-content').textContent()).toContain('重点帮扶县');
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
