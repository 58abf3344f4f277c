// The board's find bar, legend, today marker, readability and print view (issue 12, points 4 and 5),
// against the real server (scratch Postgres, Redis, the Guizhou demo laid out around the suite's
// today) in chromium at 1440×900, zh-CN: a county's stays are found by its name, filters narrow the
// rows, a date can be jumped to, today's column is marked, every status's colours read at 4.5:1, the
// default month fits the screen, and the print view lists one centre's stays of a period and no other.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, fromToday, testToday } from '../helpers/clock.js';
import { DEMO_PASSWORD, signIn, startRig, type Rig } from './browser.js';

interface StopRow {
  id: number;
  vehicleId: number;
  exhibitSetId: number;
  venueId: number;
  status: string;
  startsOn: string;
  endsOn: string;
}
interface Catalogue {
  plans: { id: number; status: string; horizonStart: string; horizonEnd: string }[];
  venues: { id: number; name: string; countyName: string; priorityTier: string }[];
  sets: { id: number; kind: string }[];
  vehicles: { id: number; type: string; homeCentreId: number }[];
  centres: { id: number; name: string }[];
}

let rig: Rig;
let context: BrowserContext;
let page: Page;
let cat: Catalogue;
let planId: number;
let stops: StopRow[];

/** JSON from the API with the page's own session. */
async function api<T>(path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const r = await fetch(p, { headers: { accept: 'application/json' } });
    if (!r.ok) throw new Error(`${p}: ${r.status}`);
    return r.json();
  }, path) as Promise<T>;
}

beforeAll(async () => {
  rig = await startRig();
  ({ context, page } = await signIn(rig, 'coordinator', DEMO_PASSWORD.coordinator, { viewport: { width: 1440, height: 900 } }));
  const [plans, venues, sets, vehicles, centres] = await Promise.all([
    api<Catalogue['plans']>('/api/plans'),
    api<Catalogue['venues']>('/api/venues?limit=1000'),
    api<Catalogue['sets']>('/api/exhibit-sets'),
    api<Catalogue['vehicles']>('/api/vehicles'),
    api<Catalogue['centres']>('/api/centres'),
  ]);
  cat = { plans, venues, sets, vehicles, centres };
  planId = plans.find((p) => p.status === 'published')!.id;
  stops = (await api<StopRow[]>(`/api/plans/${planId}/stops`)).filter((s) => s.status !== 'cancelled');
}, 240_000);
afterAll(async () => {
  await context?.close();
  await rig?.close();
});

/** Opens the board with `query` and waits for that board, not the one the page showed before. */
async function openBoard(query: string) {
  await page.evaluate(() => document.querySelector('.board-page')?.removeAttribute('data-ready'));
  const url = `${rig.rove.url}/#/board?${query}`;
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page.waitForSelector('.board-page[data-ready]', { timeout: 30_000 });
}

/** The board's rows on show, by id (v<vehicle>, s<set>). */
const rowsShown = () => page.$$eval('.board-cal [data-resource-id]', (els) => [...new Set(els.map((e) => (e as HTMLElement).dataset.resourceId!))].sort());

/** The rows a stay is drawn on: its vehicle's, and a roving set's own. */
function rowsOf(s: StopRow): string[] {
  const roving = cat.sets.find((x) => x.id === s.exhibitSetId)?.kind === 'roving_museum';
  return [`v${s.vehicleId}`, ...(roving ? [`s${s.exhibitSetId}`] : [])];
}
const rowSet = (ss: StopRow[]) => [...new Set(ss.flatMap(rowsOf))].sort();

/** Stays drawn (not hidden by a filter) in the board's current view: id and data attributes. */
const staysDrawn = () =>
  page.$$eval('.board-cal .rove-event[data-stop-id]', (els) =>
    els
      .map((e) => e as HTMLElement)
      .filter((e) => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0)
      .map((e) => ({ id: e.dataset.stopId!, tier: e.dataset.tier, status: e.dataset.status, kind: e.dataset.kind, match: e.dataset.match === 'true' })),
  );

