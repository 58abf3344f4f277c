import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { userWithSession, type SessionHeaders } from '../helpers/accounts.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { addDays, mondayFrom, testClock, yearOf } from '../helpers/clock.js';
import { minimalCatalogue } from '../helpers/fixtures.js';

// Next year's days: a stay set up on a Monday in March; an edit moves it a week on.
const Y = yearOf(1);
const march = mondayFrom(`${Y}-03-08`);
const stay = (setUp: string) => ({ startsOn: setUp, opensOn: addDays(setUp, 3), closesOn: addDays(setUp, 23), endsOn: addDays(setUp, 25) });
const later = addDays(march, 35);

describe.each(databaseKinds)('the board’s undo and redo on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let cat: Awaited<ReturnType<typeof minimalCatalogue>>;
  let coordinator: { userId: number; headers: SessionHeaders };
  let planId: number;
  let stopId: number;

  const planUrl = () => `/api/plans/${planId}`;
  const revision = async () => Number((await app.inject({ url: planUrl(), headers: coordinator.headers })).headers.etag!.replaceAll('"', ''));
  const ifMatch = async () => ({ ...coordinator.headers, 'if-match': `"${await revision()}"`, 'accept-language': 'en' });
  const move = async (id: number, startsOn: string) =>
    app.inject({ method: 'PATCH', url: `${planUrl()}/stops/${id}`, headers: await ifMatch(), payload: { startsOn } });
  const step = async (direction: 'undo' | 'redo', headers?: Record<string, string>) =>
    app.inject({ method: 'POST', url: `${planUrl()}/${direction}`, headers: headers ?? (await ifMatch()), payload: {} });
  const stacks = async () => (await app.inject({ url: `${planUrl()}/undo`, headers: coordinator.headers })).json() as { undo: number; redo: number };
  const startOf = async (id: number) => (await database.db.select().from(t.stops).where(eq(t.stops.id, id)))[0]!.startsOn;
  const addStop = async (venueId: number, setUp: string) => {
    const res = await app.inject({
      method: 'POST',
      url: `${planUrl()}/stops`,
      headers: await ifMatch(),
      payload: { vehicleId: cat.vehicles[0]!.id, exhibitSetId: cat.sets[0]!.id, venueId, ...stay(setUp) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().stop.id as number;
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    cat = await minimalCatalogue(database.db);
    await database.db.insert(t.vehicleSets).values(cat.vehicles.map((v, i) => ({ vehicleId: v.id, exhibitSetId: cat.sets[i]!.id })));
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
    coordinator = await userWithSession(database.db, [{ role: 'coordinator', regionId: cat.regionId }]);
  });
  beforeEach(async () => {
    const [plan] = await database.db.insert(t.plans).values({ regionId: cat.regionId, horizonStart: cat.plan.horizonStart, horizonEnd: cat.plan.horizonEnd }).returning();
    planId = plan!.id;
    stopId = await addStop(cat.venues[0]!.id, march);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('undoes an edit (the stay returns to its days, audited, a new revision) and redoes it', async () => {
    expect((await move(stopId, addDays(march, 7))).statusCode).toBe(200);
    expect(await stacks()).toEqual({ undo: 1, redo: 0 });
    const rev = await revision();

    const undo = await step('undo');
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().stop).toMatchObject(stay(march));
    expect(undo.json().revision).toBe(rev + 1);
    expect(undo.headers.etag).toBe(`"${rev + 1}"`);
    expect(undo.json().stacks).toEqual({ undo: 0, redo: 1 });
    expect(await startOf(stopId)).toBe(march);

    const redo = await step('redo');
    expect(redo.statusCode, redo.body).toBe(200);
    expect(redo.json().stop).toMatchObject(stay(addDays(march, 7)));
    expect(redo.json().stacks).toEqual({ undo: 1, redo: 0 });

    const log = await database.db.select().from(t.auditLog).where(and(eq(t.auditLog.entity, 'stop'), eq(t.auditLog.entityId, String(stopId))));
    const undone = log.find((e) => e.action === 'stop.undo')!;
    expect(undone.actorUserId).toBe(coordinator.userId);
    expect(undone.before).toMatchObject({ startsOn: addDays(march, 7) });
    expect(undone.after).toMatchObject({ startsOn: march });
    expect(log.find((e) => e.action === 'stop.redo')?.after).toMatchObject({ startsOn: addDays(march, 7) });
  });

  it('undoes several edits newest first, and a new edit forgets what was undone', async () => {
    await move(stopId, addDays(march, 7));
    await move(stopId, addDays(march, 14));
    expect((await step('undo')).json().stop.startsOn).toBe(addDays(march, 7));
    expect((await step('undo')).json().stop.startsOn).toBe(march);
    expect(await stacks()).toEqual({ undo: 0, redo: 2 });
    expect((await step('redo')).json().stop.startsOn).toBe(addDays(march, 7));
    await move(stopId, addDays(march, 21));
    expect(await stacks()).toEqual({ undo: 2, redo: 0 });
    const redo = await step('redo');
    expect(redo.statusCode).toBe(409);
    expect(redo.json()).toMatchObject({ code: 'REDO_STACK_EMPTY', message: 'There is no undone edit to redo.' });
    expect(await startOf(stopId)).toBe(addDays(march, 21));
  });

  it('answers an empty stack with 409 in words, and a stale or missing If-Match as an edit does, changing nothing', async () => {
    const empty = await step('undo', { ...coordinator.headers, 'if-match': '*' });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().code).toBe('UNDO_STACK_EMPTY');
    expect(empty.json().message).toBe('没有可以撤销的修改。');

    await move(stopId, addDays(march, 7));
    const rev = await revision();
    expect((await step('undo', coordinator.headers)).json().code).toBe('IF_MATCH_REQUIRED');
    const stale = await step('undo', { ...coordinator.headers, 'if-match': `"${rev - 1}"` });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('PLAN_REVISION_STALE');
    expect(await startOf(stopId)).toBe(addDays(march, 7));
    expect(await revision()).toBe(rev);
    expect(await stacks()).toEqual({ undo: 1, redo: 0 });
  });

  it('refuses an undo the rules no longer allow (another stay took the old days), in words, and keeps the stack', async () => {
    await move(stopId, later);
    // Adding a stay is a new edit too; this one takes the days the moved stay left.
    const other = await addStop(cat.venues[1]!.id, march);
    const rev = await revision();
    const res = await step('undo');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('STOP_OVERLAP_VEHICLE');
    expect(res.json().message).toMatch(/vehicle already has another stop/);
    expect(await startOf(stopId)).toBe(later);
    expect(await startOf(other)).toBe(march);
    expect(await revision()).toBe(rev);
    expect(await stacks()).toEqual({ undo: 1, redo: 0 });
  });

  it('does not take back an edit of a stay that was changed since by other means', async () => {
    await move(stopId, addDays(march, 7));
    // The crew arrived meanwhile: a fact now, which no undo may move (the checked edit refuses it too).
    await database.db.update(t.stops).set({ status: 'arrived' }).where(eq(t.stops.id, stopId));
    const arrived = await step('undo');
    expect(arrived.statusCode).toBe(409);
    expect(arrived.json().code).toBe('STOP_NOT_EDITABLE');
    await database.db.update(t.stops).set({ status: 'planned', ...stay(addDays(march, 14)) }).where(eq(t.stops.id, stopId));
    const moved = await step('undo');
    expect(moved.statusCode).toBe(409);
    expect(moved.json().code).toBe('UNDO_STAY_CHANGED');
    expect(await startOf(stopId)).toBe(addDays(march, 14));
  });

  it('keeps another region’s plan out of reach: not found', async () => {
    await move(stopId, addDays(march, 7));
    const [region] = await database.db.insert(t.regions).values({ code: `U${planId}`, nameZh: '别处', nameEn: 'Elsewhere' }).returning();
    const stranger = await userWithSession(database.db, [{ role: 'coordinator', regionId: region!.id }]);
    const res = await step('undo', { ...stranger.headers, 'if-match': '*' });
    expect(res.statusCode).toBe(404);
    expect((await app.inject({ url: `${planUrl()}/undo`, headers: stranger.headers })).statusCode).toBe(404);
    expect(await startOf(stopId)).toBe(addDays(march, 7));
  });
});
