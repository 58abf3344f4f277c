// The coordinator's requests inbox (issue 12, point 1) in chromium against the real server and the
// Guizhou demo: a host's request made in the UI is found by filter, opened with its history and
// approved; two are declined at once with a reason the host then reads; a refusal is shown in the
// server's words; the coordinator's notice about a new request opens it in the inbox; a request's
// detail that answers late is not drawn over the one opened after it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inYears } from '../helpers/clock.js';
import { DEMO_PASSWORD, signIn, startRig, type Rig } from './browser.js';
import { fileRequest, type Filed } from './host-requests.js';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
}, 180_000);
afterAll(async () => {
  await rig?.close();
});

/** The host's newest request with these notes, as the API lists it (the demo's own requests aside). */
async function newest(page: Page, notes: string): Promise<Filed> {
  return page.evaluate(async (notes) => {
    const mine = ((await (await fetch('/api/requests')).json()) as (Filed & { notes: string })[]).filter((r) => r.notes === notes);
    return mine.sort((a, b) => b.id - a.id)[0]!;
  }, notes);
}

async function openInbox(page: Page, query = '') {
  await page.goto(`${rig.rove.url}/#/requests${query}`);
  await page.waitForSelector('main[data-page="requests"] .inbox-list:not([aria-busy]) .inbox-count:not(:empty)', { timeout: 30_000 });
}

type Signed = Awaited<ReturnType<typeof signIn>>;

