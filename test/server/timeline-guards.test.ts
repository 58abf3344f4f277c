import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { loadPlanningFacts } from '../../jobs/planning/load.js';
import { buildApp } from '../../server/app.js';
import { declareDecision } from '../../server/db/decisions.js';
import * as t from '../../server/db/schema/index.js';
import { userWithSession } from '../helpers/accounts.js';
import { addDays, fromToday, testClock } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, type Tenant } from '../helpers/tenants.js';

// The database guards facts and promises whatever code path writes; a publish that would move a
// confirmed stay asks for an explicit decision; past stays come in as facts.

type App = Awaited<ReturnType<typeof buildApp>>;
type StopStatus = (typeof t.stops.$inferSelect)['status'];
let codes = 0;

describe.each(databaseKinds)('timeline guards, decisions and history (%s)', (kind) => {
  let database: TestDatabase;
  let app: App;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  /** A stay of the tenant's second vehicle and set at its second venue on the timeline, `from` days from today. */
  async function stay(tn: Tenant, from: number, status: StopStatus, extra: Partial<typeof t.stops.$inferInsert> = {}) {
    const db = database.db;
    const [tour] = await db.insert(t.tours).values({ planId: tn.published.id, vehicleId: tn.vehicles[1]!.id }).onConflictDoNothing().returning();
    const tourId = tour?.id ?? (await db.select().from(t.tours).where(and(eq(t.tours.planId, tn.published.id), eq(t.tours.vehicleId, tn.vehicles[1]!.id))))[0]!.id;
    const startsOn = fromToday(from);
    const [row] = await db
      .insert(t.stops)
      .values({ planId: tn.published.id, tourId, seq: 9, vehicleId: tn.vehicles[1]!.id, exhibitSetId: tn.sets[1]!.id, venueId: tn.venues[1]!.id, startsOn, opensOn: addDays(startsOn, 3), closesOn: addDays(startsOn, 20), endsOn: addDays(startsOn, 22), status, ...extra })
      .returning();
    return row!;
  }

  async function refusal(write: Promise<unknown>): Promise<string> {
    try {
      await write;
    } catch (err) {
      for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
      throw err;
    }
    throw new Error('the database accepted the write');
  }

  it('refuses, in SQL past every service, to delete or move a completed stay, to delete its visit report, or to delete the timeline', async () => {
    const tn = await tenant(database.db, String(700 + ++codes));
    const done = await stay(tn, -60, 'completed');
    await database.db.insert(t.visitReports).values({ stopId: done.id, attendance: 1200 });
    const db = database.db;
    expect(await refusal(db.execute(sql`update stops set starts_on = starts_on + 1, opens_on = opens_on + 1 where id = ${done.id}`))).toBe('RVF01');
    expect(await refusal(db.execute(sql`update stops set vehicle_id = ${tn.vehicles[0]!.id} where id = ${done.id}`))).toBe('RVF01');
    expect(await refusal(db.execute(sql`update stops set status = 'cancelled' where id = ${done.id}`))).toBe('RVF01');
    expect(await refusal(db.execute(sql`delete from stops where id = ${done.id}`))).toBe('RVF01');
    expect(await refusal(db.execute(sql`delete from visit_reports where stop_id = ${done.id}`))).toBe('RVF01');
    expect(await refusal(db.execute(sql`delete from plans where id = ${tn.published.id}`))).toBe('RVF01');
    expect(await refusal(db.execute(sql`update plans set status = 'superseded' where id = ${tn.published.id}`))).toBe('RVF01');
    const [still] = await db.select().from(t.stops).where(eq(t.stops.id, done.id));
    expect(still).toMatchObject({ status: 'completed', startsOn: done.startsOn, vehicleId: done.vehicleId });
    // Its figures may still be corrected.
    await db.execute(sql`update visit_reports set attendance = 1300 where stop_id = ${done.id}`);
  });

  it('lets a stay under way end, never go back or move; a confirmed stay moves only inside a declared decision', async () => {
    const tn = await tenant(database.db, String(700 + ++codes));
    const db = database.db;
    const running = await stay(tn, -5, 'arrived');
    expect(await refusal(db.execute(sql`delete from stops where id = ${running.id}`))).toBe('RVF01');
    expect(await refusal(db.execute(sql`update stops set starts_on = starts_on - 1 where id = ${running.id}`))).toBe('RVF01');
    expect(await refusal(db.execute(sql`update stops set status = 'planned' where id = ${running.id}`))).toBe('RVF01');
    await db.execute(sql`update stops set status = 'completed' where id = ${running.id}`);

    const promised = await stay(tn, 40, 'confirmed');
    expect(await refusal(db.execute(sql`update stops set starts_on = starts_on + 7, opens_on = opens_on + 7, closes_on = closes_on + 7, ends_on = ends_on + 7 where id = ${promised.id}`))).toBe('RVP01');
    expect(await refusal(db.execute(sql`update stops set status = 'cancelled' where id = ${promised.id}`))).toBe('RVP01');
    await db.transaction(async (tx) => {
      await declareDecision(tx, 'test: the host asked');
      await tx.execute(sql`update stops set starts_on = starts_on + 7, opens_on = opens_on + 7, closes_on = closes_on + 7, ends_on = ends_on + 7 where id = ${promised.id}`);
    });
    // The decision lasts for its transaction only.
    expect(await refusal(db.execute(sql`update stops set status = 'cancelled' where id = ${promised.id}`))).toBe('RVP01');
    const [moved] = await db.select().from(t.stops).where(eq(t.stops.id, promised.id));
    expect(moved!.startsOn).toBe(fromToday(47));
  });

  it('answers 409 with the list when a publish would move a confirmed stay; accepted with a reason, it moves, is audited, and its host and driver are told once', async () => {
    const tn = await tenant(database.db, String(700 + ++codes));
    const db = database.db;
    const host = await userWithSession(db, [{ role: 'host', venueId: tn.venues[1]!.id }]);
    const driver = await userWithSession(db, [{ role: 'driver', vehicleId: tn.vehicles[1]!.id }]);
    const coordinator = tn.users.coordinator.headers;
    const promised = await stay(tn, 60, 'confirmed');
    const [draft] = await db.insert(t.plans).values({ regionId: tn.regionId, horizonStart: fromToday(30), horizonEnd: fromToday(200) }).returning();
    // The draft keeps every other stay of the timeline as it is, as the planner's drafts do, and moves this one.
    const later = (d: string) => addDays(d, 14);
    for (const s of await db.select().from(t.stops).where(eq(t.stops.planId, tn.published.id))) {
      const [tour] = await db.insert(t.tours).values({ planId: draft!.id, vehicleId: s.vehicleId }).onConflictDoNothing().returning();
      const tourId = tour?.id ?? (await db.select().from(t.tours).where(and(eq(t.tours.planId, draft!.id), eq(t.tours.vehicleId, s.vehicleId))))[0]!.id;
      const moved = s.id === promised.id ? { startsOn: later(s.startsOn), opensOn: later(s.opensOn), closesOn: later(s.closesOn), endsOn: later(s.endsOn) } : {};
      const { id, ...copy } = s;
      await db.insert(t.stops).values({ ...copy, planId: draft!.id, tourId, sourceStopId: id, ...moved });
    }

    const diff = (await app.inject({ url: `/api/plans/${draft!.id}/diff`, headers: { ...coordinator, 'accept-language': 'en' } })).json();
    expect(diff.conflicts).toHaveLength(1);
    expect(diff.moved[0]).toMatchObject({ stopId: promised.id, needsDecision: true, before: { startsOn: promised.startsOn }, after: { startsOn: later(promised.startsOn) } });
    expect(diff.notify).toMatchObject({ hosts: 1, drivers: 1 });

    const refused = await app.inject({ method: 'POST', url: `/api/plans/${draft!.id}/publish`, headers: coordinator, payload: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'PUBLISH_CONFLICTS', details: { conflicts: [{ stopId: promised.id, kind: 'moved' }] } });
    expect(refused.json().message).toMatch(/确认/);
    const [unmoved] = await db.select().from(t.stops).where(eq(t.stops.id, promised.id));
    expect(unmoved!.startsOn).toBe(promised.startsOn);

    const accepted = await app.inject({ method: 'POST', url: `/api/plans/${draft!.id}/publish`, headers: coordinator, payload: { accept: [{ stopId: promised.id, reason: '场馆维修，推迟两周' }] } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().plan.id).toBe(tn.published.id);
    const [now] = await db.select().from(t.stops).where(eq(t.stops.id, promised.id));
    expect(now).toMatchObject({ startsOn: later(promised.startsOn), endsOn: later(promised.endsOn), planId: tn.published.id, status: 'planned' });
    const decisions = await db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'stay.decision'), eq(t.auditLog.entityId, String(promised.id))));
    expect(decisions).toHaveLength(1);
    expect(JSON.stringify(decisions[0]!.after)).toContain('场馆维修，推迟两周');
    for (const user of [host, driver]) {
      const notices = await db.select().from(t.notifications).where(and(eq(t.notifications.userId, user.userId), eq(t.notifications.kind, 'stay_changed')));
      expect(notices).toHaveLength(1);
      expect(notices[0]!.params).toMatchObject({ stopId: promised.id, change: 'moved', decisionNote: '场馆维修，推迟两周' });
    }
    const words = (await app.inject({ url: '/api/notifications', headers: host.headers })).json() as { message?: string; text?: string }[];
    expect(JSON.stringify(words)).toContain(later(promised.startsOn));
  });

  function historyCsv(tn: Tenant, rows: number, tweak: (cells: string[], i: number) => void = () => {}) {
    const lines = ['venue,vehicle,set,startsOn,endsOn,attendance'];
    // 6 January 2024 was a Saturday: a set-up today's rules would refuse, accepted as history.
    for (let i = 0; i < rows; i++) {
      const startsOn = addDays('2024-01-06', i * 10);
      const cells = [String(tn.venues[i % 3]!.id), tn.vehicles[i % 2]!.name, tn.sets[i % 2]!.code, startsOn, addDays(startsOn, 7), String(1000 + i)];
      tweak(cells, i);
      lines.push(cells.join(','));
    }
    return lines.join('\n');
  }
  const historyOf = (tn: Tenant) => database.db.select().from(t.stops).where(and(eq(t.stops.planId, tn.published.id), eq(t.stops.status, 'completed')));

  it('imports 40 past stays from one CSV as facts with their reports, and novelty sees them', async () => {
    const tn = await tenant(database.db, String(700 + ++codes));
    const res = await app.inject({ method: 'POST', url: `/api/regions/${tn.regionId}/history`, headers: tn.users.coordinator.headers, payload: { format: 'csv', content: historyCsv(tn, 40) } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 40, planId: tn.published.id });
    const stays = await historyOf(tn);
    expect(stays).toHaveLength(40);
    expect(stays.find((s) => s.startsOn === '2024-01-06')).toMatchObject({ endsOn: '2024-01-13', opensOn: '2024-01-09', closesOn: '2024-01-11' });
    const reports = await database.db.select().from(t.visitReports).innerJoin(t.stops, eq(t.stops.id, t.visitReports.stopId)).where(eq(t.stops.planId, tn.published.id));
    expect(reports.reduce((n, r) => n + r.visit_reports.attendance, 0)).toBe(40 * 1000 + (39 * 40) / 2);
    const facts = await loadPlanningFacts(database.db, { regionId: tn.regionId, horizonStart: '2025-06-01', horizonEnd: '2025-12-31' });
    expect(facts.history.filter((h) => h.startsOn === '2024-01-06')).toEqual([{ countyCode: tn.venues[0]!.countyCode, theme: tn.sets[0]!.theme, startsOn: '2024-01-06', endsOn: '2024-01-13' }]);
  });

  it('imports nothing from a file with one bad row or one clash, and names the line and field', async () => {
    const tn = await tenant(database.db, String(700 + ++codes));
    const headers = { ...tn.users.coordinator.headers, 'accept-language': 'en' };
    const bad = historyCsv(tn, 40, (c, i) => i === 16 && (c[1] = 'no-such-truck'));
    const r1 = await app.inject({ method: 'POST', url: `/api/regions/${tn.regionId}/history`, headers, payload: { format: 'csv', content: bad } });
    expect(r1.statusCode).toBe(422);
    expect(r1.json()).toMatchObject({ code: 'IMPORT_ROWS_INVALID', details: { errors: [{ line: 18, field: 'vehicle' }] } });
    expect(r1.json().details.errors[0].message).toMatch(/no-such-truck/);
    // Row 31 puts the second vehicle where it already is (row 30's days).
    const clash = historyCsv(tn, 40, (c, i) => i === 30 && ((c[1] = tn.vehicles[1]!.name), (c[3] = addDays('2024-01-06', 29 * 10 + 2)), (c[4] = addDays('2024-01-06', 29 * 10 + 9))));
    const r2 = await app.inject({ method: 'POST', url: `/api/regions/${tn.regionId}/history`, headers, payload: { format: 'csv', content: clash } });
    expect(r2.statusCode).toBe(422);
    expect(r2.json().details.errors).toEqual([{ line: 32, field: 'startsOn', message: expect.stringMatching(/vehicle/) }]);
    expect(await historyOf(tn)).toHaveLength(0);
  });

  it('imports the same from an Excel workbook, and refuses a stay that has not ended', async () => {
    const tn = await tenant(database.db, String(700 + ++codes));
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('history');
    for (const line of historyCsv(tn, 3).split('\n')) sheet.addRow(line.split(','));
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const ok = await app.inject({ method: 'POST', url: `/api/regions/${tn.regionId}/history`, headers: tn.users.coordinator.headers, payload: { format: 'xlsx', content } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await historyOf(tn)).toHaveLength(3);
    const future = `venue,vehicle,set,startsOn,endsOn\n${tn.venues[2]!.id},${tn.vehicles[0]!.name},${tn.sets[0]!.code},${fromToday(-3)},${fromToday(4)}\n`;
    const refused = await app.inject({ method: 'POST', url: `/api/regions/${tn.regionId}/history`, headers: tn.users.coordinator.headers, payload: { format: 'csv', content: future } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.errors).toMatchObject([{ line: 2, field: 'endsOn' }]);
  });
});
