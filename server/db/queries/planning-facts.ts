import { between, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { holidayDays, roadDistances } from '../schema/index.js';

// The facts the planner reads besides the catalogue: loaded public-holiday arrangements and a
// region's own road distance matrix.

export type HolidayDay = Pick<typeof holidayDays.$inferSelect, 'day' | 'kind' | 'name'>;

/** Every loaded holiday and make-up workday, of all years (the calendar falls back per year). */
export async function listHolidayDays(db: DbOrTx): Promise<HolidayDay[]> {
  return db.select({ day: holidayDays.day, kind: holidayDays.kind, name: holidayDays.name }).from(holidayDays);
}

/** Replaces one year's loaded arrangement with `days`; returns the days it replaced. Run in a transaction. */
export async function replaceHolidayYear(tx: DbOrTx, year: number, days: HolidayDay[]): Promise<string[]> {
  const old = await tx.delete(holidayDays).where(between(holidayDays.day, `${year}-01-01`, `${year}-12-31`)).returning({ day: holidayDays.day });
  await tx.insert(holidayDays).values(days);
  return old.map((r) => r.day).sort();
}

export interface RoadEntry {
  from: string;
  to: string;
  distanceM: number;
  driveMinutes: number;
}

/** Replaces a region's road distance matrix (duplicates of a pair keep the first). Run in a transaction. */
export async function replaceRoadMatrix(tx: DbOrTx, regionId: number, entries: RoadEntry[]) {
  await tx.delete(roadDistances).where(eq(roadDistances.regionId, regionId));
  const rows = entries.map((e) => ({ regionId, fromPlace: e.from, toPlace: e.to, distanceM: e.distanceM, driveMinutes: e.driveMinutes }));
  for (let i = 0; i < rows.length; i += 2000) await tx.insert(roadDistances).values(rows.slice(i, i + 2000)).onConflictDoNothing();
}
