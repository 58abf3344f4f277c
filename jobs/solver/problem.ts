// Problem model: the caller's input types and the immutable, array-backed Problem the search reads.
//
// Units: every time and duration is in one time unit, every distance in one distance unit, and
// the matrices are in those same units. Rove passes integer minutes and integer metres; the
// Solomon benchmark passes unrounded Euclidean doubles (time = distance). The core compares
// numbers exactly, so integer input gives exact results.

/** A closed interval [start, end] for the start of service, in time units. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/**
 * Square matrix indexed by location: nested rows, or row-major flat data of size × size. Entries
 * are >= 0; Infinity marks a leg that cannot be driven.
 */
export type Matrix = readonly (readonly number[])[] | { readonly size: number; readonly data: ArrayLike<number> };

/** A pin keeps a job where a person put it: the search never moves a pinned job. */
export interface Pin {
  /** Vehicle index the job must stay on. */
  readonly vehicle: number;
  /**
   * Order among the pinned jobs of that vehicle (ascending). Pinned jobs with a sequence are laid
   * down first, in this order; other jobs may be inserted between them but never reorder them.
   */
  readonly sequence?: number;
  /** Fixed start of service (time units); replaces the job's windows with [start, start]. */
  readonly start?: number;
}

export interface JobInput {
  /** Optional caller id, echoed back in results. */
  readonly id?: string;
  /** Location index into the matrices. */
  readonly location: number;
  /** Service duration (time units). Default 0. */
  readonly service?: number;
  /** Load the job uses (capacity units). Default 0. */
  readonly demand?: number;
  /**
   * Windows for the start of service, sorted and disjoint. Default: always open. The start is the
   * earliest moment, at or after arrival, inside the first window that has not closed yet.
   */
  readonly windows?: readonly TimeWindow[];
  /** Priority weight: higher is inserted first and wins ties. Default 1. */
  readonly priority?: number;
  /** Cost of leaving the job unserved (cost units). Default 1e9 × priority, i.e. serve if possible. */
  readonly penalty?: number;
  /** Vehicle indices allowed to serve the job. Default: all. Empty: none (reported as unassigned). */
  readonly allowedVehicles?: readonly number[];
  readonly pin?: Pin;
}

export interface VehicleInput {
  readonly id?: string;
  /** Start and end location indices. */
  readonly start: number;
  readonly end: number;
  /** Availability: leave the start at or after `start`, arrive at the end by `end`. Default [0, ∞). */
  readonly window?: TimeWindow;
  /** Capacity (same unit as job demand). Default: unbounded. */
  readonly capacity?: number;
  /** Maximum route duration (time units), from departure to arrival at the end. Default: unbounded. */
  readonly maxDuration?: number;
  /** Maximum route distance (distance units). Default: unbounded. */
  readonly maxDistance?: number;
  /** Cost per distance unit. Default 1. */
  readonly costPerDistance?: number;
  /** Cost per time unit of route duration. Default 0. */
  readonly costPerDuration?: number;
  /** Cost of using the vehicle at all. Default 0. */
  readonly fixedCost?: number;
}

export interface ProblemInput {
  readonly jobs: readonly JobInput[];
  readonly vehicles: readonly VehicleInput[];
  /** Travel times between locations (time units). */
  readonly durations: Matrix;
  /** Travel distances between locations (distance units). Default: the durations. */
  readonly distances?: Matrix;
}

/** Thrown for malformed input (a caller bug, not an infeasible plan). */
export class SolverInputError extends Error {
  readonly code = 'SOLVER_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'SolverInputError';
  }
}

function flatten(m: Matrix, name: string): { size: number; data: Float64Array } {
  if (Array.isArray(m)) {
    const rows = m as readonly (readonly number[])[];
    const size = rows.length;
    const data = new Float64Array(size * size);
    for (let i = 0; i < size; i++) {
      const row = rows[i]!;
      if (row.length !== size) throw new SolverInputError(`${name}: row ${i} has ${row.length} entries, expected ${size}`);
      for (let j = 0; j < size; j++) data[i * size + j] = row[j]!;
    }
    return { size, data };
  }
  const flat = m as { size: number; data: ArrayLike<number> };
  if (flat.data.length !== flat.size * flat.size) throw new SolverInputError(`${name}: data length is not size²`);
  return { size: flat.size, data: flat.data instanceof Float64Array ? flat.data : Float64Array.from(flat.data) };
}

/** Entries must be numbers >= 0; Infinity marks an impossible leg. */
function checkEntries(data: Float64Array, name: string): void {
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    if (!(x >= 0)) throw new SolverInputError(`${name}: entry ${i} is ${x}, expected a number >= 0`);
  }
}

