// In the field (issue 13): what the phone keeps for no signal is forgotten at sign-out, and no host
// or driver page scrolls sideways on a 360x740 phone. Real server, real chromium. The installable
// app and the pages opening offline: field-offline.test.ts.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngOf } from '../helpers/png.js';
import { DEMO_PASSWORD, signIn, startRig, type Rig } from './browser.js';

const PHONE = { width: 360, height: 740 };

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

describe('no signal', () => {
  it('signing out forgets what the phone kept', async () => {
    const { context, page } = await signIn(rig, 'driver-kp-01', DEMO_PASSWORD.driver, { viewport: PHONE });
    try {
      await page.locator('.stop-card.next').waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: '退出' }).click();
      await page.getByLabel('用户名').waitFor();
      const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rove.kept.') || k.startsWith('rove.itinerary.')));
      expect(kept).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe('a 360x740 phone', () => {
  /** How far the page reaches past the phone's width (0: it does not scroll sideways). */
  const overflow = (page: import('playwright-core').Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it.each([
    ['driver-kp-01', DEMO_PASSWORD.driver, ['driver']],
    ['driver-rm-01', DEMO_PASSWORD.driver, ['driver']],
    ['host-520102', DEMO_PASSWORD.host, ['host', 'host/request', 'host/visits']],
    ['host-522633', DEMO_PASSWORD.host, ['host', 'host/request', 'host/visits']],
  ])('%s: no page scrolls sideways, folded parts opened too', async (username, password, pages) => {
    const { context, page } = await signIn(rig, username, password, { viewport: PHONE });
    try {
      for (const path of pages) {
        await page.goto(`${rig.rove.url}/#/${path}`);
        await page.waitForSelector(`main[data-page="${path}"]`);
        await page.waitForLoadState('networkidle');
        expect({ path, overflow: await overflow(page) }).toEqual({ path, overflow: 0 });
        // Everything folded away, opened: the host's history, the driver's feed link.
        for (const d of await page.locator('main details').all()) await d.evaluate((el) => el.setAttribute('open', ''));
        if (path === 'driver') {
          await page.locator('.route-map .route-stop').first().waitFor({ timeout: 20_000 });
          await page.locator('.feed-btn').click();
          await page.locator('.feed input').waitFor({ timeout: 20_000 });
        }
        expect({ path, opened: await overflow(page) }).toEqual({ path, opened: 0 });
      }
    } finally {
      await context.close();
    }
  }, 150_000);
});

describe("the host's home", () => {
  it('upcoming visits come first, history folded; a report and a photo (resized on the phone) are shown once sent, and editable until the coordinator locks the visit', async () => {
    const { context, page } = await signIn(rig, 'host-520102', DEMO_PASSWORD.host, { viewport: PHONE });
    try {
      const home = page.locator('main[data-page="host"] .host-home');
      await home.waitFor({ timeout: 30_000 });
      const order = await home.locator(':scope > section, :scope > details').evaluateAll((els) => els.map((e) => e.className.split(' ')[0]));
      expect(order.indexOf('upcoming')).toBe(0);
      expect(order.indexOf('panel')).toBe(1); // open requests
      expect(order.at(-1)).toBe('history');
      expect(await home.locator('details.history').getAttribute('open')).toBeNull();
      // Scheduled days, not the request window, on each upcoming visit.
      const firstUpcoming = home.locator('.upcoming .upcoming-visit').first();
      await firstUpcoming.locator('.days-open').waitFor({ timeout: 20_000 });

      // A visit whose report is still open: another test may have locked one of the demo's reports.
      const card = home.locator('.visit-report').filter({ has: page.locator('form') }).first();
      const stopId = Number(await card.getAttribute('data-stop-id'));
      await card.getByLabel('观众人数').fill('1234');
      await card.getByLabel('备注').fill('浏览器测试：雨天，学生多');
      await card.locator('button[type="submit"]').click();
      const sent = home.locator(`.visit-report[data-stop-id="${stopId}"] .report-figures`).filter({ hasText: '1,234' });
      await sent.waitFor({ timeout: 30_000 });
      expect(await sent.textContent()).toContain('雨天，学生多');
      const [report] = await sql<{ attendance: number }[]>`select attendance from visit_reports where stop_id = ${stopId}`;
      expect(report!.attendance).toBe(1234);

      // A 2000x1500 photo of some megabytes goes up as a JPEG of a few hundred kB.
      const big = pngOf(2000, 1500, 5);
      expect(big.length).toBeGreaterThan(5_000_000);
      await home.locator(`.visit-report[data-stop-id="${stopId}"] .photo-input`).setInputFiles({ name: 'visit.png', mimeType: 'image/png', buffer: big });
      const img = home.locator(`.visit-report[data-stop-id="${stopId}"] .visit-photos img`).first();
      await img.waitFor({ timeout: 30_000 });
      await img.scrollIntoViewIfNeeded(); // loaded lazily
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth), { timeout: 20_000 }).toBe(1600);
      const photos = await sql<{ contentType: string; byteSize: number }[]>`select content_type as "contentType", byte_size as "byteSize" from visit_photos where stop_id = ${stopId}`;
      expect(photos).toHaveLength(1);
      expect(photos[0]!.contentType).toBe('image/jpeg');
      expect(photos[0]!.byteSize).toBeLessThan(500_000);

      // The coordinator locks it: the figures stand, and the form is gone.
      await sql`update visit_reports set locked_at = now() where stop_id = ${stopId}`;
      await page.reload();
      const locked = page.locator(`.visit-report[data-stop-id="${stopId}"]`);
      await locked.locator('.report-locked').waitFor({ timeout: 30_000 });
      expect(await locked.locator('.report-figures').textContent()).toContain('1,234');
      expect(await locked.locator('form').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 180_000);
});

describe("the coordinator's proof of visits", () => {
  it('the reports page counts a visit’s photos and shows its report with them; the coordinator locks it', async () => {
    // A reported, unlocked visit of the timeline, with a photo its host sent.
    const [visit] = await sql<{ stopId: number; startsOn: string; endsOn: string; attendance: number }[]>`
      select s.id as "stopId", s.starts_on::text as "startsOn", s.ends_on::text as "endsOn", v.attendance
      from visit_reports v join stops s on s.id = v.stop_id join plans p on p.id = s.plan_id
      where p.status = 'published' and v.locked_at is null order by s.ends_on desc limit 1`;
    const photo = pngOf(64, 48, 11);
    await sql`insert into visit_photos (stop_id, content_type, bytes, byte_size) values (${visit!.stopId}, 'image/png', ${photo}, ${photo.length})`;

    const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator);
    try {
      await page.goto(`${rig.rove.url}/#/reports?from=${visit!.startsOn}&to=${visit!.endsOn}`);
      const card = page.locator(`.proofs .proof[data-stop-id="${visit!.stopId}"]`);
      await card.waitFor({ timeout: 30_000 });
      expect(await card.locator('.report-figures').textContent()).toContain(visit!.attendance.toLocaleString('en-US'));
      const img = card.locator('.visit-photos img');
      await img.scrollIntoViewIfNeeded();
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth), { timeout: 20_000 }).toBe(64);
      const photos = page.locator('.metric').filter({ has: page.locator('span', { hasText: /^照片$/ }) }).locator('b');
      expect(Number(await photos.textContent())).toBeGreaterThanOrEqual(1);

      await card.getByRole('button', { name: '锁定报告' }).click();
      await card.locator('.badge').filter({ hasText: '已锁定' }).waitFor({ timeout: 20_000 });
      const [locked] = await sql<{ lockedAt: Date | null }[]>`select locked_at as "lockedAt" from visit_reports where stop_id = ${visit!.stopId}`;
      expect(locked!.lockedAt).not.toBeNull();
    } finally {
      await context.close();
    }
  }, 150_000);
});

describe("the driver's day", () => {
  it('the next stop first with the host’s phone to call, then today’s route on the map with its legs', async () => {
    const { context, page } = await signIn(rig, 'driver-kp-04', DEMO_PASSWORD.driver, { viewport: PHONE });
    try {
      const next = page.locator('.stop-card.next');
      await next.waitFor({ timeout: 30_000 });
      // The next stop comes before the route and the later stops.
      const order = await page.locator('.itinerary > section').evaluateAll((els) => els.map((e) => e.getAttribute('aria-labelledby')));
      expect(order.slice(0, 2)).toEqual(['next-h', 'route-h']);
      // The demo's invented number, to call.
      const call = next.locator('a.call-link');
      expect(await call.getAttribute('href')).toMatch(/^tel:0851-0100\d{4}$/);
      // The route: a numbered point per stop it shows, one line through them, a listed leg to each but the first.
      const stops = page.locator('.route-map .route-stop');
      await stops.first().waitFor({ timeout: 20_000 });
      const points = await stops.count();
      expect(points).toBeGreaterThanOrEqual(1);
      expect(await page.locator('.route-map .route-number').allTextContents()).toEqual(Array.from({ length: points }, (_, i) => String(i + 1)));
      if (points > 1) {
        expect(await page.locator('.route-map path.route-leg').count()).toBe(1);
        const legs = await page.locator('.route-legs li').allTextContents();
        expect(legs.length).toBeGreaterThan(0);
        for (const leg of legs) expect(leg).toMatch(/^到 .+：[\d.,]+ 公里，车程 /);
      }
    } finally {
      await context.close();
    }
  }, 120_000);
});
