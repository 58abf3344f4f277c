// Solomon VRPTW benchmark: solves the 56 100-customer instances one after another on one core
// and compares total distance with the distance-only best-known solutions (fleet <= 25).
//   npm run bench:solomon -- [--seconds S] [--cpu-time] [--seed N] [--only c101,r201]
// Tuning flags (defaults are the solver's): --iterations N (instead of a time budget) --t0 X --tf X
// --removed N --no-ls --ls-scope routes|jobs

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { solve } from '../jobs/solver/index.js';
import { independentCheck } from '../test/helpers/solver/independent-check.js';
import { parseSolomon, toProblemInput } from '../test/helpers/solver/solomon-format.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'solomon');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function readCsv(file: string): Map<string, { vehicles: number; distance: number }> {
  const out = new Map<string, { vehicles: number; distance: number }>();
  for (const line of readFileSync(join(dir, file), 'utf8').split(/\r?\n/).slice(1)) {
    const [instance, vehicles, distance] = line.split(',');
    if (instance && distance) out.set(instance.toLowerCase(), { vehicles: Number(vehicles), distance: Number(distance) });
  }
  return out;
}

const seconds = Number(arg('seconds') ?? 3);
// --cpu-time: the budget counts this process's CPU time, not wall time (fair on a busy machine).
const cpuClock = process.argv.includes('--cpu-time')
  ? (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
  : undefined;
const seed = Number(arg('seed') ?? 1);
const only = arg('only')?.split(',');
const bks = readCsv('best-known-distance-only.csv');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.replace('.txt', ''))
  .filter((f) => !only || only.includes(f))
  .sort();

interface Row {
  instance: string;
  cls: string;
  vehicles: number;
  distance: number;
  best: number;
  gap: number;
  time: number;
  cpu: number;
  feasible: boolean;
  iterations: number;
}
const rows: Row[] = [];
const pad = (s: string | number, n: number): string => String(s).padStart(n);
/** Two decimals, without a "-0.00" for round-off below best known. */
const pct = (x: number): string => (Math.abs(x) < 0.005 ? 0 : x).toFixed(2);
console.log(`Solomon VRPTW, distance only, fleet <= 25, ${seconds} s ${cpuClock ? 'CPU' : 'wall'} time per instance, seed ${seed}, node ${process.version}`);
console.log(`${'instance'.padEnd(8)} ${pad('veh', 4)} ${pad('distance', 10)} ${pad('best', 10)} ${pad('gap %', 7)} ${pad('time s', 7)} ${pad('cpu s', 6)} ${pad('iters', 8)} feasible`);
for (const name of files) {
  const inst = parseSolomon(readFileSync(join(dir, `${name}.txt`), 'utf8'));
  const input = toProblemInput(inst);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = solve(input, {
    seed,
    ...(arg('iterations') ? { maxIterations: Number(arg('iterations')) } : { timeLimitMs: seconds * 1000 }),
    ...(arg('t0') ? { startTemperature: Number(arg('t0')) } : {}),
    ...(arg('tf') ? { endTemperature: Number(arg('tf')) } : {}),
    ...(arg('removed') ? { averageRemoved: Number(arg('removed')) } : {}),
    ...(process.argv.includes('--no-ls') ? { localSearch: false } : {}),
    ...(cpuClock ? { clock: cpuClock } : {}),
    ...(arg('ls-k') ? { localSearchNeighbours: Number(arg('ls-k')) } : {}),
    ...(arg('ls-scope') ? { localSearchScope: arg('ls-scope') as 'routes' | 'jobs' } : {}),
  });
  const time = (performance.now() - t0) / 1000;
  const cu = process.cpuUsage(c0);
  const cpu = (cu.user + cu.system) / 1e6;
  const check = independentCheck(
    input,
    result.routes.map((r) => ({ vehicle: r.vehicle, jobs: r.stops.map((s) => s.job) })),
    result.unassigned.map((u) => u.job),
    1e-6,
  );
  const best = bks.get(name)!.distance;
  const row: Row = {
    instance: name,
    cls: name.replace(/\d+$/, '').toUpperCase() + name.match(/\d/)![0],
    vehicles: check.vehicles,
    distance: check.distance,
    best,
    gap: ((check.distance - best) / best) * 100,
    time,
    cpu,
    feasible: check.errors.length === 0 && result.unassigned.length === 0,
    iterations: result.iterations,
  };
  rows.push(row);
  console.log(
    `${name.padEnd(8)} ${pad(row.vehicles, 4)} ${pad(row.distance.toFixed(2), 10)} ${pad(best.toFixed(2), 10)} ${pad(pct(row.gap), 7)} ${pad(time.toFixed(2), 7)} ${pad(cpu.toFixed(2), 6)} ${pad(row.iterations, 8)} ${row.feasible ? 'yes' : 'NO ' + check.errors.slice(0, 2).join('; ')}`,
  );
}

function stats(xs: number[]): { mean: number; median: number; worst: number } {
  const s = xs.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return {
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    median: s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2,
    worst: s[s.length - 1]!,
  };
}
console.log('');
console.log(`${'class'.padEnd(6)} ${pad('n', 3)} ${pad('mean gap %', 11)} ${pad('median %', 9)} ${pad('worst %', 8)} ${pad('mean s', 7)} ${pad('cpu s', 6)} ${pad('vehicles', 9)} feasible`);
const classes = ['C1', 'C2', 'R1', 'R2', 'RC1', 'RC2', 'ALL'];
for (const c of classes) {
  const sel = rows.filter((r) => c === 'ALL' || r.cls === c);
  if (sel.length === 0) continue;
  const g = stats(sel.map((r) => r.gap));
  const t = stats(sel.map((r) => r.time));
  const cpuMean = stats(sel.map((r) => r.cpu)).mean;
  console.log(
    `${c.padEnd(6)} ${pad(sel.length, 3)} ${pad(pct(g.mean), 11)} ${pad(pct(g.median), 9)} ${pad(pct(g.worst), 8)} ${pad(t.mean.toFixed(2), 7)} ${pad(cpuMean.toFixed(2), 6)} ${pad(sel.reduce((a, r) => a + r.vehicles, 0), 9)} ${sel.filter((r) => r.feasible).length}/${sel.length}`,
  );
}
