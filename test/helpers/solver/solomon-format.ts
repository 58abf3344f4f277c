// Reads Solomon-format VRPTW instances (also the 200-1000 customer Gehring & Homberger files and
// our generated ones) and turns them into a solver problem: node 0 is the depot, its window is
// the horizon; travel time = distance = unrounded Euclidean distance (the literature convention).

import type { ProblemInput } from '../../../jobs/solver/index.js';

export interface SolomonNode {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly demand: number;
  readonly ready: number;
  readonly due: number;
  readonly service: number;
}

export interface SolomonInstance {
  readonly name: string;
  readonly vehicles: number;
  readonly capacity: number;
  /** nodes[0] is the depot. */
  readonly nodes: SolomonNode[];
}

export function parseSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/);
  const name = (lines.find((l) => l.trim() !== '') ?? '').trim();
  let vehicles = 0;
  let capacity = 0;
  const nodes: SolomonNode[] = [];
  for (let i = 0; i < lines.length; i++) {
    const tok = lines[i]!.trim().split(/\s+/);
    if (/^NUMBER/i.test(lines[i]!.trim())) {
      const next = lines[i + 1]!.trim().split(/\s+/).map(Number);
      vehicles = next[0]!;
      capacity = next[1]!;
      continue;
    }
    if (tok.length === 7 && tok.every((t) => /^-?\d+(\.\d+)?$/.test(t))) {
      const [id, x, y, demand, ready, due, service] = tok.map(Number) as [number, number, number, number, number, number, number];
      nodes.push({ id, x, y, demand, ready, due, service });
    }
  }
  if (nodes.length < 1 || vehicles <= 0) throw new Error(`not a Solomon instance: ${name}`);
  return { name, vehicles, capacity, nodes };
}

/** Euclidean distance matrix in double precision, row-major. */
export function euclidean(nodes: readonly SolomonNode[]): Float64Array {
  const n = nodes.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const dx = nodes[i]!.x - nodes[j]!.x;
      const dy = nodes[i]!.y - nodes[j]!.y;
      m[i * n + j] = Math.sqrt(dx * dx + dy * dy);
    }
  return m;
}

/** Job i is customer i + 1; location = node id. Fleet of `vehicles` alike vehicles, distance cost only. */
export function toProblemInput(inst: SolomonInstance, fleet = inst.vehicles): ProblemInput {
  const depot = inst.nodes[0]!;
  const matrix = { size: inst.nodes.length, data: euclidean(inst.nodes) };
  return {
    durations: matrix,
    distances: matrix,
    jobs: inst.nodes.slice(1).map((c) => ({
      id: String(c.id),
      location: c.id,
      service: c.service,
      demand: c.demand,
      windows: [{ start: c.ready, end: c.due }],
    })),
    vehicles: Array.from({ length: fleet }, () => ({
      start: 0,
      end: 0,
      window: { start: depot.ready, end: depot.due },
      capacity: inst.capacity,
    })),
  };
}
