import { DateTime } from 'luxon';
import { Problem, adviseInsertions, type PlannedRoute } from '../solver/index.js';
import type { DbOrTx } from '../../server/db/client.js';
import { dayOf } from './days.js';
import { loadPlanningFacts } from './load.js';
import { buildModel } from './model.js';
import { noVehicleCode, stayDays } from './plan.js';
import type { PlanningFacts, RequestFacts } from './types.js';

export interface AdviceInput {
  regionId: number;
  venueId: number;
  setKind: RequestFacts['setKind'];
  exhibitSetId: number | null;
  theme: string | null;
  windowStart: string;
  windowEnd: string;
  openDays: number;
  /** Nothing earlier than this day is offered (today in the region's time zone). */
  today: string;
}

export interface AdviceOption {
  startsOn: string;
  opensOn: string;
  closesOn: string;
  endsOn: string;
  vehicleId: number;
  vehicleName: string;
  exhibitSetId: number;
  exhibitSetName: string;
}

export interface AdviceResult {
  options: AdviceOption[];
  /** When nothing fits: the reason code the planner would give. */
  reasonCode: string | null;
  provisionalYears: number[];
}

/**
 * The earliest dates (up to `k`, one per start day) a new request could be served without moving
 * any stay of the published plan: the solver's insertion advice over the published tours.
 */
export async function adviseRequest(db: DbOrTx, a: AdviceInput, k = 3): Promise<AdviceResult> {
  const facts = await adviceFacts(db, a);
  return facts ? adviseFromFacts(facts, a, k) : { options: [], reasonCode: 'NO_OPEN_DAYS', provisionalYears: [] };
}

/** The first day advice may offer: the window's start, or today if later. */
const firstDay = (a: AdviceInput) => (a.windowStart > a.today ? a.windowStart : a.today);

/** The published plan's facts around the window (the I/O half of advice), or null when no day of the window is left. */
export async function adviceFacts(db: DbOrTx, a: AdviceInput): Promise<PlanningFacts | null> {
  const from = firstDay(a);
  if (a.windowEnd < from) return null;
  // A margin either side lets the tours around the window count for travel.
  const horizonStart = DateTime.fromISO(from).minus({ days: 45 }).toISODate()!;
  const horizonEnd = DateTime.fromISO(a.windowEnd).plus({ days: 45 }).toISODate()!;
  return loadPlanningFacts(db, { regionId: a.regionId, horizonStart, horizonEnd, replanFrom: DateTime.fromISO(horizonEnd).plus({ days: 1 }).toISODate()! });
}

/** The CPU half of advice, pure: what `adviseRequest` answers, from facts `adviceFacts` loaded (runs in a thread). */
export function adviseFromFacts(facts: PlanningFacts, a: AdviceInput, k = 3): AdviceResult {
  const from = firstDay(a);
  const request: RequestFacts = { id: -1, venueId: a.venueId, setKind: a.setKind, exhibitSetId: a.exhibitSetId, theme: a.theme, windowStart: from, windowEnd: a.windowEnd, openDays: a.openDays };
  // Every published stay is fixed (re-plan day after the horizon); only the new request is free.
  const model = buildModel({ ...facts, requests: [request], replanFrom: from });
  const j = model.jobs.findIndex((pj) => pj.source.kind === 'request');
  if (j < 0) return { options: [], reasonCode: 'NO_SUITABLE_SET', provisionalYears: model.provisionalYears };
  const problem = new Problem(model.input);
  if (problem.allowedCount[j] === 0) {
    return { options: [], reasonCode: noVehicleCode(model.jobs[j]!), provisionalYears: model.provisionalYears };
  }

  // The published tours as they are, per trip.
  const byShift = new Map<number, { job: number; day: number }[]>();
  model.jobs.forEach((pj, i) => {
    if (pj.source.kind !== 'fixed') return;
    const pin = model.input.jobs[i]!.pin!;
    byShift.set(pin.vehicle, [...(byShift.get(pin.vehicle) ?? []), { job: i, day: dayOf(pin.start!) }]);
  });
  const routes: PlannedRoute[] = [...byShift].map(([vehicle, list]) => ({ vehicle, jobs: list.sort((x, y) => x.day - y.day).map((x) => x.job) }));
  const busy = facts.fixedStops.filter((s) => s.venueId === a.venueId);
  // Insertion advice gives the earliest start at each place in each tour; the next-earliest day
  // at the same place is found by asking again with the days up to the last answer taken away.
  const windows = model.input.jobs[j]!.windows ?? [];
  const options: AdviceOption[] = [];
  let after = -Infinity;
  let current = problem;
  for (let round = 0; round < k * 4 && options.length < k; round++) {
    const found = adviseInsertions(current, routes, j, { k: 50, orderBy: 'start' });
    let next: number | undefined;
    for (const ins of found) {
      const shift = model.shifts[ins.vehicle]!;
      const s = dayOf(ins.start);
      if (s <= after) continue;
      next = s;
      const { opens, closes, e } = stayDays(model, model.jobs[j]!, ins.vehicle, ins.start);
      const startsOn = model.clock.iso(s);
      const endsOn = model.clock.iso(e);
      // The venue's own other stays are not on this vehicle's tour: skip days it is taken.
      if (busy.some((b) => b.startsOn <= endsOn && b.endsOn >= startsOn)) continue;
      options.push({ startsOn, opensOn: model.clock.iso(opens), closesOn: model.clock.iso(closes), endsOn, vehicleId: shift.vehicle.id, vehicleName: shift.vehicle.name, exhibitSetId: shift.set.id, exhibitSetName: shift.set.name });
      break;
    }
    if (next === undefined) break;
    after = next;
    const later = windows.filter((w) => dayOf(w.start) > after);
    if (later.length === 0) break;
    current = new Problem({ ...model.input, jobs: model.input.jobs.map((x, i) => (i === j ? { ...x, windows: later } : x)) });
  }
  return { options, reasonCode: options.length ? null : 'CAPACITY_TAKEN', provisionalYears: model.provisionalYears };
}
