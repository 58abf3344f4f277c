// Proof of visit and taps from a phone (issue 13): photos kept in the database with the visit (round
// trip on both databases), refused in words when too large or not an image; each tap with a client id
// accepted once (a repeat answers the stored result); a tap on a stay that moved or was cancelled
// meanwhile refused with the new days; the report editable until the coordinator locks it, and the
// database keeping photos and locked reports as they are.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { sessionOf } from '../helpers/accounts.js';
import { testClock, yearOf } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { pngOf } from '../helpers/png.js';
import { tenant, type Tenant } from '../helpers/tenants.js';

describe.each(databaseKinds)('proof of visit and taps from a phone on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;
  let past: typeof t.stops.$inferSelect;
  let codes = 70;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  beforeEach(async () => {
    a = await tenant(database.db, String(codes++));
    // A visit that is over: last year's autumn, on the timeline.
    const L = yearOf(-1);
    const [tour] = await database.db.select().from(t.tours).where(and(eq(t.tours.planId, a.published.id), eq(t.tours.vehicleId, a.vehicles[0]!.id)));
    [past] = (await database.db
      .insert(t.stops)
      .values({ planId: a.published.id, tourId: tour!.id, seq: 0, vehicleId: a.vehicles[0]!.id, exhibitSetId: a.sets[0]!.id, venueId: a.venues[0]!.id, startsOn: `${L}-09-01`, opensOn: `${L}-09-04`, closesOn: `${L}-09-25`, endsOn: `${L}-09-27` })
      .returning()) as [typeof t.stops.$inferSelect];
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  type Who = 'coordinator' | 'host' | 'driver';
  const call = async (who: Who, method: 'GET' | 'POST', url: string, opts: { payload?: object | Buffer | string; headers?: Record<string, string> } = {}) =>
    app.inject({ method, url, headers: { ...(await sessionOf(database.db, a.users[who].userId)), ...opts.headers }, ...(opts.payload !== undefined ? { payload: opts.payload } : {}) });
  const photo = (who: Who, body: Buffer | string, type: string, key?: string) =>
    call(who, 'POST', `/api/stops/${past.id}/photos`, { payload: body, headers: { 'content-type': type, ...(key ? { 'idempotency-key': key } : {}) } });

  it('keeps a photo with the visit and gives it back byte for byte, to the host, the crew and the coordinator', async () => {
    const png = pngOf(300, 200, 7);
    const res = await photo('host', png, 'image/png', randomUUID());
    expect(res.statusCode, res.body).toBe(201);
    const saved = res.json();
    expect(saved).toMatchObject({ stopId: past.id, contentType: 'image/png', byteSize: png.length, url: `/api/photos/${saved.id}` });
    // A driver's JPEG sent with the wrong type is kept as what its bytes say.
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 1)]);
    expect((await photo('driver', jpeg, 'application/octet-stream')).json().contentType).toBe('image/jpeg');

    const proof = (await call('coordinator', 'GET', `/api/stops/${past.id}/visit`)).json();
    expect(proof.photos.map((p: { byteSize: number }) => p.byteSize)).toEqual([png.length, jpeg.length]);
    for (const who of ['coordinator', 'host', 'driver'] as const) {
      const got = await call(who, 'GET', saved.url);
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(got.rawPayload, png)).toBe(0);
    }
    // The bytes are in the database itself (bytea), so a backup of it holds them.
    const [row] = await database.db.select().from(t.visitPhotos).where(eq(t.visitPhotos.id, saved.id));
    expect(Buffer.compare(row!.bytes, png)).toBe(0);

    const L = yearOf(-1);
    const figures = (await call('coordinator', 'GET', `/api/regions/${a.regionId}/reports?from=${L}-01-01&to=${L}-12-31`)).json();
    expect(figures).toMatchObject({ photos: 2, stopsWithPhotos: 1 });
    // The coordinator's list of reported visits: none until the host reports, then this one with its photos.
    const list = async () => (await call('coordinator', 'GET', `/api/regions/${a.regionId}/visit-reports?from=${L}-01-01&to=${L}-12-31`)).json();
    expect(await list()).toEqual([]);
    await call('host', 'POST', `/api/stops/${past.id}/report`, { payload: { attendance: 880, notes: '照片两张' } });
    const [entry] = await list();
    expect(entry).toMatchObject({ stopId: past.id, venueName: a.venues[0]!.name, report: { attendance: 880, notes: '照片两张', lockedAt: null } });
    expect(entry.photos.map((p: { id: number }) => p.id)).toEqual([saved.id, expect.any(Number)]);
  });

  it('refuses an oversized photo (413) and a file that is not an image (415), in words, with stable codes', async () => {
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1_500_000, 3)]);
    const tooLarge = await photo('host', big, 'image/jpeg');
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ code: 'PHOTO_TOO_LARGE' });
    expect(tooLarge.json().message).toContain('照片太大');
    const text = await call('host', 'POST', `/api/stops/${past.id}/photos`, { payload: 'not a photo', headers: { 'content-type': 'text/plain', 'accept-language': 'en' } });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ code: 'PHOTO_NOT_IMAGE', message: expect.stringContaining('JPEG, PNG or WebP') });
    const pdf = await photo('host', Buffer.from('%PDF-1.7 …'), 'image/jpeg');
    expect(pdf.json().code).toBe('PHOTO_NOT_IMAGE');
    expect(await database.db.select({ id: t.visitPhotos.id }).from(t.visitPhotos).where(eq(t.visitPhotos.stopId, past.id))).toEqual([]);
  });

  it('takes each tap once: a repeat of arrived, done, the report or a photo answers the stored result', async () => {
    const keys = { arrive: randomUUID(), complete: randomUUID(), report: randomUUID(), photo: randomUUID() };
    const seen = { startsOn: past.startsOn, endsOn: past.endsOn };
    for (const step of ['arrive', 'complete'] as const) {
      const first = await call('driver', 'POST', `/api/stops/${past.id}/${step}`, { payload: { seen }, headers: { 'idempotency-key': keys[step] } });
      const again = await call('driver', 'POST', `/api/stops/${past.id}/${step}`, { payload: { seen }, headers: { 'idempotency-key': keys[step] } });
      expect(first.statusCode, first.body).toBe(200);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toEqual(first.json());
    }
    const report = { attendance: 4200, activities: 2, notes: '雨天，学生多', seen };
    const r1 = await call('host', 'POST', `/api/stops/${past.id}/report`, { payload: report, headers: { 'idempotency-key': keys.report } });
    const r2 = await call('host', 'POST', `/api/stops/${past.id}/report`, { payload: report, headers: { 'idempotency-key': keys.report } });
    expect(r2.json()).toEqual(r1.json());
    const png = pngOf(40, 30, 3);
    const p1 = await photo('host', png, 'image/png', keys.photo);
    const p2 = await photo('host', png, 'image/png', keys.photo);
    expect(p2.json()).toEqual(p1.json());

    const audited = await database.db
      .select({ action: t.auditLog.action })
      .from(t.auditLog)
      .where(and(eq(t.auditLog.entity, 'stop'), eq(t.auditLog.entityId, String(past.id))));
    expect(audited.map((x) => x.action).sort()).toEqual(['stop.arrive', 'stop.complete', 'visit.photo', 'visit.report']);
    expect(await database.db.select({ id: t.visitPhotos.id }).from(t.visitPhotos).where(eq(t.visitPhotos.stopId, past.id))).toHaveLength(1);
    expect(await database.db.select().from(t.clientActions).where(eq(t.clientActions.stopId, past.id))).toHaveLength(4);
    // Another person's id, or the same id for another step, is not theirs to repeat.
    const reused = await call('driver', 'POST', `/api/stops/${past.id}/arrive`, { headers: { 'idempotency-key': keys.complete } });
    expect(reused.json().code, reused.body).toBe('CLIENT_ID_REUSED');
  });

  it('refuses a tap on a stay that moved or was cancelled since the phone saw it, saying the new days', async () => {
    const seen = { startsOn: past.startsOn, endsOn: past.endsOn };
    await database.db.update(t.stops).set({ startsOn: '2000-01-03', opensOn: '2000-01-04', closesOn: '2000-01-05', endsOn: '2000-01-06' }).where(eq(t.stops.id, past.id));
    const moved = await call('driver', 'POST', `/api/stops/${past.id}/arrive`, { payload: { seen }, headers: { 'idempotency-key': randomUUID() } });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().code).toBe('STAY_CHANGED');
    expect(moved.json().message).toContain('2000-01-03 至 2000-01-06');
    const report = await call('host', 'POST', `/api/stops/${past.id}/report`, { payload: { attendance: 10, seen }, headers: { 'accept-language': 'en' } });
    expect(report.json()).toMatchObject({ code: 'STAY_CHANGED', message: expect.stringContaining('moved while you were offline') });
    await database.db.update(t.stops).set({ status: 'cancelled' }).where(eq(t.stops.id, past.id));
    const gone = await call('driver', 'POST', `/api/stops/${past.id}/arrive`, { payload: { seen } });
    expect(gone.json().code).toBe('STAY_CANCELLED');
    expect(await database.db.select().from(t.clientActions).where(eq(t.clientActions.stopId, past.id))).toEqual([]);
    const [stop] = await database.db.select({ status: t.stops.status, arrivedAt: t.stops.arrivedAt }).from(t.stops).where(eq(t.stops.id, past.id));
    expect(stop).toEqual({ status: 'cancelled', arrivedAt: null });
  });

  it('lets the host correct the report until the coordinator locks it; then the report and photos stay as they are', async () => {
    expect((await call('coordinator', 'POST', `/api/stops/${past.id}/report/lock`)).json().code).toBe('REPORT_MISSING');
    await call('host', 'POST', `/api/stops/${past.id}/report`, { payload: { attendance: 100 } });
    const corrected = await call('host', 'POST', `/api/stops/${past.id}/report`, { payload: { attendance: 120, notes: '更正' } });
    expect(corrected.json()).toMatchObject({ attendance: 120, notes: '更正', lockedAt: null });
    await photo('driver', pngOf(20, 20, 9), 'image/png');
    expect((await call('host', 'POST', `/api/stops/${past.id}/report/lock`)).statusCode).toBe(403);
    const locked = await call('coordinator', 'POST', `/api/stops/${past.id}/report/lock`);
    expect(locked.statusCode, locked.body).toBe(200);
    expect(locked.json().lockedAt).toBeTruthy();
    expect((await call('coordinator', 'POST', `/api/stops/${past.id}/report/lock`)).json().lockedAt).toBe(locked.json().lockedAt);

    const late = await call('host', 'POST', `/api/stops/${past.id}/report`, { payload: { attendance: 999 } });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('REPORT_LOCKED');
    expect((await photo('host', pngOf(20, 20, 10), 'image/png')).json().code).toBe('REPORT_LOCKED');
    const proof = (await call('host', 'GET', `/api/stops/${past.id}/visit`)).json();
    expect(proof.report).toMatchObject({ attendance: 120, notes: '更正' });
    expect(proof.photos).toHaveLength(1);
    const L = yearOf(-1);
    expect((await call('coordinator', 'GET', `/api/regions/${a.regionId}/reports?from=${L}-01-01&to=${L}-12-31`)).json()).toMatchObject({ lockedReports: 1, visitors: 120 });

    // The database refuses what no code path may do: change a locked report, change or delete a photo.
    const refused = async (q: Promise<unknown>) => expect(await q.then(() => 'ok', (e: { cause?: { code?: string } }) => e.cause?.code)).toBe('RVF01');
    await refused(database.db.update(t.visitReports).set({ attendance: 1 }).where(eq(t.visitReports.stopId, past.id)));
    await refused(database.db.update(t.visitReports).set({ lockedAt: null }).where(eq(t.visitReports.stopId, past.id)));
    await refused(database.db.update(t.visitReports).set({ lockedBy: a.users.host.userId }).where(eq(t.visitReports.stopId, past.id)));
    await refused(database.db.delete(t.visitPhotos).where(eq(t.visitPhotos.stopId, past.id)));
    await refused(database.db.execute(sql`update visit_photos set byte_size = 1 where stop_id = ${past.id}`));
  });

  it('shows a visit and its photos to no one outside it', async () => {
    const saved = (await photo('host', pngOf(10, 10, 1), 'image/png')).json();
    const other = await tenant(database.db, String(codes++));
    for (const who of ['coordinator', 'host', 'driver'] as const) {
      const headers = await sessionOf(database.db, other.users[who].userId);
      expect((await app.inject({ method: 'GET', url: `/api/stops/${past.id}/visit`, headers })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: saved.url, headers })).statusCode).toBe(404);
      if (who === 'coordinator') expect((await app.inject({ method: 'GET', url: `/api/regions/${a.regionId}/visit-reports?from=2000-01-01&to=2100-12-31`, headers })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url: `/api/stops/${past.id}/photos`, headers: { ...headers, 'content-type': 'image/png' }, payload: pngOf(10, 10, 2) })).statusCode).toBe(404);
    }
  });
});
