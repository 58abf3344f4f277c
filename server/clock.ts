import { DateTime } from 'luxon';

/**
 * The one place Rove reads the real clock. Everything else takes a Clock (the app's `app.clock`, or a
 * parameter), so a server started with ROVE_NOW, and every test, runs at a date of its choosing.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's date (YYYY-MM-DD) in an IANA time zone, e.g. a region's Asia/Shanghai. */
  today(timeZone: string): string;
}

function clockOf(now: () => Date): Clock {
  return {
    now,
    today: (timeZone) => todayIn(timeZone, now()),
  };
}

/** The calendar date (YYYY-MM-DD) of an instant in an IANA time zone. */
export function todayIn(timeZone: string, at: Date): string {
  const iso = DateTime.fromJSDate(at, { zone: timeZone }).toISODate();
  if (!iso) throw new RangeError(`invalid time zone: ${timeZone}`);
  return iso;
}

/** The real clock. */
export const systemClock: Clock = clockOf(() => new Date());

/**
 * A clock that always answers the same instant. `iso` is an ISO date-time ("2028-02-29T10:00:00+08:00")
 * or a date ("2028-02-29", read as midday in Asia/Shanghai, so that it is that date in every zone Rove
 * serves).
 */
export function fixedClock(iso: string): Clock {
  const at = parseInstant(iso);
  return clockOf(() => new Date(at));
}

/** Parses ROVE_NOW-style input into epoch milliseconds, or throws a RangeError. */
export function parseInstant(iso: string): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const dt = dateOnly
    ? DateTime.fromISO(`${iso}T12:00:00`, { zone: 'Asia/Shanghai' })
    : DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new RangeError(`not an ISO date-time: ${iso}`);
  return dt.toMillis();
}
