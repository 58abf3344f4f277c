// In the field (issue 13): the web app is installable (a manifest with a zh-CN name, PNG icons,
// start_url and display, and a Workbox service worker that takes the first page), and a driver's
// itinerary and a host's visits open with no signal after a reload, the page from the service
// worker's precache and the data from what the phone kept, saying how old it is. Real server, real
// chromium, the context set offline (which in Playwright's chromium cuts the service worker's own
// fetches too, so nothing the precache lacks can come from the server). Sign-out forgetting the kept
// data and the 360x740 layout: field.test.ts.
import type { BrowserContext, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, signIn, startRig, type Rig } from './browser.js';

const PHONE = { width: 360, height: 740 };
const NO_CONNECTION = '无法连接服务器';

let rig: Rig;
let sql: postgres.Sql;
beforeAll(async () => {
  rig = await startRig();
  sql = postgres(rig.databaseUrl, { max: 2, onnotice: () => undefined });
}, 180_000);
afterAll(async () => {
  await sql?.end();
  await rig?.close();
});

/** Waits until the service worker has installed (precached the shell) and controls the page; its script's URL. */
async function controlled(page: Page): Promise<string> {
  const url = await page.waitForFunction(() => navigator.serviceWorker.controller?.scriptURL, undefined, { timeout: 90_000 });
  return (await url.jsonValue())!;
}

/** Reloads with no connection; the page must come from the service worker, and show the page the hash names. */
async function reloadOffline(context: BrowserContext, page: Page) {
  await context.setOffline(true);
  const response = await page.reload({ waitUntil: 'domcontentloaded', timeout: 60_000 });
  expect(response?.fromServiceWorker()).toBe(true);
  await page.waitForSelector('main[data-page]', { timeout: 30_000 });
}

describe('installable app', () => {
  it('has a manifest a browser installs (zh-CN name, PNG icons of 192 and 512 px, start_url, standalone) and a service worker controlling the page', async () => {
    const { context, page } = await signIn(rig, 'driver-kp-01', DEMO_PASSWORD.driver, { viewport: PHONE });
    try {
      expect(await controlled(page)).toBe(`${rig.rove.url}/sw.js`);
      // Chromium's own verdict: nothing keeps the app from being installed but the test's profile
      // being a private ("incognito") one.
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);

      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      const m = await page.evaluate(async (h) => {
        const r = await fetch(h!);
        return { type: r.headers.get('content-type'), body: await r.json() };
      }, href);
      expect(m.type).toContain('application/manifest+json');
      expect(m.body.name).toMatch(/[\u4e00-\u9fff]/);
      expect(m.body.short_name).toBeTruthy();
      expect(m.body.lang).toBe('zh-CN');
      expect(m.body.start_url).toBe('/');
      expect(['standalone', 'fullscreen', 'minimal-ui']).toContain(m.body.display);
      // Each icon is a real PNG of the size it claims.
      const icons = await page.evaluate(async (list: Array<{ src: string; sizes: string; type: string }>) => {
        return Promise.all(
          list.map(async (i) => {
            const r = await fetch(new URL(i.src, location.href));
            const bmp = await createImageBitmap(await r.blob());
            return { sizes: i.sizes, type: r.headers.get('content-type'), actual: `${bmp.width}x${bmp.height}` };
          }),
        );
      }, m.body.icons);
      expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
      for (const i of icons) {
        expect(i.type).toContain('image/png');
        expect(i.actual).toBe(i.sizes);
      }
    } finally {
      await context.close();
    }
  }, 180_000);
});

