// Takes the README's screenshots (zh-CN) from a running Rove with the Guizhou demo:
//   npm start   (or any server)   then   npx tsx web/scripts/screenshots.ts [http://127.0.0.1:3000]
// The board shows the newest draft when there is one (run the planner first), else the published plan.
import { chromium, type Page } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=zh-CN', '--force-device-scale-factor=1'];

async function signIn(page: Page, user: string, password: string) {
  await page.goto(base, { timeout: 30_000 });
  await page.getByLabel('用户名').fill(user, { timeout: 20_000 });
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForSelector('main[data-page]', { timeout: 30_000 });
}

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS, timeout: 60_000 });
  try {
    // The planning board, a stop selected so the side panel shows its days and leg.
    const board = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
    await signIn(board, 'coordinator', 'rove-coordinator');
    const plans = (await board.evaluate(async () => (await fetch('/api/plans')).json())) as Array<{ id: number; status: string; horizonStart: string }>;
    const draft = plans.filter((p) => p.status === 'draft').sort((a, b) => b.id - a.id)[0];
    const plan = draft ?? plans.find((p) => p.status === 'published')!;
    const date = draft ? `${draft.horizonStart.slice(0, 4)}-03-01` : '';
    await board.goto(`${base}/#/board?plan=${plan.id}&zoom=month${date ? `&date=${date}` : ''}`);
    await board.waitForSelector('.board-page[data-ready]', { timeout: 30_000 });
    await board.locator('.rove-stop.rove-tier-key').first().click({ timeout: 20_000 });
    await board.waitForTimeout(500);
    await board.screenshot({ path: 'docs/board.png' });

    // The host's request form on a phone, with the earliest feasible dates suggested.
    const host = await browser.newPage({ viewport: { width: 390, height: 1100 }, locale: 'zh-CN' });
    await signIn(host, 'host-522632', 'rove-host');
    await host.goto(`${base}/#/host/request`);
    await host.waitForSelector('form.request-form', { timeout: 20_000 });
    await host.getByLabel('最早开始').fill('2027-03-01');
    await host.getByLabel('最晚结束').fill('2027-08-31');
    await host.getByLabel(/备注/).fill('展厅 600 平方米，三相电，货车可直达。');
    await host.locator('.advice-options li, .advice p').first().waitFor({ timeout: 30_000 });
    await host.waitForTimeout(800);
    await host.screenshot({ path: 'docs/host-request.png', fullPage: true });

    // The driver's itinerary at 360 px.
    const driver = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    await signIn(driver, 'driver-kp-01', 'rove-driver');
    await driver.waitForSelector('.stop-card', { timeout: 20_000 });
    await driver.screenshot({ path: 'docs/driver-itinerary.png' });
  } finally {
    await browser.close();
  }
  console.log('docs/board.png, docs/host-request.png, docs/driver-itinerary.png');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
