// Larger instances than Solomon's, generated with a fixed seed: Solomon-format VRPTW with 200,
// 500 and 1,000 customers (fleets of 50, 125, 250), solved by the CLI in a child process each
// (so peak memory is per instance), and a Rove-scale planning year (3,600 visits, 700 vehicle
// shifts, 100 open-day windows per visit).
//   npm run bench:solver-large -- [--seconds S] [--rove-seconds S] [--skip-rove]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Problem, solve } from '../jobs/solver/index.js';
import { roveLike, solomonLike } from '../test/helpers/solver/generate.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const here = fileURLToPath(new URL('.', import.meta.url));

if (process.argv.includes('--rove-child')) {
  const seconds = Number(arg('rove-seconds') ?? 30);
  const t0 = performance.now();
  const input = roveLike({ jobs: 3600, vehicles: 700, venues: 1200, windowsPerJob: 100, seed: 1 });
  const p = new Problem(input);
  const tBuild = performance.now() - t0;
  // --ls-k N: local-search neighbourhood (default: the solver's).
  const lsK = arg('ls-k');
  const extra = lsK ? { localSearchNeighbours: Number(lsK) } : {};
  const first = solve(p, { seed: 1, maxIterations: 0, ...extra });
  const tStart = first.elapsedMs; // construction and local search, no ruin-and-recreate
  const result = solve(p, { seed: 1, timeLimitMs: seconds * 1000, ...extra });
  const reasons: Record<string, number> = {};
  for (const u of result.unassigned) reasons[u.reason] = (reasons[u.reason] ?? 0) + 1;
  console.log(
    JSON.stringify({
      localSearchNeighbours: lsK ? Number(lsK) : 'default',
      buildMs: Math.round(tBuild),
      startMs: Math.round(tStart),
      startServed: first.served,
      startCost: first.cost.total - first.cost.penalties,
      served: result.served,
      cost: result.cost.total - result.cost.penalties,
      vehiclesUsed: result.routes.length,
      unassigned: reasons,
      iterations: result.iterations,
      seconds: Math.round(result.elapsedMs) / 1000,
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
  process.exit(0);
}

const seconds = Number(arg('seconds') ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'rove-large-'));
console.log(`generated Solomon-format instances, ${seconds} s each, node ${process.version}`);
// The start (`--iterations 0`: construction and local search) and the result after the budget.
console.log(`${'customers'.padStart(9)} ${'fleet'.padStart(5)} ${'start'.padStart(5)} ${'distance'.padStart(10)} ${'time s'.padStart(7)} ${'used'.padStart(5)} ${'distance'.padStart(10)} ${'iterations'.padStart(10)} ${'time s'.padStart(7)} ${'peak RSS MiB'.padStart(12)} feasible`);
for (const [n, fleet] of [
  [200, 50],
  [500, 125],
  [1000, 250],
] as const) {
  const file = join(dir, `gen${n}.txt`);
  writeFileSync(file, solomonLike(n, fleet, n));
  const run = (budget: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(here, 'solve.ts'), file, ...budget], { encoding: 'utf8' });
  const start = run(['--iterations', '0']);
  const child = run(['--seconds', String(seconds)]);
  if (child.status !== 0 || start.status !== 0) {
    console.log(`${n}: failed: ${start.stderr}${child.stderr}`);
    continue;
  }
  type Out = { vehicles: number; distance: number; iterations: number; seconds: number; maxRssMiB: number; feasible: boolean };
  const s0 = JSON.parse(start.stdout) as Out;
  const o = JSON.parse(child.stdout) as Out;
  console.log(
    `${String(n).padStart(9)} ${String(fleet).padStart(5)} ${String(s0.vehicles).padStart(5)} ${s0.distance.toFixed(2).padStart(10)} ${s0.seconds.toFixed(2).padStart(7)} ${String(o.vehicles).padStart(5)} ${o.distance.toFixed(2).padStart(10)} ${String(o.iterations).padStart(10)} ${o.seconds.toFixed(2).padStart(7)} ${String(o.maxRssMiB).padStart(12)} ${o.feasible ? 'yes' : 'NO'}`,
  );
}

if (!process.argv.includes('--skip-rove')) {
  const rs = arg('rove-seconds') ?? '30';
  console.log(`\nRove-scale year: 3,600 visits, 700 shifts, 100 windows per visit, ${rs} s search`);
  for (const k of [[], ['--ls-k', '144']]) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--rove-child', '--rove-seconds', rs, ...k], { encoding: 'utf8' });
    console.log(child.status === 0 ? child.stdout.trim() : `failed: ${child.stderr}`);
  }
}
