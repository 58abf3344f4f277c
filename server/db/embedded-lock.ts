import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

// The embedded database serves one process: PGlite keeps the database in the process's memory and
// writes it back to the folder, so a second process opening the same folder works on its own copy
// and one of the two loses its writes (issue 11: `npm run user:create` beside a running server said
// "created" and the account never existed). A lock file in the folder keeps a second opener out.

/** The lock file's name inside ROVE_DATA_DIR. */
export const LOCK_FILE = 'rove.lock';

/** The embedded database's folder is open in another live process. */
export class DatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Rove process (pid ${pid}), most likely the running server; ` +
        'it serves one process at a time, so nothing was changed. Stop that process and run the command again, or, ' +
        'with the server running, open accounts in the app as an administrator or coordinator (POST /api/users, POST /api/admin/regions).',
    );
    this.name = 'DatabaseInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder's lock for this process, or throws DatabaseInUseError if a live process holds
 * it. A lock left by a process that died is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) throw new DatabaseInUseError(dataDir, holder);
      // A stale lock (its process is gone, or the file is empty): remove it and try again.
      try {
        unlinkSync(file);
      } catch {
        // Someone else removed it first.
      }
    }
  }
  throw new Error(`could not lock the embedded database in ${dataDir}`);
}
