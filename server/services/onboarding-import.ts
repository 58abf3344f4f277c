import { eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { DbOrTx } from '../db/client.js';
import * as t from '../db/schema/index.js';
import { fromDatabaseError, LocalizedDomainError } from '../errors.js';
import type { Locale } from '../i18n/locale.js';
import { messageFor } from '../i18n/messages.js';
import { ROW_SCHEMAS, SHEETS, SHEET_NAMES, type RawWorkbook, type SheetName, type SheetRow } from './onboarding-workbook.js';
import { issueMessage } from './venue-import.js';

// The machinery of applying an onboarding workbook (the sheets themselves: onboarding-sheets.ts) to a region in one transaction: every sheet's rows are created or
// updated by code (a host by username), rows that equal what is stored are left alone, and any bad
// cell or reference anywhere rolls everything back. A dry run does the same and always rolls back,
// so what it reports is exactly what the import would do.

/** One refused cell, worded in the caller's language. */
export interface ImportError {
  sheet: SheetName;
  row: number;
  field: string;
  message: string;
}
export interface SheetCounts {
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
}
export interface ImportResult {
  dryRun: boolean;
  ok: boolean;
  sheets: Record<SheetName, SheetCounts>;
  errors: ImportError[];
}

export type Parsed<S extends SheetName> = { row: number; data: SheetRow<S> }[];

/** Thrown to end the import's transaction without writing (a dry run, or any refusal). */
export class Rollback extends Error {}

/** Equal as stored: numbers, text, arrays and JSON compared by value. */
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export class Import {
  readonly counts = Object.fromEntries(SHEETS.map((s) => [s, { created: 0, updated: 0, unchanged: 0, refused: 0 }])) as Record<SheetName, SheetCounts>;
  readonly errors: ImportError[] = [];
  private readonly refusedRows = new Set<string>();
  /** What became of each code-keyed row, by `sheet:code`. */
  readonly status = new Map<string, 'created' | 'updated' | 'unchanged'>();
  readonly ids = { centres: new Map<string, number>(), venues: new Map<string, number>(), sets: new Map<string, number>(), vehicles: new Map<string, number>() };

  constructor(
    readonly tx: DbOrTx,
    readonly regionId: number,
    readonly locale: Locale,
  ) {}

  refuse(sheet: SheetName, row: number, field: string, message: string) {
    this.errors.push({ sheet, row, field, message });
    const key = `${sheet}:${row}`;
    if (!this.refusedRows.has(key)) {
      this.refusedRows.add(key);
      this.counts[sheet].refused++;
    }
  }

  refuseCode(sheet: SheetName, row: number, field: string, code: string, params: Record<string, unknown>) {
    this.refuse(sheet, row, field, messageFor(code, this.locale, params));
  }

  /** The id of a code, from this workbook or the region's catalogue; a refusal when neither knows it. */
  ref(kind: keyof Import['ids'], code: string, at: { sheet: SheetName; row: number; field: string }): number | undefined {
    const id = this.ids[kind].get(code);
    if (id === undefined) this.refuseCode(at.sheet, at.row, at.field, 'WORKBOOK_UNKNOWN_CODE', { value: code, sheet: this.locale === 'zh-CN' ? SHEET_NAMES[kind].zh : SHEET_NAMES[kind].en });
    return id;
  }

  /** Runs a write in a savepoint: null, or the database's refusal (the import's transaction goes on). */
  async attempt(write: (sp: DbOrTx) => Promise<unknown>) {
    try {
      await this.tx.transaction(async (sp) => {
        await write(sp);
      });
      return null;
    } catch (err) {
      const known = fromDatabaseError(err);
      if (!known) throw err;
      return known;
    }
  }

  /** A write in a savepoint; a database refusal becomes the row's error instead of ending the import. */
  async guarded(sheet: SheetName, row: number, write: (sp: DbOrTx) => Promise<unknown>): Promise<boolean> {
    const refused = await this.attempt(write);
    if (refused) this.refuseCode(sheet, row, String(refused.params.constraint ?? '(row)'), refused.code, refused.params);
    return refused === null;
  }

  /**
   * Creates or updates a sheet's rows by code in a table with (region_id, code): a stored row equal
   * to the workbook's is left alone. Returns the ids by code (stored rows included).
   */
  async upsert(sheet: SheetName, table: PgTable & { id: unknown; code: unknown; regionId: unknown }, rows: { row: number; code: string; values: Record<string, unknown> }[]) {
    const tbl = table as unknown as typeof t.centres;
    const stored = await this.tx.select().from(tbl).where(eq(tbl.regionId, this.regionId));
    const byCode = new Map(stored.filter((r) => r.code !== null).map((r) => [r.code!, r as Record<string, unknown>]));
    const ids = new Map<string, number>(stored.filter((r) => r.code !== null).map((r) => [r.code!, r.id]));
    const firstRow = new Map<string, number>();
    const fresh: { row: number; code: string; values: Record<string, unknown> }[] = [];
    for (const r of rows) {
      if (firstRow.has(r.code)) {
        this.refuseCode(sheet, r.row, 'code', 'WORKBOOK_DUPLICATE_CODE', { value: r.code, first: firstRow.get(r.code) });
        continue;
      }
      firstRow.set(r.code, r.row);
      const old = byCode.get(r.code);
      if (!old) {
        fresh.push(r);
        continue;
      }
      const patch = Object.fromEntries(Object.entries(r.values).filter(([k, v]) => !same(old[k], v)));
      if (Object.keys(patch).length === 0) {
        this.counts[sheet].unchanged++;
        this.status.set(`${sheet}:${r.code}`, 'unchanged');
      } else if (await this.guarded(sheet, r.row, (sp) => sp.update(tbl).set(patch).where(eq(tbl.id, old.id as number)))) {
        this.counts[sheet].updated++;
        this.status.set(`${sheet}:${r.code}`, 'updated');
      }
    }
    await this.insertMany(sheet, tbl, fresh, ids);
    return ids;
  }

  private async insertMany(sheet: SheetName, tbl: typeof t.centres, fresh: { row: number; code: string; values: Record<string, unknown> }[], ids: Map<string, number>) {
    const values = (r: (typeof fresh)[number]) => ({ ...r.values, code: r.code, regionId: this.regionId }) as typeof t.centres.$inferInsert;
    for (let i = 0; i < fresh.length; i += 500) {
      const chunk = fresh.slice(i, i + 500);
      let made: { id: number; code: string | null }[] = [];
      const refused = await this.attempt(async (sp) => {
        made = await sp.insert(tbl).values(chunk.map(values)).returning({ id: tbl.id, code: tbl.code });
      });
      if (!refused) {
        for (const m of made) ids.set(m.code!, m.id);
        this.counts[sheet].created += made.length;
        continue;
      }
      // Some row of the chunk is refused: write them one by one to name it.
      for (const r of chunk) {
        await this.guarded(sheet, r.row, async (sp) => {
          const [m] = await sp.insert(tbl).values(values(r)).returning({ id: tbl.id });
          ids.set(r.code, m!.id);
          this.counts[sheet].created++;
        });
      }
    }
  }
}

/** Checks every row of every sheet against its schema; returns the rows that hold. */
export function parseAll(imp: Import, wb: RawWorkbook) {
  const parsed = {} as { [S in SheetName]: Parsed<S> };
  for (const sheet of SHEETS) {
    const schema = ROW_SCHEMAS[sheet] as z.ZodType;
    const out: { row: number; data: unknown }[] = [];
    for (const raw of wb[sheet] ?? []) {
      const r = schema.safeParse(raw.values);
      if (r.success) out.push({ row: raw.row, data: r.data });
      else for (const issue of r.error.issues) imp.refuse(sheet, raw.row, issue.path.join('.') || '(row)', issueMessage(issue, imp.locale));
    }
    (parsed as Record<string, unknown>)[sheet] = out;
  }
  return parsed;
}


/** The whole import refused, with every error by sheet, row and field. */
export function workbookErrors(result: ImportResult): LocalizedDomainError {
  return new LocalizedDomainError('WORKBOOK_ROWS_INVALID', { count: new Set(result.errors.map((e) => `${e.sheet}:${e.row}`)).size }, () => ({ errors: result.errors.slice(0, 2000), sheets: result.sheets }));
}

