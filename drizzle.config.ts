import { defineConfig } from 'drizzle-kit';

// Migrations are generated here and committed; the app applies them at start-up on both
// Postgres and the embedded PGlite (server/db/migrate.ts), never through drizzle-kit migrate.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema/index.ts',
  out: './server/db/migrations',
  casing: 'snake_case',
});
