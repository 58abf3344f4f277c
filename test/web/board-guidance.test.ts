// Editing with guidance on the planning board (issue 12, point 2), against the real server with the
// Guizhou demo and a draft of next year planned here: resizing either end of a stay, the feasible
// days and the stay in the way while dragging, a refused drop that names the clash, one message at a
// time, and the unserved request's form suggesting a day the server accepts.
import type { Locator, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearOf } from '../helpers/clock.js';
import { DEMO_PASSWORD, signIn, startRig, type Rig } from './browser.js';
import { apiJson, planDraft } from './plan-draft.js';

interface StopRow {
  id: number;
  vehicleId: number;
  exhibitSetId: number;
  venueId: number;
  requestId: number | null;
  status: string;
  startsOn: string;
  opensOn: string;
  closesOn: string;
  endsOn: string;
}
interface Run {
  from: string;
  to: string;
  ok: boolean;
  stopIds: number[];
}

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const dayCount = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

let rig: Rig;
let draftId = 0;

const api = apiJson;
const stopsOf = (page: Page) => api<StopRow[]>(page, `/api/plans/${draftId}/stops`);

async function openBoard(page: Page, query: string) {
  await page.evaluate(() => document.querySelector('.board-page')?.removeAttribute('data-ready'));
  await page.goto(`${rig.rove.url}/#/board?plan=${draftId}&zoom=weeks&${query}`);
  await page.waitForSelector('.board-page[data-ready]', { timeout: 30_000 });
}

/**
 * The stay's element once it stands still (the board may still be laying out on a loaded machine): on
 * `row` when given (a roving-museum stay shows on its truck's row `v<id>` and its set's `s<id>`).
 */
async function still(page: Page, stopId: number, row?: string): Promise<{ ev: Locator; box: { x: number; y: number; width: number; height: number } }> {
  const ev = page.locator(`${row ? `[data-resource-id="${row}"] ` : ''}.rove-event[data-stop-id="${stopId}"]`).first();
  await ev.waitFor({ timeout: 20_000 });
  await ev.scrollIntoViewIfNeeded();
  let box = (await ev.boundingBox())!;
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(100);
    const again = (await ev.boundingBox())!;
    const same = again.x === box.x && again.y === box.y && again.width === box.width;
    box = again;
    if (same) break;
  }
  return { ev, box };
}

/** Presses at (x, y), moves by dx in steps a person would make, and (unless told not to) releases. */
async function drag(page: Page, x: number, y: number, dx: number, release = true) {
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.waitForTimeout(50);
  for (let k = 1; k <= 12; k++) {
    await page.mouse.move(x + (dx * k) / 12, y);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(50);
  if (release) await page.mouse.up();
}

/** The board's answer to the last edit, once it has one. */
async function answer(page: Page) {
  const status = page.locator('.board-status').filter({ hasText: /已保存|无法这样安排|保存失败/ });
  await status.waitFor({ timeout: 30_000 });
  return (await status.textContent()) ?? '';
}

/** The answer to a resize, or '' when the gesture made none (the board took it as no change). */
const resized = (page: Page) => answer(page).catch(() => '');

beforeAll(async () => {
  rig = await startRig();
  const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator);
  try {
    draftId = await planDraft(page);
  } finally {
    await context.close();
  }
}, 240_000);
afterAll(async () => {
  await rig?.close();
});

/**
 * Stays of the draft that may be edited, with at least `gap` free days before and after them on
 * their vehicle, that stay long enough when one open day less (no set-up to cut short, and more open
 * days than their set's shortest stay), so a resize by one day has a chance.
 */
async function roomy(page: Page, gap: number) {
  const sets = new Map((await api<{ id: number; minStayDays: number }[]>(page, '/api/exhibit-sets?regionId=1')).map((x) => [x.id, x]));
  const shrinkable = (s: StopRow) => s.startsOn === s.opensOn && dayCount(s.opensOn, s.closesOn) + 1 > (sets.get(s.exhibitSetId)?.minStayDays ?? Infinity);
  const stops = (await stopsOf(page)).filter((s) => s.status === 'planned' && shrinkable(s));
  const byVehicle = new Map<number, StopRow[]>();
  for (const s of stops) byVehicle.set(s.vehicleId, [...(byVehicle.get(s.vehicleId) ?? []), s]);
  const found: StopRow[] = [];
  for (const list of byVehicle.values()) {
    list.sort((a, b) => a.startsOn.localeCompare(b.startsOn));
    for (let i = 1; i < list.length - 1; i++) {
      if (addDays(list[i - 1]!.endsOn, gap) < list[i]!.startsOn && addDays(list[i]!.endsOn, gap) < list[i + 1]!.startsOn && dayCount(list[i]!.startsOn, list[i]!.endsOn) >= 2) found.push(list[i]!);
    }
  }
  return found;
}

