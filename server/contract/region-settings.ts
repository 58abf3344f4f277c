import { z } from 'zod';
import { IsoDate } from './common.js';

const vehicleTypes = ['caravan_i', 'caravan_ii', 'caravan_iii', 'caravan_iv', 'set_truck'] as const;
const venueKinds = ['county_museum', 'school', 'cultural_centre', 'township_square', 'resettlement_community'] as const;

/** An IANA time zone the runtime knows. */
export const TimeZone = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Asia/Shanghai');

/** A region's planning settings, as the coordinator reads and changes them. */
export const RegionSettings = z.object({
  timeZone: TimeZone,
  roadFactor: z.number().min(1).max(3).describe('Road distance = great-circle distance × this (about 1.3 in plains, 1.5 in mountains)'),
  averageSpeedKmh: z.number().positive().max(120),
  monthlySpeedKmh: z.array(z.number().positive().max(120)).length(12).nullable().describe('Average speed by month, January first; null: averageSpeedKmh all year'),
  dailyDriveMinutes: z.number().int().positive().max(960).describe('Most driving in one day (the crew’s day, 06:00-22:00)'),
  eveningLegMaxMinutes: z.number().int().min(0).max(300),
  maxConsecutiveWorkDays: z.number().int().min(1).max(31),
  noveltyMonths: z.number().int().min(0).max(240).describe('A county must not see a roving theme again within this many months'),
  kitNoveltyMonths: z.number().int().min(0).max(240).describe('A caravan kit must not return to a venue within this many months'),
  defaultTripDays: z
    .partialRecord(z.enum(vehicleTypes), z.number().int().positive().max(366))
    .describe('Trip limit in days for vehicles that set none, by type; a type left out: 30 days for caravans, a set truck a year (at least its longest set’s stay and the drive)'),
});
export type RegionSettings = z.infer<typeof RegionSettings>;
export const RegionSettingsPatch = RegionSettings.partial().strict();

export const Closure = z
  .object({
    startsOn: IsoDate,
    endsOn: IsoDate,
    venueKinds: z.array(z.enum(venueKinds)).min(1).max(5).nullable().describe('The venue kinds it closes; null: every venue of the region'),
    reason: z.string().trim().max(200),
  })
  .refine((c) => c.endsOn >= c.startsOn, { message: 'endsOn must not be before startsOn', path: ['endsOn'] });
export type Closure = z.infer<typeof Closure>;

export const ClosureYearParam = z.object({ regionId: z.coerce.number().int().positive().max(2_147_483_647), year: z.coerce.number().int().min(2004).max(2100) });
export const ClosureYear = z.object({ year: z.number().int(), closures: z.array(Closure) });
export const ClosureYearPut = z.object({ closures: z.array(Closure).max(200) });
