// The board's undo and redo (issue 12, point 3) in chromium against the real server and the Guizhou
// demo: an edit made before the board was (re)loaded is undone with the button and the stay is back
// on its days; after another reload Ctrl+Shift+Z redoes it and Ctrl+Z undoes it again; an undo the
// rules no longer allow (another stay took the days the stay left) is refused in the server's words,
// and nothing moves; a stay added from the unserved list leaves the board on undo after a reload (its
// request back in the list) and returns on redo. Each test plans a draft of its own, so each has its own undo stack.
import type { BrowserContext, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, yearOf } from '../helpers/clock.js';
import { DEMO_PASSWORD, signIn, startRig, type Rig } from './browser.js';

interface StopRow {
  id: number;
  vehicleId: number;
  venueId: number;
  requestId: number | null;
  startsOn: string;
  endsOn: string;
  status: string;
}

let rig: Rig;
let context: BrowserContext;
let page: Page;
let sql: postgres.Sql;

beforeAll(async () => {
  rig = await startRig();
  sql = postgres(rig.databaseUrl, { max: 1, onnotice: () => undefined });
  ({ context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator, { viewport: { width: 1440, height: 900 } }));
}, 180_000);
afterAll(async () => {
  await context?.close();
  await sql?.end();
  await rig?.close();
});

/** Calls the API with the page's own session (cookie and CSRF token); resolves to the status and body. */
async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body, headers }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const r = await fetch(path, {
        method,
        headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, body: await r.json() };
    },
    { method, path, body, headers },
  ) as Promise<{ status: number; body: T }>;
}

async function coordinatorRegion(): Promise<number> {
  const me = (await call<{ user: { roles: { role: string; regionId: number | null }[] } }>('GET', '/api/auth/me')).body;
  return me.user.roles.find((g) => g.role === 'coordinator')!.regionId!;
}

/** Plans March and April of next year with the page's session: a draft of this test's own. */
async function draft(): Promise<number> {
  const y = yearOf(1);
  const regionId = await coordinatorRegion();
  const run = await call<{ runId: number }>('POST', `/api/regions/${regionId}/planning-runs`, { horizonStart: `${y}-03-01`, horizonEnd: `${y}-04-30`, options: { seconds: 1 } });
  expect(run.status, JSON.stringify(run.body)).toBe(202);
  for (let i = 0; i < 240; i++) {
    const r = (await call<{ status: string; planId: number | null }>('GET', `/api/planning-runs/${run.body.runId}`)).body;
    if (r.status === 'succeeded') return r.planId!;
    if (r.status === 'failed' || r.status === 'cancelled') throw new Error(`run ${r.status}`);
    await page.waitForTimeout(500);
  }
  throw new Error('the run did not finish in two minutes');
}

const stopsOf = async (planId: number) => (await call<StopRow[]>('GET', `/api/plans/${planId}/stops`)).body.filter((s) => s.status !== 'cancelled');
const stopNow = async (planId: number, id: number) => (await stopsOf(planId)).find((s) => s.id === id)!;

/**
 * Moves a stay of the draft one day later through the board's own endpoint (the server judges the
 * rules): the first stay with free days around it on its vehicle that it accepts. Resolves to the stay as it was.
 */
async function moveOneDay(planId: number): Promise<StopRow> {
  const stops = await stopsOf(planId);
  for (const s of stops) {
    const mine = stops.filter((o) => o.vehicleId === s.vehicleId && o.id !== s.id);
    if (mine.some((o) => o.endsOn >= addDays(s.startsOn, -3) && o.startsOn <= addDays(s.endsOn, 3))) continue;
    const res = await call('PATCH', `/api/plans/${planId}/stops/${s.id}`, { startsOn: addDays(s.startsOn, 1) }, { 'if-match': '*' });
    if (res.status === 200) return s;
  }
  throw new Error('the server refused every one-day move tried');
}

