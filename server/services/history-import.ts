import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { recomputeLegs } from '../../jobs/planning/validate.js';
import { HistoryRow } from '../contract/timeline.js';
import type { Db, DbOrTx } from '../db/client.js';
import { audit } from '../db/queries/notifications.js';
import { publishedPlan } from '../db/queries/plans.js';
import { ensureTour } from '../db/queries/stops.js';
import * as t from '../db/schema/index.js';
import { DomainError, fromDatabaseError, LocalizedDomainError } from '../errors.js';
import { messageFor } from '../i18n/messages.js';
import type { Locale } from '../i18n/locale.js';
import { issueMessage } from './venue-import.js';

// Past stays entered as history are facts: each goes onto the region's timeline as a completed
// stay (with its visit report when the file gives attendance). They are checked for integrity —
// the venue, vehicle and set exist in the region, the days are in order and in the past, and no
// vehicle, set or venue is in two places at once (the database's own overlap constraints) — but
// never against today's planning rules (weekdays, holidays, school breaks, trip lengths).

type Row = z.infer<typeof HistoryRow>;
interface RawRow {
  line: number;
  values: Record<string, unknown>;
}
/** A bad field, as a code and parameters (worded at the edge) or a zod issue. */
interface RowError {
  line: number;
  field: string;
  issue?: z.core.$ZodIssue;
  code?: string;
  params?: Record<string, unknown>;
}

const MAX_ROWS = 20_000;

function csvRows(text: string): RawRow[] {
  try {
    const records = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, info: true, trim: true }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
    return records.map((r) => ({ line: r.info.lines, values: Object.fromEntries(Object.entries(r.record).filter(([, v]) => v !== '')) }));
  } catch (err) {
    throw new DomainError('IMPORT_FILE_INVALID', { reason: (err as Error).message.slice(0, 200) });
  }
}

/** The first sheet of a workbook, its first row the header; cells as text, dates as YYYY-MM-DD. */
async function xlsxRows(base64: string): Promise<RawRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch (err) {
    throw new DomainError('IMPORT_FILE_INVALID', { reason: (err as Error).message.slice(0, 200) });
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new DomainError('IMPORT_FILE_INVALID', { reason: 'the workbook has no sheet' });
  const header: string[] = [];
  sheet.getRow(1).eachCell((c, col) => (header[col] = String(c.text).trim()));
  const rows: RawRow[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values: Record<string, unknown> = {};
    row.eachCell((c, col) => {
      const key = header[col];
      if (!key) return;
      const v = c.value instanceof Date ? DateTime.fromJSDate(c.value, { zone: 'utc' }).toISODate() : String(c.text).trim();
      if (v) values[key] = v;
    });
    if (Object.keys(values).length) rows.push({ line: n, values });
  });
  return rows;
}

interface Catalogue {
  venues: (typeof t.venues.$inferSelect)[];
  vehicles: (typeof t.vehicles.$inferSelect)[];
  sets: (typeof t.exhibitSets.$inferSelect)[];
}

function byIdOr<T extends { id: number }>(rows: T[], key: string, ...names: ((r: T) => string | null)[]): T[] {
  if (/^\d+$/.test(key)) return rows.filter((r) => r.id === Number(key));
  return rows.filter((r) => names.some((n) => n(r) === key));
}

/** Resolves a checked row's references and days; pushes errors for what does not hold. */
function resolveRow(cat: Catalogue, r: Row, line: number, today: string, errors: RowError[]) {
  const venue = byIdOr(cat.venues, r.venue, (v) => v.name);
  const vehicle = byIdOr(cat.vehicles, r.vehicle, (v) => v.name, (v) => v.plate);
  const set = byIdOr(cat.sets, r.set, (s) => s.code);
  const bad = (field: string, code: string, params: Record<string, unknown> = {}) => errors.push({ line, field, code, params });
  if (venue.length !== 1) bad('venue', venue.length ? 'HISTORY_AMBIGUOUS' : 'HISTORY_UNKNOWN', { value: r.venue });
  if (vehicle.length !== 1) bad('vehicle', vehicle.length ? 'HISTORY_AMBIGUOUS' : 'HISTORY_UNKNOWN', { value: r.vehicle });
  if (set.length !== 1) bad('set', set.length ? 'HISTORY_AMBIGUOUS' : 'HISTORY_UNKNOWN', { value: r.set });
  if (r.endsOn >= today) bad('endsOn', 'HISTORY_NOT_PAST', { today });
  const s = set[0];
  const plus = (d: string, n: number) => DateTime.fromISO(d, { zone: 'utc' }).plus({ days: n }).toISODate()!;
  let opensOn = r.opensOn ?? (s ? plus(r.startsOn, s.setupDays) : r.startsOn);
  let closesOn = r.closesOn ?? (s ? plus(r.endsOn, -s.teardownDays) : r.endsOn);
  if (!r.opensOn && !r.closesOn && opensOn > closesOn) [opensOn, closesOn] = [r.startsOn, r.endsOn];
  if (!(r.startsOn <= opensOn && opensOn <= closesOn && closesOn <= r.endsOn)) bad(r.endsOn < r.startsOn ? 'endsOn' : 'opensOn', 'HISTORY_DAYS_OUT_OF_ORDER');
  if (venue.length !== 1 || vehicle.length !== 1 || !s || set.length !== 1) return undefined;
  return { venueId: venue[0]!.id, vehicleId: vehicle[0]!.id, exhibitSetId: s.id, startsOn: r.startsOn, opensOn, closesOn, endsOn: r.endsOn, attendance: r.attendance };
}

