import { z } from 'zod';
import { IsoDate } from './common.js';

/** A region report's period; either end defaults to the current calendar year in the region's zone. */
export const ReportQuery = z
  .object({
    from: IsoDate.optional().describe('First day (inclusive); default 1 January of this year'),
    to: IsoDate.optional().describe('Last day (inclusive); default 31 December of this year'),
  })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { message: 'to must not be before from', path: ['to'] });

/** A region's figures for a period, from its published plan and the visit reports. */
export const RegionReport = z.object({
  regionId: z.number().int(),
  from: IsoDate,
  to: IsoDate,
  planId: z.number().int().nullable().describe('The published plan the figures come from'),
  stops: z.number().int(),
  activities: z.number().int().describe('Reported activities; 1 per stay not yet reported'),
  reportedStops: z.number().int(),
  visitors: z.number().int().describe('Reported attendance'),
  photos: z.number().int().describe('Photos of the period’s stays (proof of visit)'),
  stopsWithPhotos: z.number().int().describe('Stays with at least one photo'),
  lockedReports: z.number().int().describe('Visit reports the coordinator has locked as final'),
  kmDriven: z.number().int(),
  countiesReached: z.number().int(),
  keyCountiesReached: z.number().int(),
  keyCountiesTotal: z.number().int(),
  townshipShare: z.number().describe('Share of stays at township or village venues, 0..1'),
  caravanTownshipShare: z.number().nullable().describe('Share of caravan stays at township or village venues, 0..1 (target: caravanTargets.townshipShare); null without any'),
  caravanTargets: z
    .object({ daysOut: z.number().int(), km: z.number().int(), townshipShare: z.number() })
    .describe('The targets of national practice for the period: a caravan out daysOut days or km road km (120 days or 10,000 km a year, in proportion), and the share of caravan stays below the county seat'),
  daysOutPerVehicle: z.array(
    z
      .object({
        vehicleId: z.number().int(),
        name: z.string(),
        stops: z.number().int(),
        daysOut: z.number().int(),
        km: z.number().int(),
        caravan: z.boolean(),
        meetsTarget: z.boolean().nullable().describe('A caravan: out caravanTargets.daysOut days or caravanTargets.km km in the period; null for a set truck'),
      })
      .describe('Per vehicle: its stays in the period, days out, and road km by the same rule as kmDriven'),
  ),
  setsRepeatedAtCounty: z.number().int().describe('County-theme pairs a roving museum visited more than once (should be 0)'),
  repeatedSets: z.array(z.object({ countyCode: z.string(), theme: z.string(), stays: z.number().int() })),
  requestsByTier: z.array(z.object({ tier: z.enum(['key', 'former_poverty', 'other']), served: z.number().int(), unserved: z.number().int(), pending: z.number().int() })),
});

