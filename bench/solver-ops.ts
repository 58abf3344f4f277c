// Timings of the interactive operations the server calls: plan mode on one 300-stop route, and
// insertion advice for one new job into a 3,000-job plan.
//   npm run bench:solver-ops

import { adviseInsertions, checkPlan, Problem, type JobInput, type VehicleInput } from '../jobs/solver/index.js';
import { Rng } from '../jobs/solver/rng.js';

function timeIt(label: string, runs: number, fn: () => unknown): void {
  for (let i = 0; i < 3; i++) fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const med = times[times.length >> 1]!;
  const p95 = times[Math.floor(times.length * 0.95)]!;
  console.log(`${label.padEnd(58)} median ${med.toFixed(3)} ms   p95 ${p95.toFixed(3)} ms   (${runs} runs)`);
}

/** Jobs along a tour through random points, windows loose enough that the order is feasible. */
function chainProblem(nJobs: number, nVehicles: number, windowsPerJob: number, seed: number) {
  const rng = new Rng(seed);
  const nLoc = Math.min(nJobs, 500) + 1;
  const pts = Array.from({ length: nLoc }, () => [rng.next() * 100_000, rng.next() * 100_000] as const);
  const size = nLoc;
  const dist = new Float64Array(size * size);
  const time = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      const d = Math.round(Math.hypot(pts[i]![0] - pts[j]![0], pts[i]![1] - pts[j]![1]));
      dist[i * size + j] = d;
      time[i * size + j] = Math.round(d / 1000);
    }
  const jobs: JobInput[] = [];
  for (let j = 0; j < nJobs; j++) {
    const windows = Array.from({ length: windowsPerJob }, (_, w) => ({ start: w * 10_000, end: w * 10_000 + 9_000 }));
    jobs.push({ location: 1 + (j % (nLoc - 1)), service: 30, demand: 1, windows });
  }
  const vehicles: VehicleInput[] = Array.from({ length: nVehicles }, () => ({ start: 0, end: 0, capacity: 1e6 }));
  return new Problem({ durations: { size, data: time }, distances: { size, data: dist }, jobs, vehicles });
}

console.log(`solver operations, node ${process.version}`);

{
  const p = chainProblem(300, 1, 100, 1);
  const jobs = Array.from({ length: 300 }, (_, i) => i);
  const plan = [{ vehicle: 0, jobs }];
  const r = checkPlan(p, plan);
  console.log(`plan mode: 300 stops, 100 windows each, ${r.violations.length} violations found`);
  timeIt('checkPlan, one route of 300 stops', 200, () => checkPlan(p, plan));
  const starts = r.routes[0]!.stops.map((s) => s.start + 5);
  timeIt('checkPlan, 300 stops with chosen start times', 200, () => checkPlan(p, [{ vehicle: 0, jobs, starts }]));
}

{
  const nJobs = 3001;
  const nVehicles = 100;
  const p = chainProblem(nJobs, nVehicles, 20, 2);
  // 3,000 planned jobs: 30 per vehicle in index order; job 3000 is the new one.
  const routes = Array.from({ length: nVehicles }, (_, v) => ({ vehicle: v, jobs: Array.from({ length: 30 }, (_, i) => v * 30 + i) }));
  const advice = adviseInsertions(p, routes, 3000, { k: 10 });
  console.log(`insertion advice: 3,000 planned jobs on ${nVehicles} vehicles, ${advice.length} insertions returned`);
  timeIt('adviseInsertions, k = 10, one new job into 3,000 jobs', 50, () => adviseInsertions(p, routes, 3000, { k: 10 }));
  timeIt("adviseInsertions, orderBy 'start'", 50, () => adviseInsertions(p, routes, 3000, { k: 10, orderBy: 'start' }));
}
