// Backup and restore from the command line (README, "Backup and restore"):
//   npm run backup -- rove.backup        a copy of the database Rove is configured for
//   npm run restore -- rove.backup       into an empty database (DATABASE_URL) or folder (ROVE_DATA_DIR)
// Postgres: pg_dump / pg_restore, while the server runs. Embedded: the folder serves one process, so
// beside a running server the backup is downloaded by the administrator (GET /api/admin/backup) and
// this refuses with that advice; a restore goes into a new, empty folder.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ConfigError, loadConfig } from '../config.js';
import { BackupError, restoreEmbedded, restorePostgres } from '../db/backup.js';
import { openDatabase } from '../db/client.js';
import { DatabaseInUseError } from '../db/embedded-lock.js';

async function main(command: string | undefined, file: string | undefined): Promise<string> {
  if ((command !== 'backup' && command !== 'restore') || !file) throw new BackupError('usage: backup FILE | restore FILE');
  const config = loadConfig();
  if (command === 'restore') {
    if (config.databaseUrl) await restorePostgres(config.databaseUrl, file);
    else await restoreEmbedded(config.dataDir, file);
    return `restored ${file} into ${config.databaseUrl ? 'the Postgres database (DATABASE_URL)' : config.dataDir}`;
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await pipeline(await database.backup(), createWriteStream(file));
  } finally {
    await database.close();
  }
  return `backup written to ${file}`;
}

main(process.argv[2], process.argv[3]).then(
  (line) => console.log(line),
  (err: unknown) => {
    if (err instanceof DatabaseInUseError) {
      console.error(`${err.message}\nWhile the server runs, the administrator downloads the backup from GET /api/admin/backup; or stop the server first.`);
      process.exitCode = 3;
    } else if (err instanceof BackupError || err instanceof ConfigError) {
      console.error(err.message);
      process.exitCode = 2;
    } else {
      console.error(err);
      process.exitCode = 1;
    }
  },
);