/** Immutable, validated, array-backed problem. Build once, share between solve/check/advise. */
export class Problem {
  readonly input: ProblemInput;
  readonly nJobs: number;
  readonly nVehicles: number;
  readonly nLocations: number;
  /** Row-major travel time and distance matrices. */
  readonly time: Float64Array;
  readonly dist: Float64Array;

  readonly jobLoc: Int32Array;
  readonly service: Float64Array;
  readonly demand: Float64Array;
  readonly priority: Float64Array;
  readonly penalty: Float64Array;
  /** Windows of job j are winStart/winEnd[winOffset[j] .. winOffset[j+1]). */
  readonly winOffset: Int32Array;
  readonly winStart: Float64Array;
  readonly winEnd: Float64Array;
  /** allowed[j * nVehicles + v] = 1 when vehicle v may serve job j (pins included). */
  readonly allowed: Uint8Array;
  readonly allowedCount: Int32Array;
  /** -1 when not pinned. */
  readonly pinVehicle: Int32Array;
  readonly pinSequence: Float64Array;

  readonly vStart: Int32Array;
  readonly vEnd: Int32Array;
  readonly vOpen: Float64Array;
  readonly vClose: Float64Array;
  readonly vCapacity: Float64Array;
  readonly vMaxDuration: Float64Array;
  readonly vMaxDistance: Float64Array;
  readonly vCostDist: Float64Array;
  readonly vCostDur: Float64Array;
  readonly vFixed: Float64Array;
  /** 1 when a vehicle's duration matters (limit or cost): insertion then simulates the suffix. */
  readonly vTracksDuration: Uint8Array;
  /**
   * True when every vehicle is alike (locations, window, limits, costs) and no job restricts its
   * vehicles: tail exchanges between routes can then use the cached schedule data in O(1).
   */
  readonly uniform: boolean;

