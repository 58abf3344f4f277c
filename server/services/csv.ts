/**
 * One CSV cell, safe to open in a spreadsheet: a number stays a number; any text that Excel, WPS or
 * LibreOffice would read as a formula (a leading =, +, -, @, tab or carriage return, OWASP's list)
 * is prefixed with an apostrophe, whatever follows (`-1+1+cmd|…` is a formula too); a cell with a
 * separator, a quote or a line break is quoted.
 */
export function csvCell(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = v === null || v === undefined ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
