import chineseDays from 'chinese-days';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Closure, RegionSettings } from '../contract/region-settings.js';
import type { Db, DbOrTx } from '../db/client.js';
import { audit } from '../db/queries/notifications.js';
import * as t from '../db/schema/index.js';
import { NotFoundError } from '../errors.js';

const SETTINGS = ['timeZone', 'roadFactor', 'averageSpeedKmh', 'monthlySpeedKmh', 'dailyDriveMinutes', 'eveningLegMaxMinutes', 'maxConsecutiveWorkDays', 'noveltyMonths', 'kitNoveltyMonths', 'defaultTripDays'] as const;

function settingsOf(r: typeof t.regions.$inferSelect): RegionSettings {
  return Object.fromEntries(SETTINGS.map((k) => [k, r[k]])) as RegionSettings;
}

async function regionRow(db: DbOrTx, regionId: number) {
  const [r] = await db.select().from(t.regions).where(eq(t.regions.id, regionId));
  if (!r) throw new NotFoundError('region', regionId);
  return r;
}

export async function regionSettings(db: DbOrTx, regionId: number): Promise<RegionSettings> {
  return settingsOf(await regionRow(db, regionId));
}

/** Changes some settings of a region; the change is audited with before and after. */
export async function updateRegionSettings(db: Db, regionId: number, patch: Partial<RegionSettings>, by: { userId: number; requestId: string }) {
  return db.transaction(async (tx) => {
    const before = settingsOf(await regionRow(tx, regionId));
    const present = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (Object.keys(present).length === 0) return before;
    const [after] = await tx.update(t.regions).set(present).where(eq(t.regions.id, regionId)).returning();
    await audit(tx, { actorUserId: by.userId, action: 'region.settings', entity: 'region', entityId: regionId, before, after: present, requestId: by.requestId });
    return settingsOf(after!);
  });
}

const yearRange = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

/** The region's closures that begin in a year. */
export async function closuresOf(db: DbOrTx, regionId: number, year: number): Promise<Closure[]> {
  await regionRow(db, regionId);
  const [from, to] = yearRange(year);
  const rows = await db
    .select()
    .from(t.regionClosures)
    .where(and(eq(t.regionClosures.regionId, regionId), gte(t.regionClosures.startsOn, from), lte(t.regionClosures.startsOn, to)))
    .orderBy(asc(t.regionClosures.startsOn), asc(t.regionClosures.id));
  return rows.map((c) => ({ startsOn: c.startsOn, endsOn: c.endsOn, venueKinds: c.venueKinds, reason: c.reason }));
}

/** Replaces the closures that begin in a year with the given ones (one transaction, audited). */
export async function replaceClosures(db: Db, regionId: number, year: number, closures: Closure[], by: { userId: number; requestId: string }) {
  const [from, to] = yearRange(year);
  await db.transaction(async (tx) => {
    const before = await closuresOf(tx, regionId, year);
    await tx.delete(t.regionClosures).where(and(eq(t.regionClosures.regionId, regionId), gte(t.regionClosures.startsOn, from), lte(t.regionClosures.startsOn, to)));
    if (closures.length) await tx.insert(t.regionClosures).values(closures.map((c) => ({ regionId, ...c })));
    await audit(tx, { actorUserId: by.userId, action: 'region.closures', entity: 'region', entityId: regionId, before, after: { year, closures }, requestId: by.requestId });
  });
  return closuresOf(db, regionId, year);
}

/** Closures outside the year they are asked for would not be replaced by the same PUT: the code says which. */
export function closuresOutsideYear(year: number, closures: Closure[]): number[] {
  return closures.flatMap((c, i) => (c.startsOn.slice(0, 4) === String(year) ? [] : [i]));
}

export type TemplateWord = 'winter' | 'summer' | 'gaokao' | 'zhongkao' | 'spring_farming' | 'autumn_harvest';

/**
 * The usual Chinese school and farming calendar for a year, for a coordinator to adjust: winter
 * break around the Spring Festival (three weeks before to two and a half after), summer break
 * 10 July to 31 August, the gaokao (7-8 June) and zhongkao (about 20-22 June) at schools, and the
 * busy spring planting and autumn harvest at township squares and resettlement communities.
 */
export function schoolCalendarTemplate(year: number): (Omit<Closure, 'reason'> & { word: TemplateWord })[] {
  const festival = DateTime.fromISO(chineseDays.getSolarDateFromLunar(`${year}-01-01`).date);
  const winterStart = DateTime.max(festival.minus({ days: 21 }), DateTime.fromISO(`${year}-01-10`));
  const school = ['school'] as Closure['venueKinds'];
  const rural = ['township_square', 'resettlement_community'] as Closure['venueKinds'];
  return [
    { word: 'winter', startsOn: winterStart.toISODate()!, endsOn: festival.plus({ days: 17 }).toISODate()!, venueKinds: school },
    { word: 'spring_farming', startsOn: `${year}-04-01`, endsOn: `${year}-05-15`, venueKinds: rural },
    { word: 'gaokao', startsOn: `${year}-06-07`, endsOn: `${year}-06-08`, venueKinds: school },
    { word: 'zhongkao', startsOn: `${year}-06-20`, endsOn: `${year}-06-22`, venueKinds: school },
    { word: 'summer', startsOn: `${year}-07-10`, endsOn: `${year}-08-31`, venueKinds: school },
    { word: 'autumn_harvest', startsOn: `${year}-09-15`, endsOn: `${year}-10-31`, venueKinds: rural },
  ];
}
