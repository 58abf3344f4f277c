import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ThreadPool } from '../../jobs/pool.js';
import type { VenueFileTask } from '../services/venue-file-thread.js';
import type { VenueFileCheck } from '../services/venue-import.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Parses and checks an uploaded venue file in a thread of its own, off the event loop (issue 14). */
    checkVenueFile(task: VenueFileTask): Promise<VenueFileCheck>;
  }
}

/**
 * One thread for venue files: an import is rare, a coordinator's at a time; four may wait, the fifth
 * is refused as busy. A file takes about a second at most, so a minute means the thread is stuck.
 */
export default fp(
  async function venueFiles(app: FastifyInstance) {
    // Under tsx (tests, development) the thread is the TypeScript source; built, the compiled module.
    const ts = import.meta.url.endsWith('.ts');
    const source = new URL(ts ? '../services/venue-file-thread.ts' : '../services/venue-file-thread.js', import.meta.url);
    const pool = new ThreadPool<VenueFileTask, VenueFileCheck>(source, { size: 1, maxWaiting: 4, timeoutMs: 60_000 });
    app.decorate('checkVenueFile', (task: VenueFileTask) => pool.run(task));
    app.addHook('onClose', () => pool.close());
  },
  { name: 'venue-files' },
);
