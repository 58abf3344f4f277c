// API latencies on the Guizhou demo (about 450 past and confirmed stays in the published plan):
// sign-in, itinerary, a checked edit, fifty concurrent edits, exports, a year's report, a feed.
// Runs against a scratch database on the local Postgres (TEST_PG_ADMIN_URL), or PGlite with --embedded.
//   npm run bench:api [-- --embedded]
import { performance } from 'node:perf_hooks';
import { and, eq, gt, inArray } from 'drizzle-orm';
import { buildApp } from '../server/app.js';
import { systemClock } from '../server/clock.js';
import { createSession } from '../server/db/queries/accounts.js';
import { openDatabase } from '../server/db/client.js';
import * as t from '../server/db/schema/index.js';
import { seedDemoIfEmpty } from '../server/demo/seed.js';
import { inProcessRuntime } from '../jobs/runtime.js';
import { createScratchPostgres } from '../test/helpers/databases.js';

const embedded = process.argv.includes('--embedded');
const scratch = embedded ? undefined : await createScratchPostgres();
const database = await openDatabase(scratch ? { databaseUrl: scratch.url } : { dataDir: 'memory' });
await database.migrate();
const rows: [string, string][] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

let t0 = performance.now();
await seedDemoIfEmpty(database.db, { today: '2026-11-29' });
rows.push(['seed demo (3 argon2id hashes, 29 accounts)', ms(performance.now() - t0)]);
const app = await buildApp({ config: { webDir: '/nonexistent', loginAttemptsPerMinute: 10_000 }, database, jobs: inProcessRuntime() });
const db = database.db;
const [coordinator] = await db.select().from(t.users).where(eq(t.users.username, 'coordinator'));
const headers = async () => {
  const s = await createSession(db, coordinator!.id, 1, systemClock.now());
  return { cookie: `rove_session=${s.token}`, 'x-csrf-token': s.csrfToken };
};
const h = await headers();
const time = async (label: string, n: number, f: () => Promise<{ statusCode: number }>, note = '') => {
  const xs: number[] = [];
  let status = 0;
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    status = (await f()).statusCode;
    xs.push(performance.now() - s);
  }
  rows.push([`${label} (median of ${n}; last ${status}${note})`, ms(median(xs))]);
};

await time('POST /api/auth/login', 5, () => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'coordinator', password: 'rove-coordinator' } }));
const [plan] = await db.select().from(t.plans).where(eq(t.plans.status, 'published'));
const stopCount = (await db.select().from(t.stops).where(eq(t.stops.planId, plan!.id))).length;
const [busy] = await db.select({ vehicleId: t.stops.vehicleId }).from(t.stops).where(eq(t.stops.planId, plan!.id)).limit(1);
await time('GET /api/vehicles/:id/itinerary', 9, async () => app.inject({ url: `/api/vehicles/${busy!.vehicleId}/itinerary`, headers: h }));
const [future] = await db
  .select()
  .from(t.stops)
  .where(and(eq(t.stops.planId, plan!.id), gt(t.stops.startsOn, '2026-12-01'), inArray(t.stops.status, ['planned', 'confirmed'])))
  .limit(1);
if (future) {
  const rev = async () => (await db.select().from(t.plans).where(eq(t.plans.id, plan!.id)))[0]!.revision;
  await time('PATCH a stay of the published plan (checked)', 5, async () =>
    app.inject({ method: 'PATCH', url: `/api/plans/${plan!.id}/stops/${future.id}`, headers: { ...h, 'if-match': `"${await rev()}"` }, payload: { pinned: true } }),
  );
  const sessions = await Promise.all(Array.from({ length: 50 }, headers));
  const r = await rev();
  t0 = performance.now();
  const results = await Promise.all(
    sessions.map((s) => app.inject({ method: 'PATCH', url: `/api/plans/${plan!.id}/stops/${future.id}`, headers: { ...s, 'if-match': `"${r}"` }, payload: { pinned: false } })),
  );
  const ok = results.filter((x) => x.statusCode === 200).length;
  rows.push([`50 concurrent edits of one stay (${ok} × 200, ${results.filter((x) => x.statusCode === 409).length} × 409)`, ms(performance.now() - t0)]);
}
await time(`GET export.csv (${stopCount} stays)`, 5, () => app.inject({ url: `/api/plans/${plan!.id}/export.csv`, headers: h }));
await time(`GET export.xlsx (${stopCount} stays)`, 3, () => app.inject({ url: `/api/plans/${plan!.id}/export.xlsx`, headers: h }));
await time('GET /api/regions/:id/reports (2025-2026)', 5, () => app.inject({ url: `/api/regions/${plan!.regionId}/reports?from=2025-01-01&to=2026-12-31`, headers: h }));
const feed = (await app.inject({ method: 'POST', url: `/api/vehicles/${busy!.vehicleId}/calendar-feed`, headers: h })).json() as { url: string };
await time('GET /feeds/<token>.ics (one vehicle)', 9, () => app.inject(feed.url));

await app.close();
await database.close();
await scratch?.drop();
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`API on ${embedded ? 'PGlite (in memory)' : 'Postgres'}, Guizhou demo, ${stopCount} stays in the published plan`);
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v.padStart(10)}`);
