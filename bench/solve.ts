// Command line: solve one Solomon-format VRPTW instance and print one JSON object.
//   npm run --silent solve -- FILE [--seconds S] [--seed N] [--iterations N] [--fleet K]

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { solve } from '../jobs/solver/index.js';
import { independentCheck } from '../test/helpers/solver/independent-check.js';
import { parseSolomon, toProblemInput } from '../test/helpers/solver/solomon-format.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const file = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !(all[i - 1] ?? '').startsWith('--'));
if (!file) {
  process.stderr.write('usage: npm run --silent solve -- FILE [--seconds S] [--seed N] [--iterations N]\n');
  process.exit(2);
}
const inst = parseSolomon(readFileSync(file, 'utf8'));
const input = toProblemInput(inst, arg('fleet') ? Number(arg('fleet')) : inst.vehicles);
const seconds = arg('seconds');
const iterations = arg('iterations');
const t0 = performance.now();
const result = solve(input, {
  seed: Number(arg('seed') ?? 1),
  ...(iterations ? { maxIterations: Number(iterations) } : {}),
  ...(seconds || !iterations ? { timeLimitMs: Number(seconds ?? 3) * 1000 } : {}),
});
const wall = (performance.now() - t0) / 1000;
const routes = result.routes.map((r) => r.stops.map((s) => inst.nodes[s.job + 1]!.id));
const check = independentCheck(
  input,
  result.routes.map((r) => ({ vehicle: r.vehicle, jobs: r.stops.map((s) => s.job) })),
  result.unassigned.map((u) => u.job),
  1e-6,
);
process.stdout.write(
  JSON.stringify({
    instance: inst.name || basename(file),
    vehicles: routes.length,
    distance: check.distance,
    routes,
    unassigned: result.unassigned.map((u) => ({ customer: inst.nodes[u.job + 1]!.id, reason: u.reason })),
    feasible: check.errors.length === 0 && result.unassigned.length === 0,
    errors: check.errors,
    iterations: result.iterations,
    seconds: Math.round(wall * 1000) / 1000,
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }) + '\n',
);
