// The onboarding page in chromium against the real server: a coordinator chooses a workbook of
// 2,000 venue rows with one bad cell; the dry run and the import name its sheet, row and field, in
// zh-CN and en, and nothing is written.
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchPostgres } from '../helpers/databases.js';
import { DEMO_PASSWORD, signIn, startRig, type Rig } from './browser.js';

// The server runs on a scratch database of this file's own, so that the CLI can open an administrator in it.
let rig: Rig;
let scratch: Awaited<ReturnType<typeof createScratchPostgres>>;
beforeAll(async () => {
  scratch = await createScratchPostgres();
  rig = await startRig({ DATABASE_URL: scratch.url });
}, 180_000);
afterAll(async () => {
  await rig?.close();
  await scratch?.drop();
});

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('venues');
  ws.addRow(['code', 'countyCode', 'countyName', 'name', 'kind', 'lng', 'lat', 'floorAreaM2', 'powerKw']);
  for (let i = 0; i < 2000; i++) ws.addRow([`W-${i}`, '520102', '南明区', `新展点${i}`, 'school', 106.7, 26.5, 300, i === 1499 ? -5 : 10]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function venueCount(page: Page): Promise<number> {
  return page.evaluate(async () => ((await (await fetch('/api/venues')).json()) as unknown[]).length);
}

describe('importing a workbook in the browser', () => {
  it('names the one bad cell among 2,000 rows by sheet, row and field, in zh-CN and en, and imports nothing', async () => {
    const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator);
    try {
      const before = await venueCount(page);
      await page.goto(`${rig.rove.url}/#/onboarding`);
      await page.locator('[data-testid="workbook-file"]').setInputFiles({ name: 'region.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook() });
      await page.getByRole('button', { name: '试导入' }).click();
      const zhRow = page.locator('[data-testid="import-errors"] tbody tr');
      await zhRow.first().waitFor();
      expect(await zhRow.count()).toBe(1);
      expect(await zhRow.locator('td').allTextContents()).toEqual(['venues', '1501', 'powerKw', '不能小于 0']);
      expect(await page.locator('[data-testid="import-counts"] tr[data-sheet="venues"] td').allTextContents()).toEqual(['1999', '0', '0', '1']);

      await page.getByRole('button', { name: '切换语言' }).click();
      await page.getByRole('button', { name: 'Dry run' }).waitFor();
      await page.locator('[data-testid="workbook-file"]').setInputFiles({ name: 'region.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook() });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const enRow = page.locator('[data-testid="import-errors"] tbody tr');
      await enRow.first().waitFor();
      expect(await enRow.locator('td').allTextContents()).toEqual(['venues', '1501', 'powerKw', 'must be at least 0']);
      await expect(page.locator('main').textContent()).resolves.toContain('nothing was imported');
      expect(await venueCount(page)).toBe(before);
    } finally {
      await context.close();
    }
  }, 180_000);
});

describe('the administrator in the browser', () => {
  it('opens a region with its first coordinator, who then signs in to it', async () => {
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/create-user.ts', '--username', 'root', '--role', 'admin', '--password', 'root-password'], {
      env: { ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    expect(cli.stdout).toMatch(/^created admin root/);
    const { context, page } = await signIn(rig, 'root', 'root-password');
    try {
      expect(await page.locator('main').getAttribute('data-page')).toBe('admin');
      await page.getByLabel('区划代码').fill('62');
      await page.getByLabel('中文名称').fill('甘肃省');
      await page.getByLabel('英文名称').fill('Gansu');
      await page.getByLabel('协调员用户名').fill('gansu-web');
      await page.getByLabel('协调员姓名').fill('甘肃协调员');
      await page.getByLabel('初始密码（至少 8 位）').fill('gansu-web-1');
      await page.getByRole('button', { name: '开通', exact: true }).click();
      await page.locator('[data-testid="admin-regions"] tr', { hasText: '甘肃省' }).waitFor();
    } finally {
      await context.close();
    }
    const coordinator = await signIn(rig, 'gansu-web', 'gansu-web-1');
    try {
      expect(await coordinator.page.locator('main').getAttribute('data-page')).toBe('board');
      await expect(coordinator.page.locator('nav').textContent()).resolves.toContain('导入数据');
    } finally {
      await coordinator.context.close();
    }
  }, 180_000);
});

