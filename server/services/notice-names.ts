import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import * as t from '../db/schema/index.js';

type Params = Record<string, unknown>;

/** What a notice's words name instead of ids: the venue (and county), the vehicle, the stay's days, the request's window. */
export interface NoticeNames {
  venueName?: string;
  countyName?: string;
  vehicleName?: string;
  startsOn?: string;
  endsOn?: string;
  windowStart?: string;
  windowEnd?: string;
}

const idOf = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const ids = (xs: unknown[]) => [...new Set(xs.map(idOf).filter((x): x is number => x !== undefined))];
const side = (p: Params, k: 'before' | 'after') => (p[k] ?? {}) as { vehicleId?: unknown };

/**
 * Looks up, for a page of notices at once, the names their words need (issue 12: "申请 #664" named
 * nothing). Read when the notices are read, so notices stored with ids only are named too; a row
 * gone since leaves the words without it. Returns each notice's params with `named` added.
 */
export async function withNames(db: DbOrTx, notices: Array<{ params: Params }>): Promise<(p: Params) => Params> {
  const all = notices.map((n) => n.params);
  const stopIds = ids(all.map((p) => p.stopId));
  const requestIds = ids(all.map((p) => p.requestId));
  const stops = stopIds.length ? await db.select({ id: t.stops.id, venueId: t.stops.venueId, vehicleId: t.stops.vehicleId, startsOn: t.stops.startsOn, endsOn: t.stops.endsOn }).from(t.stops).where(inArray(t.stops.id, stopIds)) : [];
  const requests = requestIds.length ? await db.select({ id: t.requests.id, venueId: t.requests.venueId, windowStart: t.requests.windowStart, windowEnd: t.requests.windowEnd }).from(t.requests).where(inArray(t.requests.id, requestIds)) : [];
  const venueIds = ids([...all.map((p) => p.venueId), ...stops.map((s) => s.venueId), ...requests.map((r) => r.venueId)]);
  const vehicleIds = ids([...all.flatMap((p) => [p.vehicleId, side(p, 'before').vehicleId, side(p, 'after').vehicleId]), ...stops.map((s) => s.vehicleId)]);
  const venues = venueIds.length ? await db.select({ id: t.venues.id, name: t.venues.name, countyName: t.venues.countyName }).from(t.venues).where(inArray(t.venues.id, venueIds)) : [];
  const vehicles = vehicleIds.length ? await db.select({ id: t.vehicles.id, name: t.vehicles.name }).from(t.vehicles).where(inArray(t.vehicles.id, vehicleIds)) : [];
  const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const [stopBy, requestBy, venueBy, vehicleBy] = [byId(stops), byId(requests), byId(venues), byId(vehicles)];

  return (p) => {
    const stop = stopBy.get(idOf(p.stopId) ?? 0);
    const request = requestBy.get(idOf(p.requestId) ?? 0);
    const venue = venueBy.get(idOf(p.venueId) ?? stop?.venueId ?? request?.venueId ?? 0);
    const vehicleId = idOf(side(p, 'after').vehicleId) ?? idOf(p.vehicleId) ?? stop?.vehicleId;
    const named: NoticeNames = {
      venueName: venue?.name,
      countyName: venue?.countyName,
      vehicleName: vehicleBy.get(vehicleId ?? 0)?.name,
      startsOn: stop?.startsOn,
      endsOn: stop?.endsOn,
      windowStart: request?.windowStart,
      windowEnd: request?.windowEnd,
    };
    return { ...p, named };
  };
}
