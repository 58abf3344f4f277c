import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { listUnserved } from '../db/queries/planning.js';
import * as t from '../db/schema/index.js';
import { longestStayDays, tripDaysOf } from '../db/trip-days.js';

export interface Warning {
  code: string;
  params: Record<string, unknown>;
}

export interface VehicleWarning extends Warning {
  vehicleId: number;
  vehicleName: string;
}

export interface UnservedGroup extends Warning {
  count: number;
  requestIds: number[];
}

type SetRow = typeof t.exhibitSets.$inferSelect;

/** Why a vehicle that made no stop could not, from what it carries, its trip limit and the requests. */
function idleCause(sets: SetRow[], tripDays: number, requestedKinds: Set<string>): Warning {
  if (sets.length === 0) return { code: 'VEHICLE_CARRIES_NO_SET', params: {} };
  const shortest = Math.min(...sets.map((s) => s.setupDays + s.minStayDays + s.teardownDays));
  if (tripDays < shortest) return { code: 'VEHICLE_TRIP_SHORTER_THAN_STAY', params: { tripDays, stayDays: shortest, longestStayDays: Math.max(...sets.map(longestStayDays)) } };
  if (!sets.some((s) => requestedKinds.has(s.kind))) return { code: 'VEHICLE_NO_REQUEST_OF_KIND', params: { kind: sets[0]!.kind } };
  return { code: 'VEHICLE_NOT_NEEDED', params: {} };
}

/** Pairs vehicles with sets as the planner does (lowest vehicle id first, each set once): what each one carries in the run. */
function pairedSets(vehicles: { id: number }[], carries: { vehicleId: number; set: SetRow }[]): Map<number, SetRow[]> {
  const taken = new Set<number>();
  const out = new Map<number, SetRow[]>();
  for (const v of [...vehicles].sort((a, b) => a.id - b.id)) {
    const set = carries.find((c) => c.vehicleId === v.id && !taken.has(c.set.id))?.set;
    if (set) taken.add(set.id);
    out.set(v.id, set ? [set] : []);
  }
  return out;
}

/**
 * What a planning run's draft should tell its coordinator: each vehicle in service with no stop and
 * why, and the unserved requests grouped by their cause (codes and parameters; words at the edge).
 */
export async function planWarnings(db: DbOrTx, plan: { id: number; regionId: number; horizonStart: string; horizonEnd: string }) {
  const [region] = await db.select().from(t.regions).where(eq(t.regions.id, plan.regionId));
  const vehicles = (await db.select().from(t.vehicles).where(eq(t.vehicles.regionId, plan.regionId))).filter(
    (v) => (v.retiredOn === null || v.retiredOn > plan.horizonStart) && (v.availableUntil === null || v.availableUntil >= plan.horizonStart),
  );
  const ids = vehicles.map((v) => v.id);
  const used = new Set((await db.selectDistinct({ vehicleId: t.stops.vehicleId }).from(t.stops).where(eq(t.stops.planId, plan.id))).map((r) => r.vehicleId));
  const carries = ids.length
    ? (await db.select().from(t.vehicleSets).innerJoin(t.exhibitSets, eq(t.exhibitSets.id, t.vehicleSets.exhibitSetId)).where(inArray(t.vehicleSets.vehicleId, ids)))
        .filter((r) => r.exhibit_sets.retiredOn === null || r.exhibit_sets.retiredOn > plan.horizonStart)
        .map((r) => ({ vehicleId: r.vehicle_sets.vehicleId, set: r.exhibit_sets }))
    : [];
  const paired = pairedSets(vehicles, carries);
  const trips = await tripDaysOf(db, region?.defaultTripDays ?? {}, vehicles);
  const requested = await db
    .selectDistinct({ kind: t.requests.setKind })
    .from(t.requests)
    .where(and(eq(t.requests.regionId, plan.regionId), inArray(t.requests.status, ['approved', 'scheduled', 'unserved', 'confirmed']), lte(t.requests.windowStart, plan.horizonEnd), gte(t.requests.windowEnd, plan.horizonStart)));
  const kinds = new Set<string>(requested.map((r) => r.kind));
  const idle: VehicleWarning[] = vehicles
    .filter((v) => !used.has(v.id))
    .sort((a, b) => a.id - b.id)
    .map((v) => {
      const carried = carries.filter((c) => c.vehicleId === v.id).map((c) => c.set);
      const cause = carried.length > 0 && paired.get(v.id)!.length === 0 ? { code: 'VEHICLE_SETS_TAKEN', params: {} } : idleCause(paired.get(v.id)!, trips.get(v.id)!, kinds);
      return { vehicleId: v.id, vehicleName: v.name, ...cause };
    });
  return { vehicles: idle, unserved: unservedGroups(await listUnserved(db, plan.id)) };
}

/** Unserved requests grouped by cause: one group per reason code and its parameters (the window aside). */
function unservedGroups(rows: { requestId: number; reason: { code: string; params?: Record<string, unknown> } | null }[]): UnservedGroup[] {
  const groups = new Map<string, UnservedGroup>();
  for (const r of rows) {
    const code = r.reason?.code ?? 'UNKNOWN';
    const { windowStart: _s, windowEnd: _e, ...params } = r.reason?.params ?? {};
    const key = `${code}|${JSON.stringify(params)}`;
    const g = groups.get(key) ?? { code, params, count: 0, requestIds: [] };
    g.count++;
    g.requestIds.push(r.requestId);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
