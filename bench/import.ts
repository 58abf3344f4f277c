// A 20,000-row venue import beside other requests (issue 14, point 9): the import's wall time, and
// the longest and median time a /healthz answer (which asks the database) took while it ran, on the
// embedded database and on Postgres. In one process with app.inject, as a coordinator would send it.
//   npm run bench:import [-- --rows 20000]
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { inProcessRuntime } from '../jobs/runtime.js';
import { buildApp } from '../server/app.js';
import { testClock } from '../test/helpers/clock.js';
import { databaseKinds, openTestDatabase } from '../test/helpers/databases.js';
import { tenant } from '../test/helpers/tenants.js';

const at = process.argv.indexOf('--rows');
const n = at >= 0 ? Number(process.argv[at + 1]) : 20_000;
const HEADER = 'countyCode,countyName,name,kind,level,address,lng,lat,floorAreaM2,powerKw,priorityTier,openWeekdays,contactName,contactPhone';
const csv = [
  HEADER,
  ...Array.from({ length: n }, (_, i) =>
    [`52${String(1000 + (i % 9000)).padStart(4, '0')}`, `县${i}`, `"学校 ${i}, 东校区"`, 'school', 'township', `地址${i}`, (104 + (i % 50) / 10).toFixed(3), (25 + (i % 30) / 10).toFixed(3), '300', '20', 'other', '1;2;3;4;5', `联系人${i}`, '0851-1234567'].join(','),
  ),
].join('\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

console.log(`bench:import, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; ${n.toLocaleString('en-US')} rows`);
console.log('| database | import wall | /healthz due every 50 ms meanwhile: median wait | longest | asked of due | longest event-loop stall |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const kind of databaseKinds) {
  const database = await openTestDatabase(kind);
  const region = await tenant(database.db, '95');
  const app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  // The longest gap between ticks of a 10 ms timer: how long the event loop could not run anything.
  let stall = 0;
  let tick = performance.now();
  const ticker = setInterval(() => {
    stall = Math.max(stall, performance.now() - tick);
    tick = performance.now();
  }, 10);
  const started = performance.now();
  let done = false;
  const imported = app
    .inject({ method: 'POST', url: `/api/venues/import?regionId=${region.regionId}`, headers: { ...region.users.coordinator.headers, 'content-type': 'text/csv' }, payload: csv })
    .finally(() => (done = true));
  // A /healthz every 50 ms of the import, each timed from when it was due: a blocked event loop or a
  // held database delays the answer, and a late start counts as waiting too.
  const answers: Promise<number>[] = [];
  for (let k = 0; !done; k++) {
    const due = started + k * 50;
    answers.push(app.inject({ url: '/healthz' }).then(() => performance.now() - due));
    await new Promise((r) => setTimeout(r, Math.max(0, due + 50 - performance.now())));
  }
  const res = await imported;
  const waits = await Promise.all(answers);
  await new Promise((r) => setTimeout(r, 30));
  clearInterval(ticker);
  if (res.statusCode !== 201) throw new Error(`import refused: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const wall = performance.now() - started;
  console.log(`| ${kind} | ${(wall / 1000).toFixed(1)} s | ${median(waits).toFixed(0)} ms | ${(Math.max(...waits) / 1000).toFixed(1)} s | ${waits.length} of ${Math.ceil(wall / 50)} | ${(stall / 1000).toFixed(1)} s |`);
  await app.close();
  await database.dispose();
}
