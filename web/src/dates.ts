// Whole-day arithmetic on ISO dates (YYYY-MM-DD). Stop dates are calendar days in the region's time
// zone: they are never turned into instants in the browser's zone, only shifted as day counts (UTC
// arithmetic on a date has no daylight-saving edges).

const MS_DAY = 86_400_000;

function toUtc(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The ISO date `n` days after `iso` (negative goes back). */
export function addDays(iso: string, n: number): string {
  return fromUtc(toUtc(iso) + n * MS_DAY);
}

/** Whole days from `a` to `b` (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / MS_DAY);
}

/** Today's date in the given IANA time zone, e.g. the region's Asia/Shanghai. */
export function todayIn(timeZone: string, now: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * The planning-run form's default horizon: from today to the end of this year, or in December (when
 * little of the year is left) to the end of January. Never a whole next year: planning it is a choice.
 */
export function defaultHorizon(today: string): { start: string; end: string } {
  const year = Number(today.slice(0, 4));
  return { start: today, end: today.slice(5, 7) === '12' ? `${year + 1}-01-31` : `${year}-12-31` };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of an ISO date. */
export function isoWeekday(iso: string): number {
  const d = new Date(toUtc(iso)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The date part of a FullCalendar all-day date string ("2027-03-01" or "2027-03-01T00:00:00Z"). */
export function datePart(s: string): string {
  return s.slice(0, 10);
}
