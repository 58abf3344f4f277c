import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { sessionOf } from '../helpers/accounts.js';
import { addDays, mondayFrom, testClock, yearOf } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, type Tenant } from '../helpers/tenants.js';

describe.each(databaseKinds)('booking, itineraries, feeds, exports and reports on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;
  // Each test has a tenant of its own (region code, and the names made from it), so it stands alone.
  let code = '';
  let codes = 60;
  const Y = yearOf(1);
  const compact = (iso: string) => iso.replaceAll('-', '');

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  beforeEach(async () => {
    code = String(codes++);
    a = await tenant(database.db, code);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const as = async (who: 'coordinator' | 'host' | 'driver') => sessionOf(database.db, a.users[who].userId);
  const call = async (who: 'coordinator' | 'host' | 'driver', method: string, url: string, payload?: object, extra: Record<string, string> = {}) =>
    app.inject({ method: method as 'GET', url, headers: { ...(await as(who)), ...extra }, ...(payload ? { payload } : {}) });
  const notices = async (who: 'coordinator' | 'host' | 'driver') =>
    (await call(who, 'GET', '/api/notifications')).json() as Array<{ id: number; kind: string; params: Record<string, unknown>; readAt: string | null }>;

  it('gives a driver their itinerary: stops in order with venue, contact, leg and an AMap link', async () => {
    const res = await call('driver', 'GET', `/api/vehicles/${a.vehicles[0]!.id}/itinerary`);
    expect(res.statusCode, res.body).toBe(200);
    const it = res.json();
    expect(it.plan.id).toBe(a.published.id);
    expect(it.stops).toHaveLength(1);
    const s = it.stops[0];
    expect(s).toMatchObject({ stopId: a.publishedStop.id, seq: 1, startsOn: a.publishedStop.startsOn, endsOn: a.publishedStop.endsOn, leg: { distanceM: 12_000, driveMinutes: 20, restNights: 0 } });
    expect(s.venue).toMatchObject({ name: `展点${code}-0`, address: `地址${code}-0`, contactName: '联系人0', contactPhone: '13800000000', lng: 106.7, lat: 26.5 });
    expect(s.amapUrl).toBe(`https://uri.amap.com/marker?position=106.7,26.5&name=${encodeURIComponent(`展点${code}-0`)}&coordinate=gaode&callnative=1`);
    const html = await call('driver', 'GET', `/api/vehicles/${a.vehicles[0]!.id}/itinerary.html?lang=en`);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('<html lang="en">');
    expect(html.body).toContain(`展点${code}-0`);
    expect(html.body).toContain('Itinerary');
    const zh = await call('driver', 'GET', `/api/vehicles/${a.vehicles[0]!.id}/itinerary.html`);
    expect(zh.body).toContain('行程单');
  });

  it('serves a vehicle’s calendar feed as valid iCalendar with all-day events on the region’s dates, until revoked', async () => {
    const created = await call('driver', 'POST', `/api/vehicles/${a.vehicles[0]!.id}/calendar-feed`);
    expect(created.statusCode).toBe(201);
    const { id, url } = created.json() as { id: number; url: string };
    expect(url).toMatch(/^\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const [stored] = await database.db.select().from(t.calendarFeeds).where(eq(t.calendarFeeds.id, id));
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(url).not.toContain(stored!.tokenHash);

    const feed = await app.inject(url);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const cal = new ICAL.Component(ICAL.parse(feed.body));
    expect(cal.name).toBe('vcalendar');
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(feed.body).toContain('X-WR-TIMEZONE:Asia/Shanghai');
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(1);
    const ev = events[0]!;
    expect(ev.startDate.isDate).toBe(true);
    const { startsOn, endsOn } = a.publishedStop;
    expect(ev.startDate.toString()).toBe(startsOn);
    // DTEND of an all-day event is exclusive: the day after tear-down ends.
    expect(ev.endDate.toString()).toBe(addDays(endsOn, 1));
    expect(feed.body).toContain(`DTSTART;VALUE=DATE:${compact(startsOn)}`);
    expect(ev.summary).toContain(`展点${code}-0`);

    // The same calendar days whatever the region's offset from the server's clock (here UTC).
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      await database.db.update(t.regions).set({ timeZone: zone }).where(eq(t.regions.id, a.regionId));
      const shifted = (await app.inject(url)).body;
      expect(shifted).toContain(`X-WR-TIMEZONE:${zone}`);
      expect(shifted).toContain(`DTSTART;VALUE=DATE:${compact(startsOn)}`);
      expect(shifted).toContain(`DTEND;VALUE=DATE:${compact(addDays(endsOn, 1))}`);
    }
    await database.db.update(t.regions).set({ timeZone: 'Asia/Shanghai' }).where(eq(t.regions.id, a.regionId));

    // A host's feed of their venue shows the same stay; the host lists and may revoke only their own.
    const venueFeed = await call('host', 'POST', `/api/venues/${a.venues[0]!.id}/calendar-feed`);
    expect(venueFeed.statusCode).toBe(201);
    const venueCal = new ICAL.Component(ICAL.parse((await app.inject(venueFeed.json().url)).body));
    expect(venueCal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).startDate.toString())).toEqual([startsOn]);
    const hostFeeds = (await call('host', 'GET', '/api/calendar-feeds')).json() as Array<{ id: number }>;
    expect(hostFeeds.map((f) => f.id)).toEqual([venueFeed.json().id]);
    expect((await call('host', 'DELETE', `/api/calendar-feeds/${id}`)).statusCode).toBe(404);

    const revoked = await call('driver', 'DELETE', `/api/calendar-feeds/${id}`);
    expect(revoked.statusCode).toBe(200);
    expect((await app.inject(url)).statusCode).toBe(404);
    expect((await app.inject('/feeds/not-a-token.ics')).statusCode).toBe(404);
  });

  it('exports the plan as CSV with a BOM and as a workbook with a sheet per vehicle and one for unserved requests', async () => {
    await database.db.insert(t.planUnserved).values({ planId: a.published.id, requestId: a.requests[2]!.id, reason: { code: 'NO_VEHICLE_FREE_IN_WINDOW', params: {} } });
    const csv = await call('coordinator', 'GET', `/api/plans/${a.published.id}/export.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`展点${code}-0`);
    expect(lines[1]).toContain(a.publishedStop.startsOn);
    const xlsx = await call('coordinator', 'GET', `/api/plans/${a.published.id}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([`车${code}-1`, '未安排 Unserved']);
    expect(wb.worksheets[0]!.getRow(2).getCell(4).value).toBe(`展点${code}-0`);
    expect(wb.worksheets[1]!.rowCount).toBe(2);
  });

  it('runs a request from the host’s form to approval or decline, keeping every change in its history', async () => {
    const created = await call('host', 'POST', '/api/requests', {
      venueId: a.venues[0]!.id,
      setKind: 'roving_museum',
      theme: '主题B',
      windowStart: `${Y}-09-01`,
      windowEnd: `${Y}-11-30`,
      openDays: 28,
      expectedAudience: 20000,
      notes: '学校可配合',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    expect(created.json()).toMatchObject({ status: 'requested', regionId: a.regionId, venueName: `展点${code}-0` });
    expect((await notices('coordinator')).some((n) => n.kind === 'request_created' && n.params.requestId === id)).toBe(true);

    const declined = await call('coordinator', 'POST', `/api/requests/${id}/decline`, { reason: '场地改造中，明年再申请' });
    expect(declined.statusCode, declined.body).toBe(200);
    const zh = (await call('host', 'GET', `/api/requests/${id}`)).json();
    expect(zh.status).toBe('declined');
    expect(zh.reason).toEqual({ code: 'DECLINED', params: { note: '场地改造中，明年再申请' } });
    expect(zh.reasonText).toContain('场地改造中');
    expect(zh.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['requested', 'declined']);
    const en = (await call('host', 'GET', `/api/requests/${id}`, undefined, { 'accept-language': 'en' })).json();
    expect(en.reasonText).toMatch(/^The coordinator declined/);
    const notice = (await notices('host')).find((n) => n.kind === 'request_status_changed' && n.params.requestId === id)!;
    expect(notice.params).toMatchObject({ from: 'requested', to: 'declined' });
    expect((notice as unknown as { text: string }).text).toContain('未批准');
    expect((notice as unknown as { text: string }).text).toContain('场地改造中');
    const read = await call('host', 'POST', `/api/notifications/${notice.id}/read`);
    expect(read.json().readAt).not.toBeNull();

    const again = await call('coordinator', 'POST', `/api/requests/${id}/approve`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('REQUEST_STATUS_CONFLICT');
    const approved = await call('coordinator', 'POST', `/api/requests/${a.requests[1]!.id}/approve`);
    expect(approved.json().status).toBe('approved');
  });

  it('tells a host why a request was not served, in words', async () => {
    const [r] = await database.db
      .insert(t.requests)
      .values({ regionId: a.regionId, venueId: a.venues[0]!.id, setKind: 'roving_museum', windowStart: `${Y}-01-04`, windowEnd: `${Y}-01-20`, openDays: 30, status: 'unserved' })
      .returning();
    await database.db.insert(t.planUnserved).values({ planId: a.published.id, requestId: r!.id, reason: { code: 'NO_OPEN_DAYS', params: { days: 30, windowStart: `${Y}-01-04`, windowEnd: `${Y}-01-20` } } });
    const body = (await call('host', 'GET', `/api/requests/${r!.id}`)).json();
    expect(body.reason).toMatchObject({ code: 'NO_OPEN_DAYS' });
    expect(body.reasonText).toContain(`${Y}-01-04`);
    expect(body.reasonText).toContain('放宽');
  });

  it('lets the coordinator schedule an approved request into the draft, checked like an edit', async () => {
    const [plan] = await database.db.select().from(t.plans).where(eq(t.plans.id, a.draft.id));
    const setUp = mondayFrom(`${Y}-07-05`);
    const res = await call(
      'coordinator',
      'POST',
      `/api/plans/${a.draft.id}/stops`,
      { requestId: a.requests[2]!.id, vehicleId: a.vehicles[1]!.id, exhibitSetId: a.sets[1]!.id, startsOn: setUp, opensOn: addDays(setUp, 3), closesOn: addDays(setUp, 23), endsOn: addDays(setUp, 25) },
      { 'if-match': `"${plan!.revision}"` },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().stop).toMatchObject({ venueId: a.venues[1]!.id, requestId: a.requests[2]!.id });
    const detail = (await call('coordinator', 'GET', `/api/requests/${a.requests[2]!.id}`)).json();
    expect(detail.status).toBe('scheduled');
    expect(detail.history.at(-1)).toMatchObject({ fromStatus: 'approved', toStatus: 'scheduled' });
  });

  it('notifies the host when the coordinator moves a stay of the published plan', async () => {
    const [plan] = await database.db.select().from(t.plans).where(eq(t.plans.id, a.published.id));
    const res = await call('coordinator', 'PATCH', `/api/plans/${a.published.id}/stops/${a.publishedStop.id}`, { startsOn: addDays(a.publishedStop.startsOn, 7) }, { 'if-match': `"${plan!.revision}"` });
    expect(res.statusCode, res.body).toBe(200);
    const n = (await notices('host')).find((x) => x.kind === 'stop_dates_changed')!;
    expect(n.params).toMatchObject({ stopId: a.publishedStop.id, before: { startsOn: a.publishedStop.startsOn }, after: { startsOn: addDays(a.publishedStop.startsOn, 7) } });
    expect((await notices('driver')).some((x) => x.kind === 'itinerary_changed')).toBe(true);
  });

  it('lets the crew mark arrival and completion, and the host report attendance only after the visit', async () => {
    const early = await call('host', 'POST', `/api/stops/${a.publishedStop.id}/report`, { attendance: 100, activities: 2 });
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('REPORT_TOO_EARLY');

    // A visit that is over: last year's autumn, in the published plan.
    const L = yearOf(-1);
    const [tour] = await database.db.select().from(t.tours).where(and(eq(t.tours.planId, a.published.id), eq(t.tours.vehicleId, a.vehicles[0]!.id)));
    const [past] = await database.db
      .insert(t.stops)
      .values({ planId: a.published.id, tourId: tour!.id, seq: 0, vehicleId: a.vehicles[0]!.id, exhibitSetId: a.sets[0]!.id, venueId: a.venues[0]!.id, startsOn: `${L}-09-01`, opensOn: `${L}-09-04`, closesOn: `${L}-09-25`, endsOn: `${L}-09-27` })
      .returning();
    expect((await call('driver', 'POST', `/api/stops/${past!.id}/arrive`)).json()).toMatchObject({ status: 'arrived' });
    expect((await call('driver', 'POST', `/api/stops/${past!.id}/arrive`)).json().code).toBe('STOP_STATUS_CONFLICT');
    const done = (await call('driver', 'POST', `/api/stops/${past!.id}/complete`)).json();
    expect(done.status).toBe('completed');
    expect(done.completedAt).not.toBeNull();
    const report = await call('host', 'POST', `/api/stops/${past!.id}/report`, { attendance: 31_250, activities: 3, notes: '反响热烈' });
    expect(report.statusCode, report.body).toBe(200);
    const corrected = await call('host', 'POST', `/api/stops/${past!.id}/report`, { attendance: 32_000, activities: 3 });
    expect(corrected.json().attendance).toBe(32_000);
    expect(await database.db.select().from(t.visitReports).where(eq(t.visitReports.stopId, past!.id))).toHaveLength(1);

    const lastYear = (await call('coordinator', 'GET', `/api/regions/${a.regionId}/reports?from=${L}-01-01&to=${L}-12-31`)).json();
    expect(lastYear).toMatchObject({ stops: 1, visitors: 32_000, activities: 3, countiesReached: 1, keyCountiesReached: 1, keyCountiesTotal: 1, setsRepeatedAtCounty: 0 });
    // One vehicle: its km per vehicle is the whole period's km, by the same rule.
    // A set truck: the caravan targets are not its own.
    expect(lastYear.daysOutPerVehicle).toEqual([{ vehicleId: a.vehicles[0]!.id, name: `车${code}-1`, stops: 1, daysOut: 27, km: lastYear.kmDriven, caravan: false, meetsTarget: null }]);
    expect(lastYear.caravanTargets).toEqual({ daysOut: 120, km: 10_000, townshipShare: 0.6 });
    expect(lastYear.caravanTownshipShare).toBeNull();
    const both = (await call('coordinator', 'GET', `/api/regions/${a.regionId}/reports?from=${L}-01-01&to=${Y}-12-31`)).json();
    // The same set (theme) twice at one county within the period is what the novelty rule forbids.
    expect(both.setsRepeatedAtCounty).toBe(1);
    expect(both.kmDriven).toBeGreaterThan(0);
    expect(both.requestsByTier.find((x: { tier: string }) => x.tier === 'key')).toMatchObject({ served: 1 });
    const csv = await call('coordinator', 'GET', `/api/regions/${a.regionId}/reports.csv?from=${L}-01-01&to=${L}-12-31`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('totals,visitors,32000');
  });

  it('frees the stays of a cancelled request in the draft and the published plan', async () => {
    const before = await database.db.select().from(t.plans).where(eq(t.plans.regionId, a.regionId));
    const res = await call('host', 'POST', `/api/requests/${a.requests[0]!.id}/cancel`, { reason: '县里另有安排' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('cancelled');
    const stops = await database.db.select().from(t.stops).where(eq(t.stops.requestId, a.requests[0]!.id));
    expect(stops.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
    const legs = await database.db.select().from(t.legs).where(eq(t.legs.toStopId, a.draftStop.id));
    expect(legs).toEqual([]);
    const after = await database.db.select().from(t.plans).where(eq(t.plans.regionId, a.regionId));
    for (const p of after) expect(p.revision).toBeGreaterThan(before.find((x) => x.id === p.id)!.revision);
    expect((await notices('coordinator')).some((n) => n.kind === 'request_status_changed' && n.params.to === 'cancelled')).toBe(true);
  });
});
