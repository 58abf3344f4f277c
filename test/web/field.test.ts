// In the field (issue 13): what the phone keeps for no signal is forgotten at sign-out, and no host
// or driver page scrolls sideways on a 360x740 phone. Real server, real chromium. The installable
// app and the pages opening offline: field-offline.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, signIn, startRig, type Rig } from './browser.js';

const PHONE = { width: 360, height: 740 };

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
}, 180_000);
afterAll(async () => {
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
  it.each([
    ['driver-kp-01', DEMO_PASSWORD.driver, ['driver']],
    ['host-520102', DEMO_PASSWORD.host, ['host', 'host/request', 'host/visits']],
  ])('%s: no page scrolls sideways', async (username, password, pages) => {
    const { context, page } = await signIn(rig, username, password, { viewport: PHONE });
    try {
      for (const path of pages) {
        await page.goto(`${rig.rove.url}/#/${path}`);
        await page.waitForSelector(`main[data-page="${path}"]`);
        await page.waitForLoadState('networkidle');
        const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        expect({ path, scroll }).toEqual({ path, scroll: Math.min(scroll, client) });
      }
    } finally {
      await context.close();
    }
  }, 120_000);
});
