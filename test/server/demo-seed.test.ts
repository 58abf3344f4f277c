import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../server/demo/seed.js';
import * as t from '../../server/db/schema/index.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';

describe('the Guizhou demo seed', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
  });
  afterAll(() => database?.dispose());

  it('seeds an empty database once, and a second call writes nothing', async () => {
    expect((await seedDemoIfEmpty(database.db, { today: '2026-11-29' })).seeded).toBe(true);
    const venues = await database.db.select({ n: count() }).from(t.venues);
    const requests = await database.db.select({ n: count() }).from(t.requests);
    expect((await seedDemoIfEmpty(database.db)).seeded).toBe(false);
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

  it('has about a year of 2027 requests, every key county asking for a roving museum, all flagged demo', async () => {
    const reqs = await database.db.select().from(t.requests);
    const next = reqs.filter((r) => r.windowStart >= '2027-01-01');
    expect(next.length).toBeGreaterThan(250);
    expect(next.every((r) => r.isDemo && r.windowEnd <= '2027-12-31')).toBe(true);
    const venues = await database.db.select().from(t.venues);
    const keyIds = new Set(venues.filter((v) => v.priorityTier === 'key').map((v) => v.id));
    const keyAsking = new Set(next.filter((r) => r.setKind === 'roving_museum' && keyIds.has(r.venueId)).map((r) => r.venueId));
    expect(keyAsking.size).toBe(20);
  });

  it('never seeds over real data', async () => {
    const other = await openTestDatabase('postgres');
    try {
      await other.db.insert(t.regions).values({ code: '53', nameZh: '云南省', nameEn: 'Yunnan' });
      expect((await seedDemoIfEmpty(other.db)).seeded).toBe(false);
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
