import { DomainError, NotFoundError } from '../errors.js';
import type { Actor, Role } from '../plugins/auth.js';

/**
 * What a caller may see, as id lists the queries filter by (never fetch-then-check): regions they
 * coordinate, venues they host, vehicles they drive, and the regions their host or driver grants lie in.
 */
export interface Scope {
  coordinatorRegionIds: number[];
  hostVenueIds: number[];
  driverVehicleIds: number[];
  hostRegionIds: number[];
  driverRegionIds: number[];
}

export function scopeOf(actor: Actor): Scope {
  const regionsOf = (role: Role) => [...new Set(actor.roles.filter((g) => g.role === role).map((g) => g.inRegionId))];
  return {
    coordinatorRegionIds: actor.coordinatorRegionIds,
    hostVenueIds: actor.hostVenueIds,
    driverVehicleIds: actor.driverVehicleIds,
    hostRegionIds: regionsOf('host'),
    driverRegionIds: regionsOf('driver'),
  };
}

/** The one region a coordinator acts in: the one asked for (if theirs), or their only one. */
export function coordinatorRegion(scope: Scope, asked: number | undefined): number | undefined {
  if (asked !== undefined) return scope.coordinatorRegionIds.includes(asked) ? asked : undefined;
  return scope.coordinatorRegionIds.length === 1 ? scope.coordinatorRegionIds[0] : undefined;
}

/**
 * The error for a row named in a write that lies in another region than the row written: "not
 * found" when the caller may not see that region at all (no hint it exists), NOT_IN_REGION when it
 * is one of theirs (a coordinator of two regions mixing them up).
 */
export function wrongRegion(visibleRegionIds: number[], entity: string, id: number, rowRegionId: number): DomainError {
  return visibleRegionIds.includes(rowRegionId) ? new DomainError('NOT_IN_REGION', { entity, id }) : new NotFoundError(entity, id);
}
