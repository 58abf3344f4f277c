import { and, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import { openDatabase, type Database, type Db } from '../../server/db/client.js';
import { ensureTour } from '../../server/db/queries/stops.js';
import * as t from '../../server/db/schema/index.js';
import { sessionOf } from '../helpers/accounts.js';
import { addDays, isWorkday, testClock, workdayFrom } from '../helpers/clock.js';
import { createScratchPostgres, databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { startRun, waitForRun } from '../helpers/planning.js';
import { tenant, tenantDays, type Tenant } from '../helpers/tenants.js';

// Lending between regions (issue 15, point 3): a region lends a roving set or a caravan to another
// for a period; the borrower plans with it only inside the period, the lender not during it, and the
// database refuses any stay that would book it in two regions at once.

let codes = 40;
/** Two fresh regions (a lender and a borrower) of tenant fixtures, so each test stands alone. */
async function twoRegions(db: Db) {
  const a = await tenant(db, String(codes++));
  const b = await tenant(db, String(codes++));
  return { a, b };
}

/** The SQLSTATE of a refused write (drizzle wraps the driver's error in `cause`). */
async function sqlState(write: Promise<unknown>): Promise<string> {
  try {
    await write;
  } catch (err) {
    return ((err as { cause?: { code?: string } }).cause ?? (err as { code?: string })).code ?? 'none';
  }
  throw new Error('the database accepted the write');
}

/** The autumn window's middle, the loan's period in most tests: inside the tenants' autumn requests' window. */
function loanDays() {
  const { autumn } = tenantDays();
  return { startsOn: autumn.windowStart, endsOn: autumn.windowEnd };
}

/** A stay row booking `set` on `vehicle` at the tenant's venue over [startsOn, startsOn + 20]. */
async function stayRow(db: Db, planId: number, who: Tenant, vehicleId: number, exhibitSetId: number, startsOn: string, venue = 2) {
  const tourId = await ensureTour(db, planId, vehicleId);
  return { planId, tourId, seq: 9, vehicleId, exhibitSetId, venueId: who.venues[venue]!.id, startsOn, opensOn: addDays(startsOn, 3), closesOn: addDays(startsOn, 18), endsOn: addDays(startsOn, 20) };
}

describe.each(databaseKinds)('lending between regions on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const as = async (who: Tenant, method: 'GET' | 'POST', url: string, payload?: object, lang = 'en') =>
    app.inject({ method, url, headers: { ...(await sessionOf(database.db, who.users.coordinator.userId)), 'accept-language': lang }, ...(payload ? { payload } : {}) });
  const lendSet = (a: Tenant, b: Tenant, setIndex: number, days = loanDays()) =>
    as(a, 'POST', `/api/regions/${a.regionId}/loans`, { asset: { kind: 'set', id: a.sets[setIndex]!.id }, borrowerRegionId: b.regionId, ...days, note: '换展' });

  it('a lent set is planned by the borrower inside the loan and refused to the lender for its days', async () => {
    const { a, b } = await twoRegions(database.db);
    const loan = await lendSet(a, b, 1);
    expect(loan.statusCode, loan.body).toBe(201);
    expect(loan.json()).toMatchObject({ asset: { kind: 'set', id: a.sets[1]!.id, setKind: 'roving_museum' }, lenderRegionId: a.regionId, borrowerRegionId: b.regionId, lentOut: true, withdrawnAt: null });
    // Both regions list it: one lent it out, the other got it.
    const borrowed = (await as(b, 'GET', `/api/regions/${b.regionId}/loans`)).json();
    expect(borrowed).toEqual([expect.objectContaining({ id: loan.json().id, lentOut: false, note: '换展', lenderRegion: { nameZh: expect.stringContaining('区域'), nameEn: expect.stringContaining('Region') } })]);

    // Both regions' autumn request at their second venue asks for the lent set by name.
    for (const who of [a, b]) await database.db.update(t.requests).set({ exhibitSetId: a.sets[1]!.id }).where(eq(t.requests.id, who.requests[2]!.id));
    const { horizon } = tenantDays();
    const plan = async (who: Tenant) => {
      const headers = await sessionOf(database.db, who.users.coordinator.userId);
      const run = await waitForRun(app, database.db, headers, await startRun(app, headers, who.regionId, { ...horizon, options: { iterations: 300, seed: 1 } }));
      expect(run.status, JSON.stringify(run)).toBe('succeeded');
      return database.db.select().from(t.stops).where(and(eq(t.stops.planId, run.planId), eq(t.stops.exhibitSetId, a.sets[1]!.id)));
    };
    const { startsOn, endsOn } = loanDays();
    const borrowerStays = await plan(b);
    expect(borrowerStays.map((s) => s.requestId)).toEqual([b.requests[2]!.id]);
    expect(borrowerStays[0]!.startsOn >= startsOn && borrowerStays[0]!.endsOn <= endsOn).toBe(true);
    expect(b.vehicles.map((v) => v.id)).toContain(borrowerStays[0]!.vehicleId);
    const lenderStays = await plan(a);
    expect(lenderStays.filter((s) => s.startsOn <= endsOn && s.endsOn >= startsOn)).toEqual([]);

    // The database refuses the lender's stay in the loan, and the borrower's outside it.
    expect(await sqlState(database.db.insert(t.stops).values(await stayRow(database.db, a.draft.id, a, a.vehicles[1]!.id, a.sets[1]!.id, addDays(startsOn, 10))))).toBe('RVL02');
    expect(await sqlState(database.db.insert(t.stops).values(await stayRow(database.db, b.draft.id, b, b.vehicles[1]!.id, a.sets[1]!.id, addDays(endsOn, -10))))).toBe('RVL02');
    await database.db.insert(t.stops).values(await stayRow(database.db, a.draft.id, a, a.vehicles[1]!.id, a.sets[1]!.id, addDays(endsOn, 5)));
  });

  it('the borrower books the lent set on its board through the checked edit inside the loan; outside it the refusal says the set is not the region’s on those days', async () => {
    const { a, b } = await twoRegions(database.db);
    expect((await lendSet(a, b, 1)).statusCode).toBe(201);
    const { startsOn, endsOn } = loanDays();
    const add = async (from: string) => {
      const etag = (await as(b, 'GET', `/api/plans/${b.draft.id}`)).headers.etag!;
      const headers = { ...(await sessionOf(database.db, b.users.coordinator.userId)), 'accept-language': 'zh-CN', 'if-match': etag };
      const { planId: _p, tourId: _t, seq: _s, ...stay } = await stayRow(database.db, b.draft.id, b, b.vehicles[1]!.id, a.sets[1]!.id, from);
      return app.inject({ method: 'POST', url: `/api/plans/${b.draft.id}/stops`, headers, payload: stay });
    };
    /** A start on a working day whose tear-down (20 days on) is one too, from `from` on. */
    const workingStay = (from: string) => {
      let d = workdayFrom(from);
      while (!isWorkday(addDays(d, 20))) d = workdayFrom(addDays(d, 1));
      return d;
    };
    const inside = await add(workingStay(addDays(startsOn, 2)));
    expect(inside.statusCode, inside.body).toBe(201);
    expect(inside.json().stop).toMatchObject({ exhibitSetId: a.sets[1]!.id, vehicleId: b.vehicles[1]!.id });
    const outside = await add(workingStay(addDays(endsOn, 30)));
    expect(outside.statusCode, outside.body).toBe(409);
    expect(outside.json().code).toBe('SET_NOT_HELD');
    expect(outside.json().message).toContain('借入期');
  });

  it('withdrawing a loan the borrower has booked is refused, naming the stays; lending booked days and lending twice are refused', async () => {
    const { a, b } = await twoRegions(database.db);
    const loan = await as(a, 'POST', `/api/regions/${a.regionId}/loans`, { asset: { kind: 'vehicle', id: a.vehicles[1]!.id }, borrowerRegionId: b.regionId, ...loanDays() });
    expect(loan.statusCode, loan.body).toBe(201);
    const stay = await database.db.insert(t.stops).values(await stayRow(database.db, b.published.id, b, a.vehicles[1]!.id, b.sets[1]!.id, addDays(loanDays().startsOn, 7))).returning();
    const refused = await as(a, 'POST', `/api/loans/${loan.json().id}/withdraw`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'LOAN_STAYS_BOOKED', details: { stopIds: [stay[0]!.id] } });
    expect(refused.json().message).toContain(b.venues[2]!.name);
    expect((await as(a, 'POST', `/api/loans/${loan.json().id}/withdraw`, undefined, 'zh-CN')).json().message).toContain('不能撤回');
    // The borrower may not withdraw it (not theirs to withdraw), nor the database let anyone change it.
    expect((await as(b, 'POST', `/api/loans/${loan.json().id}/withdraw`)).statusCode).toBe(404);
    expect(await sqlState(database.db.update(t.loans).set({ endsOn: loanDays().endsOn.replace(/-\d\d$/, '-01') }).where(eq(t.loans.id, loan.json().id)))).toBe('RVL04');

    // The stay gone, the loan is withdrawn (both regions' audit has it), and the days are the lender's again.
    await database.db.update(t.stops).set({ status: 'cancelled' }).where(eq(t.stops.id, stay[0]!.id));
    const withdrawn = await as(a, 'POST', `/api/loans/${loan.json().id}/withdraw`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().withdrawnAt).not.toBeNull();
    expect((await as(b, 'GET', `/api/regions/${b.regionId}/loans`)).json()).toEqual([]);
    const logged = await database.db.select().from(t.auditLog).where(and(eq(t.auditLog.entity, 'loan'), eq(t.auditLog.entityId, String(loan.json().id))));
    const both = [a.regionId, b.regionId].sort();
    expect(logged.map((e) => [e.action, [...e.regionIds].sort()]).sort()).toEqual([['loan.create', both], ['loan.withdraw', both]]);

    // Days the lender's timeline books (its spring stay of set A) cannot be lent, and a set is lent once a day.
    const booked = await lendSet(a, b, 0, { startsOn: a.publishedStop.startsOn, endsOn: a.publishedStop.startsOn });
    expect(booked.statusCode).toBe(409);
    expect(booked.json().code).toBe('LOAN_ASSET_BOOKED');
    expect(booked.json().message).toContain(a.venues[0]!.name);
    expect((await lendSet(a, b, 1)).statusCode).toBe(201);
    const twice = await lendSet(a, b, 1, { startsOn: loanDays().endsOn, endsOn: loanDays().endsOn });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'LOAN_OVERLAP']);
    // Only the owner lends: another region's set is "not found".
    const foreign = await as(b, 'POST', `/api/regions/${b.regionId}/loans`, { asset: { kind: 'set', id: a.sets[0]!.id }, borrowerRegionId: a.regionId, ...loanDays() });
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'RESOURCE_NOT_FOUND']);
  });
});

