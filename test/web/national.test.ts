// The administrator's national view in chromium against the real server (issue 15, point 1): the demo
// region's figures for the demo's last year and an empty second region, in zh-CN, row by row as the
// API gives them, with three charts; a late answer for an earlier period is not drawn over the one
// asked for last; a coordinator is refused both the page and the API.
import { spawnSync } from 'node:child_process';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearOf } from '../helpers/clock.js';
import { DEMO_PASSWORD, signIn, startRig, type Rig } from './browser.js';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
  // An administrator (the CLI, as a deployment makes one) and a second region with nothing planned yet.
  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/create-user.ts', '--username', 'national-admin', '--role', 'admin', '--password', 'national-admin-1'], {
    env: { ...process.env, DATABASE_URL: rig.databaseUrl, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  if (!/^created admin/.test(cli.stdout)) throw new Error(`create-user failed: ${cli.stdout}${cli.stderr}`);
  const sql = postgres(rig.databaseUrl, { max: 1 });
  await sql`insert into regions (code, name_zh, name_en) values ('53', '云南省', 'Yunnan')`;
  await sql.end();
}, 180_000);
afterAll(async () => {
  await rig?.close();
});

interface Row {
  code: string;
  nameZh: string;
  keyCountiesReached: number;
  keyCountiesTotal: number;
  keyCoverage: number | null;
  rovingStays: number;
  caravanActivities: number;
  visitors: number;
  kmDriven: number;
}

const zhNumber = (n: number) => new Intl.NumberFormat('zh-CN').format(n);
const cells = (r: Omit<Row, 'code' | 'nameZh'>) => [
  `${zhNumber(r.keyCountiesReached)}/${zhNumber(r.keyCountiesTotal)}`,
  r.keyCoverage === null ? '–' : `${Math.round(r.keyCoverage * 1000) / 10}%`,
  zhNumber(r.rovingStays),
  zhNumber(r.caravanActivities),
  zhNumber(r.visitors),
  zhNumber(r.kmDriven),
];

describe('the national view', () => {
  it('shows the administrator each region’s figures for a year as the API gives them, in a table and three charts', async () => {
    const { context, page } = await signIn(rig, 'national-admin', 'national-admin-1');
    try {
      await page.getByRole('link', { name: '全国' }).click();
      await page.getByRole('heading', { name: '全国巡展情况' }).waitFor();
      // The demo's last year: published stays with visit reports.
      const y = yearOf(-1);
      await page.getByLabel('从', { exact: true }).fill(`${y}-01-01`);
      await page.getByLabel('到', { exact: true }).fill(`${y}-12-31`);
      await page.getByRole('button', { name: '查看' }).click();
      const api = await page.evaluate(async (q) => (await fetch(`/api/national/report${q}`)).json(), `?from=${y}-01-01&to=${y}-12-31`);
      const rows = api.regions as Row[];
      expect(rows.map((r) => r.code)).toEqual(['52', '53']);
      expect(rows[0]!.visitors).toBeGreaterThan(0);
      expect(rows[0]!.keyCountiesReached).toBeGreaterThan(0);
      const table = page.locator('[data-testid="national-rows"]');
      await table.locator(`tbody tr[data-code="52"] td`, { hasText: zhNumber(rows[0]!.visitors) }).waitFor();
      for (const r of rows) {
        const tr = table.locator(`tbody tr[data-code="${r.code}"]`);
        expect(await tr.locator('th').textContent()).toBe(r.nameZh);
        expect(await tr.locator('td').allTextContents()).toEqual([r.code, ...cells(r)]);
      }
      expect(await table.locator('tfoot td').allTextContents()).toEqual(['', ...cells(api.totals)]);
      expect(await table.locator('tfoot th').textContent()).toBe('合计');
      // Three charts, each naming every region on its axis.
      const charts = page.locator('.national .chart');
      expect(await charts.count()).toBe(3);
      for (let i = 0; i < 3; i++) {
        const text = await charts.nth(i).locator('svg').textContent();
        for (const r of rows) expect(text).toContain(r.nameZh);
      }
      // The spreadsheet for the annual report, for the same period.
      const href = await page.getByRole('link', { name: '下载 Excel（年度报告）' }).getAttribute('href');
      expect(href).toBe(`/api/national/report.xlsx?from=${y}-01-01&to=${y}-12-31`);
      const xlsx = await page.evaluate(async (u) => {
        const res = await fetch(u);
        return { status: res.status, type: res.headers.get('content-type'), bytes: (await res.arrayBuffer()).byteLength };
      }, href!);
      expect(xlsx).toMatchObject({ status: 200, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      expect(xlsx.bytes).toBeGreaterThan(1000);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('draws the period asked for last, even when the page’s first answer comes after it', async () => {
    const { context, page } = await signIn(rig, 'national-admin', 'national-admin-1');
    try {
      const [now, last] = [yearOf(0), yearOf(-1)];
      const figures = async (y: number) => {
        const res = await context.request.get(`${rig.rove.url}/api/national/report?from=${y}-01-01&to=${y}-12-31`);
        return ((await res.json()).regions as Row[]).find((r) => r.code === '52')!;
      };
      const [thisYear, lastYear] = [await figures(now), await figures(last)];
      expect(thisYear.visitors).not.toBe(lastYear.visitors);
      // The page opens on this year; its answer is held back until last year's has been drawn.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route(`**/api/national/report?from=${now}-01-01*`, async (route) => {
        await held;
        await route.continue();
      });
      await page.getByRole('link', { name: '全国' }).click();
      await page.getByLabel('从', { exact: true }).fill(`${last}-01-01`);
      await page.getByLabel('到', { exact: true }).fill(`${last}-12-31`);
      await page.getByRole('button', { name: '查看' }).click();
      const visitors = page.locator('[data-testid="national-rows"] tbody tr[data-code="52"] td').nth(5);
      await expect.poll(() => visitors.textContent(), { timeout: 20_000 }).toBe(zhNumber(lastYear.visitors));
      const late = page.waitForResponse((r) => r.url().includes(`from=${now}-01-01`));
      release();
      await (await late).finished();
      // Two frames after the late answer: time enough for the page to draw it, had it kept it.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      expect(await visitors.textContent()).toBe(zhNumber(lastYear.visitors));
      expect(await page.getByLabel('从', { exact: true }).inputValue()).toBe(`${last}-01-01`);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('refuses a coordinator: no link, the address leads home, the API answers 403', async () => {
    const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator);
    try {
      expect(await page.locator('nav').textContent()).not.toContain('全国');
      await page.goto(`${rig.rove.url}/#/national`);
      await page.waitForFunction(() => document.querySelector('main')?.dataset.page === 'board');
      const res = await page.evaluate(async () => {
        const r = await fetch('/api/national/report');
        return { status: r.status, body: await r.json() };
      });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    } finally {
      await context.close();
    }
  }, 120_000);
});