describe('no signal', () => {
  it("the driver's itinerary opens after an offline reload, with the time it was saved", async () => {
    const { context, page } = await signIn(rig, 'driver-kp-01', DEMO_PASSWORD.driver, { viewport: PHONE });
    try {
      await page.locator('.stop-card.next').waitFor({ timeout: 30_000 });
      const venue = await page.locator('.stop-card.next .venue-name').textContent();
      const cards = await page.locator('.stop-card').allTextContents();
      await controlled(page);

      await reloadOffline(context, page);
      expect(await page.locator('main').getAttribute('data-page')).toBe('driver');
      const status = page.locator('.itinerary .status');
      await status.filter({ hasText: NO_CONNECTION }).waitFor({ timeout: 30_000 });
      expect(await status.textContent()).toMatch(/\d{1,2}:\d{2}/); // the time it was saved
      expect(await page.locator('.stop-card.next .venue-name').textContent()).toBe(venue);
      expect(await page.locator('.stop-card').allTextContents()).toEqual(cards);

      // Online again, the page is the server's once more.
      await context.setOffline(false);
      await page.reload({ timeout: 60_000 });
      await page.locator('.stop-card.next').waitFor({ timeout: 30_000 });
      expect((await page.locator('.itinerary .status').textContent()) ?? '').not.toContain(NO_CONNECTION);
    } finally {
      await context.close();
    }
  }, 240_000);

  it("the host's requests and visits open after an offline reload, saying how old they are", async () => {
    const { context, page } = await signIn(rig, 'host-520102', DEMO_PASSWORD.host, { viewport: PHONE });
    try {
      await page.locator('.request-status').first().waitFor({ timeout: 30_000 });
      const requests = await page.locator('.request-status').allTextContents();
      await page.goto(`${rig.rove.url}/#/host/visits`);
      const visit = page.locator('.visits-cal .rove-visit');
      await visit.first().waitFor({ timeout: 30_000 });
      const visits = await visit.allTextContents();
      await controlled(page);

      await reloadOffline(context, page);
      expect(await page.locator('main').getAttribute('data-page')).toBe('host/visits');
      await page.locator('main .status').filter({ hasText: NO_CONNECTION }).waitFor({ timeout: 30_000 });
      await visit.first().waitFor({ timeout: 30_000 });
      expect(await visit.allTextContents()).toEqual(visits);

      // Still with no signal, the requests page opens from what was kept too.
      await page.goto(`${rig.rove.url}/#/host`);
      await page.locator('main[data-page="host"] .status').filter({ hasText: NO_CONNECTION }).waitFor({ timeout: 30_000 });
      expect(await page.locator('.request-status').allTextContents()).toEqual(requests);
    } finally {
      await context.close();
    }
  }, 240_000);
});

