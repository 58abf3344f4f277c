import { Readable, pipeline } from 'node:stream';
import { stringify, type Options } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';

// The one writer of every spreadsheet cell Rove exports (CSV and Excel alike). A spreadsheet runs
// any cell that reads as a formula: OWASP's list of leading characters is = + - @ tab and carriage
// return, and what follows does not matter (`-1+1+cmd|' /C calc'!A0` is a formula too). Such a text
// gets a leading apostrophe, unless the whole text is a plain number ("-12.5" stays "-12.5").

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** A text cell made safe to open in Excel, WPS or LibreOffice. */
export function safeText(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/** A cell value for a spreadsheet: numbers stay numbers (non-finite ones empty), text is made safe, nothing is empty. */
export function safeCell(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v instanceof Date) return v.toISOString();
  return safeText(typeof v === 'object' ? JSON.stringify(v) : String(v));
}

const options: Options = {
  bom: true,
  record_delimiter: '\r\n',
  cast: {
    string: (v) => safeText(v),
    number: (v) => (Number.isFinite(v) ? String(v) : ''),
    boolean: (v) => (v ? 'true' : 'false'),
    date: (v) => v.toISOString(),
    object: (v) => safeText(JSON.stringify(v)),
  },
};

/** Rows as CSV text: UTF-8 with a BOM (so Excel reads the Chinese), CRLF line ends, every cell safe. */
export function csvText(rows: unknown[][]): string {
  return stringifySync(rows, options);
}

/** Rows as a CSV stream, written as they come (a large plan is never one string in memory). */
export function csvStream(rows: AsyncIterable<unknown[]> | Iterable<unknown[]>): Readable {
  const out = stringify(options);
  pipeline(Readable.from(rows, { objectMode: true }), out, (err) => err && out.destroy(err));
  return out;
}
