import { DateTime } from 'luxon';
import { HolidayCalendar } from '../../jobs/planning/calendar.js';
import { fixedClock, systemClock, type Clock } from '../../server/clock.js';

// The suite's "today": ROVE_TEST_TODAY (YYYY-MM-DD), or the real today in Asia/Shanghai. Every test
// date is derived from it, every app a test builds runs on testClock(), and every server a test
// spawns gets it as ROVE_NOW, so the suite passes whatever the date (CI runs it at three).

const ZONE = 'Asia/Shanghai';

function readToday(): string {
  const env = process.env.ROVE_TEST_TODAY?.trim();
  if (!env) return systemClock.today(ZONE);
  const d = DateTime.fromISO(env, { zone: ZONE });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(env) || !d.isValid) throw new Error(`ROVE_TEST_TODAY must be a date (YYYY-MM-DD), got ${env}`);
  return env;
}

const today = readToday();

/** The suite's today (YYYY-MM-DD, Asia/Shanghai). */
export function testToday(): string {
  return today;
}

/** A clock that stands at midday of the suite's today, Asia/Shanghai (pass it to buildApp). */
export function testClock(): Clock {
  return fixedClock(today);
}

/** ROVE_NOW for a server a test spawns: the same instant as testClock(). */
export function testNowEnv(): { ROVE_NOW: string } {
  return { ROVE_NOW: today };
}

/** The suite's year plus `n` (0 = this year, 1 = next year). */
export function yearOf(n = 0): number {
  return Number(today.slice(0, 4)) + n;
}

/** `MM-DD` of the year `n` years from the suite's today, e.g. inYears(1, '03-15') is next year's March 15th. */
export function inYears(n: number, monthDay = '01-01'): string {
  const d = DateTime.fromISO(`${yearOf(n)}-${monthDay}`, { zone: 'utc' });
  if (!d.isValid) throw new Error(`no such day: ${yearOf(n)}-${monthDay}`);
  return d.toISODate()!;
}

/** The ISO date `n` days after `iso` (negative goes back). */
export function addDays(iso: string, n: number): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).plus({ days: n }).toISODate()!;
}

/** The Monday on or after `iso` (a working day outside the holiday weeks when `iso` is in March). */
export function mondayFrom(iso: string): string {
  const d = DateTime.fromISO(iso, { zone: 'utc' });
  return d.plus({ days: (8 - d.weekday) % 7 }).toISODate()!;
}

/** The suite's today plus `n` days. */
export function fromToday(n: number): string {
  return addDays(today, n);
}

const calendar = new HolidayCalendar();

/** True on a working day: Monday to Friday and not a public holiday, or a make-up working weekend. */
export function isWorkday(iso: string): boolean {
  if (calendar.isHoliday(iso)) return false;
  return DateTime.fromISO(iso, { zone: 'utc' }).weekday <= 5 || calendar.isMakeupWorkday(iso);
}

/** The first working day on or after `iso` (where a roving set may be set up). */
export function workdayFrom(iso: string): string {
  let d = iso;
  while (!isWorkday(d)) d = addDays(d, 1);
  return d;
}

/** The working days of a month ("2029-08"). */
export function workdaysOf(yearMonth: string): string[] {
  const out: string[] = [];
  for (let d = `${yearMonth}-01`; d.startsWith(yearMonth); d = addDays(d, 1)) if (isWorkday(d)) out.push(d);
  return out;
}
