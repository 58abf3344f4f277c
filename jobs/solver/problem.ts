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
  /**
   * A part of the service during which the crew rests, as offsets from the start of service
   * ([start, end], time units): for the work-stretch rule only the service before `start` and
   * after `end` is work. Default: the whole service is work.
   */
  readonly serviceRest?: TimeWindow;
  /**
   * Jobs sharing this key are never served by two vehicles of the same `kind` (e.g. one exhibit
   * kit at most once at a venue). Default: no such rule.
   */
  readonly noRepeat?: number;
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
  /** Travel-time profile: 0 (default) uses `durations`, p >= 1 uses `durationProfiles[p - 1]`. */
  readonly profile?: number;
  /**
   * Exclusive groups: of the vehicles sharing a group, at most one serves jobs (e.g. the alternative
   * set-ups of one trip, or one set on trips that overlap in time). Default: none.
   */
  readonly groups?: readonly number[];
  /** A label for the jobs' `noRepeat` rule (e.g. the kit it carries). Default: none. */
  readonly kind?: number;
  /**
   * Work-stretch rule: at most this much time (travel, service and short waits) between two
   * breaks. A break is a wait of at least `minBreak`: waiting for a window, or a pause the
   * schedule inserts when the stretch would run over (inside a leg, or before a service).
   * Default: unbounded.
   */
  readonly maxWorkStretch?: number;
  /** Shortest wait that counts as a break (time units). Default 1. */
  readonly minBreak?: number;
}

export interface ProblemInput {
  readonly jobs: readonly JobInput[];
  readonly vehicles: readonly VehicleInput[];
  /** Travel times between locations (time units). */
  readonly durations: Matrix;
  /** Travel distances between locations (distance units). Default: the durations. */
  readonly distances?: Matrix;
  /** Further travel-time matrices, for vehicles with `profile` 1, 2, … (same size as `durations`). */
  readonly durationProfiles?: readonly Matrix[];
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
  /** Row-major travel time (profile 0) and distance matrices. */
  readonly time: Float64Array;
  readonly dist: Float64Array;
  /** Each vehicle's travel-time matrix (its profile). */
  readonly vTime: Float64Array[];

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
  /** Work before and after the service's rest ([0, 0] rest: all work; see JobInput.serviceRest). */
  readonly workHead: Float64Array;
  readonly workTail: Float64Array;
  /** 1 when the service's rest is a break (at least the serving vehicle's minBreak is checked at use). */
  readonly restLength: Float64Array;
  /** Dense noRepeat key of each job, -1 for none; `nRepeatKeys` keys. */
  readonly jobKey: Int32Array;
  readonly nRepeatKeys: number;

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
  /** Work-stretch rule per vehicle (Infinity: none) and the shortest break. */
  readonly vMaxStretch: Float64Array;
  readonly vMinBreak: Float64Array;
  /** 1 when a schedule can only be judged by simulating it (duration or work stretch): no O(1) shortcuts. */
  readonly vSimulate: Uint8Array;
  /** Exclusive groups of vehicle v: groupList[groupOffset[v] .. groupOffset[v+1]); `nGroups` groups. */
  readonly groupOffset: Int32Array;
  readonly groupList: Int32Array;
  readonly nGroups: number;
  /** Vehicles of group g: groupVehicles[g]. */
  readonly groupVehicles: Int32Array[];
  /** Dense kind of each vehicle for the noRepeat rule, -1 for none; `nKinds` kinds. */
  readonly vKind: Int32Array;
  readonly nKinds: number;
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
    const profiles = [t.data];
    (input.durationProfiles ?? []).forEach((pm, i) => {
      const f = flatten(pm, `durationProfiles[${i}]`);
      if (f.size !== t.size) throw new SolverInputError(`durationProfiles[${i}] differs in size from durations`);
      checkEntries(f.data, `durationProfiles[${i}]`);
      profiles.push(f.data);
    });
    this.nJobs = input.jobs.length;
    this.nVehicles = input.vehicles.length;
    const loc = (x: number, what: string): number => {
      if (!Number.isInteger(x) || x < 0 || x >= this.nLocations) throw new SolverInputError(`${what}: location ${x} out of range`);
      return x;
    };

