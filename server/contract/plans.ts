import { createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { stops } from '../db/schema/index.js';
import { IsoDate } from './common.js';

export const Stop = createSelectSchema(stops, {
  arrivedAt: z.iso.datetime({ offset: true }).nullable(),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Stop = z.infer<typeof Stop>;

export const StopCreate = z
  .object({
    vehicleId: z.number().int().positive(),
    exhibitSetId: z.number().int().positive(),
    venueId: z.number().int().positive(),
    requestId: z.number().int().positive().nullable().optional(),
    startsOn: IsoDate,
    opensOn: IsoDate,
    closesOn: IsoDate,
    endsOn: IsoDate,
    pinned: z.boolean().optional(),
  })
  .describe('A stay: set-up from startsOn, open opensOn..closesOn, tear-down done by endsOn (inclusive days)');
export type StopCreate = z.infer<typeof StopCreate>;

export const PlanStopsParams = z.object({ planId: z.coerce.number().int().positive() });
