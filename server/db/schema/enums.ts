import { pgEnum } from 'drizzle-orm/pg-core';

/** Priority tier of a venue's county: national key assistance county, former poverty county, other. */
export const priorityTier = pgEnum('priority_tier', ['key', 'former_poverty', 'other']);

/** What kind of place a venue is (DESIGN.md, domain model). */
export const venueKind = pgEnum('venue_kind', [
  'county_museum',
  'school',
  'cultural_centre',
  'township_square',
  'resettlement_community',
]);

/** Administrative level a venue serves: the county seat, a township, or a village. */
export const venueLevel = pgEnum('venue_level', ['county', 'township', 'village']);

export const centreKind = pgEnum('centre_kind', ['provincial', 'sub']);

/** A roving-museum set moves by truck and stays weeks; a caravan kit travels inside its caravan. */
export const exhibitSetKind = pgEnum('exhibit_set_kind', ['roving_museum', 'caravan_kit']);

/** Caravan types I-IV (type IV: a van with about 24 exhibits) and the truck that moves a roving set. */
export const vehicleType = pgEnum('vehicle_type', ['caravan_i', 'caravan_ii', 'caravan_iii', 'caravan_iv', 'set_truck']);

export const userRole = pgEnum('user_role', ['coordinator', 'host', 'driver']);

/** requested → approved → scheduled → confirmed → completed, or declined / cancelled / unserved. */
export const requestStatus = pgEnum('request_status', [
  'requested',
  'approved',
  'scheduled',
  'confirmed',
  'completed',
  'declined',
  'cancelled',
  'unserved',
]);

export const planStatus = pgEnum('plan_status', ['draft', 'published', 'superseded', 'discarded']);

export const stopStatus = pgEnum('stop_status', ['planned', 'confirmed', 'arrived', 'completed', 'cancelled']);

export const runStatus = pgEnum('run_status', ['queued', 'running', 'succeeded', 'failed', 'cancelled']);
