import { and, inArray, or, type SQL } from 'drizzle-orm';
import { DomainError, NotFoundError } from '../errors.js';
import type { DbOrTx } from './client.js';
import { vehicles, venues } from './schema/index.js';

// "May this caller see (or change) these rows?" written once, as SQL the queries filter by: a row out
// of scope is simply not selected, so it answers "not found" and there is nothing to fetch first and
// check afterwards. (drizzle renders `inArray(col, [])` as `false`, so an empty id list needs no guard.)

/**
 * What a caller may see, as id lists: regions they coordinate, venues they host, vehicles they drive,
 * and the regions their host or driver grants lie in. The signed-in actor carries the first three.
 */
export interface Scope {
  coordinatorRegionIds: number[];
  hostVenueIds: number[];
  driverVehicleIds: number[];
  hostRegionIds: number[];
  driverRegionIds: number[];
}

/** The part of a scope the access rules read (an `Actor` has it too). */
export type AccessScope = Pick<Scope, 'coordinatorRegionIds' | 'hostVenueIds' | 'driverVehicleIds'>;

/**
 * The access kinds, each the rows it covers and who may reach them:
 * - venue.read: the region's coordinators and the venue's hosts;
 * - venue.manage: the region's coordinators;
 * - vehicle.read: the region's coordinators and the vehicle's drivers;
 * - vehicle.manage: the region's coordinators.
 */
const rules = {
  'venue.read': (s: AccessScope) => or(inArray(venues.regionId, s.coordinatorRegionIds), inArray(venues.id, s.hostVenueIds))!,
  'venue.manage': (s: AccessScope) => inArray(venues.regionId, s.coordinatorRegionIds),
  'vehicle.read': (s: AccessScope) =>
    or(inArray(vehicles.regionId, s.coordinatorRegionIds), inArray(vehicles.id, s.driverVehicleIds))!,
  'vehicle.manage': (s: AccessScope) => inArray(vehicles.regionId, s.coordinatorRegionIds),
} satisfies Record<string, (s: AccessScope) => SQL>;

export type AccessKind = keyof typeof rules;

/** The condition selecting the rows of `kind` the caller may reach, for a query's WHERE. */
export function accessible(kind: AccessKind, scope: AccessScope): SQL {
  return rules[kind](scope);
}

type VenueRow = typeof venues.$inferSelect;
type VehicleRow = typeof vehicles.$inferSelect;

/**
 * The rows `ids` names, in that order, when the caller may reach every one of them; otherwise
 * RESOURCE_NOT_FOUND for the first that is missing or out of scope (no hint that it exists).
 */
export async function requireAccess<const I extends readonly number[]>(
  db: DbOrTx,
  scope: AccessScope,
  kind: 'venue.read' | 'venue.manage',
  ids: I,
): Promise<{ [K in keyof I]: VenueRow }>;
export async function requireAccess<const I extends readonly number[]>(
  db: DbOrTx,
  scope: AccessScope,
  kind: 'vehicle.read' | 'vehicle.manage',
  ids: I,
): Promise<{ [K in keyof I]: VehicleRow }>;
export async function requireAccess(db: DbOrTx, scope: AccessScope, kind: AccessKind, ids: readonly number[]) {
  const [entity, table] = kind.startsWith('venue.') ? (['venue', venues] as const) : (['vehicle', vehicles] as const);
  const rows: (VenueRow | VehicleRow)[] = await db
    .select()
    .from(table)
    .where(and(inArray(table.id, [...ids]), accessible(kind, scope)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row) throw new NotFoundError(entity, id);
    return row;
  });
}

/**
 * The error for a row named in a write that lies in another region than the row written: "not
 * found" when the caller may not see that region at all (no hint it exists), NOT_IN_REGION when it
 * is one of theirs (a coordinator of two regions mixing them up).
 */
export function wrongRegion(visibleRegionIds: number[], entity: string, id: number, rowRegionId: number): DomainError {
  return visibleRegionIds.includes(rowRegionId)
    ? new DomainError('NOT_IN_REGION', { entity, id })
    : new NotFoundError(entity, id);
}