/** Plans next year with the coordinator page's session (a short run) and says what the draft made of one request. */
async function planNextYear(page: Page, requestId: number): Promise<{ served: boolean; reason: string }> {
  const year = inYears(1, '01-01').slice(0, 4);
  return page.evaluate(
    async ({ year, requestId }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const regionId = me.user.roles.find((g: { role: string }) => g.role === 'coordinator').regionId;
      const body = { horizonStart: `${year}-01-01`, horizonEnd: `${year}-12-31`, options: { seconds: 2 } };
      const started = await fetch(`/api/regions/${regionId}/planning-runs`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) });
      if (started.status !== 202) throw new Error(`run refused: ${started.status} ${await started.text()}`);
      const { runId } = await started.json();
      for (let i = 0; i < 360; i++) {
        const run = await (await fetch(`/api/planning-runs/${runId}`)).json();
        if (run.status === 'succeeded') {
          const stops = await (await fetch(`/api/plans/${run.planId}/stops`)).json();
          const unserved = await (await fetch(`/api/plans/${run.planId}/unserved`)).json();
          const left = unserved.find((u: { requestId: number }) => u.requestId === requestId);
          return { served: stops.some((s: { requestId: number | null }) => s.requestId === requestId), reason: left?.reasonText ?? '' };
        }
        if (run.status === 'failed' || run.status === 'cancelled') throw new Error(`run ${runId} ${run.status}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`run ${runId} did not finish in three minutes`);
    },
    { year, requestId },
  );
}

/** Runs `fn` with the demo's host of 520102 and the region's coordinator signed in, each in a browser of their own. */
async function hostAndCoordinator(fn: (host: Signed, coord: Signed) => Promise<void>) {
  const host = await signIn(rig, 'host-520102', DEMO_PASSWORD.host);
  const coord = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator);
  try {
    await fn(host, coord);
  } finally {
    await host.context.close();
    await coord.context.close();
  }
}

const row = (page: Page, id: number) => page.locator(`tr.inbox-row[data-request-id="${id}"]`);
const message = (page: Page) => page.locator('.inbox-message');

describe('requests inbox', () => {
  it('finds a host’s new request by filter, shows its detail and history in words, and approves it; the next run plans it', async () => {
    await hostAndCoordinator(async (host, coord) => {
      // The host asks in the UI.
      await host.page.goto(`${rig.rove.url}/#/host/request`);
      await host.page.waitForSelector('form.request-form');
      await host.page.getByLabel('巡展类型').selectOption('caravan_kit');
      await host.page.getByLabel('最早开始').fill(inYears(1, '08-03'));
      await host.page.getByLabel('最晚结束').fill(inYears(1, '08-21'));
      await host.page.getByLabel('开放天数').fill('2');
      await host.page.getByLabel('预计观众人数').fill('800');
      await host.page.getByLabel(/备注/).fill('收件箱测试：操场可停车');
      await host.page.getByRole('button', { name: '提交申请' }).click();
      await host.page.getByRole('status').filter({ hasText: '申请已提交' }).waitFor();
      const filed = await newest(host.page, '收件箱测试：操场可停车');

      // The coordinator's navigation leads to the inbox, waiting requests first.
      await coord.page.getByRole('link', { name: '申请审核' }).click();
      await coord.page.waitForSelector('main[data-page="requests"] .inbox-count:not(:empty)', { timeout: 30_000 });
      expect(await coord.page.locator('tr.inbox-row').first().getAttribute('data-status')).toBe('requested');

      // Narrowed by county, kind, status and days, it is among the few left, named by venue and county.
      await coord.page.getByLabel('县', { exact: true }).selectOption(filed.countyCode);
      await coord.page.getByLabel('巡展类型').selectOption('caravan_kit');
      await coord.page.getByLabel('状态', { exact: true }).selectOption('requested');
      await coord.page.getByLabel('时间窗不早于').fill(inYears(1, '08-10'));
      await coord.page.getByLabel('时间窗不晚于').fill(inYears(1, '08-12'));
      await coord.page.getByRole('button', { name: '筛选', exact: true }).click();
      await coord.page.waitForSelector('.inbox-list:not([aria-busy])');
      await row(coord.page, filed.id).waitFor();
      const rows = coord.page.locator('tr.inbox-row');
      for (const status of await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.status))) expect(status).toBe('requested');
      const text = await row(coord.page, filed.id).textContent();
      expect(text).toContain(filed.venueName);
      expect(text).toContain(filed.countyName);
      expect(text).toContain('科普大篷车');
      expect(text).not.toContain(`#${filed.id}`);

      // Its detail: what was asked and the history in words.
      await row(coord.page, filed.id).getByRole('button', { name: filed.venueName }).click();
      const detail = coord.page.locator('aside.request-detail');
      await detail.getByRole('heading', { name: `${filed.venueName}（${filed.countyName}）` }).waitFor();
      expect(await detail.textContent()).toContain('收件箱测试：操场可停车');
      expect(await detail.locator('.request-history li').allTextContents()).toEqual([expect.stringContaining('提交申请')]);
      expect(coord.page.url()).toContain(`id=${filed.id}`);

      await detail.getByRole('button', { name: '批准', exact: true }).click();
      await message(coord.page).getByText(`已批准 1 项申请：${filed.venueName}（${filed.countyName}）。`).waitFor();
      await detail.locator('.request-history li').nth(1).waitFor();
      expect(await detail.locator('.request-history li').nth(1).textContent()).toContain('已提交 → 已批准');
      expect(await detail.locator('.request-status').textContent()).toBe('已批准');
      // Filtered to waiting requests, it has left the list.
      expect(await row(coord.page, filed.id).count()).toBe(0);

      // The host sees it approved.
      await host.page.goto(`${rig.rove.url}/#/host`);
      const mine = host.page.locator(`tr.request-row[data-request-id="${filed.id}"]`).first();
      await mine.waitFor();
      expect(await mine.locator('.request-status').textContent()).toBe('已批准');

      // The next run plans it: a stay of the new draft serves it, or the draft lists it unserved with its reason.
      const outcome = await planNextYear(coord.page, filed.id);
      expect(outcome.served || outcome.reason.length > 0, JSON.stringify(outcome)).toBe(true);
    });
  }, 240_000);

  it('declines two at once with a reason the host reads, and shows a refusal in the server’s words', async () => {
    await hostAndCoordinator(async (host, coord) => {
      const a = await fileRequest(host.page, inYears(1, '09-01'), inYears(1, '09-15'), '收件箱测试 A');
      const b = await fileRequest(host.page, inYears(1, '09-20'), inYears(1, '09-30'), '收件箱测试 B');
      await openInbox(coord.page, `?countyCode=${a.countyCode}&setKind=caravan_kit&from=${inYears(1, '09-01')}&to=${inYears(1, '09-30')}`);
      await row(coord.page, a.id).locator('input.select-request').check();
      await row(coord.page, b.id).locator('input.select-request').check();

      // No reason: the host would read nothing, so nothing is sent.
      await coord.page.getByRole('button', { name: '不予批准所选（2）' }).click();
      await message(coord.page).getByText('请写明不予批准的原因').waitFor();
      expect(await row(coord.page, a.id).getAttribute('data-status')).toBe('requested');

      const reason = '九月场馆维修，请改到十月后再申请';
      await coord.page.locator('.inbox-actions').getByLabel('不予批准的原因（申请方会看到）').fill(reason);
      await coord.page.getByRole('button', { name: '不予批准所选（2）' }).click();
      await message(coord.page).getByText(/^已不予批准 2 项申请：/).waitFor();
      expect(await message(coord.page).locator('.error').count()).toBe(0);
      for (const r of [a, b]) expect(await row(coord.page, r.id).getAttribute('data-status')).toBe('declined');
      expect(await row(coord.page, a.id).locator('.request-status').textContent()).toBe('未通过');

      // Approving a declined one is refused by the server, in its words; the next action clears it.
      await row(coord.page, a.id).locator('input.select-request').check();
      await coord.page.getByRole('button', { name: '批准所选（1）', exact: true }).click();
      const refusal = message(coord.page).locator('.error');
      await refusal.waitFor();
      expect(await refusal.textContent()).toBe(`未能处理，所有申请保持不变：${a.venueName}（${a.countyName}）的申请当前状态为“未通过”，不能批准。请刷新后查看最新状态。`);
      await row(coord.page, b.id).getByRole('button', { name: b.venueName }).click();
      await coord.page.locator('aside.request-detail .request-reason').waitFor();
      expect(await coord.page.locator('aside.request-detail .request-reason').textContent()).toContain(reason);
      await coord.page.getByRole('button', { name: '筛选', exact: true }).click();
      await expect.poll(() => message(coord.page).textContent()).toBe('');

      // The host reads why, in words (on their home, loaded afresh).
      await host.page.reload();
      await host.page.waitForSelector('main[data-page="host"] .host-home');
      await host.page.locator('details.history > summary').click();
      for (const r of [a, b]) {
        const mine = host.page.locator(`tr.request-row[data-request-id="${r.id}"]`);
        await mine.waitFor();
        expect(await mine.textContent()).toContain(reason);
        expect(await mine.locator('.request-status').textContent()).toBe('未通过');
      }
    });
  }, 120_000);

  it('shows the request opened last, even when the one opened before it answers later', async () => {
    const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator);
    try {
      await openInbox(page);
      // Two requests of different venues; the first one's detail is held back until the second is drawn.
      const rows = await page.locator('tr.inbox-row').evaluateAll((trs) =>
        trs.map((tr) => ({ id: Number((tr as HTMLElement).dataset.requestId), venue: tr.querySelector('button.open-request')!.textContent! })),
      );
      const first = rows[0]!;
      const second = rows.find((r) => r.venue !== first.venue)!;
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route(`**/api/requests/${first.id}`, async (route) => {
        await held;
        await route.continue();
      });
      const detail = page.locator('aside.request-detail');
      await row(page, first.id).locator('button.open-request').click();
      await row(page, second.id).locator('button.open-request').click();
      await detail.getByRole('heading', { name: new RegExp(`^${second.venue}（`) }).waitFor();
      const late = page.waitForResponse((r) => r.url().endsWith(`/api/requests/${first.id}`));
      release();
      await (await late).finished();
      // Two frames after the late answer: time enough for the page to draw it, had it kept it.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      expect(await detail.getByRole('heading').first().textContent()).toMatch(new RegExp(`^${second.venue}（`));
      expect(page.url()).toContain(`id=${second.id}`);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('opens the request a coordinator’s notice is about', async () => {
    await hostAndCoordinator(async (host, coord) => {
      const filed = await fileRequest(host.page, inYears(1, '10-05'), inYears(1, '10-25'), '收件箱测试：通知');
      await coord.page.locator('details.notices > summary').click();
      const link = coord.page.locator(`a.notice-link[href="#/requests?id=${filed.id}"]`);
      await link.waitFor();
      // Named by venue, county, kind and window, not by an id.
      expect(await link.textContent()).toBe(`${filed.venueName}（${filed.countyName}）提交了新的展览申请：科普大篷车，${inYears(1, '10-05')} 至 ${inYears(1, '10-25')}。`);
      await link.click();
      await coord.page.waitForSelector('main[data-page="requests"]');
      const detail = coord.page.locator('aside.request-detail');
      await detail.getByRole('heading', { name: `${filed.venueName}（${filed.countyName}）` }).waitFor();
      expect(await detail.textContent()).toContain('收件箱测试：通知');
      expect(await detail.locator('.request-status').textContent()).toBe('已提交');
      expect(await detail.getByRole('button', { name: '批准', exact: true }).isVisible()).toBe(true);

      // In English the same request opens again from the address, in English words.
      await coord.page.getByRole('button', { name: '切换语言' }).click();
      await coord.page.getByRole('heading', { name: 'Visit requests to review' }).waitFor();
      await detail.getByRole('heading', { name: `${filed.venueName} (${filed.countyName})` }).waitFor();
      expect(await detail.locator('.request-history li').allTextContents()).toEqual([expect.stringMatching(/: requested$/)]);
      expect(await detail.getByRole('button', { name: 'Approve', exact: true }).isVisible()).toBe(true);

      // On a phone the inbox and the open request fit the screen's width.
      await coord.page.setViewportSize({ width: 360, height: 740 });
      await expect.poll(() => coord.page.evaluate(() => innerWidth)).toBe(360);
      const wider = await coord.page.evaluate(() => [...document.querySelectorAll<HTMLElement>('main, main *')].filter((el) => el.getBoundingClientRect().right > 361).map((el) => el.outerHTML.slice(0, 80)));
      expect(wider).toEqual([]);
      expect(await coord.page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    });
  }, 120_000);
});