/** A history file's row errors in words. */
function rowErrors(errors: RowError[]) {
  const lines = new Set(errors.map((e) => e.line)).size;
  return new LocalizedDomainError('IMPORT_ROWS_INVALID', { count: lines }, (locale: Locale) => ({
    errors: errors.slice(0, 1000).map((e) => ({ line: e.line, field: e.field, message: e.issue ? issueMessage(e.issue, locale) : messageFor(e.code!, locale, e.params) })),
  }));
}

async function parseHistory(format: 'csv' | 'xlsx', content: string): Promise<{ rows: { line: number; row: Row }[]; errors: RowError[] }> {
  const raw = format === 'csv' ? csvRows(content) : await xlsxRows(content);
  if (raw.length === 0) throw new DomainError('IMPORT_FILE_INVALID', { reason: 'no rows' });
  if (raw.length > MAX_ROWS) throw new DomainError('IMPORT_FILE_INVALID', { reason: `more than ${MAX_ROWS} rows` });
  const rows: { line: number; row: Row }[] = [];
  const errors: RowError[] = [];
  for (const r of raw) {
    const parsed = HistoryRow.safeParse(r.values);
    if (parsed.success) rows.push({ line: r.line, row: parsed.data });
    else for (const issue of parsed.error.issues) errors.push({ line: r.line, field: issue.path.join('.') || '(row)', issue });
  }
  return { rows, errors };
}

/** The region's timeline, created (version 0, nothing published yet) if it has none. */
async function timelineOf(tx: DbOrTx, regionId: number, from: string, to: string, userId: number) {
  const existing = await publishedPlan(tx, regionId);
  if (existing) {
    const horizonStart = existing.horizonStart < from ? existing.horizonStart : from;
    // New stays change the plan: a new revision, so its ETag and a board's If-Match see them.
    await tx.update(t.plans).set({ horizonStart, revision: sql`${t.plans.revision} + 1` }).where(eq(t.plans.id, existing.id));
    return existing.id;
  }
  const [created] = await tx.insert(t.plans).values({ regionId, name: '', status: 'published', version: 0, horizonStart: from, horizonEnd: to, createdBy: userId }).returning({ id: t.plans.id });
  return created!.id;
}

/**
 * Imports past stays from a CSV or .xlsx file onto a region's timeline, all or nothing: any bad row
 * (a field, an unknown venue, vehicle or set, a day not in the past, or a clash with another stay)
 * imports nothing and is named by line and field.
 */
export async function importHistory(db: Db, regionId: number, file: { format: 'csv' | 'xlsx'; content: string }, actor: { userId: number; requestId: string }, today: string) {
  const { rows, errors } = await parseHistory(file.format, file.content);
  const cat: Catalogue = {
    venues: await db.select().from(t.venues).where(eq(t.venues.regionId, regionId)),
    vehicles: await db.select().from(t.vehicles).where(eq(t.vehicles.regionId, regionId)),
    sets: await db.select().from(t.exhibitSets).where(eq(t.exhibitSets.regionId, regionId)),
  };
  const stays = rows.map(({ line, row }) => ({ line, stay: resolveRow(cat, row, line, today, errors) }));
  if (errors.length) throw rowErrors(errors);
  const from = stays.reduce((m, s) => (s.stay!.startsOn < m ? s.stay!.startsOn : m), today);
  return db.transaction(async (tx) => {
    const planId = await timelineOf(tx, regionId, from, today, actor.userId);
    for (const { line, stay } of stays) {
      const { attendance, ...place } = stay!;
      try {
        // A savepoint per row, so a clash is reported with its line rather than ending the import.
        await tx.transaction(async (sp) => {
          const tourId = await ensureTour(sp, planId, place.vehicleId);
          const [row] = await sp.insert(t.stops).values({ ...place, planId, tourId, seq: 0, status: 'completed', pinned: true }).returning({ id: t.stops.id });
          if (attendance !== undefined) await sp.insert(t.visitReports).values({ stopId: row!.id, attendance, activities: 1, reportedBy: actor.userId });
        });
      } catch (err) {
        const known = fromDatabaseError(err);
        if (!known) throw err;
        errors.push({ line, field: 'startsOn', code: known.code, params: known.params });
      }
    }
    if (errors.length) throw rowErrors(errors);
    await recomputeLegs(tx, planId, [...new Set(stays.map((s) => s.stay!.vehicleId))]);
    await audit(tx, { actorUserId: actor.userId, action: 'history.import', entity: 'plan', entityId: planId, after: { stays: stays.length, from, format: file.format }, requestId: actor.requestId });
    return { imported: stays.length, planId };
  });
}
