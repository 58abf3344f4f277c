// Lending between regions (issue 15, point 3), as the planner sees it. A region plans an asset only on
// days it holds it: its own, except while lent out; a borrowed one, only inside its loans. Days it
// does not hold become the asset's maintenance for the planner (the same "cannot go" days), so the
// solver core needs no new idea. The database refuses any stay that breaks this (migration 0012).

import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../server/db/client.js';
import { loansOverlapping } from '../../server/db/queries/loans.js';
import * as t from '../../server/db/schema/index.js';
import { greatCircleMetres } from './geo.js';
import type { DayRange, SetKind } from './types.js';

// Days far enough either side of any horizon for "not held before / after the loan".
const FAR_PAST = '2000-01-01';
const FAR_FUTURE = '2100-12-31';

const dayShift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The days outside a list of inclusive ranges (sorted, not overlapping), between FAR_PAST and FAR_FUTURE. */
export function outside(ranges: readonly DayRange[]): DayRange[] {
  const out: DayRange[] = [];
  let from = FAR_PAST;
  for (const [s, e] of [...ranges].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (s > from) out.push([from, dayShift(s, -1)]);
    from = dayShift(e, 1);
  }
  if (from <= FAR_FUTURE) out.push([from, FAR_FUTURE]);
  return out;
}

type Key = `set:${number}` | `vehicle:${number}`;
const keyOf = (l: { exhibitSetId: number | null; vehicleId: number | null }): Key => (l.exhibitSetId !== null ? `set:${l.exhibitSetId}` : `vehicle:${l.vehicleId!}`);

/** What a region's loans over a horizon change for its planner. */
export interface RegionLoans {
  /** Sets and vehicles of other regions lent to this one during the horizon. */
  borrowedSets: (typeof t.exhibitSets.$inferSelect)[];
  borrowedVehicles: (typeof t.vehicles.$inferSelect)[];
  /** The days a vehicle carrying these sets must begin a new trip on: where a borrowed one's loan begins or ends. */
  tripCuts: (setIds: readonly number[]) => string[];
  /** Each borrowed vehicle's base in this region: the region's centre nearest its own home centre. */
  baseOf: (vehicle: { homeCentreId: number }, centres: readonly { id: number; lng: number; lat: number }[]) => number;
  /** Days each asset is not this region's to plan (lent out, or outside the loans that lent it here). */
  notHeld: (kind: 'set' | 'vehicle', id: number) => DayRange[];
}

/** Reads the loans a region gave and got over [from, to] and the borrowed assets' rows. */
export async function loadRegionLoans(db: DbOrTx, regionId: number, from: string, to: string): Promise<RegionLoans> {
  const loans = await loansOverlapping(db, regionId, FAR_PAST, FAR_FUTURE);
  const inHorizon = loans.filter((l) => l.startsOn <= to && l.endsOn >= from);
  const borrowed = inHorizon.filter((l) => l.borrowerRegionId === regionId);
  const setIds = borrowed.flatMap((l) => (l.exhibitSetId !== null ? [l.exhibitSetId] : []));
  const vehicleIds = borrowed.flatMap((l) => (l.vehicleId !== null ? [l.vehicleId] : []));
  const lentOut = new Map<Key, DayRange[]>();
  const lentIn = new Map<Key, DayRange[]>();
  for (const l of loans) {
    const into = l.lenderRegionId === regionId ? lentOut : lentIn;
    into.set(keyOf(l), [...(into.get(keyOf(l)) ?? []), [l.startsOn, l.endsOn]]);
  }
  const borrowedVehicles = vehicleIds.length ? await db.select().from(t.vehicles).where(inArray(t.vehicles.id, [...new Set(vehicleIds)])) : [];
  const homeIds = [...new Set(borrowedVehicles.map((v) => v.homeCentreId))];
  const homes = homeIds.length ? await db.select({ id: t.centres.id, lng: t.centres.lng, lat: t.centres.lat }).from(t.centres).where(inArray(t.centres.id, homeIds)) : [];
  return {
    borrowedSets: setIds.length ? await db.select().from(t.exhibitSets).where(inArray(t.exhibitSets.id, [...new Set(setIds)])) : [],
    borrowedVehicles,
    baseOf: (v, centres) => nearestCentre(homes.find((c) => c.id === v.homeCentreId), centres) ?? v.homeCentreId,
    tripCuts: (ids) => ids.flatMap((id) => (lentIn.get(`set:${id}`) ?? []).flatMap(([s, e]) => [s, dayShift(e, 1)])),
    notHeld: (kind, id) => {
      const key: Key = `${kind}:${id}`;
      const got = lentIn.get(key);
      return got ? outside(got) : (lentOut.get(key) ?? []);
    },
  };
}

/** The kind of set a vehicle moves: a set truck a roving museum, a caravan its kits. */
const kindMoved = (type: string): SetKind => (type === 'set_truck' ? 'roving_museum' : 'caravan_kit');

/**
 * The sets a vehicle can carry in a region that borrows: its own links to sets the region plans, and,
 * since a loan crosses the regions' links, every borrowed set of the kind it moves (a borrowed vehicle:
 * every set of that kind the region plans).
 */
export function carriedWithLoans(
  vehicle: { id: number; type: string },
  borrowedVehicle: boolean,
  linked: readonly number[],
  sets: readonly { id: number; kind: SetKind }[],
  borrowedSetIds: ReadonlySet<number>,
): number[] {
  const kind = kindMoved(vehicle.type);
  const planned = new Set(sets.map((s) => s.id));
  const extra = sets.filter((s) => s.kind === kind && (borrowedVehicle || borrowedSetIds.has(s.id))).map((s) => s.id);
  return [...new Set([...linked.filter((id) => planned.has(id)), ...extra])].sort((a, b) => a - b);
}

/** A borrowed vehicle's base in the borrowing region: the region's centre nearest its own home centre. */
export function nearestCentre(home: { lng: number; lat: number } | undefined, centres: readonly { id: number; lng: number; lat: number }[]): number | undefined {
  if (!home) return centres[0]?.id;
  let best: { id: number; m: number } | undefined;
  for (const c of centres) {
    const m = greatCircleMetres(home, c);
    if (!best || m < best.m) best = { id: c.id, m };
  }
  return best?.id;
}
