import { createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { legs, plans, stops } from '../db/schema/index.js';
import { BodyId, Id, IsoDate, Paging } from './common.js';

export const Stop = createSelectSchema(stops, {
  arrivedAt: z.iso.datetime({ offset: true }).nullable(),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Stop = z.infer<typeof Stop>;

export const Leg = createSelectSchema(legs);
export type Leg = z.infer<typeof Leg>;

export const Plan = createSelectSchema(plans, {
  createdAt: z.iso.datetime({ offset: true }),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  metrics: z.record(z.string(), z.unknown()).nullable(),
}).describe('A plan; `revision` is also its ETag, which edits send back as If-Match');
export type Plan = z.infer<typeof Plan>;

export const PlanQuery = Paging(1000).extend({
  regionId: Id.optional(),
  status: Plan.shape.status.optional(),
});

const Dates = {
  startsOn: IsoDate,
  opensOn: IsoDate,
  closesOn: IsoDate,
  endsOn: IsoDate,
};

export const StopCreate = z
  .object({
    vehicleId: BodyId,
    exhibitSetId: BodyId,
    venueId: BodyId.optional().describe('The venue; taken from the request when requestId is given'),
    requestId: BodyId.nullable().optional().describe('Schedule this (approved or unserved) request'),
    ...Dates,
    pinned: z.boolean().optional(),
  })
  .describe('A stay: set-up from startsOn, open opensOn..closesOn, tear-down done by endsOn (inclusive days). Needs If-Match.');
export type StopCreate = z.infer<typeof StopCreate>;

export const StopEdit = z
  .object({
    startsOn: IsoDate.optional(),
    opensOn: IsoDate.optional(),
    closesOn: IsoDate.optional(),
    endsOn: IsoDate.optional(),
    vehicleId: BodyId.optional(),
    exhibitSetId: BodyId.optional(),
    pinned: z.boolean().optional(),
    decisionReason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('Needed to move a confirmed stay of the published plan: the coordinator’s reason, audited and told to the host and driver'),
  })
  .describe(
    'A checked edit (a drag on the calendar). Only startsOn given: the whole stay moves by that many days. ' +
      'Any other date given: those dates are set as sent. vehicleId / exhibitSetId: hand the stay to another vehicle or set.',
  );
export type StopEdit = z.infer<typeof StopEdit>;

export const EditResult = z.object({
  stop: Stop,
  legs: z.array(Leg).describe('The legs of the tours the edit touched, recomputed'),
  revision: z.number().int().describe('The plan’s new revision (also the ETag header)'),
});

export const IfMatchHeaders = z.object({
  'if-match': z.string().max(100).optional().describe('The plan revision the edit was made on, e.g. "7" (required; 428 without it)'),
});

export const PlanStopsParams = z.object({ planId: Id });
export const PlanStopParams = z.object({ planId: Id, stopId: Id });
