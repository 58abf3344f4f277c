import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../server/demo/seed.js';
import * as t from '../../server/db/schema/index.js';
import { fromToday, testToday, yearOf } from '../helpers/clock.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';

describe('the Guizhou demo seed', () => {
  let database: TestDatabase;
  let seeded: boolean;
  // Seeded once here, so that each test reads the demo whatever order they run in.
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    seeded = (await seedDemoIfEmpty(database.db, { today: testToday() })).seeded;
  });
  afterAll(() => database?.dispose());

  it('seeds an empty database once, and a second call writes nothing', async () => {
    expect(seeded).toBe(true);
    const venues = await database.db.select({ n: count() }).from(t.venues);
    const requests = await database.db.select({ n: count() }).from(t.requests);
    expect((await seedDemoIfEmpty(database.db, { today: testToday() })).seeded).toBe(false);
    expect(await database.db.select({ n: count() }).from(t.venues)).toEqual(venues);
    expect(await database.db.select({ n: count() }).from(t.requests)).toEqual(requests);
  });

  it('gives the history no county that saw a roving theme twice, so novelty has something to bite on', async () => {
    const rows = await database.db
      .select({ venueId: t.stops.venueId, theme: t.exhibitSets.theme, kind: t.exhibitSets.kind, status: t.stops.status })
      .from(t.stops)
      .innerJoin(t.exhibitSets, (await import('drizzle-orm')).eq(t.stops.exhibitSetId, t.exhibitSets.id));
    const roving = rows.filter((r) => r.kind === 'roving_museum');
    expect(roving.length).toBeGreaterThan(30);
    const pairs = roving.map((r) => `${r.venueId}:${r.theme}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(rows.some((r) => r.status === 'completed')).toBe(true);
  });

  it('lays the timeline around today: last year done and reported, this year done, under way and to come', async () => {
    const today = testToday();
    const [plan] = await database.db.select().from(t.plans).where(eq(t.plans.status, 'published'));
    // From last year's first day to this year's last, or 60 days past today when that is later.
    const sixtyOn = fromToday(60);
    expect([plan!.horizonStart, plan!.horizonEnd]).toEqual([`${yearOf(-1)}-01-01`, sixtyOn > `${yearOf(0)}-12-31` ? sixtyOn : `${yearOf(0)}-12-31`]);
    const stays = await database.db
      .select({ stop: t.stops, reportId: t.visitReports.id })
      .from(t.stops)
      .leftJoin(t.visitReports, eq(t.visitReports.stopId, t.stops.id));
    expect(stays.every(({ stop }) => stop.planId === plan!.id)).toBe(true);
    const lastYear = stays.filter(({ stop }) => stop.endsOn < `${yearOf(0)}-01-01`);
    expect(lastYear.length).toBeGreaterThan(100);
    expect(lastYear.every(({ stop, reportId }) => stop.status === 'completed' && reportId !== null)).toBe(true);
    for (const { stop, reportId } of stays) {
      const expected = stop.endsOn < today ? ['completed'] : stop.startsOn <= today ? ['arrived'] : ['confirmed', 'planned'];
      expect(expected, `stay ${stop.startsOn}..${stop.endsOn} on ${today}`).toContain(stop.status);
      expect(reportId !== null).toBe(stop.status === 'completed');
    }
    // Whatever the date: a roving stay under way today that runs on for days, and upcoming stays,
    // confirmed ones among them, in the next weeks.
    expect(stays.some(({ stop }) => stop.status === 'arrived' && stop.endsOn > fromToday(3))).toBe(true);
    const upcoming = stays.filter(({ stop }) => stop.startsOn > fromToday(3) && stop.startsOn <= fromToday(45));
    expect(upcoming.filter(({ stop }) => stop.status === 'confirmed').length).toBeGreaterThan(20);
    if (today < `${yearOf(0)}-10-01`) expect(stays.some(({ stop }) => stop.status === 'planned')).toBe(true);
    if (today > `${yearOf(0)}-03-10`) expect(stays.some(({ stop }) => stop.status === 'completed' && stop.startsOn >= `${yearOf(0)}-01-01`)).toBe(true);
  });

  it('has about a year of requests for next year, every key county asking for a roving museum, all flagged demo', async () => {
    const reqs = await database.db.select().from(t.requests);
    // Next year's requests; late in the year the timeline's first weeks of next year have theirs too.
    const onTimeline = new Set((await database.db.select({ requestId: t.stops.requestId }).from(t.stops)).map((s) => s.requestId));
    const next = reqs.filter((r) => r.windowStart >= `${yearOf(1)}-01-01` && !onTimeline.has(r.id));
    expect(next.length).toBeGreaterThan(250);
    expect(next.every((r) => r.isDemo && r.windowEnd <= `${yearOf(1)}-12-31`)).toBe(true);
    expect(new Set(next.map((r) => r.status))).toEqual(new Set(['approved', 'requested', 'declined']));
    expect(reqs.every((r) => r.createdAt.getTime() < Date.parse(`${testToday()}T00:00:00+08:00`))).toBe(true);
    const venues = await database.db.select().from(t.venues);
    const keyIds = new Set(venues.filter((v) => v.priorityTier === 'key').map((v) => v.id));
    const keyAsking = new Set(next.filter((r) => r.setKind === 'roving_museum' && keyIds.has(r.venueId)).map((r) => r.venueId));
    expect(keyAsking.size).toBe(20);
  });

  it('gives every venue an (invented) contact phone', async () => {
    const venues = await database.db.select().from(t.venues);
    expect(venues.every((v) => /^0851-0\d{7}$/.test(v.contactPhone))).toBe(true);
  });

  it('seeds the same demo for the same today', async () => {
    const other = await openTestDatabase('embedded');
    try {
      await seedDemoIfEmpty(other.db, { today: testToday() });
      const stays = (db: TestDatabase['db']) =>
        db.select({ s: t.stops.startsOn, e: t.stops.endsOn, status: t.stops.status, venue: t.venues.countyCode }).from(t.stops).innerJoin(t.venues, eq(t.venues.id, t.stops.venueId)).orderBy(t.stops.id);
      expect(await stays(other.db)).toEqual(await stays(database.db));
    } finally {
      await other.dispose();
    }
  });

  it('never seeds over real data', async () => {
    const other = await openTestDatabase('postgres');
    try {
      await other.db.insert(t.regions).values({ code: '53', nameZh: '云南省', nameEn: 'Yunnan' });
      expect((await seedDemoIfEmpty(other.db, { today: testToday() })).seeded).toBe(false);
      expect(await other.db.select({ n: count() }).from(t.venues)).toEqual([{ n: 0 }]);
    } finally {
      await other.dispose();
    }
  });
});

describe('the project stands alone', () => {
  it('has no file under server/, jobs/ or web/ that reads ../shared', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (name === 'node_modules' || name === 'dist') continue;
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|js|mjs|json|html)$/.test(name) && /\.\.\/shared|\/work\/shared/.test(readFileSync(p, 'utf8'))) offenders.push(p);
      }
    };
    for (const top of ['server', 'jobs', 'web']) walk(top);
    expect(offenders).toEqual([]);
  });
});
