import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { Readable } from 'node:stream';
import { pgDump } from './backup.js';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { lockDataDir } from './embedded-lock.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** A database handle or an open transaction: what every query function takes. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export type DatabaseKind = 'postgres' | 'embedded';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Applies the committed migrations; safe to call from several processes at once on Postgres. */
  migrate(): Promise<void>;
  /**
   * A consistent copy of the whole database while it is in use (server/db/backup.ts): pg_dump's
   * custom format on Postgres, the embedded database's own gzipped data folder on PGlite.
   */
  backup(): Promise<Readable>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
// Any constant serves; it only keeps two processes from migrating the same Postgres at once.
const MIGRATION_LOCK = 7_020_452;

/** Opens Postgres when a URL is given, else the embedded PGlite database in `dataDir` (or in memory). */
export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir?: string | 'memory' }): Promise<Database> {
  if (opts.databaseUrl) {
    const client = postgres(opts.databaseUrl, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres({ client, schema, casing: 'snake_case' });
    return {
      db: db as unknown as Db,
      kind: 'postgres',
      async migrate() {
        // A dedicated connection holds the advisory lock for the whole migration.
        const lockClient = postgres(opts.databaseUrl!, { max: 1, onnotice: () => {} });
        try {
          await lockClient`select pg_advisory_lock(${MIGRATION_LOCK})`;
          await migratePostgres(drizzlePostgres({ client: lockClient, casing: 'snake_case' }), { migrationsFolder });
          await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK})`;
        } finally {
          await lockClient.end();
        }
      },
      backup: async () => pgDump(opts.databaseUrl!),
      close: () => client.end(),
    };
  }
  const dir = opts.dataDir ?? 'memory';
  if (dir !== 'memory') mkdirSync(dir, { recursive: true });
  // One process at a time: a second one would work on its own copy and lose writes (embedded-lock.ts).
  const release = dir === 'memory' ? () => {} : lockDataDir(dir);
  const client = await PGlite.create(dir === 'memory' ? undefined : dir, { extensions: { btree_gist } }).catch((err: unknown) => {
    release();
    throw err;
  });
  const db = drizzlePglite({ client, schema, casing: 'snake_case' });
  return {
    db: db as unknown as Db,
    kind: 'embedded',
    migrate: () => migratePglite(db, { migrationsFolder }),
    // Between two queries (PGlite runs one at a time): committed writes are in, a transaction
    // still open is not, as after a crash.
    backup: async () => Readable.from(Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer())),
    close: async () => {
      await client.close();
      release();
    },
  };
}

/** True when the database answers a trivial query. */
export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
