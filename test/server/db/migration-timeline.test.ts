import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type DatabaseKind } from '../../../server/db/client.js';
import { createScratchPostgres, databaseKinds } from '../../helpers/databases.js';

// Migration 0004 on a database that holds the old model's data: a region whose publish replaced
// the whole plan, leaving a done stay and two visit reports behind in the superseded version.

const migrations = fileURLToPath(new URL('../../../server/db/migrations', import.meta.url));

/** A migrations folder holding only the first `n` migrations (the model before the timeline). */
function firstMigrations(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'rove-migrations-'));
  mkdirSync(join(dir, 'meta'));
  const journal = JSON.parse(readFileSync(join(migrations, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, n);
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) copyFileSync(join(migrations, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  return dir;
}

/** Rows of a raw query: postgres.js answers an array, PGlite an object with `rows`. */
function rowsOf(result: unknown): unknown[] {
  return Array.isArray(result) ? [...result] : (result as { rows: unknown[] }).rows;
}

async function openAt(kind: DatabaseKind, folder: string): Promise<{ database: Database; migrateAll: () => Promise<void>; dispose: () => Promise<void> }> {
  if (kind === 'embedded') {
    const database = await openDatabase({ dataDir: 'memory' });
    const db = database.db as unknown as Parameters<typeof migratePglite>[0];
    await migratePglite(db, { migrationsFolder: folder });
    return { database, migrateAll: () => database.migrate(), dispose: () => database.close() };
  }
  const scratch = await createScratchPostgres();
  const database = await openDatabase({ databaseUrl: scratch.url });
  await migratePostgres(database.db as unknown as Parameters<typeof migratePostgres>[0], { migrationsFolder: folder });
  return { database, migrateAll: () => database.migrate(), dispose: async () => (await database.close(), await scratch.drop()) };
}

describe.each(databaseKinds)('the timeline migration on old data (%s)', (kind) => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => dispose?.());

  it('brings facts left in superseded plans back onto the timeline with their reports, and guards them from then on', async () => {
    const at = await openAt(kind, firstMigrations(3));
    dispose = at.dispose;
    const q = (text: string) => at.database.db.execute(sql.raw(text));
    await q(`insert into regions (code, name_zh, name_en) values ('52', '贵州', 'Guizhou')`);
    await q(`insert into centres (region_id, name, kind, county_code, lng, lat) values (1, '中心', 'provincial', '520102', 106.7, 26.5)`);
    await q(`insert into venues (region_id, county_code, county_name, name, kind, lng, lat, floor_area_m_2, power_kw) values (1, '520102', '县', '展点', 'county_museum', 106.7, 26.5, 800, 50), (1, '520103', '县二', '展点二', 'county_museum', 106.8, 26.5, 800, 50)`);
    await q(`insert into exhibit_sets (region_id, home_centre_id, code, name, theme, kind, footprint_m_2, power_kw, exhibit_count, setup_days, teardown_days, min_stay_days, max_stay_days) values (1, 1, 'RM-01', '套组', '主题', 'roving_museum', 500, 30, 40, 3, 2, 14, 60)`);
    await q(`insert into vehicles (region_id, home_centre_id, name, type) values (1, 1, '车1', 'set_truck')`);
    // Version 1: a done stay with its report (A) and a stay under way (B, also reported).
    await q(`insert into plans (region_id, status, version, horizon_start, horizon_end) values (1, 'superseded', 1, '2026-01-01', '2026-12-31')`);
    await q(`insert into tours (plan_id, vehicle_id) values (1, 1)`);
    await q(`insert into stops (plan_id, tour_id, seq, vehicle_id, exhibit_set_id, venue_id, starts_on, opens_on, closes_on, ends_on, status)
             values (1, 1, 1, 1, 1, 1, '2026-03-02', '2026-03-05', '2026-04-20', '2026-04-22', 'completed'),
                    (1, 1, 2, 1, 1, 2, '2026-10-05', '2026-10-08', '2026-12-20', '2026-12-22', 'arrived')`);
    await q(`insert into visit_reports (stop_id, attendance) values (1, 31000), (2, 12000)`);
    // Version 2 replaced it whole: A is gone, a planned stay (C) took its days, and B's copy lost its status.
    await q(`insert into plans (region_id, status, version, horizon_start, horizon_end) values (1, 'published', 2, '2026-03-01', '2027-12-31')`);
    await q(`insert into tours (plan_id, vehicle_id) values (2, 1)`);
    await q(`insert into stops (plan_id, tour_id, seq, vehicle_id, exhibit_set_id, venue_id, starts_on, opens_on, closes_on, ends_on, status)
             values (2, 2, 1, 1, 1, 2, '2026-03-09', '2026-03-12', '2026-04-01', '2026-04-03', 'planned'),
                    (2, 2, 2, 1, 1, 2, '2026-10-05', '2026-10-08', '2026-12-20', '2026-12-22', 'planned')`);

    await at.migrateAll();

    expect(rowsOf(await q(`select id, plan_id, status, cancel_reason->>'code' as why from stops order by id`))).toEqual([
      { id: 1, plan_id: 2, status: 'completed', why: null }, // A, back on the timeline under its own id
      { id: 2, plan_id: 1, status: 'arrived', why: null }, // B's old row stays in the archive…
      { id: 3, plan_id: 2, status: 'cancelled', why: 'DISPLACED_BY_FACT' }, // C gave way to A
      { id: 4, plan_id: 2, status: 'arrived', why: null }, // …and its copy on the timeline carries the fact
    ]);
    expect(rowsOf(await q(`select id, stop_id, attendance from visit_reports order by id`))).toEqual([
      { id: 1, stop_id: 1, attendance: 31000 },
      { id: 2, stop_id: 4, attendance: 12000 },
    ]);
    // From now on the database guards them.
    await expect(q(`delete from stops where id = 1`)).rejects.toThrow();
    await expect(q(`delete from visit_reports where id = 2`)).rejects.toThrow();
  });
});
