import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';
import { DateTime } from 'luxon';

// Chinese public holidays and make-up workdays (调休), by calendar day (YYYY-MM-DD).
//
// Sources, in order of precedence:
// 1. an official arrangement a coordinator loaded (holiday_days table), for any year;
// 2. the `chinese-days` package, for the years it covers (2004 to its last year);
// 3. a provisional calendar for a year neither covers: the statutory holidays only — 元旦 Jan 1,
//    春节 除夕 to 初三 (4 days), 清明 (the solar term), 劳动节 May 1-2, 端午 (5/5 lunar),
//    中秋 (8/15 lunar), 国庆 Oct 1-3 — with no guessed bridge days or make-up workdays. Such a
//    year is reported as provisional so the UI can say so, and a coordinator can load the
//    official arrangement when the State Council publishes it.

export type DayKind = 'holiday' | 'workday';

export interface OfficialDay {
  day: string;
  kind: DayKind;
  name?: string;
}

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// The package's data file (holidays and make-up workdays by day), read directly: its functions
// answer "workday" for years it does not cover, which is exactly the silent mistake to avoid.
const require = createRequire(import.meta.url);
const packageData = require('chinese-days/dist/chinese-days.json') as PackageData;
const packageLastYear = Math.max(...Object.keys(packageData.holidays).map((d) => Number(d.slice(0, 4))));

function provisionalHolidays(year: number): Map<string, string> {
  const out = new Map<string, string>();
  const add = (iso: string, days: number, name: string) => {
    let d = DateTime.fromISO(iso);
    for (let i = 0; i < days; i++, d = d.plus({ days: 1 })) out.set(d.toISODate()!, name);
  };
  add(`${year}-01-01`, 1, '元旦（暂定）');
  const springFestival = DateTime.fromISO(chineseDays.getSolarDateFromLunar(`${year}-01-01`).date);
  add(springFestival.minus({ days: 1 }).toISODate()!, 4, '春节（暂定）');
  const qingming = chineseDays.getSolarTerms(`${year}-04-01`, `${year}-04-10`).find((t) => t.term === 'pure_brightness');
  if (qingming) add(qingming.date, 1, '清明节（暂定）');
  add(`${year}-05-01`, 2, '劳动节（暂定）');
  add(chineseDays.getSolarDateFromLunar(`${year}-05-05`).date, 1, '端午节（暂定）');
  add(chineseDays.getSolarDateFromLunar(`${year}-08-15`).date, 1, '中秋节（暂定）');
  add(`${year}-10-01`, 3, '国庆节（暂定）');
  return out;
}

/** Answers whether a day is a public holiday or a make-up workday, and which years are provisional. */
export class HolidayCalendar {
  private readonly official = new Map<string, OfficialDay>();
  private readonly officialYears = new Set<number>();
  private readonly provisional = new Map<number, Map<string, string>>();

  constructor(officialDays: readonly OfficialDay[] = []) {
    for (const d of officialDays) {
      this.official.set(d.day, d);
      this.officialYears.add(Number(d.day.slice(0, 4)));
    }
  }

  /** Where a year's arrangement comes from. */
  source(year: number): 'official' | 'package' | 'provisional' {
    if (this.officialYears.has(year)) return 'official';
    if (year <= packageLastYear) return 'package';
    return 'provisional';
  }

  /** True on a public holiday (a day off even if it falls on a weekday). */
  isHoliday(day: string): boolean {
    return this.holidayName(day) !== undefined;
  }

  holidayName(day: string): string | undefined {
    const year = Number(day.slice(0, 4));
    switch (this.source(year)) {
      case 'official': {
        const d = this.official.get(day);
        return d?.kind === 'holiday' ? (d.name ?? '') : undefined;
      }
      case 'package': {
        const v = packageData.holidays[day];
        return v === undefined ? undefined : v.split(',')[1] ?? v;
      }
      case 'provisional': {
        let m = this.provisional.get(year);
        if (!m) this.provisional.set(year, (m = provisionalHolidays(year)));
        return m.get(day);
      }
    }
  }

  /** True on a weekend day that is worked to make up for a holiday (调休上班日). */
  isMakeupWorkday(day: string): boolean {
    const year = Number(day.slice(0, 4));
    switch (this.source(year)) {
      case 'official':
        return this.official.get(day)?.kind === 'workday';
      case 'package':
        return day in packageData.workdays;
      case 'provisional':
        return false;
    }
  }

  /** Years in [fromYear, toYear] whose arrangement is provisional. */
  provisionalYears(fromYear: number, toYear: number): number[] {
    const out: number[] = [];
    for (let y = fromYear; y <= toYear; y++) if (this.source(y) === 'provisional') out.push(y);
    return out;
  }
}
