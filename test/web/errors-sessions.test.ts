// Errors, sessions and small truths (issue 12, points 6 and 7) in chromium against the real server
// and the Guizhou demo, in zh-CN: with the server stopped a page shows a translated banner with a
// retry button that works once the server is back (never "Failed to fetch"); an expired session
// leads to the sign-in form and back to the same address; the venue form takes the priority tier
// from the county code; a host's notice names the venue and the days; a planning run's phase is in words.
import type { Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenHash } from '../../server/db/queries/accounts.js';
import { inYears, yearOf } from '../helpers/clock.js';
import { DEMO_PASSWORD, signIn, startRig, waitForRunDone, type Rig } from './browser.js';

let rig: Rig;
let sql: postgres.Sql;

beforeAll(async () => {
  rig = await startRig();
  sql = postgres(rig.databaseUrl, { max: 1, onnotice: () => undefined });
}, 180_000);
afterAll(async () => {
  await sql?.end();
  await rig?.close();
});

/** Calls the API with the page's own session (cookie and CSRF token). */
async function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const r = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      return r.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

async function openCatalogue(page: Page, tab: string) {
  await page.goto(`${rig.rove.url}/#/catalogue?tab=${tab}`);
  await page.waitForSelector(`main[data-page="catalogue"] nav a[aria-current="page"][href$="tab=${tab}"]`, { timeout: 30_000 });
  await page.locator('main table.list tbody tr').first().waitFor({ timeout: 20_000 });
}

describe('errors and sessions', () => {
  it('shows a zh-CN banner with a retry button while the server is down, and the retry works once it is back', async () => {
    const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator);
    try {
      await openCatalogue(page, 'venues');
      await rig.stopServer();
      try {
        await page.locator('main nav a[href$="tab=vehicles"]').click();
        const banner = page.locator('.conn-banner[role="alert"]');
        await banner.waitFor({ timeout: 20_000 });
        expect(await banner.textContent()).toContain('无法连接服务器');
        await page.locator('main .error').filter({ hasText: '无法连接服务器' }).waitFor({ timeout: 20_000 });
        expect(await page.locator('body').innerText()).not.toMatch(/Failed to fetch|NetworkError|ERR_/);
      } finally {
        await rig.startServer();
      }
      await page.locator('.conn-banner').getByRole('button', { name: '重试' }).click();
      await page.locator('main table.list tbody tr').first().waitFor({ timeout: 30_000 });
      expect(await page.locator('main nav a[aria-current="page"]').getAttribute('href')).toContain('tab=vehicles');
      expect(await page.locator('.conn-banner').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('leads an expired session to the sign-in form and back to the same page', async () => {
    const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator);
    try {
      await openCatalogue(page, 'vehicles');
      const cookie = (await context.cookies()).find((c) => c.name === 'rove_session')!;
      await sql`update sessions set expires_at = '2000-01-01' where id = ${tokenHash(cookie.value)}`;
      // The next page the coordinator opens asks the server, which no longer knows the session.
      await page.goto(`${rig.rove.url}/#/catalogue?tab=drivers`);
      const notice = page.locator('form.login [role="alert"]');
      await notice.filter({ hasText: '登录已过期' }).waitFor({ timeout: 20_000 });
      expect(new URL(page.url()).hash).toBe('#/catalogue?tab=drivers');
      await page.getByLabel('用户名').fill('coordinator');
      await page.getByLabel('密码').fill(DEMO_PASSWORD.coordinator);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForSelector('main[data-page="catalogue"] nav a[aria-current="page"][href$="tab=drivers"]', { timeout: 30_000 });
      expect(new URL(page.url()).hash).toBe('#/catalogue?tab=drivers');
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe('small truths', () => {
  it('takes a new venue’s priority tier from its county code', async () => {
    const [key] = await sql<{ code: string; name: string }[]>`select code, name from counties where key_county order by code limit 1`;
    const [other] = await sql<{ code: string; name: string }[]>`select code, name from counties where not key_county order by code limit 1`;
    const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator);
    try {
      await openCatalogue(page, 'venues');
      await page.getByRole('button', { name: '新建' }).click();
      const tier = page.locator('.editor select[name="priorityTier"]');
      expect(await tier.inputValue()).toBe('other');
      await page.locator('.editor input[name="countyCode"]').fill(key!.code);
      await page.locator('.editor .county-tier-hint').filter({ hasText: key!.name }).waitFor({ timeout: 20_000 });
      expect(await tier.inputValue()).toBe('key');
      expect(await page.locator('.editor input[name="countyName"]').inputValue()).toBe(key!.name);
      expect(await page.locator('.editor .county-tier-hint').textContent()).toContain('重点帮扶县');
      await page.locator('.editor input[name="countyName"]').fill('');
      await page.locator('.editor input[name="countyCode"]').fill(other!.code);
      await page.locator('.editor .county-tier-hint').filter({ hasText: other!.name }).waitFor({ timeout: 20_000 });
      expect(await tier.inputValue()).toBe('other');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('names the venue and the days in a host’s notice, not an id', async () => {
    const host = await signIn(rig, 'host-520102', DEMO_PASSWORD.host);
    const coordinator = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator);
    try {
      const [windowStart, windowEnd] = [inYears(1, '09-01'), inYears(1, '10-31')];
      const me = await call<{ user: { roles: { venueId: number | null }[] } }>(host.page, 'GET', '/api/auth/me');
      const venueId = me.user.roles.find((g) => g.venueId)!.venueId!;
      const request = await call<{ id: number; venueName: string }>(host.page, 'POST', '/api/requests', { venueId, setKind: 'caravan_kit', windowStart, windowEnd, openDays: 2, expectedAudience: 300, notes: 'notice words' });
      await call(coordinator.page, 'POST', `/api/requests/${request.id}/approve`, {});
      await host.page.reload();
      await host.page.waitForSelector('main[data-page]', { timeout: 30_000 });
      await host.page.locator('details.notices summary').click();
      const item = host.page.locator('.notice-list li').filter({ hasText: `${windowStart} 至 ${windowEnd}` });
      await item.first().waitFor({ timeout: 20_000 });
      const words = (await item.first().textContent())!;
      expect(words).toContain(request.venueName);
      expect(words).toContain('已批准');
      expect(words).not.toMatch(/#\d/);
    } finally {
      await host.context.close();
      await coordinator.context.close();
    }
  }, 120_000);

  it('words a planning run’s phase in zh-CN', async () => {
    const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator);
    try {
      await page.getByRole('link', { name: '规划运行' }).click();
      await page.getByLabel('开始日期').fill(`${yearOf(1)}-03-01`, { timeout: 20_000 });
      await page.getByLabel('结束日期').fill(`${yearOf(1)}-04-30`);
      await page.getByLabel('计算时长（秒）').fill('2');
      await page.locator('.run-phase').evaluate((el) => {
        const seen: string[] = [];
        new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
        (window as unknown as { phases: string[] }).phases = seen;
      });
      await page.getByRole('button', { name: '开始规划' }).click();
      await waitForRunDone(page);
      const phases = await page.evaluate(() => (window as unknown as { phases: string[] }).phases);
      const during = phases.filter((p) => p.startsWith('阶段：'));
      expect(during.length, phases.join(' | ')).toBeGreaterThan(0);
      expect(during.some((p) => /读取数据|准备问题|求解中|整理结果/.test(p)), phases.join(' | ')).toBe(true);
      expect(phases.join(' '), 'no phase in English').not.toMatch(/loading|building|solving|settling/);
    } finally {
      await context.close();
    }
  }, 180_000);
});
