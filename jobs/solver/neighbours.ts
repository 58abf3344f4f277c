// Nearest-neighbour lists used by ruin (which jobs to remove together) and local search (which
// moves to try): for each job, the k other jobs with the smallest distance both ways.

import type { Problem } from './problem.js';

export function nearestJobs(p: Problem, k: number): { neighbours: Int32Array; k: number } {
  const n = p.nJobs;
  const kk = Math.max(0, Math.min(k, n - 1));
  const out = new Int32Array(n * kk);
  if (kk === 0) return { neighbours: out, k: 0 };
  const N = p.nLocations;
  const D = p.dist;
  // Bounded max-heap of (distance, job) per job: O(n² log k) time, O(k) extra memory.
  const hd = new Float64Array(kk);
  const hj = new Int32Array(kk);
  for (let a = 0; a < n; a++) {
    const la = p.jobLoc[a]!;
    let size = 0;
    for (let b = 0; b < n; b++) {
      if (b === a) continue;
      const lb = p.jobLoc[b]!;
      const d = D[la * N + lb]! + D[lb * N + la]!;
      if (size < kk) {
        let i = size++;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (hd[parent]! >= d) break;
          hd[i] = hd[parent]!;
          hj[i] = hj[parent]!;
          i = parent;
        }
        hd[i] = d;
        hj[i] = b;
      } else if (d < hd[0]!) {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= size) break;
          const r = l + 1;
          const c = r < size && hd[r]! > hd[l]! ? r : l;
          if (hd[c]! <= d) break;
          hd[i] = hd[c]!;
          hj[i] = hj[c]!;
          i = c;
        }
        hd[i] = d;
        hj[i] = b;
      }
    }
    const idx = Array.from({ length: size }, (_, i) => i).sort((x, y) => hd[x]! - hd[y]! || hj[x]! - hj[y]!);
    for (let i = 0; i < size; i++) out[a * kk + i] = hj[idx[i]!]!;
  }
  return { neighbours: out, k: kk };
}
