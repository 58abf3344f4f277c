import { and, asc, eq } from 'drizzle-orm';
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
  /** A stay written straight into the plan, on the first stay's vehicle and set: no edit of the board's. */
  const placeByHand = async (venueId: number, setUp: string) => {
    const [first] = await database.db.select().from(t.stops).where(eq(t.stops.id, stopId));
    const [row] = await database.db
      .insert(t.stops)
      .values({ planId, tourId: first!.tourId, seq: 0, vehicleId: first!.vehicleId, exhibitSetId: first!.exhibitSetId, venueId, ...stay(setUp) })
      .returning();
    return row!.id;
  };
  /** Adds a stay through the board's endpoint on the first vehicle and set: at a venue, or for a request (at its venue). */
  const addStay = async (at: { venueId: number } | { requestId: number }, setUp: string) => {
    const res = await app.inject({
      method: 'POST',
      url: `${planUrl()}/stops`,
      headers: await ifMatch(),
      payload: { vehicleId: cat.vehicles[0]!.id, exhibitSetId: cat.sets[0]!.id, ...at, ...stay(setUp) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().stop.id as number;
  };
  const addStop = (venueId: number, setUp: string) => addStay({ venueId }, setUp);
  /** Schedules a request from the board's unserved list. */
  const schedule = (requestId: number, setUp: string) => addStay({ requestId }, setUp);

  const liveStayIds = async () =>
    ((await app.inject({ url: `${planUrl()}/stops`, headers: coordinator.headers })).json() as { id: number; status: string }[]).filter((s) => s.status !== 'cancelled').map((s) => s.id);
  const unservedList = async () =>
    (await app.inject({ url: `${planUrl()}/unserved`, headers: { ...coordinator.headers, 'accept-language': 'en' } })).json() as { requestId: number; reason: { code: string }; reasonText: string }[];
  const requestNow = async (id: number) => (await database.db.select().from(t.requests).where(eq(t.requests.id, id)))[0]!;
  const auditOf = async (id: number) =>
    database.db.select().from(t.auditLog).where(and(eq(t.auditLog.entity, 'stop'), eq(t.auditLog.entityId, String(id)))).orderBy(asc(t.auditLog.id));
  /** A roving-museum request at the second venue that this plan could not serve (its reason on the plan's unserved list). */
  const unservedRequest = async () => {
    const [request] = await database.db
      .insert(t.requests)
      .values({ regionId: cat.regionId, venueId: cat.venues[1]!.id, setKind: 'roving_museum', windowStart: `${Y}-03-01`, windowEnd: `${Y}-06-30`, openDays: 21, status: 'unserved' })
      .returning();
    await database.db.insert(t.planUnserved).values({ planId, requestId: request!.id, reason: { code: 'CAPACITY_TAKEN' } });
    return request!.id;
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
    // The first stay is where each test starts, as if the planner had placed it: its add is not a step to take back.
    await database.db.delete(t.planEdits).where(eq(t.planEdits.planId, planId));
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
    // Meanwhile another hand (not the board) books the vehicle on the days the moved stay left.
    const other = await placeByHand(cat.venues[1]!.id, march);
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
  it('undoes adding a stay (it leaves the draft, cancelled and kept, audited, a new revision) and redoes it', async () => {
    const added = await addStop(cat.venues[1]!.id, later);
    expect(await stacks()).toEqual({ undo: 1, redo: 0 });
    const rev = await revision();

    const undo = await step('undo');
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json()).toMatchObject({ kind: 'add', revision: rev + 1, stacks: { undo: 0, redo: 1 } });
    expect(undo.json().stop).toMatchObject({ id: added, status: 'cancelled', cancelReason: { code: 'ADD_UNDONE' }, ...stay(later) });
    expect(undo.headers.etag).toBe(`"${rev + 1}"`);
    expect(await liveStayIds()).toEqual([stopId]);

    const redo = await step('redo');
    expect(redo.statusCode, redo.body).toBe(200);
    expect(redo.json()).toMatchObject({ kind: 'add', revision: rev + 2, stacks: { undo: 1, redo: 0 } });
    expect(redo.json().stop).toMatchObject({ id: added, status: 'planned', cancelReason: null, ...stay(later) });
    expect((await liveStayIds()).sort((a, b) => a - b)).toEqual([stopId, added].sort((a, b) => a - b));
    // The legs join the stays again: the first stay's tour now drives on to the added one.
    expect(redo.json().legs.some((l: { fromStopId: number | null; toStopId: number | null }) => l.fromStopId === stopId && l.toStopId === added)).toBe(true);

    const log = await auditOf(added);
    expect(log.map((e) => e.action)).toEqual(['stop.add', 'stop.undo', 'stop.redo']);
    expect(log[1]).toMatchObject({ actorUserId: coordinator.userId, before: { status: 'planned' }, after: { status: 'cancelled' } });
    expect(log[2]).toMatchObject({ before: { status: 'cancelled' }, after: { status: 'planned', startsOn: later } });
  });

  it('undoing an add that served an unserved request puts the request back on the plan’s unserved list with its reason; redo takes it off again', async () => {
    const requestId = await unservedRequest();
    const added = await schedule(requestId, later);
    expect((await unservedList()).map((u) => u.requestId)).not.toContain(requestId);
    expect((await requestNow(requestId)).status).toBe('scheduled');

    expect((await step('undo')).statusCode).toBe(200);
    expect(await liveStayIds()).toEqual([stopId]);
    const back = (await unservedList()).find((u) => u.requestId === requestId);
    expect(back?.reason).toEqual({ code: 'CAPACITY_TAKEN' });
    expect(back?.reasonText).toMatch(/^Every suitable vehicle and set is booked/);
    expect(await requestNow(requestId)).toMatchObject({ status: 'unserved', reason: null });
    const history = await database.db.select().from(t.requestStatusHistory).where(eq(t.requestStatusHistory.requestId, requestId)).orderBy(asc(t.requestStatusHistory.id));
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      ['unserved', 'scheduled'],
      ['scheduled', 'unserved'],
    ]);
    expect(history[1]).toMatchObject({ reason: { code: 'ADD_UNDONE' }, actorUserId: coordinator.userId });

    expect((await step('redo')).statusCode).toBe(200);
    expect((await unservedList()).map((u) => u.requestId)).not.toContain(requestId);
    expect((await requestNow(requestId)).status).toBe('scheduled');
    expect(await liveStayIds()).toContain(added);
    // And once more: undo gives it back again, as redo found it.
    expect((await step('undo')).statusCode).toBe(200);
    expect((await unservedList()).find((u) => u.requestId === requestId)?.reason).toEqual({ code: 'CAPACITY_TAKEN' });
    expect(await auditOf(added).then((log) => log.map((e) => e.action))).toEqual(['stop.add', 'stop.undo', 'stop.redo', 'stop.undo']);
  });

  it('does not take back an added stay its host confirmed, that was moved by other means, or whose request moved on; nothing changes', async () => {
    const requestId = await unservedRequest();
    const added = await schedule(requestId, later);
    const rev = await revision();
    const refusal = async (code: string) => {
      const res = await step('undo');
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe(code);
      expect(await liveStayIds()).toContain(added);
      expect(await revision()).toBe(rev);
      expect(await stacks()).toEqual({ undo: 1, redo: 0 });
      return res.json().message as string;
    };

    await database.db.update(t.stops).set({ status: 'confirmed' }).where(eq(t.stops.id, added));
    expect(await refusal('UNDO_STAY_NOT_PLANNED')).toBe('This added stay is confirmed by its host now, so undo does not take it off the draft.');
    await database.db.update(t.stops).set({ status: 'arrived' }).where(eq(t.stops.id, added));
    expect(await refusal('UNDO_STAY_NOT_PLANNED')).toMatch(/under way/);
    await database.db.update(t.stops).set({ status: 'planned', ...stay(addDays(later, 7)) }).where(eq(t.stops.id, added));
    expect(await refusal('UNDO_STAY_CHANGED')).toMatch(/changed by other means/);
    await database.db.update(t.stops).set(stay(later)).where(eq(t.stops.id, added));
    await database.db.update(t.requests).set({ status: 'confirmed' }).where(eq(t.requests.id, requestId));
    expect(await refusal('UNDO_REQUEST_CHANGED')).toBe('The request this stay serves is confirmed now, so undo no longer changes it.');
    expect((await requestNow(requestId)).status).toBe('confirmed');
    expect((await unservedList()).map((u) => u.requestId)).not.toContain(requestId);
  });

  it('refuses a redo of an add whose days another stay took, or whose request was cancelled meanwhile, and keeps it on the redo stack', async () => {
    const requestId = await unservedRequest();
    const added = await schedule(requestId, later);
    expect((await step('undo')).statusCode).toBe(200);

    const squatter = await placeByHand(cat.venues[0]!.id, later);
    const taken = await step('redo');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('STOP_OVERLAP_VEHICLE');
    expect(await liveStayIds()).not.toContain(added);
    expect(await stacks()).toEqual({ undo: 0, redo: 1 });

    await database.db.update(t.stops).set({ status: 'cancelled' }).where(eq(t.stops.id, squatter));
    await database.db.update(t.requests).set({ status: 'cancelled' }).where(eq(t.requests.id, requestId));
    const closed = await step('redo');
    expect(closed.statusCode).toBe(422);
    expect(closed.json().code).toBe('REQUEST_NOT_SCHEDULABLE');
    expect(await liveStayIds()).not.toContain(added);
    expect((await requestNow(requestId)).status).toBe('cancelled');
    expect(await stacks()).toEqual({ undo: 0, redo: 1 });
  });

  it('leaves an undone add out of what publishing the draft would add, and forgets it once a new edit is made', async () => {
    const added = await addStop(cat.venues[1]!.id, later);
    expect((await step('undo')).statusCode).toBe(200);
    const diff = await app.inject({ url: `${planUrl()}/diff`, headers: coordinator.headers });
    expect(diff.statusCode, diff.body).toBe(200);
    const proposed = (diff.json().added as { draftStopId: number }[]).map((c) => c.draftStopId);
    expect(proposed).toContain(stopId);
    expect(proposed).not.toContain(added);
    expect((await move(stopId, addDays(march, 7))).statusCode).toBe(200);
    expect(await stacks()).toEqual({ undo: 1, redo: 0 });
    expect((await step('redo')).json().code).toBe('REDO_STACK_EMPTY');
  });
});
