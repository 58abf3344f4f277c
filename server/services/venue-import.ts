import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { VenueImportRow } from '../contract/catalogue.js';
import { DomainError, LocalizedDomainError } from '../errors.js';
import type { Locale } from '../i18n/locale.js';

type Row = z.infer<typeof VenueImportRow>;
interface RawRow {
  line: number;
  values: Record<string, unknown>;
}
export interface RowError {
  line: number;
  field: string;
  issue: z.core.$ZodIssue;
}

const NUMBER_FIELDS = new Set(['lng', 'lat', 'floorAreaM2', 'powerKw']);

/** CSV cells are text: numbers and weekday lists are converted; empty cells count as absent. */
function fromCsvCells(rec: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(rec)) {
    const v = raw.trim();
    if (v === '') continue;
    if (NUMBER_FIELDS.has(k)) out[k] = Number.isFinite(Number(v)) ? Number(v) : v;
    else if (k === 'openWeekdays') out[k] = v.split(/[;,\s]+/).filter(Boolean).map((d) => (/^\d+$/.test(d) ? Number(d) : d));
    else out[k] = v;
  }
  return out;
}

function csvRows(text: string): RawRow[] {
  try {
    const records = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, info: true, relax_column_count: false }) as Array<{
      record: Record<string, string>;
      info: { lines: number };
    }>;
    return records.map((r) => ({ line: r.info.lines, values: fromCsvCells(r.record) }));
  } catch (err) {
    throw new DomainError('IMPORT_FILE_INVALID', { reason: (err as Error).message.slice(0, 200) });
  }
}

function geojsonRows(text: string): RawRow[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new DomainError('IMPORT_FILE_INVALID', { reason: (err as Error).message.slice(0, 200) });
  }
  const fc = doc as { type?: unknown; features?: unknown };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new DomainError('IMPORT_FILE_INVALID', { reason: 'not a GeoJSON FeatureCollection' });
  }
  return fc.features.map((f: unknown, i: number) => {
    const feature = (f ?? {}) as { geometry?: { type?: unknown; coordinates?: unknown }; properties?: unknown };
    const props = typeof feature.properties === 'object' && feature.properties ? (feature.properties as Record<string, unknown>) : {};
    const coords = feature.geometry?.type === 'Point' && Array.isArray(feature.geometry.coordinates) ? feature.geometry.coordinates : [];
    return { line: i + 1, values: { ...props, lng: coords[0], lat: coords[1] } };
  });
}

/**
 * What checking a venue file found: every row valid, the file unreadable, or the bad fields. Plain
 * data, so a thread can check a large file and hand the answer back (server/services/import-file-thread.ts).
 */
export type VenueFileCheck = { ok: true; rows: Row[] } | { ok: false; file: { reason: string } } | { ok: false; errors: RowError[] };

/** Parses a venue file (CSV with a header row, or a GeoJSON FeatureCollection of points) and checks every row. */
export function checkVenueFile(text: string, format: 'csv' | 'geojson'): VenueFileCheck {
  let raw: RawRow[];
  try {
    raw = format === 'csv' ? csvRows(text) : geojsonRows(text);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'IMPORT_FILE_INVALID') return { ok: false, file: { reason: String(err.params.reason) } };
    throw err;
  }
  if (raw.length === 0) return { ok: false, file: { reason: 'no rows' } };
  if (raw.length > 20_000) return { ok: false, file: { reason: 'more than 20000 rows' } };
  const rows: Row[] = [];
  const errors: RowError[] = [];
  for (const r of raw) {
    const parsed = VenueImportRow.safeParse(r.values);
    if (parsed.success) rows.push(parsed.data);
    // The issue's own fields only (what issueMessage reads): no schema objects cross a thread.
    else for (const issue of parsed.error.issues) errors.push({ line: r.line, field: issue.path.join('.') || '(row)', issue: { ...issue, path: [...issue.path] } });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/**
 * The rows of a checked venue file. Any row bad: an IMPORT_ROWS_INVALID error listing each bad field
 * with its line, and nothing to import; an unreadable file: IMPORT_FILE_INVALID.
 */
export function venueFileRows(check: VenueFileCheck): Row[] {
  if (check.ok) return check.rows;
  if ('file' in check) throw new DomainError('IMPORT_FILE_INVALID', check.file);
  const { errors } = check;
  const lines = new Set(errors.map((e) => e.line)).size;
  throw new LocalizedDomainError('IMPORT_ROWS_INVALID', { count: lines }, (locale) => ({
    errors: errors.slice(0, 1000).map((e) => ({ line: e.line, field: e.field, message: issueMessage(e.issue, locale) })),
  }));
}

/** A field error in words a coordinator understands. */
export function issueMessage(issue: z.core.$ZodIssue, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? zh ? '必填，不能为空' : 'required'
        : zh ? `类型不正确（应为${issue.expected === 'number' ? '数字' : issue.expected === 'string' ? '文本' : issue.expected}）` : `should be a ${issue.expected}`;
    case 'too_small':
      return zh ? `不能小于 ${String(issue.minimum)}` : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return zh ? `不能大于 ${String(issue.maximum)}` : `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return zh ? `取值无效，可选：${issue.values.join('、')}` : `must be one of: ${issue.values.join(', ')}`;
    case 'invalid_format':
      return zh ? `格式不正确（${issue.message}）` : `wrong format (${issue.message})`;
    default:
      return issue.message;
  }
}