  constructor(input: ProblemInput) {
    this.input = input;
    const t = flatten(input.durations, 'durations');
    const d = input.distances ? flatten(input.distances, 'distances') : t;
    if (d.size !== t.size) throw new SolverInputError('durations and distances differ in size');
    checkEntries(t.data, 'durations');
    if (d !== t) checkEntries(d.data, 'distances');
    this.nLocations = t.size;
    this.time = t.data;
    this.dist = d.data;
    const n = (this.nJobs = input.jobs.length);
    const m = (this.nVehicles = input.vehicles.length);
    const loc = (x: number, what: string): number => {
      if (!Number.isInteger(x) || x < 0 || x >= this.nLocations) throw new SolverInputError(`${what}: location ${x} out of range`);
      return x;
    };

    this.vStart = new Int32Array(m);
    this.vEnd = new Int32Array(m);
    this.vOpen = new Float64Array(m);
    this.vClose = new Float64Array(m);
    this.vCapacity = new Float64Array(m);
    this.vMaxDuration = new Float64Array(m);
    this.vMaxDistance = new Float64Array(m);
    this.vCostDist = new Float64Array(m);
    this.vCostDur = new Float64Array(m);
    this.vFixed = new Float64Array(m);
    this.vTracksDuration = new Uint8Array(m);
    for (let v = 0; v < m; v++) {
      const x = input.vehicles[v]!;
      this.vStart[v] = loc(x.start, `vehicle ${v} start`);
      this.vEnd[v] = loc(x.end, `vehicle ${v} end`);
      this.vOpen[v] = x.window?.start ?? 0;
      this.vClose[v] = x.window?.end ?? Infinity;
      if (this.vOpen[v]! > this.vClose[v]!) throw new SolverInputError(`vehicle ${v}: window start after end`);
      this.vCapacity[v] = x.capacity ?? Infinity;
      this.vMaxDuration[v] = x.maxDuration ?? Infinity;
      this.vMaxDistance[v] = x.maxDistance ?? Infinity;
      this.vCostDist[v] = x.costPerDistance ?? 1;
      this.vCostDur[v] = x.costPerDuration ?? 0;
      this.vFixed[v] = x.fixedCost ?? 0;
      this.vTracksDuration[v] = this.vMaxDuration[v] !== Infinity || this.vCostDur[v] !== 0 ? 1 : 0;
    }

    this.jobLoc = new Int32Array(n);
    this.service = new Float64Array(n);
    this.demand = new Float64Array(n);
    this.priority = new Float64Array(n);
    this.penalty = new Float64Array(n);
    this.winOffset = new Int32Array(n + 1);
    this.pinVehicle = new Int32Array(n).fill(-1);
    this.pinSequence = new Float64Array(n).fill(NaN);
    this.allowed = new Uint8Array(n * m);
    this.allowedCount = new Int32Array(n);
    let nw = 0;
    for (const j of input.jobs) nw += j.pin?.start !== undefined ? 1 : Math.max(1, j.windows?.length ?? 0);
    this.winStart = new Float64Array(nw);
    this.winEnd = new Float64Array(nw);
    let w = 0;
    let restricted = false;
    for (let i = 0; i < n; i++) {
      const j = input.jobs[i]!;
      this.jobLoc[i] = loc(j.location, `job ${i}`);
      this.service[i] = j.service ?? 0;
      this.demand[i] = j.demand ?? 0;
      this.priority[i] = j.priority ?? 1;
      this.penalty[i] = j.penalty ?? 1e9 * (j.priority ?? 1);
      if (this.service[i]! < 0) throw new SolverInputError(`job ${i}: negative service`);
      this.winOffset[i] = w;
      if (j.pin?.start !== undefined) {
        this.winStart[w] = j.pin.start;
        this.winEnd[w] = j.pin.start;
        w++;
      } else if (!j.windows || j.windows.length === 0) {
        this.winStart[w] = -Infinity;
        this.winEnd[w] = Infinity;
        w++;
      } else {
        let prevEnd = -Infinity;
        for (const tw of j.windows) {
          if (!(tw.start <= tw.end)) throw new SolverInputError(`job ${i}: window start after end`);
          if (tw.start <= prevEnd && prevEnd !== -Infinity) throw new SolverInputError(`job ${i}: windows must be sorted and disjoint`);
          prevEnd = tw.end;
          this.winStart[w] = tw.start;
          this.winEnd[w] = tw.end;
          w++;
        }
      }
      const row = i * m;
      if (j.allowedVehicles) {
        restricted = true;
        for (const v of j.allowedVehicles) {
          if (!Number.isInteger(v) || v < 0 || v >= m) throw new SolverInputError(`job ${i}: vehicle ${v} out of range`);
          this.allowed[row + v] = 1;
        }
      } else this.allowed.fill(1, row, row + m);
      if (j.pin) {
        const pv = j.pin.vehicle;
        if (!Number.isInteger(pv) || pv < 0 || pv >= m) throw new SolverInputError(`job ${i}: pinned vehicle ${pv} out of range`);
        restricted = true;
        this.pinVehicle[i] = pv;
        this.pinSequence[i] = j.pin.sequence ?? NaN;
        const keep = this.allowed[row + pv]!;
        this.allowed.fill(0, row, row + m);
        this.allowed[row + pv] = keep;
      }
      let c = 0;
      for (let v = 0; v < m; v++) c += this.allowed[row + v]!;
      this.allowedCount[i] = c;
    }
    this.winOffset[n] = w;

    let uniform = !restricted;
    for (let v = 1; v < m && uniform; v++) {
      uniform =
        this.vStart[v] === this.vStart[0] &&
        this.vEnd[v] === this.vEnd[0] &&
        this.vOpen[v] === this.vOpen[0] &&
        this.vClose[v] === this.vClose[0] &&
        this.vCapacity[v] === this.vCapacity[0] &&
        this.vMaxDistance[v] === this.vMaxDistance[0] &&
        this.vCostDist[v] === this.vCostDist[0] &&
        this.vFixed[v] === this.vFixed[0];
    }
    for (let v = 0; v < m; v++) if (this.vTracksDuration[v]) uniform = false;
    this.uniform = uniform;
  }

  /**
   * Earliest start of service at job j for an arrival at time a: inside the first window that has
   * not closed by a. Infinity when every window has closed.
   */
  firstStart(j: number, a: number): number {
    const lo0 = this.winOffset[j]!;
    const hi0 = this.winOffset[j + 1]!;
    if (hi0 - lo0 === 1) {
      if (a > this.winEnd[lo0]!) return Infinity;
      const s = this.winStart[lo0]!;
      return a > s ? a : s;
    }
    let lo = lo0;
    let hi = hi0;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.winEnd[mid]! < a) lo = mid + 1;
      else hi = mid;
    }
    if (lo === hi0) return Infinity;
    const s = this.winStart[lo]!;
    return a > s ? a : s;
  }

  /** Latest start of service at job j that is at or before b, -Infinity when none. */
  lastStart(j: number, b: number): number {
    const lo0 = this.winOffset[j]!;
    const hi0 = this.winOffset[j + 1]!;
    if (hi0 - lo0 === 1) {
      if (b < this.winStart[lo0]!) return -Infinity;
      const e = this.winEnd[lo0]!;
      return b < e ? b : e;
    }
    // last window with start <= b
    let lo = lo0;
    let hi = hi0;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.winStart[mid]! <= b) lo = mid + 1;
      else hi = mid;
    }
    if (lo === lo0) return -Infinity;
    const e = this.winEnd[lo - 1]!;
    return b < e ? b : e;
  }

  isAllowed(j: number, v: number): boolean {
    return this.allowed[j * this.nVehicles + v] === 1;
  }
}
