import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { centres, drivers, exhibitSets, regions, vehicles, venueBlackouts, venues } from '../db/schema/index.js';
import { BodyId, Id, IsoDate, Paging } from './common.js';

// One source of truth: the API's shapes are derived from the Drizzle tables, and the web client
// imports these types. Create shapes omit what the server sets (ids, demo flags); update shapes
// are the create shapes made partial, minus the region (a row never moves between regions).

const Name = (s: z.ZodString) => s.trim().min(1).max(200);
const Text = (s: z.ZodString) => s.max(500);
const CountyCode = (s: z.ZodString) => s.regex(/^\d{6}$/, '6-digit county code');
const Weekdays = z.array(z.number().int().min(1).max(7)).min(1).max(7);
/** A centre's own code for a row (unique within its region; a second region may reuse it). */
const Code = (s: z.ZodString) => s.trim().min(1).max(50);

export const Region = createSelectSchema(regions).omit({ createdAt: true, defaultTripDays: true });
export type Region = z.infer<typeof Region>;

export const Centre = createSelectSchema(centres);
export type Centre = z.infer<typeof Centre>;
export const CentreCreate = createInsertSchema(centres, {
  regionId: BodyId,
  code: Code,
  name: Name,
  countyCode: CountyCode,
  address: Text,
  lat: (s) => s.min(-90).max(90),
  lng: (s) => s.min(-180).max(180),
}).omit({ isDemo: true });
export const CentreUpdate = CentreCreate.omit({ regionId: true }).partial();

export const Venue = createSelectSchema(venues);
export type Venue = z.infer<typeof Venue>;

export const VenueQuery = Paging(1000).extend({
  regionId: Id.optional(),
  countyCode: z.string().regex(/^\d{6}$/).optional(),
  priorityTier: Venue.shape.priorityTier.optional(),
  q: z.string().trim().min(1).max(100).optional().describe('Search in venue and county names'),
});

export const VenueCreate = createInsertSchema(venues, {
  regionId: BodyId,
  code: Code,
  countyCode: CountyCode,
  countyName: Name,
  name: Name,
  address: Text,
  contactName: (s) => s.max(100),
  contactPhone: (s) => s.max(50),
  lat: (s) => s.min(-90).max(90),
  lng: (s) => s.min(-180).max(180),
  floorAreaM2: (s) => s.positive().max(1_000_000),
  powerKw: (s) => s.min(0).max(100_000).describe('kW; 0 = no power at the venue'),
  openWeekdays: Weekdays.optional(),
  retiredOn: IsoDate.nullable().optional(),
}).omit({ isDemo: true });
export type VenueCreate = z.infer<typeof VenueCreate>;
export const VenueUpdate = VenueCreate.omit({ regionId: true }).partial();
/** One row of a venue import (CSV columns or GeoJSON properties; the region comes from the query). */
export const VenueImportRow = VenueCreate.omit({ regionId: true });

export const VenueImportQuery = z.object({
  regionId: Id.optional(),
  format: z.enum(['csv', 'geojson']).optional().describe('Default: from the Content-Type (text/csv, application/geo+json)'),
});
export const VenueImportResult = z.object({ imported: z.number().int(), venueIds: z.array(z.number().int()) });
export const ImportRowError = z.object({
  line: z.number().int().describe('CSV line (the header is line 1) or GeoJSON feature number (from 1)'),
  field: z.string(),
  message: z.string(),
});

export const ExhibitSet = createSelectSchema(exhibitSets);
export type ExhibitSet = z.infer<typeof ExhibitSet>;
const days = (s: z.ZodNumber) => s.int().min(0).max(366);
export const ExhibitSetCreate = createInsertSchema(exhibitSets, {
  regionId: BodyId,
  homeCentreId: BodyId,
  code: Code,
  name: Name,
  theme: Name,
  footprintM2: (s) => s.positive().max(100_000),
  powerKw: (s) => s.min(0).max(10_000),
  exhibitCount: (s) => s.int().positive().max(10_000),
  setupDays: days,
  teardownDays: days,
  minStayDays: (s) => s.int().positive().max(366),
  maxStayDays: (s) => s.int().positive().max(366),
  openWeekdays: Weekdays.optional(),
  condition: (s) => s.max(100),
  retiredOn: IsoDate.nullable().optional(),
}).omit({ isDemo: true });
export const ExhibitSetUpdate = ExhibitSetCreate.omit({ regionId: true }).partial();

export const Vehicle = createSelectSchema(vehicles).extend({
  exhibitSetIds: z.array(z.number().int()).describe('The exhibit sets this vehicle can carry'),
});
export type Vehicle = z.infer<typeof Vehicle>;
export const VehicleCreate = createInsertSchema(vehicles, {
  regionId: BodyId,
  homeCentreId: BodyId,
  code: Code,
  name: Name,
  plate: (s) => s.max(30),
  dailyDriveMinutes: (s) => s.int().positive().max(24 * 60),
  maxTripDays: (s) => s.int().positive().max(366).describe('Null or left out: the region’s default for the type (a set truck: a year, at least its longest set’s stay and the drive)'),
  availableFrom: IsoDate.nullable().optional(),
  availableUntil: IsoDate.nullable().optional(),
  retiredOn: IsoDate.nullable().optional(),
})
  .omit({ isDemo: true })
  .extend({ exhibitSetIds: z.array(BodyId).max(100).optional() });
export const VehicleUpdate = VehicleCreate.omit({ regionId: true }).partial();

export const Driver = createSelectSchema(drivers);
export const DriverCreate = createInsertSchema(drivers, {
  regionId: BodyId,
  code: Code,
  name: Name,
  phone: (s) => s.max(50),
  vehicleId: BodyId.nullable().optional(),
}).omit({ isDemo: true, userId: true });
export const DriverUpdate = DriverCreate.omit({ regionId: true }).partial();

export const Blackout = createSelectSchema(venueBlackouts);
export const BlackoutCreate = createInsertSchema(venueBlackouts, {
  startsOn: IsoDate,
  endsOn: IsoDate,
  reason: Text,
}).omit({ venueId: true });

/** A list of the caller's region (or one of them), 1000 rows a page unless asked (Link rel="next"). */
export const RegionScopedQuery = Paging(1000).extend({ regionId: Id.optional() });
