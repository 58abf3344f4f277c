import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database, Db, DatabaseKind } from '../db/client.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dbKind: DatabaseKind;
    /** A consistent copy of the whole database, streamed (server/db/backup.ts). */
    backupDatabase: () => ReturnType<Database['backup']>;
  }
}

/** Decorates the app with the database the caller opened (and migrated); it stays the caller's to close. */
export default fp(
  async function database(app: FastifyInstance, opts: { database: Database }) {
    app.decorate('db', opts.database.db);
    app.decorate('dbKind', opts.database.kind);
    app.decorate('backupDatabase', () => opts.database.backup());
  },
  { name: 'database' },
);
