import { and, eq, gte, lte, ne, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import * as t from '../db/schema/index.js';
import { DomainError } from '../errors.js';

// Two stays of one plan may not share a vehicle, a set or a venue on any day: the database's
// exclusion constraints (migration 0004) enforce it. The rule is stated once more here, in words a
// coordinator can act on: which stay is in the way, so a refused edit names it and the board can
// show, before the drop, which days are free. The constraints stay the last word.

/** The days and places of a stay, as the overlap rule reads them (days inclusive). */
export interface StayPlaceDays {
  id: number;
  vehicleId: number;
  exhibitSetId: number;
  venueId: number;
  startsOn: string;
  endsOn: string;
}

export type ClashOn = 'vehicle' | 'set' | 'venue';

/** What a stay shares with another on a common day, or null: the vehicle first, then the set, then the venue. */
export function clashOn(a: StayPlaceDays, b: StayPlaceDays): ClashOn | null {
  if (a.id === b.id || a.startsOn > b.endsOn || b.startsOn > a.endsOn) return null;
  if (a.vehicleId === b.vehicleId) return 'vehicle';
  if (a.exhibitSetId === b.exhibitSetId) return 'set';
  if (a.venueId === b.venueId) return 'venue';
  return null;
}

/** The first of `others` (live stays of the same plan) in the stay's way, and on what. */
export function clashOf<S extends StayPlaceDays>(stay: StayPlaceDays, others: Iterable<S>): { other: S; on: ClashOn } | null {
  let found: { other: S; on: ClashOn } | null = null;
  for (const o of others) {
    const on = clashOn(stay, o);
    if (!on) continue;
    // The vehicle's own stay is the one to name (a vehicle cannot be in two places), then the set's.
    if (!found || RANK[on] < RANK[found.on]) found = { other: o, on };
    if (on === 'vehicle') break;
  }
  return found;
}

const RANK: Record<ClashOn, number> = { vehicle: 0, set: 1, venue: 2 };
const CODE: Record<ClashOn, string> = { vehicle: 'STOP_OVERLAP_VEHICLE', set: 'STOP_OVERLAP_SET', venue: 'STOP_OVERLAP_VENUE' };

/** The stay in the way, in words: its venue, county, vehicle, set and days. */
export async function clashView(db: DbOrTx, stopId: number) {
  const [row] = await db
    .select({
      stopId: t.stops.id,
      venueName: t.venues.name,
      countyName: t.venues.countyName,
      vehicleId: t.stops.vehicleId,
      vehicleName: t.vehicles.name,
      exhibitSetId: t.stops.exhibitSetId,
      setName: t.exhibitSets.name,
      startsOn: t.stops.startsOn,
      endsOn: t.stops.endsOn,
    })
    .from(t.stops)
    .innerJoin(t.venues, eq(t.venues.id, t.stops.venueId))
    .innerJoin(t.vehicles, eq(t.vehicles.id, t.stops.vehicleId))
    .innerJoin(t.exhibitSets, eq(t.exhibitSets.id, t.stops.exhibitSetId))
    .where(eq(t.stops.id, stopId));
  return row;
}

/**
 * Refuses a stay (about to be written in `tx`) that shares a day with another live stay of the plan
 * on its vehicle, set or venue: 409 STOP_OVERLAP_VEHICLE / _SET / _VENUE naming the other stay
 * (params for the words, details.clash for the board's link to it).
 */
export async function assertNoClash(tx: DbOrTx, planId: number, stay: StayPlaceDays) {
  const near = await tx
    .select({ id: t.stops.id, vehicleId: t.stops.vehicleId, exhibitSetId: t.stops.exhibitSetId, venueId: t.stops.venueId, startsOn: t.stops.startsOn, endsOn: t.stops.endsOn })
    .from(t.stops)
    .where(
      and(
        eq(t.stops.planId, planId),
        ne(t.stops.status, 'cancelled'),
        ne(t.stops.id, stay.id),
        lte(t.stops.startsOn, stay.endsOn),
        gte(t.stops.endsOn, stay.startsOn),
        or(eq(t.stops.vehicleId, stay.vehicleId), eq(t.stops.exhibitSetId, stay.exhibitSetId), eq(t.stops.venueId, stay.venueId)),
      ),
    );
  const clash = clashOf(stay, near);
  if (!clash) return;
  const view = await clashView(tx, clash.other.id);
  throw new DomainError(CODE[clash.on], { ...view }, { clash: view });
}