describe('the board at 1440×900', () => {
  it('opens on a month that fits the screen, marks today and shows each stay by a short name, the full name on hover and focus', async () => {
    await openBoard(`plan=${planId}`);
    const fit = await page.evaluate(() => {
      const doc = document.documentElement;
      const cal = document.querySelector('.board-cal')!.getBoundingClientRect();
      const days = [...document.querySelectorAll<HTMLElement>('.board-cal [data-date]')].map((e) => ({ date: e.dataset.date!, r: e.getBoundingClientRect() }));
      const widest = Math.max(...[...document.querySelectorAll('main *')].map((e) => e.getBoundingClientRect().right));
      return { pageScroll: doc.scrollWidth - doc.clientWidth, widest, viewport: doc.clientWidth, calRight: cal.right, days };
    });
    expect(fit.pageScroll).toBe(0);
    expect(fit.widest).toBeLessThanOrEqual(fit.viewport);
    // The whole month is on the screen: its last day's column ends inside the board.
    const monthEnd = addDays(`${addDays(`${testToday().slice(0, 7)}-01`, 31).slice(0, 7)}-01`, -1);
    const last = fit.days.filter((d) => d.date.startsWith(monthEnd));
    expect(last.length).toBeGreaterThan(0);
    for (const d of last) expect(d.r.right).toBeLessThanOrEqual(fit.calRight + 1);

    // Today's column, in the header and down the rows: the suite's today, however the browser's zone reads it.
    const today = await page.$$eval('.board-cal .rove-today', (els) => els.map((e) => ({ date: (e as HTMLElement).dataset.date ?? '', left: e.getBoundingClientRect().left, right: e.getBoundingClientRect().right })));
    expect(today.length).toBeGreaterThanOrEqual(2);
    for (const d of today) expect(d.date.slice(0, 10)).toBe(testToday());
    expect(Math.abs(today[0]!.left - today[today.length - 1]!.left)).toBeLessThan(2);

    // Every stay wholly in this month has room for two characters of its short name and shows only whole ones;
    // its full name is its title and its accessible name, and it takes the keyboard's focus.
    const monthStart = `${testToday().slice(0, 7)}-01`;
    const inside = new Set(stops.filter((s) => s.startsOn >= monthStart && s.endsOn <= monthEnd).map((s) => String(s.id)));
    const labels = await page.$$eval('.board-cal .rove-event[data-stop-id]', (els) =>
      els.map((e) => {
        const label = e.querySelector<HTMLElement>('.rove-stop-label')!;
        const cs = getComputedStyle(label);
        const room = label.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
        return {
          id: (e as HTMLElement).dataset.stopId!,
          text: label.textContent ?? '',
          twoFit: room >= 2 * parseFloat(cs.fontSize),
          cut: label.scrollWidth > label.clientWidth + 1,
          title: e.getAttribute('title') ?? '',
          name: e.getAttribute('aria-label') ?? '',
          tab: (e as HTMLElement).tabIndex,
        };
      }),
    );
    const checked = labels.filter((l) => inside.has(l.id));
    expect(checked.length).toBeGreaterThan(10);
    for (const l of checked) {
      expect(l.twoFit, `${l.text} has no room for two characters`).toBe(true);
      expect(l.cut, `${l.text} is cut off`).toBe(false);
      expect(l.title).toContain('科技馆');
      expect(l.name).toBe(l.title);
      // The short name is the county's name without its suffix (南明区 → 南明).
      expect(l.title.split(' · ')[1]!.startsWith(l.text.replace('★', ''))).toBe(true);
      expect(l.tab).toBe(0);
    }
  });

  it('lists the statuses and tiers in its legend, and every status colour reads at 4.5:1 with its text', async () => {
    await openBoard(`plan=${planId}&zoom=quarter&date=${fromToday(-45)}`);
    const legend = (await page.locator('.legend-box').textContent()) ?? '';
    for (const word of ['重点帮扶县', '脱贫县', '其他县', '计划中', '已确认', '已到达', '已完成', '今天']) expect(legend).toContain(word);
    const measured = await page.evaluate(() => {
      const rgba = (c: string) => (c.match(/[\d.]+/g) ?? ['0', '0', '0', '0']).map(Number).concat(1).slice(0, 4) as [number, number, number, number];
      const over = (top: number[], under: number[], a: number) => top.slice(0, 3).map((v, i) => v * a + under[i]! * (1 - a));
      const lum = (c: number[]) => {
        const [r, g, b] = c.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)) as [number, number, number];
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const white = [255, 255, 255];
      // A stay's fill and its label's colour as they reach the eye: alpha and every ancestor's opacity laid over the white page.
      return [...document.querySelectorAll<HTMLElement>('.board-cal .rove-event[data-stop-id], .legend-stay')].map((el) => {
        let opacity = 1;
        for (let e: HTMLElement | null = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
        const bgRaw = rgba(getComputedStyle(el).backgroundColor);
        const label = el.querySelector<HTMLElement>('.rove-stop-label')!;
        const bg = over(over(bgRaw, white, bgRaw[3]), white, opacity);
        const fgRaw = rgba(getComputedStyle(label).color);
        const fg = over(over(fgRaw, bg, fgRaw[3]), white, 1);
        const [hi, lo] = [lum(bg), lum(fg)].sort((a, b) => b - a) as [number, number];
        return { status: el.dataset.status ?? el.className, text: label.textContent, ratio: (hi + 0.05) / (lo + 0.05) };
      });
    });
    const legendStays = measured.filter((m) => m.status.includes('legend-stay'));
    expect(legendStays.map((m) => m.text)).toEqual(['计划中', '已确认', '已到达', '已完成']);
    // The board itself shows past (completed) and coming stays in this quarter.
    expect(measured.some((m) => m.status === 'completed')).toBe(true);
    for (const m of measured) expect(m.ratio, `${m.status} ${m.text}: ${m.ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(4.5);
  });

  it("finds a county's stays by its name: only the rows with them stay, and they are highlighted", async () => {
    // A county with stays on some rows but not all, whose name is in no other venue's names.
    const byCounty = new Map<string, StopRow[]>();
    for (const s of stops) {
      const county = cat.venues.find((v) => v.id === s.venueId)!.countyName;
      byCounty.set(county, [...(byCounty.get(county) ?? []), s]);
    }
    const unique = (c: string) => cat.venues.every((v) => v.countyName === c || (!v.countyName.includes(c) && !v.name.includes(c)));
    const [county, theirs] = [...byCounty].filter(([c, ss]) => unique(c) && rowSet(ss).length >= 2).sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0]!;
    await openBoard(`plan=${planId}`);
    const all = await rowsShown();
    expect(rowSet(theirs).length).toBeLessThan(all.length);

    await page.getByLabel('搜索车辆、展品、县或场馆').fill(county);
    await expect.poll(rowsShown).toEqual(rowSet(theirs));
    await expect.poll(() => page.locator('.find-status').textContent()).toContain(`找到 ${theirs.length} 个巡展`);
    // The next one found is brought into view, highlighted, and only the county's stays are.
    await page.getByRole('button', { name: '下一处' }).click();
    const ids = new Set(theirs.map((s) => String(s.id)));
    await expect.poll(async () => (await staysDrawn()).filter((s) => s.match).length).toBeGreaterThan(0);
    for (const s of await staysDrawn()) expect(s.match, `stay ${s.id}`).toBe(ids.has(s.id));
    // The search is kept in the address: a reload shows the same rows.
    expect(decodeURIComponent(page.url())).toContain(`q=${county}`);
  });

  it('narrows the rows by kind, tier and status, hiding the other stays; a date can be jumped to', async () => {
    await openBoard(`plan=${planId}&zoom=quarter`);
    const all = await rowsShown();
    const truck = (id: number) => cat.vehicles.find((v) => v.id === id)?.type === 'set_truck';

    await page.getByLabel('类型', { exact: true }).selectOption({ label: '流动科技馆' });
    await expect.poll(async () => (await rowsShown()).every((r) => r.startsWith('s') || truck(Number(r.slice(1))))).toBe(true);
    expect((await rowsShown()).length).toBeLessThan(all.length);
    for (const s of await staysDrawn()) expect(s.kind).toBe('roving_museum');

    await page.getByLabel('类型', { exact: true }).selectOption({ label: '全部' });
    await page.getByLabel('优先级', { exact: true }).selectOption({ label: '重点帮扶县' });
    const key = stops.filter((s) => cat.venues.find((v) => v.id === s.venueId)!.priorityTier === 'key');
    await expect.poll(rowsShown).toEqual(rowSet(key));
    for (const s of await staysDrawn()) expect(s.tier).toBe('key');

    await page.getByLabel('优先级', { exact: true }).selectOption({ label: '全部' });
    await page.getByLabel('状态', { exact: true }).selectOption({ label: '已完成' });
    await expect.poll(rowsShown).toEqual(rowSet(stops.filter((s) => s.status === 'completed')));
    for (const s of await staysDrawn()) expect(s.status).toBe('completed');
    await page.getByLabel('状态', { exact: true }).selectOption({ label: '全部' });
    await expect.poll(rowsShown).toEqual(all);

    // Jump to a day before this quarter (the plan began last New Year): its column comes into view and the address keeps it.
    const day = fromToday(-100);
    await page.getByLabel('跳到日期').fill(day);
    await page.getByRole('button', { name: '转到' }).click();
    await expect.poll(() => page.$$eval('.board-cal [data-date]', (els, d) => els.some((e) => (e as HTMLElement).dataset.date!.startsWith(d)), day)).toBe(true);
    const range = await page.$$eval('.board-cal [data-date]', (els) => els.map((e) => (e as HTMLElement).dataset.date!.slice(0, 10)).sort());
    expect(range[range.length - 1]! < testToday()).toBe(true);
    expect(page.url()).toContain(`date=${day}`);
  });

  it("prints one centre's stays of a period and nothing else, on A4 landscape", async () => {
    const [from, to] = [fromToday(-10), fromToday(20)];
    const inPeriod = stops.filter((s) => s.startsOn <= to && s.endsOn >= from);
    const centreOf = (s: StopRow) => cat.vehicles.find((v) => v.id === s.vehicleId)!.homeCentreId;
    // The centre with most stays in the period; others have some too, which must not be printed.
    const counts = cat.centres.map((c) => ({ c, n: inPeriod.filter((s) => centreOf(s) === c.id).length })).sort((a, b) => b.n - a.n);
    const centre = counts[0]!.c;
    const expected = inPeriod.filter((s) => centreOf(s) === centre.id).map((s) => String(s.id)).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(inPeriod.length).toBeGreaterThan(expected.length);

    await page.goto(`${rig.rove.url}/#/board/print?plan=${planId}&from=${from}&to=${to}&centre=${centre.id}`);
    await page.waitForSelector('.board-print[data-ready]');
    const printed = (await page.$$eval('.print-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.stopId!))).sort();
    expect(printed).toEqual(expected);
    expect(await page.locator('.board-print').textContent()).toContain(centre.name);

    // On paper: no menu and no form, the table; the page is A4 landscape (842 × 595 pt).
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.locator('.print-form').isVisible()).toBe(false);
    expect(await page.locator('.print-table').isVisible()).toBe(true);
    await page.emulateMedia({ media: null });
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
    expect(box).not.toBeNull();
    expect(Math.round(Number(box![1]))).toBeGreaterThanOrEqual(841);
    expect(Math.round(Number(box![1]))).toBeLessThanOrEqual(842);
    expect(Math.round(Number(box![2]))).toBeGreaterThanOrEqual(595);
    expect(Math.round(Number(box![2]))).toBeLessThanOrEqual(596);
  });
});
