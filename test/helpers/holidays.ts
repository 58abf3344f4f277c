import { createRequire } from 'node:module';

// The years the `chinese-days` package has data for, read from its data file, so that tests of the
// holiday calendar follow the installed version instead of assuming where its data ends.
const require = createRequire(import.meta.url);
const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
const years = Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)));

/** The last year the package covers. */
export const packageLastYear = Math.max(...years);

/** The years in [from, to] the package does not cover, which the calendar must call provisional. */
export function uncoveredYears(from: number, to: number): number[] {
  const out: number[] = [];
  for (let y = from; y <= to; y++) if (y > packageLastYear) out.push(y);
  return out;
}

/** The package's holidays and make-up workdays of one year (days as YYYY-MM-DD). */
export function packageDays(year: number): { holidays: string[]; workdays: string[] } {
  const of = (m: Record<string, string>) => Object.keys(m).filter((d) => d.startsWith(`${year}-`));
  return { holidays: of(data.holidays), workdays: of(data.workdays) };
}