/** The width of a day's column on the board (its body's day slots are the tallest dated elements). */
const dayWidthOf = (page: Page) =>
  page.evaluate(() => {
    const dated = [...document.querySelectorAll<HTMLElement>('.board-cal [data-date]')];
    const tallest = Math.max(...dated.map((e) => e.offsetHeight));
    return dated.find((e) => e.offsetHeight === tallest)!.getBoundingClientRect().width;
  });

interface Resize {
  s: StopRow;
  /** Days the end (or start) moves: -1 or 1, whichever the stay's set allows (its shortest and longest stay) with room on its rows. */
  end: number;
  start: number;
}

/**
 * The draft's planned roving-museum stays, each with the one-day resizes of its ends that keep its
 * open days within its set's shortest and longest stay and leave a few free days to its neighbours
 * on its truck and its set (0 where none does).
 */
async function rovingResizes(page: Page): Promise<Resize[]> {
  const sets = new Map((await api<{ id: number; kind: string; minStayDays: number; maxStayDays: number }[]>(page, '/api/exhibit-sets?regionId=1')).map((x) => [x.id, x]));
  const all = (await stopsOf(page)).filter((s) => s.status !== 'cancelled');
  const out: Resize[] = [];
  for (const s of all) {
    const set = sets.get(s.exhibitSetId);
    if (s.status !== 'planned' || set?.kind !== 'roving_museum') continue;
    const near = all.filter((o) => o.id !== s.id && (o.vehicleId === s.vehicleId || o.exhibitSetId === s.exhibitSetId));
    const roomAfter = near.every((o) => o.endsOn < s.startsOn || o.startsOn > addDays(s.endsOn, 4));
    const roomBefore = near.every((o) => o.startsOn > s.endsOn || o.endsOn < addDays(s.startsOn, -4));
    const open = dayCount(s.opensOn, s.closesOn) + 1;
    const shorter = open > set.minStayDays;
    const longer = open < set.maxStayDays;
    const end = shorter ? -1 : longer && roomAfter ? 1 : 0;
    const start = shorter ? 1 : longer && roomBefore ? -1 : 0;
    if (end || start) out.push({ s, end, start });
  }
  return out;
}

