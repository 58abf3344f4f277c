import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';

// Backup and restore, one way each per database kind (README, "Backup and restore"):
// - Postgres: pg_dump's custom format (one snapshot, so edits running meanwhile are either in whole
//   or not at all), restored with pg_restore into an empty database;
// - embedded: PGlite's own dump of its data folder (gzipped tar), restored into an empty folder.

/** Why a backup or restore cannot go on, in a sentence an operator can act on. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Postgres tools print the URL's password nowhere if it is passed in the environment instead. */
function pgEnv(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
  u.password = '';
  return { args: ['--dbname', u.toString()], env };
}

/** Runs a Postgres tool; rejects with its standard error if it fails. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new BackupError(`${cmd} could not start (${e.message}); install the PostgreSQL client tools`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${cmd} failed (exit ${code}): ${err.trim()}`))));
    if (input) input.pipe(child.stdin!);
  });
}

/** pg_dump of the database at `url`, custom format, streamed; the stream errors if pg_dump fails. */
export function pgDump(url: string): Readable {
  const { args, env } = pgEnv(url);
  const out = new PassThrough();
  const child = spawn('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.pipe(out, { end: false });
  child.on('error', (e) => out.destroy(new BackupError(`pg_dump could not start (${e.message}); install the PostgreSQL client tools`)));
  child.on('close', (code) => (code === 0 ? out.end() : out.destroy(new BackupError(`pg_dump failed (exit ${code}): ${err.trim()}`))));
  return out;
}

/** Restores a pg_dump file into the (empty) database at `url`. */
export async function restorePostgres(url: string, file: string): Promise<void> {
  const { args, env } = pgEnv(url);
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', ...args], env, createReadStream(file));
}

/** Restores an embedded backup into `dataDir`, which must be empty or absent. */
export async function restoreEmbedded(dataDir: string, file: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new BackupError(`${dataDir} is not empty: restore into an empty folder (set ROVE_DATA_DIR to a new one)`);
  }
  const dump = new Blob([await readFile(file)]);
  const client = await PGlite.create(dataDir, { loadDataDir: dump, extensions: { btree_gist } });
  await client.close();
}
