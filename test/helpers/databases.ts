import postgres from 'postgres';
import { openDatabase, type Database, type DatabaseKind } from '../../server/db/client.js';

/** The Postgres server tests create their throwaway databases on (trust auth on loopback). */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Both database kinds Rove runs on; suites that touch the database run once per kind. */
export const databaseKinds: DatabaseKind[] = ['postgres', 'embedded'];

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates an empty Postgres database with a unique name; returns its URL and a drop function. */
export async function createScratchPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `rove_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  return {
    url: withDatabase(TEST_PG_ADMIN_URL, name),
    drop: async () => {
      const a = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

export interface TestDatabase extends Database {
  /** Closes the connection and drops the scratch database. */
  dispose(): Promise<void>;
}

/** A migrated, empty database of the given kind: a scratch Postgres database or in-memory PGlite. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'postgres') {
    const scratch = await createScratchPostgres();
    const database = await openDatabase({ databaseUrl: scratch.url });
    await database.migrate();
    return {
      ...database,
      dispose: async () => {
        await database.close();
        await scratch.drop();
      },
    };
  }
  const database = await openDatabase({ dataDir: 'memory' });
  await database.migrate();
  return { ...database, dispose: () => database.close() };
}
