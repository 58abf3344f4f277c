import { DateTime } from 'luxon';
import type { HolidayCalendar } from './calendar.js';
import type { ClosureFacts, DayRange, VenueFacts } from './types.js';

// Whole days, the solver's time unit for Rove. Day 0 is the horizon's first day; a stay starting
// on day d of L days holds the times [d, d + L), and its crew is free from d + L on (the morning
// after its last day). A leg takes whole days (crew.ts): 0 for a short leg driven the evening a
// stay ends, else its driving days. The crew's working days are then plain sums.

/** Solver start time of a stay beginning on day index `d`. */
export const startTime = (d: number) => d;
/** Solver service duration of a stay of `days` whole days. */
export const stayTime = (days: number) => days;
/** Day index of a solver time. */
export const dayOf = (time: number) => Math.floor(time);

/** Whole days from calendar day `a` to calendar day `b` (YYYY-MM-DD; negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The calendar day `months` months after `iso` (the day of month clamped to the month's end). */
export function addMonths(iso: string, months: number): string {
  return DateTime.fromISO(iso, { zone: 'UTC' }).plus({ months }).toISODate()!;
}

/** Converts between calendar days and day indexes from an epoch day. */
export class DayClock {
  private readonly epoch: DateTime;
  constructor(readonly epochIso: string) {
    this.epoch = DateTime.fromISO(epochIso, { zone: 'UTC' });
  }
  index(iso: string): number {
    return Math.round(DateTime.fromISO(iso, { zone: 'UTC' }).diff(this.epoch, 'days').days);
  }
  iso(index: number): string {
    return this.epoch.plus({ days: index }).toISODate()!;
  }
  weekday(index: number): number {
    return this.epoch.plus({ days: index }).weekday;
  }
}

/** Inclusive day ranges → a per-day mask over [0, days). */
export function rangeMask(clock: DayClock, days: number, ranges: readonly DayRange[], into = new Uint8Array(days)): Uint8Array {
  for (const [s, e] of ranges) {
    const a = Math.max(0, clock.index(s));
    const b = Math.min(days - 1, clock.index(e));
    for (let d = a; d <= b; d++) into[d] = 1;
  }
  return into;
}

export interface VenueDays {
  /** 1 where the venue cannot host at all: a blackout or a region closure for its kind. */
  blocked: Uint8Array;
  /** 1 where the venue can hold a visit day: open weekday (or make-up workday), not a holiday, not blocked. */
  visitDay: Uint8Array;
  /** 1 where a set-up crew can start work: a working day (weekday or make-up day, not a holiday), not blocked. */
  workDay: Uint8Array;
  /** Why a day is not a visit day, for messages: 'blackout' | 'closure' | 'holiday' | 'closed-weekday'. */
  whyNot(day: number): string | undefined;
}

/** The horizon's days once: ISO date, weekday, holiday and make-up flags (shared by every venue). */
export interface HorizonDays {
  iso: string[];
  weekday: Uint8Array;
  holiday: Uint8Array;
  makeup: Uint8Array;
}

export function horizonDays(clock: DayClock, days: number, holidays: HolidayCalendar): HorizonDays {
  const iso: string[] = new Array(days);
  const weekday = new Uint8Array(days);
  const holiday = new Uint8Array(days);
  const makeup = new Uint8Array(days);
  let d0 = DateTime.fromISO(clock.epochIso, { zone: 'UTC' });
  for (let d = 0; d < days; d++, d0 = d0.plus({ days: 1 })) {
    iso[d] = d0.toISODate()!;
    weekday[d] = d0.weekday;
    holiday[d] = holidays.isHoliday(iso[d]!) ? 1 : 0;
    makeup[d] = holidays.isMakeupWorkday(iso[d]!) ? 1 : 0;
  }
  return { iso, weekday, holiday, makeup };
}

const horizonCache = new WeakMap<HolidayCalendar, Map<string, HorizonDays>>();

/** The venue's day calendar over the horizon, from its weekdays, blackouts, the region's closures and holidays. */
export function venueDays(clock: DayClock, days: number, venue: VenueFacts, closures: readonly ClosureFacts[], holidays: HolidayCalendar): VenueDays {
  let byEpoch = horizonCache.get(holidays);
  if (!byEpoch) horizonCache.set(holidays, (byEpoch = new Map()));
  const cacheKey = `${clock.epochIso}/${days}`;
  let h = byEpoch.get(cacheKey);
  if (!h) byEpoch.set(cacheKey, (h = horizonDays(clock, days, holidays)));
  const blackout = rangeMask(clock, days, venue.blackouts);
  const closed = rangeMask(
    clock,
    days,
    closures.filter((c) => c.venueKinds === null || c.venueKinds.includes(venue.kind)).map((c) => [c.startsOn, c.endsOn] as const),
  );
  const blocked = new Uint8Array(days);
  const visitDay = new Uint8Array(days);
  const workDay = new Uint8Array(days);
  const open = new Uint8Array(8);
  for (const wd of venue.openWeekdays) open[wd] = 1;
  const reasons: (string | undefined)[] = new Array(days);
  for (let d = 0; d < days; d++) {
    const wd = h.weekday[d]!;
    const holiday = h.holiday[d] === 1;
    const makeup = h.makeup[d] === 1;
    blocked[d] = blackout[d]! | closed[d]!;
    // A make-up workday is a working day: venues open on Mondays (weekday venues) open then too.
    const openToday = !holiday && (open[wd] === 1 || (makeup && open[1] === 1));
    const working = !holiday && (wd <= 5 || makeup);
    visitDay[d] = !blocked[d] && openToday ? 1 : 0;
    workDay[d] = !blocked[d] && working ? 1 : 0;
    reasons[d] = blackout[d] ? 'blackout' : closed[d] ? 'closure' : holiday ? 'holiday' : openToday ? undefined : 'closed-weekday';
  }
  return { blocked, visitDay, workDay, whyNot: (d) => reasons[d] };
}

/**
 * Days a stay of `length` days may start on, within [from, to] (the last day of the stay ≤ to).
 * Short stays (caravan visits) need every day to be a visit day; long stays (roving museums) need
 * a working first day for set-up and no blocked day anywhere in the stay (holidays inside a long
 * stay are open days for visitors).
 */
export function startDays(vd: VenueDays, from: number, to: number, length: number, strict: boolean): number[] {
  const out: number[] = [];
  if (length <= 0) return out;
  let run = 0; // consecutive acceptable days ending at d
  const ok = strict ? vd.visitDay : vd.blocked;
  for (let d = Math.max(0, from); d <= to; d++) {
    const good = strict ? ok[d] === 1 : ok[d] === 0;
    run = good ? run + 1 : 0;
    if (run >= length) {
      const s = d - length + 1;
      if (s >= from && (strict || vd.workDay[s] === 1)) out.push(s);
    }
  }
  return out;
}