describe('editing with guidance', () => {
  it('resizes a stay at either end: only that end moves; the side panel changes its last day', async () => {
    const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator, { viewport: { width: 1600, height: 900 } });
    try {
      // The end, one day earlier: the server judges (stay lengths, open days); the first it accepts.
      let endDone: StopRow | undefined;
      const candidates = await roomy(page, 3);
      for (const s of candidates.slice(0, 12)) {
        await openBoard(page, `date=${addDays(s.startsOn, -3)}`);
        const { ev, box } = await still(page, s.id);
        const dayWidth = box.width / (dayCount(s.startsOn, s.endsOn) + 1);
        await ev.hover();
        // FullCalendar's end handle (its class for "resizer, end"), drawn only while the stay's last day is in view.
        const handle = ev.locator('[class~="fc-ll"]');
        if ((await handle.count()) === 0) continue;
        // Pressed on the handle's inner half, over the stay's own last day.
        await drag(page, box.x + box.width - 2, box.y + box.height / 2, -dayWidth);
        if ((await resized(page)).includes('已保存')) {
          endDone = s;
          break;
        }
      }
      expect(endDone, 'the server accepted none of the end resizes tried').toBeDefined();
      const afterEnd = (await stopsOf(page)).find((x) => x.id === endDone!.id)!;
      expect(afterEnd.startsOn).toBe(endDone!.startsOn);
      expect(afterEnd.opensOn).toBe(endDone!.opensOn);
      expect(afterEnd.endsOn).toBe(addDays(endDone!.endsOn, -1));

      // The start, one day later.
      let startDone: StopRow | undefined;
      for (const s of (await roomy(page, 3)).filter((x) => x.id !== endDone!.id).slice(0, 12)) {
        await openBoard(page, `date=${addDays(s.startsOn, -3)}`);
        const { ev, box } = await still(page, s.id);
        const dayWidth = box.width / (dayCount(s.startsOn, s.endsOn) + 1);
        await ev.hover();
        const handle = ev.locator('[class~="fc-Er"]'); // "resizer, start"
        if ((await handle.count()) === 0) continue;
        await drag(page, box.x + 2, box.y + box.height / 2, dayWidth);
        if ((await resized(page)).includes('已保存')) {
          startDone = s;
          break;
        }
      }
      expect(startDone, 'the server accepted none of the start resizes tried').toBeDefined();
      const afterStart = (await stopsOf(page)).find((x) => x.id === startDone!.id)!;
      expect(afterStart.startsOn).toBe(addDays(startDone!.startsOn, 1));
      expect(afterStart.closesOn).toBe(startDone!.closesOn);
      expect(afterStart.endsOn).toBe(startDone!.endsOn);

      // The side panel: the selected stay's last day, a day later (its tear-down keeps its days).
      const { ev } = await still(page, afterStart.id);
      await ev.click();
      const last = page.getByLabel('最后一天（撤展完成）');
      expect(await last.inputValue()).toBe(afterStart.endsOn);
      await last.fill(addDays(afterStart.endsOn, -1));
      await page.locator('.stop-edit button[type="submit"]').click();
      if ((await answer(page)).includes('已保存')) {
        const shorter = (await stopsOf(page)).find((x) => x.id === afterStart.id)!;
        expect(shorter).toMatchObject({ startsOn: afterStart.startsOn, endsOn: addDays(afterStart.endsOn, -1), closesOn: addDays(afterStart.closesOn, -1) });
      } else {
        // Refused (a rule of its set): the refusal is in words and nothing moved.
        expect((await stopsOf(page)).find((x) => x.id === afterStart.id)).toMatchObject({ startsOn: afterStart.startsOn, endsOn: afterStart.endsOn });
      }
    } finally {
      await context.close();
    }
  }, 240_000);

  it('resizes a roving-museum stay at either end on either of its two rows: only that end moves, and its other row shows it', async () => {
    const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator, { viewport: { width: 1600, height: 900 } });
    try {
      // The end, on the set's row, a day earlier or later as the set's stay lengths allow: the first the server accepts.
      let endDone: Resize | undefined;
      let before = 0;
      for (const c of (await rovingResizes(page)).filter((x) => x.end !== 0).slice(0, 12)) {
        // The stay's last day in view (a roving stay is longer than the two weeks on show).
        await openBoard(page, `date=${addDays(c.s.endsOn, -3)}`);
        // FullCalendar's end handle ("resizer, end") on both of the stay's rows; where the truck's row shows its end.
        const other = await still(page, c.s.id, `v${c.s.vehicleId}`);
        expect(await other.ev.locator('[class~="fc-ll"]').count()).toBe(1);
        before = other.box.x + other.box.width;
        const { ev, box } = await still(page, c.s.id, `s${c.s.exhibitSetId}`);
        const dayWidth = await dayWidthOf(page);
        await ev.hover();
        expect(await ev.locator('[class~="fc-ll"]').count()).toBe(1);
        await drag(page, box.x + box.width - 2, box.y + box.height / 2, c.end * dayWidth);
        if ((await resized(page)).includes('已保存')) {
          endDone = c;
          break;
        }
      }
      expect(endDone, 'the server accepted none of the end resizes tried').toBeDefined();
      const { s, end } = endDone!;
      const afterEnd = (await stopsOf(page)).find((x) => x.id === s.id)!;
      expect(afterEnd).toMatchObject({ vehicleId: s.vehicleId, exhibitSetId: s.exhibitSetId, startsOn: s.startsOn, opensOn: s.opensOn, closesOn: addDays(s.closesOn, end), endsOn: addDays(s.endsOn, end) });
      // The truck's row shows the same stay: its last day moved by a day, its name says its new days.
      const truck = await still(page, s.id, `v${s.vehicleId}`);
      expect(Math.abs(truck.box.x + truck.box.width - before - end * (await dayWidthOf(page)))).toBeLessThan(3);
      expect(await truck.ev.getAttribute('aria-label')).toContain(`${afterEnd.startsOn} – ${afterEnd.endsOn}`);
      expect(await (await still(page, s.id, `s${s.exhibitSetId}`)).ev.getAttribute('aria-label')).toContain(`${afterEnd.startsOn} – ${afterEnd.endsOn}`);

      // The start, on the truck's row.
      let startDone: Resize | undefined;
      for (const c of (await rovingResizes(page)).filter((x) => x.start !== 0 && x.s.id !== s.id).slice(0, 12)) {
        await openBoard(page, `date=${addDays(c.s.startsOn, -3)}`);
        const other = await still(page, c.s.id, `s${c.s.exhibitSetId}`);
        expect(await other.ev.locator('[class~="fc-Er"]').count()).toBe(1); // "resizer, start"
        before = other.box.x;
        const { ev, box } = await still(page, c.s.id, `v${c.s.vehicleId}`);
        const dayWidth = await dayWidthOf(page);
        await ev.hover();
        expect(await ev.locator('[class~="fc-Er"]').count()).toBe(1);
        await drag(page, box.x + 2, box.y + box.height / 2, c.start * dayWidth);
        if ((await resized(page)).includes('已保存')) {
          startDone = c;
          break;
        }
      }
      expect(startDone, 'the server accepted none of the start resizes tried').toBeDefined();
      const { s: r, start } = startDone!;
      const afterStart = (await stopsOf(page)).find((x) => x.id === r.id)!;
      expect(afterStart).toMatchObject({ vehicleId: r.vehicleId, exhibitSetId: r.exhibitSetId, startsOn: addDays(r.startsOn, start), opensOn: addDays(r.opensOn, start), closesOn: r.closesOn, endsOn: r.endsOn });
      // The set's row shows it too.
      const set = await still(page, r.id, `s${r.exhibitSetId}`);
      expect(Math.abs(set.box.x - before - start * (await dayWidthOf(page)))).toBeLessThan(3);
      expect(await set.ev.getAttribute('aria-label')).toContain(`${afterStart.startsOn} – ${afterStart.endsOn}`);
    } finally {
      await context.close();
    }
  }, 300_000);

  it('while dragging, shows where the stay may start on the row and the stay in the way; the refused drop names it, links to it, and the next action clears the one message', async () => {
    const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator, { viewport: { width: 1600, height: 900 } });
    try {
      // A stay and its vehicle's next one within a week, the first with days it may start on nearby.
      const stops = (await stopsOf(page)).filter((s) => s.status === 'planned').sort((a, b) => a.vehicleId - b.vehicleId || a.startsOn.localeCompare(b.startsOn));
      let pair: { s: StopRow; next: StopRow; ok: Run[] } | undefined;
      for (let i = 0; i + 1 < stops.length && !pair; i++) {
        const [s, next] = [stops[i]!, stops[i + 1]!];
        const gap = dayCount(s.startsOn, next.startsOn);
        if (s.vehicleId !== next.vehicleId || gap < 2 || gap > 6) continue;
        const answerRows = await api<{ rows: { row: string; runs: Run[] }[] }>(page, `/api/plans/${draftId}/stops/${s.id}/feasible-starts`);
        const ok = answerRows.rows.find((r) => r.row === `v${s.vehicleId}`)!.runs.filter((r) => r.ok);
        if (ok.length) pair = { s, next, ok };
      }
      expect(pair, 'no stay with a near neighbour and a feasible day in the draft').toBeDefined();
      const { s, next, ok } = pair!;
      const venues = await api<{ id: number; name: string }[]>(page, '/api/venues?regionId=1');
      const nextVenue = venues.find((v) => v.id === next.venueId)!.name;

      await openBoard(page, `date=${s.startsOn}`);
      const { box } = await still(page, s.id);
      const dayWidth = box.width / (dayCount(s.startsOn, s.endsOn) + 1);
      const x = box.x + Math.min(box.width / 2, dayWidth / 2);
      const y = box.y + box.height / 2;
      // Held over the next stay's first day: the overlay shows the row's feasible days, the next stay is in the way.
      await drag(page, x, y, dayWidth * dayCount(s.startsOn, next.startsOn), false);
      await page.locator('.rove-guide-layer[data-ready]').waitFor({ state: 'attached', timeout: 30_000 });
      await page.mouse.move(x + dayWidth * dayCount(s.startsOn, next.startsOn) + 1, y);
      await page.waitForFunction((row) => document.querySelector<HTMLElement>('.rove-guide-layer')?.dataset.row === row, `v${s.vehicleId}`, { timeout: 10_000 });
      const shown = await page.locator('.rove-guide-layer .rove-feasible').evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.from}/${(e as HTMLElement).dataset.to}`));
      expect(shown).toEqual(ok.map((r) => `${r.from}/${r.to}`));
      await page.locator(`.rove-event[data-stop-id="${next.id}"].rove-in-the-way`).first().waitFor({ timeout: 10_000 });
      await page.mouse.up();

      // Refused: the message names the stay in the way (its venue and days) and links to it.
      expect(await answer(page)).toContain('无法这样安排');
      const message = page.locator('.board-status .board-message');
      expect(await message.count()).toBe(1);
      expect(await message.textContent()).toContain(nextVenue);
      expect(await message.textContent()).toContain(next.startsOn);
      expect(await page.locator('.rove-guide-layer').count()).toBe(0);
      expect(await page.locator('.rove-in-the-way').count()).toBe(0);
      const unchanged = (await stopsOf(page)).find((x) => x.id === s.id)!;
      expect(unchanged.startsOn).toBe(s.startsOn);

      // The same refusal again: still one message, one note beside the stay.
      await drag(page, x, y, dayWidth * dayCount(s.startsOn, next.startsOn));
      await answer(page);
      await page.waitForTimeout(300);
      expect(await page.locator('.board-status .board-message').count()).toBe(1);
      expect(await page.locator('.rove-violations').count()).toBeLessThanOrEqual(1);

      // The link selects the stay in the way.
      await page.locator(`.rove-clash-link[data-stop-id="${next.id}"]`).click();
      await page.locator('.stop-details h2').filter({ hasText: nextVenue }).waitFor({ timeout: 10_000 });
      // The next action (a click on a stay) clears the message and the note.
      await (await still(page, s.id)).ev.click();
      await page.waitForFunction(() => (document.querySelector('.board-status')?.textContent ?? '') === '', null, { timeout: 10_000 });
      expect(await page.locator('.rove-violations').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('the unserved request’s schedule form suggests a feasible day, which the server accepts', async () => {
    const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator, { viewport: { width: 1600, height: 900 } });
    const sql = postgres(rig.databaseUrl, { max: 1, onnotice: () => undefined });
    try {
      // A caravan request of this region the draft left unserved (as a run does when capacity ran out),
      // with a window of most of next year: the demo's own unserved ones fit nowhere (novelty, power, floor).
      const venues = await api<{ id: number }[]>(page, '/api/venues?regionId=1');
      const [request] = await sql<{ id: number }[]>`
        insert into requests (region_id, venue_id, set_kind, window_start, window_end, open_days, status)
        values (1, ${venues[0]!.id}, 'caravan_kit', ${`${yearOf(1)}-03-01`}, ${`${yearOf(1)}-11-30`}, 2, 'approved') returning id`;
      await sql`insert into plan_unserved (plan_id, request_id, reason) values (${draftId}, ${request!.id}, ${sql.json({ code: 'CAPACITY_TAKEN' })})`;

      await openBoard(page, `date=${yearOf(1)}-03-01`);
      const item = page.locator(`.unserved-item[data-request-id="${request!.id}"]`);
      await item.locator('summary').click();
      await item.locator('form.schedule-form[data-ready="true"]').waitFor({ timeout: 60_000 });
      expect(await item.locator('.schedule-suggestion').textContent()).toMatch(/^建议：/);
      const day = await item.getByLabel('开始', { exact: true }).inputValue();
      // Not the window's first day by default: the first day the server would accept on the chosen vehicle.
      const { options } = await api<{ options: { vehicleId: number; startsOn: string }[] }>(page, `/api/plans/${draftId}/requests/${request!.id}/starts`);
      const vehicleId = Number(await item.locator('select').inputValue());
      expect(day).toBe(options.find((o) => o.vehicleId === vehicleId)!.startsOn);
      await item.getByRole('button', { name: '安排', exact: true }).click();
      expect(await answer(page)).toContain('已保存');
      const stop = (await stopsOf(page)).find((x) => x.requestId === request!.id)!;
      expect(stop).toMatchObject({ startsOn: day, vehicleId });
    } finally {
      await sql.end();
      await context.close();
    }
  }, 300_000);
});
