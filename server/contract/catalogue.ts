import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { centres, exhibitSets, regions, vehicles, venues } from '../db/schema/index.js';
import { IsoDate } from './common.js';

// One source of truth: the API's shapes are derived from the Drizzle tables, and the web client
// imports these types.

export const Region = createSelectSchema(regions).omit({ createdAt: true });
export type Region = z.infer<typeof Region>;

export const Centre = createSelectSchema(centres);
export type Centre = z.infer<typeof Centre>;

export const Venue = createSelectSchema(venues);
export type Venue = z.infer<typeof Venue>;

export const VenueQuery = z.object({
  regionId: z.coerce.number().int().positive().optional(),
  countyCode: z.string().regex(/^\d{6}$/).optional(),
  priorityTier: Venue.shape.priorityTier.optional(),
  q: z.string().trim().min(1).max(100).optional().describe('Search in venue and county names'),
});

const Weekdays = z.array(z.number().int().min(1).max(7)).min(1).max(7);

export const VenueCreate = createInsertSchema(venues, {
  countyCode: (s) => s.regex(/^\d{6}$/, '6-digit county code'),
  name: (s) => s.trim().min(1).max(200),
  lat: (s) => s.min(-90).max(90),
  lng: (s) => s.min(-180).max(180),
  floorAreaM2: (s) => s.positive(),
  powerKw: (s) => s.positive(),
  openWeekdays: Weekdays,
  retiredOn: IsoDate.nullable(),
}).omit({ isDemo: true });
export type VenueCreate = z.infer<typeof VenueCreate>;

export const ExhibitSet = createSelectSchema(exhibitSets);
export type ExhibitSet = z.infer<typeof ExhibitSet>;

export const Vehicle = createSelectSchema(vehicles).extend({
  exhibitSetIds: z.array(z.number().int()).describe('The exhibit sets this vehicle can carry'),
});
export type Vehicle = z.infer<typeof Vehicle>;

export const RegionScopedQuery = z.object({ regionId: z.coerce.number().int().positive().optional() });
