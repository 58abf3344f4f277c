// The audit log page in chromium against the real server (scratch Postgres, Redis, the demo): a
// coordinator finds their own sign-in, narrows the log to sign-in events, reads it in English; a
// host has no such page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, signIn, startRig, type Rig } from './browser.js';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
}, 180_000);
afterAll(async () => {
  await rig?.close();
});

describe('the audit log in the browser', () => {
  it('shows a coordinator their own sign-in, filters by an action’s start, and speaks English too', async () => {
    const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator);
    try {
      await page.getByRole('link', { name: '审计日志' }).click();
      const log = page.locator('[data-testid="audit-log"]');
      const signIns = log.locator('tbody tr[data-action="auth.sign_in"]');
      await signIns.first().waitFor({ timeout: 30_000 });
      expect(await signIns.first().locator('td').nth(1).textContent()).toBe('coordinator');

      await page.getByLabel('操作（可只填开头，如 user. 或 auth.）').fill('auth.');
      await page.getByRole('button', { name: '查询' }).click();
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="audit-log"] tbody tr')].every((r) => (r as HTMLElement).dataset.action?.startsWith('auth.')), null, { timeout: 30_000 });
      expect(await log.locator('tbody tr').count()).toBeGreaterThan(0);

      await page.getByLabel('操作（可只填开头，如 user. 或 auth.）').fill('no.such.action');
      await page.getByRole('button', { name: '查询' }).click();
      await expect(log.getByRole('status').filter({ hasText: '没有符合条件的记录。' }).waitFor({ timeout: 30_000 })).resolves.toBeUndefined();

      await page.getByRole('button', { name: '切换语言' }).click();
      await page.getByRole('heading', { name: 'Audit log' }).waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Search' }).click();
      await log.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('offers a host no audit log', async () => {
    const { context, page } = await signIn(rig, 'host-520102', DEMO_PASSWORD.host);
    try {
      expect(await page.getByRole('link', { name: '审计日志' }).count()).toBe(0);
      const res = await page.evaluate(async () => (await fetch('/api/audit')).status);
      expect(res).toBe(403);
    } finally {
      await context.close();
    }
  }, 60_000);
});