    const v = readVehicles(input.vehicles, loc, profiles);
    this.vStart = v.vStart;
    this.vEnd = v.vEnd;
    this.vOpen = v.vOpen;
    this.vClose = v.vClose;
    this.vCapacity = v.vCapacity;
    this.vMaxDuration = v.vMaxDuration;
    this.vMaxDistance = v.vMaxDistance;
    this.vCostDist = v.vCostDist;
    this.vCostDur = v.vCostDur;
    this.vFixed = v.vFixed;
    this.vTracksDuration = v.vTracksDuration;
    this.vMaxStretch = v.vMaxStretch;
    this.vMinBreak = v.vMinBreak;
    this.vSimulate = v.vSimulate;
    this.vTime = v.vTime;
    this.groupOffset = v.groupOffset;
    this.groupList = v.groupList;
    this.nGroups = v.nGroups;
    this.groupVehicles = v.groupVehicles;
    this.vKind = v.vKind;
    this.nKinds = v.nKinds;

    const j = readJobs(input.jobs, this.nVehicles, loc);
    this.jobLoc = j.jobLoc;
    this.service = j.service;
    this.demand = j.demand;
    this.priority = j.priority;
    this.penalty = j.penalty;
    this.winOffset = j.winOffset;
    this.winStart = j.winStart;
    this.winEnd = j.winEnd;
    this.pinVehicle = j.pinVehicle;
    this.pinSequence = j.pinSequence;
    this.allowed = j.allowed;
    this.allowedCount = j.allowedCount;
    this.workHead = j.workHead;
    this.workTail = j.workTail;
    this.restLength = j.restLength;
    this.jobKey = j.jobKey;
    this.nRepeatKeys = j.nRepeatKeys;
    this.uniform = !j.restricted && !v.special && alikeVehicles(this);
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

/** The vehicles' arrays, validated. */
function readVehicles(vehicles: readonly VehicleInput[], loc: (x: number, what: string) => number, profiles: Float64Array[]) {
  const m = vehicles.length;
  const f64 = () => new Float64Array(m);
  const out = {
    vStart: new Int32Array(m),
    vEnd: new Int32Array(m),
    vOpen: f64(),
    vClose: f64(),
    vCapacity: f64(),
    vMaxDuration: f64(),
    vMaxDistance: f64(),
    vCostDist: f64(),
    vCostDur: f64(),
    vFixed: f64(),
    vTracksDuration: new Uint8Array(m),
    vMaxStretch: f64(),
    vMinBreak: f64(),
    vSimulate: new Uint8Array(m),
    vTime: new Array<Float64Array>(m),
    vKind: new Int32Array(m).fill(-1),
    nKinds: 0,
    ...readGroups(vehicles),
    /** Some vehicle has a profile, groups, a kind or a work-stretch rule (no O(1) tail exchanges). */
    special: false,
  };
  const kinds = new Map<number, number>();
  for (let v = 0; v < m; v++) {
    const x = vehicles[v]!;
    out.vStart[v] = loc(x.start, `vehicle ${v} start`);
    out.vEnd[v] = loc(x.end, `vehicle ${v} end`);
    out.vOpen[v] = x.window?.start ?? 0;
    out.vClose[v] = x.window?.end ?? Infinity;
    if (out.vOpen[v]! > out.vClose[v]!) throw new SolverInputError(`vehicle ${v}: window start after end`);
    out.vCapacity[v] = x.capacity ?? Infinity;
    out.vMaxDuration[v] = x.maxDuration ?? Infinity;
    out.vMaxDistance[v] = x.maxDistance ?? Infinity;
    out.vCostDist[v] = x.costPerDistance ?? 1;
    out.vCostDur[v] = x.costPerDuration ?? 0;
    out.vFixed[v] = x.fixedCost ?? 0;
    out.vTracksDuration[v] = out.vMaxDuration[v] !== Infinity || out.vCostDur[v] !== 0 ? 1 : 0;
    out.vMaxStretch[v] = x.maxWorkStretch ?? Infinity;
    out.vMinBreak[v] = x.minBreak ?? 1;
    if (!(out.vMaxStretch[v]! > 0) || !(out.vMinBreak[v]! > 0)) throw new SolverInputError(`vehicle ${v}: maxWorkStretch and minBreak must be > 0`);
    out.vSimulate[v] = out.vTracksDuration[v] || out.vMaxStretch[v] !== Infinity ? 1 : 0;
    const profile = x.profile ?? 0;
    if (!Number.isInteger(profile) || profile < 0 || profile >= profiles.length) throw new SolverInputError(`vehicle ${v}: no travel-time profile ${profile}`);
    out.vTime[v] = profiles[profile]!;
    if (x.kind !== undefined) {
      let k = kinds.get(x.kind);
      if (k === undefined) kinds.set(x.kind, (k = kinds.size));
      out.vKind[v] = k;
    }
    if (profile !== 0 || x.kind !== undefined || out.vMaxStretch[v] !== Infinity || (x.groups?.length ?? 0) > 0) out.special = true;
  }
  out.nKinds = kinds.size;
  return out;
}

/** Exclusive groups, densely numbered: each vehicle's list and each group's vehicles. */
function readGroups(vehicles: readonly VehicleInput[]) {
  const dense = new Map<number, number>();
  const members: number[][] = [];
  const groupOffset = new Int32Array(vehicles.length + 1);
  const list: number[] = [];
  vehicles.forEach((x, v) => {
    groupOffset[v] = list.length;
    for (const g of new Set(x.groups ?? [])) {
      let k = dense.get(g);
      if (k === undefined) {
        dense.set(g, (k = dense.size));
        members.push([]);
      }
      list.push(k);
      members[k]!.push(v);
    }
  });
  groupOffset[vehicles.length] = list.length;
  return { groupOffset, groupList: Int32Array.from(list), nGroups: dense.size, groupVehicles: members.map((g) => Int32Array.from(g)) };
}

/** The jobs' arrays, validated. */
function readJobs(jobs: readonly JobInput[], m: number, loc: (x: number, what: string) => number) {
  const n = jobs.length;
  let nw = 0;
  for (const j of jobs) nw += j.pin?.start !== undefined ? 1 : Math.max(1, j.windows?.length ?? 0);
  const out = {
    jobLoc: new Int32Array(n),
    service: new Float64Array(n),
    demand: new Float64Array(n),
    priority: new Float64Array(n),
    penalty: new Float64Array(n),
    winOffset: new Int32Array(n + 1),
    winStart: new Float64Array(nw),
    winEnd: new Float64Array(nw),
    pinVehicle: new Int32Array(n).fill(-1),
    pinSequence: new Float64Array(n).fill(NaN),
    allowed: new Uint8Array(n * m),
    allowedCount: new Int32Array(n),
    workHead: new Float64Array(n),
    workTail: new Float64Array(n),
    restLength: new Float64Array(n),
    jobKey: new Int32Array(n).fill(-1),
    nRepeatKeys: 0,
    restricted: false,
  };
  const keys = new Map<number, number>();
  let w = 0;
  for (let i = 0; i < n; i++) {
    const j = jobs[i]!;
    out.jobLoc[i] = loc(j.location, `job ${i}`);
    out.service[i] = j.service ?? 0;
    out.demand[i] = j.demand ?? 0;
    out.priority[i] = j.priority ?? 1;
    out.penalty[i] = j.penalty ?? 1e9 * (j.priority ?? 1);
    if (out.service[i]! < 0) throw new SolverInputError(`job ${i}: negative service`);
    out.winOffset[i] = w;
    w = readWindows(j, i, out.winStart, out.winEnd, w);
    readRest(j, i, out);
    if (j.noRepeat !== undefined) {
      let k = keys.get(j.noRepeat);
      if (k === undefined) keys.set(j.noRepeat, (k = keys.size));
      out.jobKey[i] = k;
      out.restricted = true;
    }
    if (readAllowed(j, i, m, out)) out.restricted = true;
  }
  out.winOffset[n] = w;
  out.nRepeatKeys = keys.size;
  return out;
}

/** Writes job i's windows from position w on; returns the next free position. */
function readWindows(j: JobInput, i: number, winStart: Float64Array, winEnd: Float64Array, w: number): number {
  if (j.pin?.start !== undefined) {
    winStart[w] = j.pin.start;
    winEnd[w] = j.pin.start;
    return w + 1;
  }
  if (!j.windows || j.windows.length === 0) {
    winStart[w] = -Infinity;
    winEnd[w] = Infinity;
    return w + 1;
  }
  let prevEnd = -Infinity;
  for (const tw of j.windows) {
    if (!(tw.start <= tw.end)) throw new SolverInputError(`job ${i}: window start after end`);
    if (tw.start <= prevEnd && prevEnd !== -Infinity) throw new SolverInputError(`job ${i}: windows must be sorted and disjoint`);
    prevEnd = tw.end;
    winStart[w] = tw.start;
    winEnd[w] = tw.end;
    w++;
  }
  return w;
}

function readRest(j: JobInput, i: number, out: { service: Float64Array; workHead: Float64Array; workTail: Float64Array; restLength: Float64Array }): void {
  const service = out.service[i]!;
  const rest = j.serviceRest;
  if (!rest) {
    out.workHead[i] = service;
    return;
  }
  if (!(rest.start >= 0 && rest.start <= rest.end && rest.end <= service)) throw new SolverInputError(`job ${i}: serviceRest must lie within the service`);
  out.workHead[i] = rest.start;
  out.workTail[i] = service - rest.end;
  out.restLength[i] = rest.end - rest.start;
}

/** Fills job i's allowed vehicles (pins included); true when it restricts them. */
function readAllowed(j: JobInput, i: number, m: number, out: { allowed: Uint8Array; allowedCount: Int32Array; pinVehicle: Int32Array; pinSequence: Float64Array }): boolean {
  const row = i * m;
  let restricted = false;
  if (j.allowedVehicles) {
    restricted = true;
    for (const v of j.allowedVehicles) {
      if (!Number.isInteger(v) || v < 0 || v >= m) throw new SolverInputError(`job ${i}: vehicle ${v} out of range`);
      out.allowed[row + v] = 1;
    }
  } else out.allowed.fill(1, row, row + m);
  if (j.pin) {
    const pv = j.pin.vehicle;
    if (!Number.isInteger(pv) || pv < 0 || pv >= m) throw new SolverInputError(`job ${i}: pinned vehicle ${pv} out of range`);
    restricted = true;
    out.pinVehicle[i] = pv;
    out.pinSequence[i] = j.pin.sequence ?? NaN;
    const keep = out.allowed[row + pv]!;
    out.allowed.fill(0, row, row + m);
    out.allowed[row + pv] = keep;
  }
  let c = 0;
  for (let v = 0; v < m; v++) c += out.allowed[row + v]!;
  out.allowedCount[i] = c;
  return restricted;
}

/** Every vehicle alike (locations, window, limits, costs, no duration tracking). */
function alikeVehicles(p: Problem): boolean {
  for (let v = 0; v < p.nVehicles; v++) {
    if (p.vTracksDuration[v]) return false;
    if (v === 0) continue;
    const same =
      p.vStart[v] === p.vStart[0] &&
      p.vEnd[v] === p.vEnd[0] &&
      p.vOpen[v] === p.vOpen[0] &&
      p.vClose[v] === p.vClose[0] &&
      p.vCapacity[v] === p.vCapacity[0] &&
      p.vMaxDistance[v] === p.vMaxDistance[0] &&
      p.vCostDist[v] === p.vCostDist[0] &&
      p.vFixed[v] === p.vFixed[0];
    if (!same) return false;
  }
  return true;
}
