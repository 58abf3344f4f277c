import { z } from 'zod';
import { IsoDate } from './common.js';

export const RunOptions = z
  .object({
    seconds: z.number().min(0.5).max(600).optional().describe('Solver time budget in seconds (default from ROVE_PLAN_SECONDS)'),
    iterations: z.number().int().min(1).max(10_000_000).optional().describe('Iteration budget instead of seconds: the same plan every time'),
    seed: z.number().int().min(0).max(2 ** 31).optional(),
    requireAllKeyCounties: z.boolean().optional().describe('Serve every key assistance county at least once'),
    movePublished: z.boolean().optional().describe('Let a re-plan move published stays that are not confirmed (default: they keep their dates)'),
  })
  .strict();

export const RunCreate = z
  .object({ horizonStart: IsoDate, horizonEnd: IsoDate, options: RunOptions.optional() })
  .refine((b) => b.horizonEnd >= b.horizonStart, { message: 'horizonEnd must not be before horizonStart', path: ['horizonEnd'] })
  .refine((b) => Date.parse(b.horizonEnd) - Date.parse(b.horizonStart) <= 800 * 86_400_000, { message: 'a horizon is at most about two years', path: ['horizonEnd'] });

export const Replan = z.object({ from: IsoDate, options: RunOptions.optional() });
export const Breakdown = z.object({ from: IsoDate, options: RunOptions.optional() });

export const RunProgress = z.object({
  phase: z.string(),
  iteration: z.number().optional(),
  bestCost: z.number().optional(),
  served: z.number().optional(),
  total: z.number().optional(),
  percent: z.number(),
});

export const Run = z.object({
  id: z.number().int(),
  regionId: z.number().int(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  horizonStart: z.string(),
  horizonEnd: z.string(),
  replanFrom: z.string().nullable(),
  basePlanId: z.number().int().nullable(),
  options: z.record(z.string(), z.unknown()),
  progress: z.record(z.string(), z.unknown()).nullable(),
  planId: z.number().int().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Run = z.infer<typeof Run>;

export const RunAccepted = z.object({ runId: z.number().int(), run: Run });

export const Leg = z.object({
  tourId: z.number().int(),
  vehicleId: z.number().int(),
  seq: z.number().int(),
  fromStopId: z.number().int().nullable(),
  toStopId: z.number().int().nullable(),
  distanceM: z.number().int(),
  driveMinutes: z.number().int(),
  restNights: z.number().int(),
});

const Reason = z.object({ code: z.string(), params: z.record(z.string(), z.unknown()).optional() });

export const Unserved = z.object({
  requestId: z.number().int(),
  reason: Reason,
  reasonText: z.string(),
  venueId: z.number().int(),
  venueName: z.string(),
  countyName: z.string(),
  countyCode: z.string(),
  priorityTier: z.enum(['key', 'former_poverty', 'other']),
  setKind: z.enum(['roving_museum', 'caravan_kit']),
  theme: z.string().nullable(),
  exhibitSetId: z.number().int().nullable(),
  windowStart: z.string(),
  windowEnd: z.string(),
  openDays: z.number().int(),
});

export const AdviceRequest = z
  .object({
    venueId: z.number().int().positive(),
    setKind: z.enum(['roving_museum', 'caravan_kit']),
    exhibitSetId: z.number().int().positive().nullable().optional(),
    theme: z.string().trim().min(1).max(100).nullable().optional(),
    windowStart: IsoDate,
    windowEnd: IsoDate,
    openDays: z.number().int().min(1).max(120),
  })
  .refine((b) => b.windowEnd >= b.windowStart, { message: 'windowEnd must not be before windowStart', path: ['windowEnd'] });

export const Advice = z.object({
  options: z.array(
    z.object({
      startsOn: z.string(),
      opensOn: z.string(),
      closesOn: z.string(),
      endsOn: z.string(),
      vehicleId: z.number().int(),
      vehicleName: z.string(),
      exhibitSetId: z.number().int(),
      exhibitSetName: z.string(),
    }),
  ),
  /** Why nothing fits, when options is empty. */
  reason: z.object({ code: z.string(), message: z.string() }).nullable(),
  provisionalYears: z.array(z.number().int()),
});

export const HolidayYear = z.object({
  year: z.number().int(),
  source: z.enum(['official', 'package', 'provisional']),
  days: z.array(z.object({ day: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() })),
});

export const HolidayUpload = z.object({
  days: z.array(z.object({ day: IsoDate, kind: z.enum(['holiday', 'workday']), name: z.string().max(50).default('') })).min(1).max(366),
});

export const RoadMatrixUpload = z.object({
  entries: z
    .array(
      z.object({
        from: z.string().regex(/^(venue|centre):\d+$/),
        to: z.string().regex(/^(venue|centre):\d+$/),
        distanceM: z.number().int().min(0).max(5_000_000),
        driveMinutes: z.number().int().min(0).max(10_000),
      }),
    )
    .min(1)
    .max(200_000),
});
