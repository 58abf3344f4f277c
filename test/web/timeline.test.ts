// One living timeline in the browser, against the real server (scratch Postgres, Redis, the Guizhou
// demo laid out around the suite's today) in chromium: a coordinator re-plans the coming months, moves
// a stay a host confirmed in the draft, reads the diff (before, after, why) and sees the board's
// highlights before publishing, publishes with a reason for the confirmed stay (409, then accepted);
// the host, on a phone, sees the new scheduled days and confirms them. Past stays imported as history
// show on the board and cannot be dragged.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, fromToday, testToday, yearOf } from '../helpers/clock.js';
import { DEMO_PASSWORD, signIn, startRig, waitForRunDone, type Rig } from './browser.js';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
}, 180_000);
afterAll(async () => {
  await rig?.close();
});

/** The demo's county hosts (README): host-<county code>. */
const HOST_COUNTIES = ['520102', '520204', '520324', '520326', '520527', '520602', '522601', '522632', '522633', '522729'];

interface StopRow {
  id: number;
  planId: number;
  vehicleId: number;
  exhibitSetId: number;
  venueId: number;
  requestId: number | null;
  sourceStopId: number | null;
  status: string;
  startsOn: string;
  opensOn: string;
  closesOn: string;
  endsOn: string;
}
interface PlanRow {
  id: number;
  status: string;
  revision: number;
}

/** The API with the page's own session: JSON in and out, the CSRF token on writes; resolves with status and body. */
async function api<T>(page: Page, path: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ path, method, body, headers }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const r = await fetch(path, {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'x-csrf-token': me.csrfToken, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
    { path, method, body, headers },
  ) as Promise<{ status: number; body: T }>;
}

async function openBoard(page: Page, query: string) {
  await page.evaluate(() => document.querySelector('.board-page')?.removeAttribute('data-ready'));
  const url = `${rig.rove.url}/#/board?${query}`;
  // The same address again is no hash change: load it afresh.
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page.waitForSelector('.board-page[data-ready]', { timeout: 30_000 });
}

const shift = (s: StopRow, n: number) => ({ startsOn: addDays(s.startsOn, n), opensOn: addDays(s.opensOn, n), closesOn: addDays(s.closesOn, n), endsOn: addDays(s.endsOn, n) });

/**
 * In the draft, moves the copy of one of the timeline's confirmed stays (at a venue with a host account)
 * by a week or two; the server judges each try against the rules, the first it accepts is kept.
 */
async function moveAConfirmedStay(page: Page, draftId: number, timeline: StopRow[]) {
  const venues = (await api<{ id: number; countyCode: string }[]>(page, '/api/venues')).body;
  const county = new Map(venues.map((v) => [v.id, v.countyCode]));
  const draft = (await api<StopRow[]>(page, `/api/plans/${draftId}/stops`)).body;
  const candidates = timeline.filter((s) => s.status === 'confirmed' && s.requestId !== null && s.startsOn >= fromToday(3) && HOST_COUNTIES.includes(county.get(s.venueId) ?? ''));
  for (const live of candidates) {
    const copy = draft.find((d) => d.sourceStopId === live.id);
    if (!copy) continue;
    for (const n of [7, 14, -7, 21]) {
      const plan = (await api<PlanRow>(page, `/api/plans/${draftId}`)).body;
      const r = await api<{ stop: StopRow }>(page, `/api/plans/${draftId}/stops/${copy.id}`, 'PATCH', shift(copy, n), { 'if-match': `"${plan.revision}"` });
      if (r.status === 200) return { live, copy: r.body.stop, days: n, host: `host-${county.get(live.venueId)}` };
    }
  }
  throw new Error('no confirmed stay of a host could be moved in the draft');
}

interface UnservedRow {
  requestId: number;
  venueId: number;
  setKind: 'roving_museum' | 'caravan_kit';
  exhibitSetId: number | null;
  theme: string | null;
  windowStart: string;
  windowEnd: string;
  openDays: number;
}

/**
 * Schedules one of `requests` on `planId` on dates the server's advice suggests (a checked insert:
 * the first it accepts is kept); resolves with the new stay.
 */
async function scheduleOne(page: Page, planId: number, requests: UnservedRow[]): Promise<StopRow> {
  for (const u of requests) {
    const advice = await api<{ options: { startsOn: string; opensOn: string; closesOn: string; endsOn: string; vehicleId: number; exhibitSetId: number }[] }>(page, '/api/requests/advice', 'POST', {
      venueId: u.venueId,
      setKind: u.setKind,
      exhibitSetId: u.exhibitSetId,
      theme: u.theme,
      windowStart: u.windowStart,
      windowEnd: u.windowEnd,
      openDays: u.openDays,
    });
    for (const o of advice.body?.options ?? []) {
      const plan = (await api<PlanRow>(page, `/api/plans/${planId}`)).body;
      const r = await api<{ stop: StopRow }>(page, `/api/plans/${planId}/stops`, 'POST', { requestId: u.requestId, vehicleId: o.vehicleId, exhibitSetId: o.exhibitSetId, startsOn: o.startsOn, opensOn: o.opensOn, closesOn: o.closesOn, endsOn: o.endsOn }, { 'if-match': `"${plan.revision}"` });
      if (r.status === 201 || r.status === 200) return r.body.stop;
    }
  }
  throw new Error(`none of ${requests.length} requests could be scheduled on plan ${planId}`);
}

