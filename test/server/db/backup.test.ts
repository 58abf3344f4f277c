import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../../jobs/runtime.js';
import { buildApp } from '../../../server/app.js';
import { restoreEmbedded, restorePostgres } from '../../../server/db/backup.js';
import { openDatabase, type Database, type Db } from '../../../server/db/client.js';
import * as t from '../../../server/db/schema/index.js';
import { userWithSession, type SessionHeaders } from '../../helpers/accounts.js';
import { addDays, testClock } from '../../helpers/clock.js';
import { createScratchPostgres, databaseKinds, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import { tenant, tenantDays, type Tenant } from '../../helpers/tenants.js';

/** One digest per table (public and drizzle's migrations): equal digests, equal data. */
async function fingerprint(db: Db): Promise<Record<string, string>> {
  const tables = (await db.execute(
    sql`select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`,
  )) as unknown as { rows?: { name: string }[] } | { name: string }[];
  const names = (Array.isArray(tables) ? tables : tables.rows!).map((r) => r.name);
  const out: Record<string, string> = {};
  for (const name of names) {
    const res = (await db.execute(sql.raw(`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as d from ${name} x`))) as unknown as
      | { rows?: { d: string }[] }
      | { d: string }[];
    out[name] = (Array.isArray(res) ? res : res.rows!)[0]!.d;
  }
  return out;
}

describe.each(databaseKinds)('backup and restore on %s', (kind) => {
  let source: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: SessionHeaders;
  let ten: Tenant;
  const dir = mkdtempSync(join(tmpdir(), 'rove-backup-'));
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    source = await openTestDatabase(kind);
    ten = await tenant(source.db, kind === 'postgres' ? '74' : '75');
    app = await buildApp({ config: { webDir: '/nonexistent' }, database: source, jobs: inProcessRuntime(), clock: testClock() });
    const a = await userWithSession(source.db, []);
    await source.db.update(t.users).set({ administrator: true }).where(eq(t.users.id, a.userId));
    admin = a.headers;
  });
  afterAll(async () => {
    await app?.close();
    for (const c of cleanups.reverse()) await c();
    await source?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Downloads a backup as the administrator and restores it into a new, empty database. */
  async function backupAndRestore(name: string): Promise<Database> {
    const res = await app.inject({ url: '/api/admin/backup', headers: admin });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="rove-\d+\.(pgdump|tar\.gz)"/);
    const file = join(dir, name);
    writeFileSync(file, res.rawPayload);
    if (kind === 'postgres') {
      const scratch = await createScratchPostgres();
      await restorePostgres(scratch.url, file);
      const restored = await openDatabase({ databaseUrl: scratch.url });
      cleanups.push(async () => {
        await restored.close();
        await scratch.drop();
      });
      return restored;
    }
    const dataDir = join(dir, `${name}-data`);
    await restoreEmbedded(dataDir, file);
    const restored = await openDatabase({ dataDir });
    cleanups.push(() => restored.close());
    return restored;
  }

  it('holds every write committed before a backup taken while edits run, and nothing half-done', async () => {
    const committed: number[] = [];
    let writing = true;
    const { year } = tenantDays();
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        // Each edit is two rows in one transaction: a blackout and its audit entry.
        const day = addDays(`${year}-08-01`, i % 120);
        const id = await source.db.transaction(async (tx) => {
          const [b] = await tx.insert(t.venueBlackouts).values({ venueId: ten.venues[1]!.id, startsOn: day, endsOn: day, reason: `edit ${i}` }).returning();
          await tx.insert(t.auditLog).values({ actorUserId: null, action: 'blackout.create', entity: 'venue_blackout', entityId: String(b!.id) });
          return b!.id;
        });
        committed.push(id);
        // Edits arrive as requests do, one turn of the event loop each (embedded queries resolve
        // without one, and a tight loop would starve the backup's request).
        await new Promise((r) => setImmediate(r));
      }
    })();
    let failed: unknown;
    writer.catch((err: unknown) => (failed = err));
    while (committed.length < 5 && !failed) await new Promise((r) => setTimeout(r, 10));
    expect(failed).toBeUndefined();
    const before = [...committed];
    const restored = await backupAndRestore('during-edits');
    writing = false;
    await writer;

    const rows = await restored.db.select().from(t.venueBlackouts).where(eq(t.venueBlackouts.venueId, ten.venues[1]!.id));
    const ids = new Set(rows.map((r) => r.id));
    for (const id of before) expect(ids.has(id), `blackout ${id} committed before the backup`).toBe(true);
    // Every blackout restored has its audit entry: no transaction was cut in half.
    const audits = await restored.db.select().from(t.auditLog).where(eq(t.auditLog.entity, 'venue_blackout'));
    expect(new Set(audits.map((a) => Number(a.entityId)))).toEqual(ids);
  }, 120_000);

  it('restores into an empty database the same data, table by table, once the edits have stopped', async () => {
    const restored = await backupAndRestore('quiet');
    // Taken once the download is done: the download's own audit entry is written before the copy.
    const want = await fingerprint(source.db);
    expect(await fingerprint(restored.db)).toEqual(want);
    expect(Object.keys(want).length).toBeGreaterThan(20);
  }, 120_000);

  it('lets only the administrator download a backup', async () => {
    const res = await app.inject({ url: '/api/admin/backup', headers: ten.users.coordinator.headers });
    expect(res.statusCode).toBe(403);
  });
});