describe('taps made with no signal', () => {
  /** The first stay on the driver's page with an "arrived" button (the next one, unless it is under way): its id. */
  async function arrivable(page: Page): Promise<number> {
    const card = page.locator('.stop-card').filter({ has: page.locator('.arrive-btn') }).first();
    await card.waitFor({ timeout: 30_000 });
    return Number(await card.getAttribute('data-stop-id'));
  }
  /** What the server holds of a stay: its status, the taps it took, and its audited steps. */
  async function held(stopId: number) {
    const [stop] = await sql<{ status: string; startsOn: string }[]>`select status, starts_on::text as "startsOn" from stops where id = ${stopId}`;
    const taps = await sql<{ action: string }[]>`select action from client_actions where stop_id = ${stopId} order by received_at`;
    const audited = await sql<{ action: string }[]>`select action from audit_log where entity = 'stop' and entity_id = ${String(stopId)} and action like 'stop.%' order by id`;
    return { status: stop!.status, startsOn: stop!.startsOn, taps: taps.map((x) => x.action), audited: audited.map((x) => x.action) };
  }

  it('arrived and done tapped offline wait on the phone (through a reload) and are sent exactly once when the signal returns', async () => {
    const { context, page } = await signIn(rig, 'driver-kp-02', DEMO_PASSWORD.driver, { viewport: PHONE });
    try {
      const stopId = await arrivable(page);
      const before = await held(stopId);
      await controlled(page);

      await context.setOffline(true);
      await page.locator(`.stop-card[data-stop-id="${stopId}"] .arrive-btn`).click();
      await page.locator('.itinerary .status').filter({ hasText: '没有信号' }).waitFor({ timeout: 20_000 });
      const card = page.locator(`.stop-card[data-stop-id="${stopId}"]`);
      expect(await card.locator('.badge.pending').textContent()).toBe('待发送');
      await card.locator('.done-btn').click();
      await page.locator('.taps-waiting').filter({ hasText: '2 项' }).waitFor({ timeout: 20_000 });
      // Kept in IndexedDB, not in the page: a reload with no signal still has both.
      await reloadOffline(context, page);
      await page.locator('.taps-waiting').filter({ hasText: '2 项' }).waitFor({ timeout: 30_000 });
      expect(await held(stopId)).toEqual(before);

      await context.setOffline(false);
      await page.locator('.taps-waiting').waitFor({ state: 'detached', timeout: 60_000 });
      await expect.poll(async () => (await held(stopId)).status, { timeout: 20_000 }).toBe('completed');
      // Reloading online sends nothing again.
      await page.reload({ timeout: 60_000 });
      await page.locator('main[data-page="driver"] .itinerary').waitFor({ timeout: 30_000 });
      expect(await held(stopId)).toMatchObject({ status: 'completed', taps: ['stop.arrive', 'stop.complete'], audited: ['stop.arrive', 'stop.complete'] });
      expect(await page.locator(`.stop-card[data-stop-id="${stopId}"]`).count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('a stay moved while the phone was offline: the tap is refused and the driver is told in words', async () => {
    const { context, page } = await signIn(rig, 'driver-kp-03', DEMO_PASSWORD.driver, { viewport: PHONE });
    try {
      const stopId = await arrivable(page);
      await context.setOffline(true);
      await page.locator(`.stop-card[data-stop-id="${stopId}"] .arrive-btn`).click();
      await page.locator('.taps-waiting').waitFor({ timeout: 20_000 });

      // Meanwhile the coordinator moves the stay (an explicit decision, as a confirmed stay needs) to free days.
      const { startsOn } = await held(stopId);
      let moved = false;
      for (let days = 7; days < 120 && !moved; days++) {
        moved = await sql
          .begin(async (tx) => {
            await tx`select set_config('rove.decision', 'test: moved while the driver was offline', true)`;
            await tx`update stops set starts_on = starts_on + ${days}::int, opens_on = opens_on + ${days}::int, closes_on = closes_on + ${days}::int, ends_on = ends_on + ${days}::int where id = ${stopId}`;
          })
          .then(
            () => true,
            () => false,
          );
      }
      expect(moved).toBe(true);
      const after = await held(stopId);
      expect(after.startsOn > startsOn).toBe(true);

      await context.setOffline(false);
      const alert = page.getByRole('alert').filter({ hasText: '以下离线操作没有被接受' });
      await alert.waitFor({ timeout: 60_000 });
      const words = await alert.locator('.refusal').textContent();
      expect(words).toContain('已到达');
      expect(words).toContain('在您离线期间已改期');
      expect(await alert.locator('.refusal').getAttribute('data-code')).toBe('STAY_CHANGED');
      expect(await held(stopId)).toMatchObject({ startsOn: after.startsOn, taps: [], audited: [] });
      expect(after.status).not.toBe('arrived');
      await alert.getByRole('button', { name: '知道了' }).click();
      await alert.waitFor({ state: 'detached', timeout: 20_000 });
    } finally {
      await context.close();
    }
  }, 240_000);

  it("a host's report sent with no signal waits on the phone and is stored once when the signal returns", async () => {
    const { context, page } = await signIn(rig, 'host-520102', DEMO_PASSWORD.host, { viewport: PHONE });
    try {
      const card = page.locator('.visit-report').first();
      await card.waitFor({ timeout: 30_000 });
      const stopId = Number(await card.getAttribute('data-stop-id'));
      await context.setOffline(true);
      await card.getByLabel('观众人数').fill('2468');
      await card.locator('button[type="submit"]').click();
      const kept = page.locator(`.visit-report[data-stop-id="${stopId}"] .report-waiting`);
      await kept.waitFor({ timeout: 30_000 });
      const reports = async () => sql<{ attendance: number }[]>`select attendance from visit_reports where stop_id = ${stopId}`;
      expect((await reports()).map((r) => r.attendance)).not.toContain(2468);

      await context.setOffline(false);
      const sent = page.locator(`.visit-report[data-stop-id="${stopId}"] .report-figures`).filter({ hasText: '2,468' });
      await sent.waitFor({ timeout: 60_000 });
      expect((await reports()).map((r) => r.attendance)).toEqual([2468]);
      const taps = await sql<{ action: string }[]>`select action from client_actions where stop_id = ${stopId}`;
      expect(taps.map((x) => x.action)).toEqual(['visit.report']);
    } finally {
      await context.close();
    }
  }, 240_000);
});
