import { z } from 'zod';
import { BodyId, IsoDate } from './common.js';
import { Plan } from './plans.js';

/** Where and when a stay is, with the names a coordinator reads. */
export const StayPlace = z.object({
  venueId: z.number().int(),
  venueName: z.string(),
  countyName: z.string(),
  vehicleId: z.number().int(),
  vehicleName: z.string(),
  exhibitSetId: z.number().int(),
  setCode: z.string(),
  startsOn: IsoDate,
  opensOn: IsoDate,
  closesOn: IsoDate,
  endsOn: IsoDate,
});

const Reason = z.object({ code: z.string(), params: z.record(z.string(), z.unknown()).optional(), text: z.string() });

export const StayChange = z.object({
  kind: z.enum(['added', 'moved', 'reassigned', 'removed']),
  stopId: z.number().int().nullable().describe('The stay on the timeline (null: a stay the draft adds)'),
  draftStopId: z.number().int().nullable(),
  requestId: z.number().int().nullable(),
  status: z.enum(['planned', 'confirmed', 'arrived', 'completed', 'cancelled']).describe('Its status on the timeline now'),
  before: StayPlace.nullable(),
  after: StayPlace.nullable(),
  reason: Reason.nullable().describe('Why it changes, in words'),
  needsDecision: z.boolean().describe('A confirmed stay: publish refuses it unless accepted with a reason'),
});
export type StayChange = z.infer<typeof StayChange>;

export const SkippedProposal = z.object({
  draftStopId: z.number().int(),
  stopId: z.number().int().nullable(),
  requestId: z.number().int().nullable(),
  reason: Reason,
});

/** What publishing a draft would change on its region's timeline, and who would be told. */
export const PlanDiff = z.object({
  timelinePlanId: z.number().int().nullable(),
  horizonStart: IsoDate,
  horizonEnd: IsoDate,
  added: z.array(StayChange),
  moved: z.array(StayChange),
  reassigned: z.array(StayChange),
  removed: z.array(StayChange),
  conflicts: z.array(StayChange).describe('Changes to confirmed stays, each needing an explicit decision'),
  skipped: z.array(SkippedProposal).describe('Proposals publishing leaves out: facts, or requests no longer open'),
  notify: z.object({ hosts: z.number().int(), drivers: z.number().int(), venues: z.number().int(), vehicles: z.number().int() }),
});
export type PlanDiff = z.infer<typeof PlanDiff>;

export const PublishBody = z
  .object({
    accept: z
      .array(z.object({ stopId: BodyId, reason: z.string().trim().min(1).max(500) }))
      .max(5000)
      .optional()
      .describe('Confirmed stays the coordinator lets move or go, each with the reason the host and driver are told'),
  })
  .nullish();

export const PublishResult = z.object({
  plan: Plan,
  version: z.number().int(),
  summary: z.object({ added: z.number().int(), moved: z.number().int(), reassigned: z.number().int(), removed: z.number().int(), decided: z.number().int(), skipped: z.number().int() }),
});

/** One published version of a region's timeline. */
export const Publication = z.object({
  version: z.number().int(),
  draftPlanId: z.number().int(),
  horizonStart: IsoDate,
  horizonEnd: IsoDate,
  summary: z.record(z.string(), z.number()),
  publishedBy: z.number().int().nullable(),
  publishedAt: z.iso.datetime({ offset: true }),
});

export const HistoryImport = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  content: z.string().min(1).max(20_000_000).describe('The CSV text, or the .xlsx file in base64'),
});

/** One past stay of a history file (CSV header names; an .xlsx sheet has the same header row). */
export const HistoryRow = z.object({
  venue: z.string().trim().min(1).max(200).describe('The venue: its id, or its name as in the catalogue'),
  vehicle: z.string().trim().min(1).max(100).describe('The vehicle: its id, name or plate'),
  set: z.string().trim().min(1).max(100).describe('The exhibit set or kit: its id or its code'),
  startsOn: IsoDate.describe('First day of set-up'),
  opensOn: IsoDate.optional().describe('First open day (default: after the set’s set-up days)'),
  closesOn: IsoDate.optional().describe('Last open day (default: before the set’s tear-down days)'),
  endsOn: IsoDate.describe('Last day of tear-down'),
  attendance: z.coerce.number().int().min(0).max(10_000_000).optional().describe('Visitors, if known: stored as its visit report'),
});

export const HistoryImportResult = z.object({ imported: z.number().int(), planId: z.number().int() });
