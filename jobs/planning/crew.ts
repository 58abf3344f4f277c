import type { RegionFacts, VehicleFacts } from './types.js';

// The crew's day (README, "Planning rules"), in whole days. The days of a stay are working days.
// After its last day a leg of at most the region's evening limit (default 2 h) is driven that
// evening; a longer one starts the next morning, at most the daily limit of driving a day (default
// 8 h, a vehicle's own limit may be lower), never between 22:00 and 06:00, sleeping on the road
// between driving days. So the next stay starts on end + 1 after a short leg, else on
// end + 1 + ceil(hours / daily limit) at the earliest. A leg from the home centre leaves at 06:00
// of the trip's first day: a short one reaches a stay that starts that day.

/** Most driving a day for this vehicle's crew, in minutes. */
export function dailyLimit(vehicle: Pick<VehicleFacts, 'dailyDriveMinutes'>, region: Pick<RegionFacts, 'dailyDriveMinutes'>): number {
  return Math.max(1, Math.min(vehicle.dailyDriveMinutes, region.dailyDriveMinutes));
}

/** Whole driving days a leg of `drive` minutes takes (0: driven the evening a stay ends). */
export function legDays(drive: number, daily: number, eveningMax: number): number {
  if (drive <= eveningMax) return 0;
  return Math.ceil(drive / daily);
}

/** Nights on the road before the next stay: one per driving day (none for an evening leg). */
export const restNights = legDays;

/**
 * The days of a stay its crew rests, as offsets [from, to) from its first day: none for a caravan
 * (every visit day is work); the open days of a roving museum, which the venue's own staff run.
 */
export function restOfStay(kind: 'roving_museum' | 'caravan_kit', setupDays: number, openDays: number): [number, number] | null {
  return kind === 'roving_museum' && openDays > 0 ? [setupDays, setupDays + openDays] : null;
}