async function openBoard(planId: number, date: string) {
  await page.evaluate(() => document.querySelector('.board-page')?.removeAttribute('data-ready'));
  await page.goto(`${rig.rove.url}/#/board?plan=${planId}&zoom=weeks&date=${date}`);
  await page.reload(); // a fresh page: nothing of an earlier board is kept in the browser
  await page.waitForSelector('.board-page[data-ready]', { timeout: 30_000 });
}

const eventX = async (stopId: number) => (await page.locator(`.rove-event[data-stop-id="${stopId}"]`).first().boundingBox())!.x;

describe('undo and redo on the board', () => {
  it('undoes an edit made before a reload, redoes it with Ctrl+Shift+Z after another, and undoes again with Ctrl+Z', async () => {
    const planId = await draft();
    const stop = await moveOneDay(planId);
    await openBoard(planId, addDays(stop.startsOn, -3));
    const undo = page.locator('.undo-btn');
    await page.locator('.undo-btn:not([disabled])').waitFor({ timeout: 20_000 });
    expect(await undo.textContent()).toContain('撤销');
    expect(await page.locator('.redo-btn').isDisabled()).toBe(true);
    const movedX = await eventX(stop.id);

    await undo.click();
    const status = page.locator('.board-status');
    await status.filter({ hasText: '已撤销' }).waitFor({ timeout: 20_000 });
    expect(await status.textContent()).toContain(`回到 ${stop.startsOn} 至 ${stop.endsOn}`);
    expect((await stopNow(planId, stop.id)).startsOn).toBe(stop.startsOn);
    // On the board too: one day column to the left.
    await page.waitForFunction(([id, x]) => (document.querySelector(`.rove-event[data-stop-id="${id}"]`)?.getBoundingClientRect().x ?? x) < x - 10, [stop.id, movedX] as const, { timeout: 20_000 });

    // The stacks are the server's: after a reload, redo is there to be done.
    await openBoard(planId, addDays(stop.startsOn, -3));
    await page.locator('.redo-btn:not([disabled])').waitFor({ timeout: 20_000 });
    await page.keyboard.press('Control+Shift+Z');
    await status.filter({ hasText: '已重做' }).waitFor({ timeout: 20_000 });
    expect((await stopNow(planId, stop.id)).startsOn).toBe(addDays(stop.startsOn, 1));
    await page.locator('.undo-btn:not([disabled])').waitFor({ timeout: 20_000 });

    await page.keyboard.press('Control+Z');
    await status.filter({ hasText: '已撤销' }).waitFor({ timeout: 20_000 });
    expect((await stopNow(planId, stop.id)).startsOn).toBe(stop.startsOn);
    // Each step is an audited edit of the stay, by the coordinator.
    const audited = await sql<{ action: string }[]>`select action from audit_log where entity = 'stop' and entity_id = ${String(stop.id)} order by id`;
    expect(audited.map((a) => a.action)).toEqual(['stop.edit', 'stop.undo', 'stop.redo', 'stop.undo']);
  }, 240_000);

  it('refuses an undo the rules no longer allow, in words, and moves nothing', async () => {
    const planId = await draft();
    const stop = await moveOneDay(planId);
    // Meanwhile another hand books the stay's vehicle on the day the stay left.
    await sql`
      insert into stops (plan_id, tour_id, seq, vehicle_id, exhibit_set_id, venue_id, starts_on, opens_on, closes_on, ends_on)
      select plan_id, tour_id, 0, vehicle_id, exhibit_set_id, venue_id, starts_on - 1, starts_on - 1, starts_on - 1, starts_on - 1 from stops where id = ${stop.id}`;
    await openBoard(planId, addDays(stop.startsOn, -3));
    await page.locator('.undo-btn:not([disabled])').waitFor({ timeout: 20_000 });
    await page.locator('.undo-btn').click();
    const alert = page.locator('.board-alert .undo-refused');
    await alert.waitFor({ timeout: 20_000 });
    const words = (await alert.textContent())!;
    expect(words).toContain('无法撤销');
    expect(words).toMatch(/已有其他站点|已安排在其他站点/);
    expect(words).not.toMatch(/STOP_OVERLAP|Failed/);
    expect((await stopNow(planId, stop.id)).startsOn).toBe(addDays(stop.startsOn, 1));
    // The step stays on the stack for when the way is clear again.
    expect(await page.locator('.undo-btn').isDisabled()).toBe(false);
  }, 240_000);

  it('undoes adding a stay from the unserved list after a reload (the request returns to the list), and redoes it', async () => {
    const planId = await draft();
    const regionId = await coordinatorRegion();
    // A caravan request the draft left unserved (as a run does when capacity ran out), with a window
    // of most of next year: the demo's own unserved ones fit nowhere (novelty, power, floor).
    const venues = (await call<{ id: number }[]>('GET', `/api/venues?regionId=${regionId}`)).body;
    const [request] = await sql<{ id: number }[]>`
      insert into requests (region_id, venue_id, set_kind, window_start, window_end, open_days, status)
      values (${regionId}, ${venues[0]!.id}, 'caravan_kit', ${`${yearOf(1)}-03-01`}, ${`${yearOf(1)}-11-30`}, 2, 'approved') returning id`;
    await sql`insert into plan_unserved (plan_id, request_id, reason) values (${planId}, ${request!.id}, ${sql.json({ code: 'CAPACITY_TAKEN' })})`;

    // Scheduled through the side panel's form, on the day the server suggests.
    await openBoard(planId, `${yearOf(1)}-03-01`);
    const item = page.locator(`.unserved-item[data-request-id="${request!.id}"]`);
    await item.locator('summary').click();
    await item.locator('form.schedule-form[data-ready="true"]').waitFor({ timeout: 60_000 });
    await item.getByRole('button', { name: '安排', exact: true }).click();
    const status = page.locator('.board-status');
    await status.filter({ hasText: '已保存' }).waitFor({ timeout: 30_000 });
    const stop = (await stopsOf(planId)).find((s) => s.requestId === request!.id)!;
    expect(stop).toBeDefined();
    await item.waitFor({ state: 'detached', timeout: 20_000 });

    // After a reload the add is still the step to undo (the stack is the server's).
    await openBoard(planId, addDays(stop.startsOn, -3));
    const event = page.locator(`.rove-event[data-stop-id="${stop.id}"]`);
    await event.first().waitFor({ timeout: 20_000 });
    await page.locator('.undo-btn:not([disabled])').waitFor({ timeout: 20_000 });
    await page.locator('.undo-btn').click();
    await status.filter({ hasText: '已撤销' }).waitFor({ timeout: 20_000 });
    expect(await status.textContent()).toContain('已从草案中移除');
    await event.first().waitFor({ state: 'detached', timeout: 20_000 });
    // Back in the unserved list with its reason in words, to be scheduled again.
    await item.waitFor({ timeout: 20_000 });
    expect(await item.locator('.reason').textContent()).toContain('已排满');
    expect((await stopsOf(planId)).some((s) => s.id === stop.id)).toBe(false);
    await page.locator('.redo-btn:not([disabled])').waitFor({ timeout: 20_000 });
    expect(await page.locator('.undo-btn').isDisabled()).toBe(true);

    await page.keyboard.press('Control+Shift+Z');
    await status.filter({ hasText: '已重做' }).waitFor({ timeout: 20_000 });
    await event.first().waitFor({ timeout: 20_000 });
    await item.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await stopNow(planId, stop.id)).toMatchObject({ startsOn: stop.startsOn, endsOn: stop.endsOn, vehicleId: stop.vehicleId });
    await page.locator('.undo-btn:not([disabled])').waitFor({ timeout: 20_000 });
    expect(await page.locator('.redo-btn').isDisabled()).toBe(true);
    const audited = await sql<{ action: string }[]>`select action from audit_log where entity = 'stop' and entity_id = ${String(stop.id)} order by id`;
    expect(audited.map((a) => a.action)).toEqual(['stop.add', 'stop.undo', 'stop.redo']);
  }, 300_000);
});
