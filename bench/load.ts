// Reads under load (issue 14): 200 clients for 60 s on a plan's stays (as its coordinator) and on a
// driver's itinerary (as the driver), over HTTP against the real server on Postgres with the demo
// seeded around today. Beside it, in the same process and the same run, a bare Fastify route on
// postgres.js replays the data queries Rove ran for the same request (captured from a first call;
// no session, no access check, no response schema): Rove's requests per second as a ratio of that.
// The load comes from autocannon in a child process, so it does not share the servers' event loop.
//   npm run bench:load [-- --clients 200 --seconds 60]
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';
import { and, count, desc, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import Fastify from 'fastify';
import postgres from 'postgres';
import { inProcessRuntime } from '../jobs/runtime.js';
import { buildApp } from '../server/app.js';
import { systemClock, todayIn } from '../server/clock.js';
import type { Db } from '../server/db/client.js';
import { openDatabase } from '../server/db/client.js';
import { createSession } from '../server/db/queries/accounts.js';
import * as schema from '../server/db/schema/index.js';
import { seedDemoIfEmpty } from '../server/demo/seed.js';
import { createScratchPostgres } from '../test/helpers/databases.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const clients = arg('clients', 200);
const seconds = arg('seconds', 60);
const t = schema;

const scratch = await createScratchPostgres();
const database = await openDatabase({ databaseUrl: scratch.url });
await database.migrate();
await seedDemoIfEmpty(database.db, { today: todayIn('Asia/Shanghai', systemClock.now()) });

// Rove's own database handle, with a logger that records the queries of one request when asked.
let captured: { query: string; params: unknown[] }[] | undefined;
const client = postgres(scratch.url, { max: 10, onnotice: () => {} });
const logged = drizzle({ client, schema, casing: 'snake_case', logger: { logQuery: (query, params) => captured?.push({ query, params }) } }) as unknown as Db;
const app = await buildApp({ config: { webDir: '/nonexistent' }, database: { ...database, db: logged }, jobs: inProcessRuntime() });
const db = database.db;

// The published plan, its coordinator, and the driver of its busiest vehicle.
const [plan] = await db.select().from(t.plans).where(eq(t.plans.status, 'published'));
const [coordinator] = await db.select().from(t.userRoles).where(and(eq(t.userRoles.role, 'coordinator'), eq(t.userRoles.regionId, plan!.regionId)));
const [busiest] = await db
  .select({ vehicleId: t.stops.vehicleId, userId: t.userRoles.userId, n: count() })
  .from(t.stops)
  .innerJoin(t.userRoles, and(eq(t.userRoles.role, 'driver'), eq(t.userRoles.vehicleId, t.stops.vehicleId)))
  .where(eq(t.stops.planId, plan!.id))
  .groupBy(t.stops.vehicleId, t.userRoles.userId)
  .orderBy(desc(count()))
  .limit(1);
const cookie = async (userId: number) => `rove_session=${(await createSession(db, userId, 2, systemClock.now())).token}`;
const coordinatorCookie = await cookie(coordinator!.userId);
const driverCookie = await cookie(busiest!.userId);
// Each read as a first load, and revalidated (If-None-Match with the ETag the first load gave: 304).
// The whole plan last: its backlog would otherwise spill into the next run.
const targets = [
  { name: 'plan stays (page of 100)', url: `/api/plans/${plan!.id}/stops?limit=100`, cookie: coordinatorCookie },
  { name: 'driver itinerary', url: `/api/vehicles/${busiest!.vehicleId}/itinerary`, cookie: driverCookie },
  { name: 'plan stays (all)', url: `/api/plans/${plan!.id}/stops`, cookie: coordinatorCookie },
];

// What Rove runs for each: every query of one call; the bare route replays those past the session and grants.
const auth = /"(sessions|users|user_roles)"/;
const capturedOf = async (url: string, c: string) => {
  captured = [];
  const res = await app.inject({ url, headers: { cookie: c } });
  const queries = captured;
  captured = undefined;
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  const rows = JSON.parse(res.body) as unknown[] | { stops?: unknown[] };
  return { queries, data: queries.filter((q) => !auth.test(q.query)), bytes: res.rawPayload.length, rows, etag: String(res.headers.etag) };
};
const plans = [];
for (const x of targets) plans.push({ ...x, ...(await capturedOf(x.url, x.cookie)) });

const bareSql = postgres(scratch.url, { max: 10, onnotice: () => {} });
const bare = Fastify({ logger: false });
plans.forEach((p, i) =>
  bare.get(`/bare/${i}`, async () => {
    const results: unknown[] = [];
    for (const q of p.data) results.push(await bareSql.unsafe(q.query, q.params as never[]));
    return results;
  }),
);
const roveUrl = await app.listen({ host: '127.0.0.1', port: 0 });
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

interface Result {
  requests: { average: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
  errors: number;
  timeouts: number;
  '2xx': number;
}
const require = createRequire(import.meta.url);
const cannon = require.resolve('autocannon/autocannon.js');
async function load(url: string, headers: string[] = []): Promise<Result> {
  const args = [cannon, '-c', String(clients), '-d', String(seconds), '-t', '30', '-j', ...headers.flatMap((h) => ['-H', h]), url];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as Result;
}

/** Waits (up to a minute) until Rove answers a read within a second: the last run's backlog is served. */
async function drain(url: string, c: string) {
  for (const end = Date.now() + 60_000; Date.now() < end; ) {
    const t0 = Date.now();
    await fetch(url, { headers: { cookie: c } }).then((r) => r.arrayBuffer());
    if (Date.now() - t0 < 1000) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const rows: string[][] = [];
for (const [i, p] of plans.entries()) {
  await drain(`${roveUrl}${p.url}`, p.cookie);
  const rove = await load(`${roveUrl}${p.url}`, [`cookie=${p.cookie}`]);
  await drain(`${roveUrl}${p.url}`, p.cookie);
  const base = await load(`${bareUrl}/bare/${i}`);
  await drain(`${roveUrl}${p.url}`, p.cookie);
  const fresh = await load(`${roveUrl}${p.url}`, [`cookie=${p.cookie}`, `if-none-match=${p.etag}`]);
  // A 304 is the answer a revalidation wants; anything else that is not 2xx is an error.
  const notModified = (r: Result) => r.statusCodeStats?.['304']?.count ?? 0;
  const errors = (r: Result) => {
    const codes = Object.entries(r.statusCodeStats ?? {}).filter(([c]) => c !== '200' && c !== '304');
    const parts = [...codes.map(([c, x]) => `${x.count}× ${c}`), ...(r.timeouts ? [`${r.timeouts}× timeout`] : []), ...(r.errors - r.timeouts > 0 ? [`${r.errors - r.timeouts}× error`] : [])];
    return parts.length ? parts.join(', ') : '0';
  };
  const line = (who: string, r: Result, queries: number) => [
    `${p.name}: ${who}`,
    String(queries),
    r.requests.average.toFixed(0),
    `${r.latency.p50}`,
    `${r.latency.p99}`,
    `${r.latency.max}`,
    `${r['2xx'] + notModified(r)}`,
    errors(r),
  ];
  const ratio = (r: Result) => (r.requests.average / base.requests.average).toFixed(2);
  rows.push(line('Rove', rove, p.queries.length), line('bare Fastify + postgres.js', base, p.data.length), line('Rove, revalidated (304)', fresh, p.queries.length));
  rows.push([`${p.name}: req/s ratio Rove / bare`, '', ratio(rove), '', '', '', '', ''], [`${p.name}: req/s ratio revalidated / bare`, '', ratio(fresh), '', '', '', '', '']);
  const size = Array.isArray(p.rows) ? p.rows.length : (p.rows.stops?.length ?? 0);
  console.error(`${p.name}: ${size} stays, ${p.bytes} bytes a response`);
}

const head = ['target', 'queries', 'req/s', 'p50 ms', 'p99 ms', 'max ms', '2xx or 304', 'errors'];
const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const fmt = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join(' | ')} |`;
console.log(`Load: ${clients} clients for ${seconds} s each, Postgres, demo seeded at ${todayIn('Asia/Shanghai', systemClock.now())}; ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
console.log(fmt(head));
console.log(`|${width.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of rows) console.log(fmt(r));

// The table is out before anything closes: a connection closed while the scratch database is dropped
// must not cost the run its figures.
await app.close();
await bare.close();
await bareSql.end();
await client.end();
await database.close();
await scratch.drop();
// Something of the app (found: the process stayed alive after closing everything) keeps the loop running.
process.exit(0);
