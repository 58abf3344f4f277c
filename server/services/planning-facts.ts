import { DateTime } from 'luxon';
import { HolidayCalendar } from '../../jobs/planning/calendar.js';
import type { Db } from '../db/client.js';
import { audit } from '../db/queries/notifications.js';
import { listHolidayDays, replaceHolidayYear, replaceRoadMatrix, type HolidayDay, type RoadEntry } from '../db/queries/planning-facts.js';
import { DomainError } from '../errors.js';

/** Who asked for a change, for its audit entry. */
export interface Change {
  userId: number;
  requestId: string;
}

/**
 * A year's public holidays and make-up workdays as the planner sees them, and where they come from:
 * an arrangement a coordinator loaded ("official"), the `chinese-days` package, or "provisional".
 */
export async function holidayYear(db: Db, year: number) {
  const cal = new HolidayCalendar(await listHolidayDays(db));
  const days: { day: string; kind: 'holiday' | 'workday'; name: string }[] = [];
  for (let d = DateTime.fromObject({ year, month: 1, day: 1 }); d.year === year; d = d.plus({ days: 1 })) {
    const iso = d.toISODate()!;
    const name = cal.holidayName(iso);
    if (name !== undefined) days.push({ day: iso, kind: 'holiday', name });
    else if (cal.isMakeupWorkday(iso)) days.push({ day: iso, kind: 'workday', name: '' });
  }
  return { year, source: cal.source(year), days };
}

/** Loads the official arrangement of a year (every day must lie in it), replacing what was loaded. */
export async function loadHolidayYear(db: Db, year: number, days: HolidayDay[], by: Change) {
  const wrong = days.find((d) => Number(d.day.slice(0, 4)) !== year);
  if (wrong) throw new DomainError('HOLIDAY_OUTSIDE_YEAR', { day: wrong.day, year });
  await db.transaction(async (tx) => {
    const before = await replaceHolidayYear(tx, year, days);
    await audit(tx, { actorUserId: by.userId, action: 'load-holidays', entity: 'holidays', entityId: year, before, after: days, requestId: by.requestId });
  });
  return { year, source: 'official' as const, days: [...days].sort((a, b) => a.day.localeCompare(b.day)) };
}

/** Replaces a region's road distance matrix, which later runs use instead of great-circle × road factor. */
export async function loadRoadMatrix(db: Db, regionId: number, entries: RoadEntry[], by: Change) {
  await db.transaction(async (tx) => {
    await replaceRoadMatrix(tx, regionId, entries);
    await audit(tx, { actorUserId: by.userId, action: 'load-road-distances', entity: 'region', entityId: regionId, after: { entries: entries.length }, requestId: by.requestId });
  });
  return { entries: entries.length };
}
