import type { Scope } from '../db/access.js';
import type { Actor, Role } from '../plugins/auth.js';

/** The signed-in actor's scope: what it coordinates, hosts and drives, and where those grants lie. */
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