/** New approved one-day caravan requests within the coming months, at venues the timeline's caravans visit (`nth` picks which). */
async function caravanRequests(page: Page, timeline: StopRow[], nth: number): Promise<UnservedRow[]> {
  const sets = (await api<{ id: number; kind: string }[]>(page, '/api/exhibit-sets?regionId=1')).body;
  const kit = new Set(sets.filter((x) => x.kind === 'caravan_kit').map((x) => x.id));
  const venues = [...new Set(timeline.filter((s) => kit.has(s.exhibitSetId)).map((s) => s.venueId))].filter((_, i) => i % 2 === nth).slice(0, 4);
  const made: UnservedRow[] = [];
  for (const venueId of venues) {
    const want = { venueId, setKind: 'caravan_kit' as const, exhibitSetId: null, theme: null, windowStart: fromToday(20), windowEnd: fromToday(90), openDays: 1 };
    const r = await api<{ id: number }>(page, '/api/requests', 'POST', { ...want, expectedAudience: 600, notes: '' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await api(page, `/api/requests/${r.body.id}/approve`, 'POST', {})).status).toBe(200);
    made.push({ ...want, requestId: r.body.id });
  }
  return made;
}

describe('one living timeline', () => {
  it('a draft that moves a confirmed stay: the diff and the board show it before publishing; publishing asks for a reason; the host confirms the new days on a phone', async () => {
    const coordinator = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator, { viewport: { width: 1600, height: 900 } });
    const page = coordinator.page;
    let moved!: Awaited<ReturnType<typeof moveAConfirmedStay>>;
    let draftId = 0;
    try {
      const published = (await api<PlanRow[]>(page, '/api/plans?regionId=1')).body.find((p) => p.status === 'published')!;
      const timeline = (await api<StopRow[]>(page, `/api/plans/${published.id}/stops`)).body;

      // Re-plan the coming four months, through the run form.
      await page.getByRole('link', { name: '规划运行' }).click();
      await page.getByLabel('开始日期').fill(testToday(), { timeout: 20_000 });
      await page.getByLabel('结束日期').fill(fromToday(120));
      await page.getByLabel('计算时长（秒）').fill('3');
      await page.getByRole('button', { name: '开始规划' }).click();
      await waitForRunDone(page);
      draftId = Number(await page.locator('.run-done').getAttribute('data-plan-id'));
      const runUrl = page.url();
      expect(runUrl).toMatch(/#\/runs\?run=\d+/);

      moved = await moveAConfirmedStay(page, draftId, timeline);
      // Meanwhile a new caravan visit is scheduled on the timeline (the draft lacks it: publishing
      // would remove it), and another in the draft (publishing adds it).
      const leaving = await scheduleOne(page, published.id, await caravanRequests(page, timeline, 0));
      const adding = await scheduleOne(page, draftId, await caravanRequests(page, timeline, 1));
      const before = moved.live;
      const after = shift(before, moved.days);

      // The run's page again: the diff lists the move with its days before and after, marked as a decision.
      await page.goto(runUrl);
      await page.reload();
      const item = page.locator(`.run-done .diff-item[data-stop-id="${before.id}"]`);
      await item.waitFor({ timeout: 60_000 });
      expect(await item.getAttribute('data-kind')).toBe('moved');
      expect(await item.getAttribute('class')).toContain('needs-decision');
      expect(await item.textContent()).toContain('需要您决定');
      const dayText = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
      expect(await item.locator('.diff-before').textContent()).toContain(dayText(before.startsOn));
      expect(await item.locator('.diff-after').textContent()).toContain(dayText(after.startsOn));
      expect((await item.locator('.diff-why').textContent())!.trim().length).toBeGreaterThan(1);
      const gone = page.locator(`.run-done .diff-item[data-stop-id="${leaving.id}"]`);
      expect(await gone.getAttribute('data-kind')).toBe('removed');
      expect(await gone.locator('.diff-before').textContent()).toContain(dayText(leaving.startsOn));
      expect(await gone.locator('.diff-after').count()).toBe(0);
      expect((await gone.locator('.diff-why').textContent())!.trim().length).toBeGreaterThan(1);
      const fresh = page.locator(`.run-done .diff-item[data-draft-stop-id="${adding.id}"]`);
      expect(await fresh.getAttribute('data-kind')).toBe('added');
      expect(await fresh.locator('.diff-after').textContent()).toContain(dayText(adding.startsOn));
      // The publish button says what it changes and who is told.
      const diff = (await api<{ added: unknown[]; moved: unknown[]; removed: unknown[]; notify: { hosts: number; drivers: number } }>(page, `/api/plans/${draftId}/diff`)).body;
      const publish = page.locator(`.run-done button.publish-btn[data-plan-id="${draftId}"]`);
      const label = (await publish.textContent())!;
      expect(label).toContain(`改期 ${diff.moved.length}`);
      expect(label).toContain(`新增 ${diff.added.length}`);
      expect(label).toContain(`移除 ${diff.removed.length}`);
      expect(diff.added.length).toBeGreaterThan(0);
      expect(diff.removed.length).toBeGreaterThan(0);
      expect(label).toContain(`将通知 ${diff.notify.hosts} 位接待方和 ${diff.notify.drivers} 位司机`);
      expect(diff.notify.hosts).toBeGreaterThan(0);

      // The board, on the draft: the moved stay is highlighted, with a legend; the draft's other stays are not all marked.
      await openBoard(page, `plan=${draftId}&zoom=weeks&date=${addDays(after.startsOn, -3)}`);
      const ev = page.locator(`.rove-event[data-stop-id="${moved.copy.id}"]`).first();
      await ev.waitFor({ timeout: 20_000 });
      expect(await ev.getAttribute('class')).toContain('rove-change-moved');
      expect(await ev.textContent()).toContain('⇢');
      expect(await page.locator('.legend-changes').textContent()).toContain('改期');
      const shown = await page.locator('.rove-event').count();
      expect(await page.locator('.rove-event.rove-change').count()).toBeLessThan(shown);
      expect(await page.locator('.legend-changes').textContent()).toContain('新增');
      // The stay the draft adds is marked as added; the one it would remove stands as a ghost and in the side list.
      await openBoard(page, `plan=${draftId}&zoom=weeks&date=${addDays(adding.startsOn, -3)}`);
      const added = page.locator(`.rove-event[data-stop-id="${adding.id}"]`).first();
      await added.waitFor({ timeout: 20_000 });
      expect(await added.getAttribute('class')).toContain('rove-change-added');
      expect(await added.textContent()).toContain('＋');
      await openBoard(page, `plan=${draftId}&zoom=weeks&date=${addDays(leaving.startsOn, -3)}`);
      const ghost = page.locator(`.rove-event[data-stop-id="removed-${leaving.id}"]`).first();
      await ghost.waitFor({ timeout: 20_000 });
      expect(await ghost.getAttribute('class')).toContain('rove-ghost');
      expect(await ghost.textContent()).toContain('将移除');
      const removedList = page.locator('.removed-stays');
      expect(await removedList.isVisible()).toBe(true);
      expect(await removedList.locator(`.diff-item[data-stop-id="${leaving.id}"]`).count()).toBe(1);

      // Publish from the run's page: 409, the confirmed stay with a reason field; with the reason, it publishes.
      await page.goto(runUrl);
      await page.reload();
      await publish.click({ timeout: 60_000 });
      const form = page.locator('.run-done form.publish-decisions');
      await form.waitFor({ timeout: 30_000 });
      expect(await page.locator('.run-done .status').first().textContent()).toMatch(/确认/); // the server's message
      const reason = form.locator(`input.decision-reason[data-stop-id="${before.id}"]`);
      expect(await reason.count()).toBe(1);
      // Without a reason it does not go.
      await form.getByRole('button', { name: '接受这些改动并发布' }).click();
      expect((await api<PlanRow[]>(page, '/api/plans?regionId=1')).body.find((p) => p.id === draftId)?.status).toBe('draft');
      await reason.fill('场馆检修，推迟一周');
      for (const other of await form.locator('input.decision-reason').all()) if (!(await other.inputValue())) await other.fill('浏览器测试：随之调整');
      await form.getByRole('button', { name: '接受这些改动并发布' }).click();
      await page.locator('.run-done .status').filter({ hasText: '已发布' }).waitFor({ timeout: 30_000 });
      const plans = (await api<PlanRow[]>(page, '/api/plans?regionId=1')).body;
      expect(plans.find((p) => p.id === draftId)?.status).toBe('superseded');
      const now = (await api<StopRow[]>(page, `/api/plans/${published.id}/stops`)).body.find((s) => s.id === before.id)!;
      expect(now).toMatchObject({ startsOn: after.startsOn, endsOn: after.endsOn, status: 'planned' });
    } finally {
      await coordinator.context.close();
    }

    // The host, on a phone: the request shows the new days (set-up, open, tear-down) and confirms them with one button.
    const host = await signIn(rig, moved.host, DEMO_PASSWORD.host, { viewport: { width: 390, height: 844 } });
    try {
      const p = host.page;
      const row = p.locator(`tr.request-row[data-request-id="${moved.live.requestId}"]`);
      await row.waitFor({ timeout: 20_000 });
      expect(await row.locator('.request-status').textContent()).toBe('已排期');
      const days = row.locator(`dl.scheduled-days[data-stop-id="${moved.live.id}"]`);
      const open = await days.locator('.days-open').textContent();
      const after = shift(moved.live, moved.days);
      expect(open).toContain(`${Number(after.opensOn.slice(5, 7))}月${Number(after.opensOn.slice(8, 10))}日`);
      if (after.opensOn > after.startsOn) expect(await days.locator('.days-setup').textContent()).toContain(`${Number(after.startsOn.slice(5, 7))}月${Number(after.startsOn.slice(8, 10))}日`);
      const button = row.getByRole('button', { name: '确认这些日期' });
      await button.scrollIntoViewIfNeeded();
      const box = (await button.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390); // on the phone's screen, not off to the side
      await button.click();
      await p.getByRole('status').filter({ hasText: '日期已确认' }).waitFor({ timeout: 20_000 });
      expect(await row.locator('.request-status').textContent()).toBe('已确认');
      expect(await row.getByRole('button', { name: '确认这些日期' }).count()).toBe(0);
      await p.reload();
      await p.locator(`tr.request-row[data-request-id="${moved.live.requestId}"] .request-status`).filter({ hasText: '已确认' }).waitFor({ timeout: 20_000 });
      const plans = (await api<PlanRow[]>(p, '/api/plans')).body;
      const stops = (await api<StopRow[]>(p, `/api/plans/${plans.find((x) => x.status === 'published')!.id}/stops`)).body;
      expect(stops.find((s) => s.id === moved.live.id)).toMatchObject({ status: 'confirmed', startsOn: after.startsOn });
    } finally {
      await host.context.close();
    }
  }, 400_000);

  it('shows past stays imported as history on the board, locked: a drag does not move them', async () => {
    const { context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator, { viewport: { width: 1600, height: 900 } });
    try {
      const vehicles = (await api<{ id: number; name: string; exhibitSetIds: number[] }[]>(page, '/api/vehicles?regionId=1')).body;
      const venues = (await api<{ id: number }[]>(page, '/api/venues?regionId=1')).body;
      const truck = vehicles[0]!;
      // Three years back: history, not held to today's rules.
      const startsOn = `${yearOf(-3)}-03-01`;
      const csv = `venue,vehicle,set,startsOn,endsOn,attendance\n${venues[0]!.id},${truck.id},${truck.exhibitSetIds[0]},${startsOn},${addDays(startsOn, 29)},4321\n`;
      const imported = await api<{ imported: number; planId: number }>(page, '/api/regions/1/history', 'POST', { format: 'csv', content: csv });
      expect(imported.status, JSON.stringify(imported.body)).toBe(200);
      const fact = (await api<StopRow[]>(page, `/api/plans/${imported.body.planId}/stops`)).body.find((s) => s.startsOn === startsOn && s.vehicleId === truck.id)!;
      expect(fact.status).toBe('completed');

      await openBoard(page, `plan=${imported.body.planId}&zoom=weeks&date=${addDays(startsOn, -2)}`);
      // A roving set's stay stands in its vehicle's row and in the set's own.
      const ev = page.locator(`.rove-event[data-stop-id="${fact.id}"]`).first();
      await ev.waitFor({ timeout: 20_000 });
      expect(await ev.getAttribute('class')).toContain('rove-locked');
      const box = (await ev.boundingBox())!;
      await page.mouse.move(box.x + 10, box.y + box.height / 2);
      await page.mouse.down();
      for (let k = 1; k <= 10; k++) await page.mouse.move(box.x + 10 + 15 * k, box.y + box.height / 2);
      await page.mouse.up();
      await page.waitForTimeout(500);
      expect(await page.locator('.board-status').textContent()).not.toContain('已保存');
      const still = (await api<StopRow[]>(page, `/api/plans/${imported.body.planId}/stops`)).body.find((s) => s.id === fact.id)!;
      expect(still).toMatchObject({ startsOn: fact.startsOn, endsOn: fact.endsOn });
      const back = (await ev.boundingBox())!;
      expect(Math.abs(back.x - box.x)).toBeLessThan(2);
      // Its side panel shows it with a disabled form.
      await ev.click();
      await page.locator('.stop-details h2').waitFor({ timeout: 10_000 });
      expect(await page.locator('.stop-details button[type="submit"]').isDisabled()).toBe(true);
    } finally {
      await context.close();
    }
  }, 200_000);
});
