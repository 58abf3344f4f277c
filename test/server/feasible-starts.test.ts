// The board's guidance while a stay is dragged (issue 12, point 2): GET …/stops/:stopId/feasible-starts
// says, per row, on which days the stay may start; the checked edit must agree with it day by day.
// A refused overlap names the stay in the way.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { userWithSession, type SessionHeaders } from '../helpers/accounts.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { addDays, mondayFrom, testClock, yearOf } from '../helpers/clock.js';
import { minimalCatalogue } from '../helpers/fixtures.js';

const Y = yearOf(1);
const march = mondayFrom(`${Y}-03-08`);
const june = mondayFrom(`${Y}-06-07`);
const stay = (setUp: string) => ({ startsOn: setUp, opensOn: addDays(setUp, 3), closesOn: addDays(setUp, 23), endsOn: addDays(setUp, 25) });

interface Run {
  from: string;
  to: string;
  ok: boolean;
  stopIds: number[];
  kinds: string[];
}
interface Answer {
  from: string;
  to: string;
  capped: boolean;
  rows: { row: string; vehicleId: number; runs: Run[] }[];
}

const dayOfRuns = (runs: Run[], day: string) => runs.find((r) => r.from <= day && day <= r.to);

describe.each(databaseKinds)('feasible start days on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let cat: Awaited<ReturnType<typeof minimalCatalogue>>;
  let coordinator: SessionHeaders;
  let stranger: SessionHeaders;
  let planId: number;
  let stopId: number;
  let juneId: number;

  const revision = async () => Number((await app.inject({ url: `/api/plans/${planId}`, headers: coordinator }).then((r) => r.headers.etag))!.replaceAll('"', ''));
  const patch = async (body: object, lang = 'zh-CN') =>
    app.inject({ method: 'PATCH', url: `/api/plans/${planId}/stops/${stopId}`, headers: { ...coordinator, 'if-match': `"${await revision()}"`, 'accept-language': lang }, payload: body });
  const feasible = async (query = '', headers = coordinator) => app.inject({ url: `/api/plans/${planId}/stops/${stopId}/feasible-starts${query}`, headers });
  const add = async (vehicle: number, venue: number, setUp: string) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/plans/${planId}/stops`,
      headers: { ...coordinator, 'if-match': `"${await revision()}"` },
      payload: { vehicleId: cat.vehicles[vehicle]!.id, exhibitSetId: cat.sets[vehicle]!.id, venueId: cat.venues[venue]!.id, ...stay(setUp) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().stop.id as number;
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    cat = await minimalCatalogue(database.db);
    await database.db.insert(t.vehicleSets).values(cat.vehicles.map((v, i) => ({ vehicleId: v.id, exhibitSetId: cat.sets[i]!.id })));
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
    coordinator = (await userWithSession(database.db, [{ role: 'coordinator', regionId: cat.regionId }])).headers;
    const [other] = await database.db.insert(t.regions).values({ code: '98', nameZh: '别的区域', nameEn: 'Another region' }).returning();
    stranger = (await userWithSession(database.db, [{ role: 'coordinator', regionId: other!.id }])).headers;
  });
  beforeEach(async () => {
    // Each test has its own draft: the first truck's stay in March and its next in June.
    const [plan] = await database.db.insert(t.plans).values({ regionId: cat.regionId, horizonStart: cat.plan.horizonStart, horizonEnd: cat.plan.horizonEnd }).returning();
    planId = plan!.id;
    stopId = await add(0, 0, march);
    juneId = await add(0, 1, june);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('gives each row its start days; the checked edit accepts the offered days and refuses the others', async () => {
    const res = await feasible();
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Answer;
    expect(body.from).toBe(addDays(march, -92) < cat.plan.horizonStart ? cat.plan.horizonStart : addDays(march, -92));
    expect(body.rows.map((r) => r.row).sort()).toEqual([`v${cat.vehicles[0]!.id}`, `v${cat.vehicles[1]!.id}`, `s${cat.sets[0]!.id}`, `s${cat.sets[1]!.id}`].sort());
    const own = body.rows.find((r) => r.row === `v${cat.vehicles[0]!.id}`)!;
    // The runs cover the range without a gap.
    expect(own.runs[0]!.from).toBe(body.from);
    expect(own.runs.at(-1)!.to).toBe(body.to);
    for (let i = 1; i < own.runs.length; i++) expect(own.runs[i]!.from).toBe(addDays(own.runs[i - 1]!.to, 1));
    // Onto the June stay: refused, naming it.
    const onJune = dayOfRuns(own.runs, addDays(june, -6))!;
    expect(onJune).toMatchObject({ ok: false, stopIds: [juneId], kinds: ['overlap_vehicle'] });
    // The other truck does not carry this set: no day on its row (and the set is in June on the first truck).
    const other = body.rows.find((r) => r.row === `v${cat.vehicles[1]!.id}`)!.runs;
    expect(other.every((r) => !r.ok)).toBe(true);
    expect(dayOfRuns(other, march)!.kinds).toContain('incompatible_set');
    expect(dayOfRuns(other, june)).toMatchObject({ stopIds: [juneId], kinds: ['overlap_set'] });

    // The edit agrees, day by day, on a spread of days (each accepted move is undone before the next).
    const days = [addDays(march, -20), addDays(march, -3), addDays(march, 1), addDays(march, 5), addDays(march, 30), addDays(june, -30), addDays(june, -6), addDays(march, 85)];
    const offered = days.filter((d) => dayOfRuns(own.runs, d)?.ok);
    expect(offered.length).toBeGreaterThan(1);
    expect(days.length - offered.length).toBeGreaterThan(1);
    for (const d of days) {
      const res = await patch({ startsOn: d });
      expect(res.statusCode === 200, `${d}: ${res.body}`).toBe(dayOfRuns(own.runs, d)!.ok);
      if (res.statusCode === 200) expect((await patch({ startsOn: march })).statusCode).toBe(200);
    }
  });

  it('names the stay in the way of a refused overlap, in both languages, with a link for the board', async () => {
    const zh = await patch({ startsOn: addDays(june, -6) });
    expect(zh.statusCode).toBe(409);
    expect(zh.json()).toMatchObject({ code: 'STOP_OVERLAP_VEHICLE', details: { clash: { stopId: juneId, venueName: cat.venues[1]!.name, startsOn: june, endsOn: addDays(june, 25) } } });
    expect(zh.json().message).toContain(`${cat.venues[1]!.name}（V1 · 套组A，${june} 至 ${addDays(june, 25)}）`);
    const en = await patch({ startsOn: addDays(june, -6) }, 'en');
    expect(en.json().message).toContain(`${cat.venues[1]!.name}, 县1 (V1 · 套组A, ${june} to ${addDays(june, 25)})`);
    const [s] = await database.db.select().from(t.stops).where(eq(t.stops.id, stopId));
    expect(s!.startsOn).toBe(march);
  });

  it('looks at most 186 days, within the horizon, and only at a stay the coordinator may move', async () => {
    const wide = (await feasible(`?from=${Y}-01-01&to=${Y}-12-31`)).json() as Answer;
    expect(wide).toMatchObject({ from: `${Y}-01-01`, to: addDays(`${Y}-01-01`, 185), capped: true });
    const late = (await feasible(`?from=${Y}-12-01`)).json() as Answer;
    // The stay lasts 26 days: it cannot start later than 26 days before the horizon's end.
    expect(late.to).toBe(addDays(cat.plan.horizonEnd, -25));
    expect((await feasible('', stranger)).statusCode).toBe(404);
    await database.db.update(t.stops).set({ status: 'completed' }).where(eq(t.stops.id, stopId));
    expect((await feasible()).json().code).toBe('STOP_NOT_EDITABLE');
  });

  it('suggests where an approved request fits: the first accepted stay on each vehicle, which the insert accepts', async () => {
    // Venue 0 wants set A for 20 open days between the March stay's end and the June stay.
    const [request] = await database.db
      .insert(t.requests)
      .values({ regionId: cat.regionId, venueId: cat.venues[0]!.id, setKind: 'roving_museum', windowStart: march, windowEnd: addDays(june, 60), openDays: 20, status: 'approved' })
      .returning();
    const res = await app.inject({ url: `/api/plans/${planId}/requests/${request!.id}/starts`, headers: coordinator });
    expect(res.statusCode, res.body).toBe(200);
    const { options } = res.json() as { options: { vehicleId: number; exhibitSetId: number; startsOn: string; opensOn: string; closesOn: string; endsOn: string }[] };
    // The first truck's set A was in this county in March (novelty): only the second truck, with set B,
    // after the venue's own March stay.
    expect(options.map((o) => o.vehicleId)).toEqual([cat.vehicles[1]!.id]);
    const first = options[0]!;
    expect(first.startsOn > addDays(march, 25)).toBe(true);
    expect(first.exhibitSetId).toBe(cat.sets[1]!.id);
    const insert = await app.inject({ method: 'POST', url: `/api/plans/${planId}/stops`, headers: { ...coordinator, 'if-match': `"${await revision()}"` }, payload: { requestId: request!.id, ...first } });
    expect(insert.statusCode, insert.body).toBe(201);
    expect(insert.json().stop).toMatchObject({ startsOn: first.startsOn, endsOn: first.endsOn, vehicleId: first.vehicleId });
  });
});
