import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { PoolBusyError, PoolTimeoutError, ThreadPool } from '../../jobs/pool.js';
import { DomainError } from '../errors.js';
import type { RawWorkbook } from '../services/onboarding-workbook.js';
import type { ImportFileTask, WorkbookRead } from '../services/import-file-thread.js';
import type { VenueFileCheck } from '../services/venue-import.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Parses and checks an uploaded venue file in a thread of its own, off the event loop (issue 14). */
    checkVenueFile(task: { text: string; format: 'csv' | 'geojson' }): Promise<VenueFileCheck>;
    /** Reads a region's workbook (.xlsx, base64) or its CSV sheets in that thread; an unreadable file is 400 IMPORT_FILE_INVALID. */
    readWorkbookFile(task: { base64: string } | { sheets: Partial<Record<string, string>> }): Promise<RawWorkbook>;
  }
}

export interface ImportFilesOptions {
  /** Time limit of reading one file, seconds (ROVE_IMPORT_SECONDS). */
  seconds: number;
}

/**
 * One thread for imported files: an import is rare, a coordinator's at a time; four may wait, the
 * fifth at once is refused as busy (503 IMPORT_BUSY). A file takes a few seconds at most, so the
 * default two minutes means the thread is stuck: it is replaced, and the file refused as
 * 503 IMPORT_TIMED_OUT with nothing imported.
 */
export default fp(
  async function importFiles(app: FastifyInstance, opts: ImportFilesOptions) {
    // Under tsx (tests, development) the thread is the TypeScript source; built, the compiled module.
    const ts = import.meta.url.endsWith('.ts');
    const source = new URL(ts ? '../services/import-file-thread.ts' : '../services/import-file-thread.js', import.meta.url);
    const pool = new ThreadPool<ImportFileTask, VenueFileCheck | WorkbookRead>(source, { size: 1, maxWaiting: 4, timeoutMs: opts.seconds * 1000 });
    const run = (task: ImportFileTask) =>
      pool.run(task).catch((err: unknown) => {
        if (err instanceof PoolBusyError) throw new DomainError('IMPORT_BUSY', { seconds: 10 });
        if (err instanceof PoolTimeoutError) throw new DomainError('IMPORT_TIMED_OUT', { seconds: err.ms / 1000 });
        throw err;
      });
    app.decorate('checkVenueFile', async (task: { text: string; format: 'csv' | 'geojson' }) => (await run({ kind: 'venues', ...task })) as VenueFileCheck);
    app.decorate('readWorkbookFile', async (task: { base64: string } | { sheets: Partial<Record<string, string>> }) => {
      const read = (await run('base64' in task ? { kind: 'workbook', base64: task.base64 } : { kind: 'sheets', sheets: task.sheets })) as WorkbookRead;
      if (!read.ok) throw new DomainError('IMPORT_FILE_INVALID', read.file);
      return read.workbook;
    });
    app.addHook('onClose', () => pool.close());
  },
  { name: 'import-files' },
);