/** One more connection of its own to a scratch database, for a second concurrent transaction. */
const connect = (url: string) => postgres(url, { max: 1, onnotice: () => {} });

/** Waits until a backend is blocked on a lock (its statement waits for the other transaction). */
async function blockedOnLock(watch: postgres.Sql, pid: number) {
  for (let i = 0; i < 400; i++) {
    const [row] = await watch`select wait_event_type from pg_stat_activity where pid = ${pid}`;
    if (row?.wait_event_type === 'Lock') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`backend ${pid} never waited for a lock`);
}

describe('lending under concurrent transactions on postgres', () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgres>>;
  let database: Database;
  let one: postgres.Sql;
  let two: postgres.Sql;
  let watch: postgres.Sql;
  let pidTwo: number;

  beforeAll(async () => {
    scratch = await createScratchPostgres();
    database = await openDatabase({ databaseUrl: scratch.url });
    await database.migrate();
    one = connect(scratch.url);
    two = connect(scratch.url);
    watch = connect(scratch.url);
    pidTwo = (await two`select pg_backend_pid() as pid`)[0]!.pid as number;
  });
  afterAll(async () => {
    await one?.end();
    await two?.end();
    await watch?.end();
    await database?.close();
    await scratch?.drop();
  });

  const insertStay = (c: postgres.Sql, s: Awaited<ReturnType<typeof stayRow>>) =>
    c`insert into stops (plan_id, tour_id, seq, vehicle_id, exhibit_set_id, venue_id, starts_on, opens_on, closes_on, ends_on)
      values (${s.planId}, ${s.tourId}, ${s.seq}, ${s.vehicleId}, ${s.exhibitSetId}, ${s.venueId}, ${s.startsOn}, ${s.opensOn}, ${s.closesOn}, ${s.endsOn})`;
  const insertLoan = (c: postgres.Sql, a: Tenant, b: Tenant, asset: { set?: number; vehicle?: number }) =>
    c`insert into loans (exhibit_set_id, vehicle_id, lender_region_id, borrower_region_id, starts_on, ends_on)
      values (${asset.set ?? null}, ${asset.vehicle ?? null}, ${a.regionId}, ${b.regionId}, ${loanDays().startsOn}, ${loanDays().endsOn})`;
  /** The SQLSTATE a statement on `c` ends with, or 'ok'. */
  const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code ?? 'error');

  it('two regions booking a lent vehicle at once: the borrower’s stay holds, the lender’s is refused', async () => {
    const { a, b } = await twoRegions(database.db);
    await database.db.insert(t.loans).values({ vehicleId: a.vehicles[1]!.id, lenderRegionId: a.regionId, borrowerRegionId: b.regionId, ...loanDays() });
    const day = addDays(loanDays().startsOn, 14);
    const borrower = await stayRow(database.db, b.published.id, b, a.vehicles[1]!.id, b.sets[1]!.id, day);
    const lender = await stayRow(database.db, a.published.id, a, a.vehicles[1]!.id, a.sets[1]!.id, day);
    await one`begin`;
    await two`begin`;
    expect(await outcome(insertStay(one, borrower))).toBe('ok');
    expect(await outcome(insertStay(two, lender))).toBe('RVL01');
    await one`commit`;
    await two`rollback`;
    const booked = await database.db.select().from(t.stops).where(eq(t.stops.vehicleId, a.vehicles[1]!.id));
    expect(booked.filter((s) => s.startsOn === day).map((s) => s.planId)).toEqual([b.published.id]);
  });

  it('a loan made while the lender books the same days: whichever commits first wins, the other is refused', async () => {
    const { a, b } = await twoRegions(database.db);
    const day = addDays(loanDays().startsOn, 21);
    const onLentVehicle = await stayRow(database.db, a.published.id, a, a.vehicles[1]!.id, a.sets[1]!.id, day);
    const ofLentSet = await stayRow(database.db, a.published.id, a, a.vehicles[0]!.id, a.sets[1]!.id, day);
    // The loan first: the lender's stay waits for it, then is refused.
    await one`begin`;
    await two`begin`;
    expect(await outcome(insertLoan(one, a, b, { vehicle: a.vehicles[1]!.id }))).toBe('ok');
    const stay = outcome(insertStay(two, onLentVehicle));
    await blockedOnLock(watch, pidTwo);
    await one`commit`;
    expect(await stay).toBe('RVL01');
    await two`rollback`;

    // The stay first: the loan of its set waits for it, then is refused.
    await one`begin`;
    await two`begin`;
    expect(await outcome(insertStay(one, ofLentSet))).toBe('ok');
    const loan = outcome(insertLoan(two, a, b, { set: a.sets[1]!.id }));
    await blockedOnLock(watch, pidTwo);
    await one`commit`;
    expect(await loan).toBe('RVL03');
    await two`rollback`;
  });

  it('a withdrawal while the borrower books the loan: it waits for the stay and is refused', async () => {
    const { a, b } = await twoRegions(database.db);
    const [loan] = await database.db.insert(t.loans).values({ exhibitSetId: a.sets[1]!.id, lenderRegionId: a.regionId, borrowerRegionId: b.regionId, ...loanDays() }).returning();
    const borrowerStay = await stayRow(database.db, b.published.id, b, b.vehicles[1]!.id, a.sets[1]!.id, addDays(loanDays().startsOn, 3));
    await one`begin`;
    await two`begin`;
    expect(await outcome(insertStay(one, borrowerStay))).toBe('ok');
    const withdraw = outcome(two`update loans set withdrawn_at = now() where id = ${loan!.id}`);
    await blockedOnLock(watch, pidTwo);
    await one`commit`;
    expect(await withdraw).toBe('RVL03');
    await two`rollback`;
  });
});
